import type { NextFunction, Request, RequestHandler, Response } from "express";
import { errorHandler } from "../middleware/errors.js";

/**
 * Runs an Express middleware of the auth so that what it throws or rejects with is answered as a
 * problem document by the auth itself, never by the application's exception filters.
 */
export function answered(handler: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const fail = (error: unknown) => {
      errorHandler(error, req, res, next);
    };
    try {
      const result: unknown = handler(req, res, (error?: unknown) => {
        if (error) fail(error);
        else next();
      });
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}
