import type { RequestHandler } from "express";
import { loadDotEnv } from "./config/env.js";
import { loadConfig, type Config } from "./config/index.js";
import { authRouters, type AuthRouters } from "./router.js";
import { startRuntime } from "./runtime.js";

export { ConfigError } from "./config/env.js";
export { answerClientErrors } from "./http/client-errors.js";
export type { Config } from "./config/index.js";

export interface Auth {
  /** Mount it first, `app.use(auth.router)`: it answers the auth's paths and passes every other request on. */
  router: RequestHandler;
  /** The whole auth service, /health and the 404 document included, for an application that is nothing else. */
  service: RequestHandler;
  /** GET /health and /health/ready, for an application that mounts them with `app.use(auth.health)`. */
  health: RequestHandler;
  config: Config;
  /** Resolves once the database and the rate-limit store are connected; rejects when they cannot be. */
  ready: Promise<void>;
  /** Closes its database connection, rate-limit store and mailer. */
  close: () => Promise<void>;
}

/**
 * The auth feature, configured from the environment (and `.env` of the working folder, when there
 * is one). Throws ConfigError with one line saying what is missing, so the application refuses to
 * start rather than serve a half-configured auth.
 */
export function createAuth(): Auth {
  loadDotEnv();
  const config = loadConfig();
  const started = startRuntime(config).then((runtime) => ({ runtime, routers: authRouters(runtime.ctx) }));
  started.catch((error: unknown) => {
    console.error("auth: could not start:", error);
  });
  const delegate =
    (pick: (routers: AuthRouters) => RequestHandler): RequestHandler =>
    (req, res, next) => {
      started.then(({ routers }) => pick(routers)(req, res, next), next);
    };
  return {
    router: delegate((routers) => routers.router),
    service: delegate((routers) => routers.service),
    health: delegate((routers) => routers.health),
    config,
    ready: started.then(() => undefined),
    close: () => started.then(({ runtime }) => runtime.close()),
  };
}
