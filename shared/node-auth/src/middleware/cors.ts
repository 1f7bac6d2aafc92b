import type { RequestHandler } from "express";

/** CORS for an allowlist of exact origins; any other Origin gets no CORS headers at all. */
export function cors(allowedOrigins: string[], credentials: boolean): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.get("origin");
    res.vary("Origin");
    if (!origin || !allowed.has(origin)) {
      next();
      return;
    }
    res.setHeader("Access-Control-Allow-Origin", origin);
    if (credentials) res.setHeader("Access-Control-Allow-Credentials", "true");
    if (req.method === "OPTIONS" && req.get("access-control-request-method")) {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE");
      res.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, X-CSRF-Token");
      res.setHeader("Access-Control-Max-Age", "600");
      res.status(204).end();
      return;
    }
    next();
  };
}
