import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from "express-rate-limit";
import type { AppContext } from "../context.js";
import { HttpProblem } from "../http/problem.js";
import { sendProblem } from "../http/respond.js";

export type LimitName = "LOGIN" | "MFA" | "RESET" | "DEVICE" | "REGISTER";

interface LimitOptions {
  /**
   * Count only failed attempts, as for login and code checks. A 403 is no failed guess: the
   * secret was right and another step is due (verify the email, give consent).
   */
  failuresOnly: boolean;
}

/** An attempt that ended in a server error (a database outage among them) was never a guess. */
const serverError = (res: Response): boolean => res.statusCode >= 500;

function limiter(
  ctx: AppContext,
  name: LimitName,
  scope: "account" | "ip",
  key: (req: Request, res: Response) => string,
  options: LimitOptions,
): RequestHandler {
  const limits = ctx.config.limits;
  const limit = scope === "ip" ? limits[`RATE_LIMIT_${name}_PER_IP`] : limits[`RATE_LIMIT_${name}_PER_EMAIL`];
  const windowSeconds = limits[`RATE_LIMIT_${name}_WINDOW_SECONDS`];
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit,
    // A request naming no account (a body without an email, a usernameless passkey login) is limited
    // per IP alone: one shared counter for all of them would let a few bad bodies lock out everyone.
    skip: (req, res) => limit <= 0 || key(req, res) === "",
    store: ctx.limitStore(`rl:${name.toLowerCase()}:${scope}:`),
    keyGenerator: key,
    // Either way the slot of an attempt that ended in a server error is given back.
    ...(options.failuresOnly
      ? {
          skipSuccessfulRequests: true,
          requestWasSuccessful: (_req: Request, res: Response) =>
            res.statusCode < 400 || res.statusCode === 403 || serverError(res),
        }
      : { skipFailedRequests: true, requestWasSuccessful: (_req: Request, res: Response) => !serverError(res) }),
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (req, res) => {
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const resetTime = info?.resetTime?.getTime() ?? Date.now() + windowSeconds * 1000;
      const retryAfter = Math.max(1, Math.ceil((resetTime - Date.now()) / 1000));
      sendProblem(
        res,
        new HttpProblem(
          429,
          "rate_limited",
          "Too many attempts; try again later.",
          {},
          { "Retry-After": String(retryAfter) },
        ),
      );
    },
  });
}

function emailKey(req: Request): string {
  const body = req.body as Record<string, unknown> | undefined;
  const email = typeof body?.email === "string" ? body.email : "";
  return email.normalize("NFKC").trim().toLowerCase();
}

const ipKey = (req: Request): string => ipKeyGenerator(req.ip ?? "");

/**
 * Per account (email or user) and per IP counters; both must pass. Counters are atomic in either
 * store. While Redis is down every limit fails closed: the request is answered 503 at once.
 */
export function rateLimits(
  ctx: AppContext,
  name: LimitName,
  options: LimitOptions,
  accountKey: (req: Request, res: Response) => string = emailKey,
): RequestHandler[] {
  return [limiter(ctx, name, "ip", ipKey, options), limiter(ctx, name, "account", accountKey, options)];
}
