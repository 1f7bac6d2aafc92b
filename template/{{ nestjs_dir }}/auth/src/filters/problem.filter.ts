import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import type { NextFunction, Request, Response } from "express";
import { ProblemException } from "../http/problem-exception.js";
import { HttpProblem, notFound, type ProblemCode } from "../http/problem.js";
import { errorHandler } from "../middleware/errors.js";

const codes: Record<number, ProblemCode> = {
  400: "validation_error",
  401: "token_invalid",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "service_unavailable",
};

/** Nest's own exceptions (a route that does not match, a pipe's refusal) as problem documents too. */
function fromNest(exception: HttpException): HttpProblem {
  if (exception instanceof ProblemException) return exception.problem;
  const status = exception.getStatus();
  if (status === 404) return notFound("No route matches this request.");
  return new HttpProblem(status, codes[status] ?? "internal_error", exception.message);
}

/**
 * Answers every error of the auth's routes and guards as an RFC 9457 problem document
 * (application/problem+json), and hides the detail of unexpected errors behind a 500.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const error = exception instanceof HttpException ? fromNest(exception) : exception;
    errorHandler(error, http.getRequest<Request>(), http.getResponse<Response>(), http.getNext<NextFunction>());
  }
}
