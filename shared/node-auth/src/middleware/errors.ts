import { isUtf8 } from "node:buffer";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { HttpProblem, notFound, serviceUnavailable } from "../http/problem.js";
import { sendProblem } from "../http/respond.js";
import { unavailableDependency } from "../services/dependencies.js";

/** body-parser's errors carry a 4xx status and a `type`; they map to problems, never to a 500. */
function parserProblem(error: { status?: number; type?: string }): HttpProblem | null {
  switch (error.type) {
    case "entity.too.large":
      return new HttpProblem(413, "payload_too_large", "The request body is too large.");
    case "entity.parse.failed":
      return new HttpProblem(400, "validation_error", "The request body is not valid JSON.", {
        errors: [{ field: "body", message: "must be valid JSON" }],
      });
    case "encoding.unsupported":
    case "charset.unsupported":
      return new HttpProblem(415, "unsupported_media_type", "Send the body as UTF-8 JSON.");
    default:
      if (error.status && error.status >= 400 && error.status < 500) {
        return new HttpProblem(400, "validation_error", "The request could not be read.");
      }
      return null;
  }
}

/** body-parser would read invalid UTF-8 as U+FFFD; such a body is refused instead. */
export function refuseInvalidUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error("invalid UTF-8"), { status: 400, type: "entity.parse.failed" });
}

/**
 * PostgreSQL can neither store nor compare a NUL character: a path holding one names no
 * resource (404, as a route that does not match), a query string holding one is bad input.
 */
export const refuseNulInUrl: RequestHandler = (req, _res, next) => {
  const [path = "", query = ""] = req.originalUrl.split("?", 2);
  if (path.includes("%00")) throw notFound("No route matches this request.");
  if (query.includes("%00")) {
    throw new HttpProblem(400, "validation_error", "The query string holds a NUL character.", {
      errors: [{ field: "query", message: "must not contain NUL characters" }],
    });
  }
  next();
};

/** Text the database refuses to hold (SQLSTATE 22021, 22P05) is bad input that got past validation. */
function databaseInputProblem(error: { code?: unknown }): HttpProblem | null {
  if (error.code !== "22021" && error.code !== "22P05") return null;
  return new HttpProblem(400, "validation_error", "The request holds characters that cannot be stored.");
}

const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** TRACE, CONNECT and invented methods get 405 before any route sees them. */
export const refuseUnknownMethods: RequestHandler = (req, res, next) => {
  if (knownMethods.has(req.method)) {
    next();
    return;
  }
  res.setHeader("Allow", "GET, POST, PATCH, DELETE");
  throw new HttpProblem(405, "method_not_allowed", `${req.method} is not supported.`);
};

/** A state-changing request with a body must send it as JSON (also a CSRF defence for simple forms). */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get("content-length") ?? 0) > 0 || req.get("transfer-encoding") !== undefined;
  if (hasBody && req.method !== "GET" && req.method !== "HEAD" && !req.is("application/json")) {
    throw new HttpProblem(415, "unsupported_media_type", "Send the body as application/json.");
  }
  next();
};

export const notFoundHandler: RequestHandler = () => {
  throw notFound(`No route matches this request.`);
};

export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof HttpProblem) {
    sendProblem(res, error);
    return;
  }
  const parsed =
    typeof error === "object" && error !== null ? (parserProblem(error) ?? databaseInputProblem(error)) : null;
  if (parsed) {
    sendProblem(res, parsed);
    return;
  }
  const dependency = unavailableDependency(error);
  if (dependency) {
    console.error(`${dependency} unavailable: ${error instanceof Error ? error.message : String(error)}`);
    sendProblem(res, serviceUnavailable());
    return;
  }
  console.error(error);
  sendProblem(res, new HttpProblem(500, "internal_error", "Something went wrong on our side."));
};
