import cookieParser from "cookie-parser";
import express, { type RequestHandler } from "express";
import { transport } from "./config/settings.js";
import type { AppContext } from "./context.js";
import { features } from "./features/index.js";
import { refuseOtherMethods, Router } from "./http/router.js";
import { cors } from "./middleware/cors.js";
import {
  errorHandler,
  notFoundHandler,
  refuseInvalidUtf8,
  refuseNulInUrl,
  refuseUnknownMethods,
  requireJsonBody,
} from "./middleware/errors.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { authRoutes } from "./routes/auth.js";
import { healthRoutes } from "./routes/health.js";
import { passwordRoutes } from "./routes/password.js";

export interface AuthRouters {
  /** Answers the auth's own paths (/auth and those of this mode's features) and passes every other request on. */
  router: RequestHandler;
  /** Answers every request, /health included: the whole service when the application is nothing but the auth. */
  service: RequestHandler;
  /** GET /health alone. */
  health: RequestHandler;
  /** The path prefixes `router` answers (a path and what lies under it). */
  paths: readonly string[];
}

/**
 * The auth's headers, CORS, body parser, cookie parser, CSRF check, 404 and error documents apply
 * to its own requests only: an application that mounts `router` keeps its own for the rest.
 */
export function authRouters(ctx: AppContext): AuthRouters {
  const routes: Record<string, RequestHandler> = {
    "/auth": authRoutes(ctx),
    "/auth/password": passwordRoutes(ctx),
  };
  const paths = ["/auth"];
  for (const feature of features) {
    const featureRoutes = feature.routes?.(ctx) ?? {};
    Object.assign(routes, featureRoutes);
    paths.push(...(feature.paths ?? Object.keys(featureRoutes)));
  }

  for (const handler of Object.values(routes)) {
    if ("stack" in handler) refuseOtherMethods(handler as Router);
  }

  const service = Router();
  service.use(securityHeaders());
  service.use(refuseUnknownMethods);
  service.use(refuseNulInUrl);
  service.use(requireJsonBody);
  service.use(cors(ctx.config.corsOrigins, transport === "cookie"));
  service.use(express.json({ limit: "16kb", strict: true, verify: refuseInvalidUtf8 }));
  service.use(cookieParser());
  for (const feature of features) feature.guard?.(service, ctx);
  service.use(healthRoutes(ctx));
  for (const [path, handler] of Object.entries(routes)) service.use(path, handler);
  service.use(notFoundHandler);
  service.use(errorHandler);

  const owns = (path: string) => paths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  const router: RequestHandler = (req, res, next) => {
    if (owns(req.path)) service(req, res, next);
    else next();
  };
  ctx.outbox.start();
  return { router, service, health: healthRoutes(ctx), paths };
}
