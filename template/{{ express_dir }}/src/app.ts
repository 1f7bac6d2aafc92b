import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import { transport } from "./config/settings.js";
import type { AppContext } from "./context.js";
import { features } from "./features/index.js";
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

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", ctx.config.trustedProxies.length > 0 ? ctx.config.trustedProxies : false);
  app.set("etag", false);

  app.use(securityHeaders());
  app.use(refuseUnknownMethods);
  app.use(refuseNulInUrl);
  app.use(requireJsonBody);
  app.use(cors(ctx.config.corsOrigins, transport === "cookie"));
  app.use(express.json({ limit: "16kb", strict: true, verify: refuseInvalidUtf8 }));
  app.use(cookieParser());
  for (const feature of features) feature.guard?.(app, ctx);

  app.use(healthRoutes(ctx));
  app.use("/auth", authRoutes(ctx));
  app.use("/auth/password", passwordRoutes(ctx));
  for (const feature of features) {
    for (const [path, router] of Object.entries(feature.routes?.(ctx) ?? {})) app.use(path, router);
  }

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
