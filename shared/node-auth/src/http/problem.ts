import { RETRY_AFTER_SECONDS } from "../services/dependencies.js";

export type ProblemCode =
  | "validation_error"
  | "invalid_credentials"
  | "rate_limited"
  | "token_invalid"
  | "token_expired"
  | "session_revoked"
  | "mfa_required"
  | "mfa_invalid"
  | "email_unverified"
  | "consent_required"
  | "forbidden"
  | "not_found"
  | "csrf_failed"
  | "weak_password"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "method_not_allowed"
  | "internal_error"
  | "service_unavailable";

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export interface FieldError {
  field: string;
  message: string;
}

/** An error answered as an RFC 9457 problem document; `extra` members are added to the body. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return {
      type: `about:blank`,
      title: titles[this.status] ?? "Error",
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...this.extra,
    };
  }
}

export function validationProblem(errors: FieldError[]): HttpProblem {
  const detail = errors.map((error) => `${error.field}: ${error.message}`).join("; ");
  return new HttpProblem(400, "validation_error", detail, { errors });
}

export const unauthenticated = (detail = "Authentication is required."): HttpProblem =>
  new HttpProblem(401, "token_invalid", detail);

export const forbidden = (detail = "You are not allowed to do this."): HttpProblem =>
  new HttpProblem(403, "forbidden", detail);

export const notFound = (detail = "Nothing here."): HttpProblem => new HttpProblem(404, "not_found", detail);

export const serviceUnavailable = (extra: Record<string, unknown> = {}): HttpProblem =>
  new HttpProblem(503, "service_unavailable", "The service is briefly unavailable; try again shortly.", extra, {
    "Retry-After": String(RETRY_AFTER_SECONDS),
  });
