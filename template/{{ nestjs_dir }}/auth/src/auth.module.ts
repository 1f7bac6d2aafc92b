import {
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from "@nestjs/common";
import cookieParser from "cookie-parser";
import express from "express";
import { AUTH_CONTEXT, AUTH_OPTIONS, AUTH_RUNTIME } from "./auth.constants.js";
import { loadDotEnv } from "./config/env.js";
import { loadConfig, type Config } from "./config/index.js";
import { transport } from "./config/settings.js";
import { AuthController } from "./controllers/auth.controller.js";
import { HealthController } from "./controllers/health.controller.js";
import { PasswordController } from "./controllers/password.controller.js";
import { features } from "./features/index.js";
import { AuthGuard } from "./guards/auth.guard.js";
import { featureModules } from "./modules/index.js";
import { answered } from "./http/answered.js";
import { cors } from "./middleware/cors.js";
import { refuseInvalidUtf8, refuseNulInUrl, refuseUnknownMethods, requireJsonBody } from "./middleware/errors.js";
import { limitPosts } from "./middleware/limit-routes.js";
import { refuseOtherMethods } from "./middleware/other-methods.js";
import { rateLimits } from "./middleware/rate-limit.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { startRuntime, type Runtime } from "./runtime.js";

export interface AuthModuleOptions {
  /** The configuration; read from the environment (and `.env` of the working folder) when absent. */
  config?: Config;
  /**
   * The application is the auth service alone: its headers, body parser and method checks cover
   * every path, not only the auth's own. An existing application leaves this off.
   */
  wholeApplication?: boolean;
  /** Serve GET /health and /health/ready (default true); off where the application has its own. */
  health?: boolean;
  /** Where auth events are written (one line each); the console by default. */
  log?: (line: string) => void;
}

/** The path prefixes the auth answers: its middleware covers these and leaves the application's own. */
function authPaths(health: boolean): string[] {
  const prefixes = ["auth", ...(health ? ["health"] : [])];
  for (const feature of features) prefixes.push(...(feature.paths ?? []).map((path) => path.replace(/^\//, "")));
  return prefixes.flatMap((prefix) => [prefix, `${prefix}/{*rest}`]);
}

/**
 * The auth feature as a Nest module: `imports: [AuthModule.forRoot()]`. It exports AuthGuard and
 * the AUTH_CONTEXT provider (global), so any controller of the application can use
 * `@UseGuards(AuthGuard)` and `@CurrentUser()`. This mode's capabilities are the modules of
 * src/modules/index.ts.
 */
@Module({})
export class AuthModule implements NestModule, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(AUTH_RUNTIME) private readonly runtime: Runtime,
    @Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions,
  ) {}

  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const health = options.health ?? true;
    return {
      module: AuthModule,
      global: true,
      imports: [...featureModules],
      controllers: [AuthController, PasswordController, ...(health ? [HealthController] : [])],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        {
          provide: AUTH_RUNTIME,
          useFactory: () => {
            if (options.config) return startRuntime(options.config, options.log);
            loadDotEnv();
            return startRuntime(loadConfig(), options.log);
          },
        },
        { provide: AUTH_CONTEXT, useFactory: (runtime: Runtime) => runtime.ctx, inject: [AUTH_RUNTIME] },
        AuthGuard,
      ],
      exports: [AUTH_CONTEXT, AuthGuard],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    const { ctx } = this.runtime;
    const paths = this.options.wholeApplication ? ["{*all}"] : authPaths(this.options.health ?? true);
    const middleware = [
      ...securityHeaders(),
      refuseUnknownMethods,
      refuseNulInUrl,
      requireJsonBody,
      cors(ctx.config.corsOrigins, transport === "cookie"),
      express.json({ limit: "16kb", strict: true, verify: refuseInvalidUtf8 }),
      cookieParser(),
      ...features.flatMap((feature) => feature.middleware?.(ctx) ?? []),
      refuseOtherMethods,
    ];
    consumer.apply(...middleware.map(answered)).forRoutes(...paths);
    limitPosts(consumer, rateLimits(ctx, "REGISTER", { failuresOnly: false }), "auth/register");
    limitPosts(consumer, rateLimits(ctx, "LOGIN", { failuresOnly: true }), "auth/login");
    limitPosts(consumer, rateLimits(ctx, "RESET", { failuresOnly: false }), "auth/password/forgot");
  }

  /** The outbox worker (src/services/outbox.ts) runs once every controller has registered its tasks. */
  onApplicationBootstrap(): void {
    this.runtime.ctx.outbox.start();
  }

  /** Stops the outbox worker, after its running job, before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}
