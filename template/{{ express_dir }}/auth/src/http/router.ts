import {
  Router as expressRouter,
  type NextFunction,
  type Request,
  type Response,
  type Router as ExpressRouter,
} from "express";

export type Router = ExpressRouter;

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

/**
 * Express 5 hands a rejected handler's error to the error handler; Express 4, which a host may run,
 * leaves the request hanging. Every handler of the auth goes through this, so both behave like 5.
 */
function settled(handler: unknown): unknown {
  if (typeof handler !== "function" || handler.length === 4) return handler;
  const run = handler as Handler;
  return (req: Request, res: Response, next: NextFunction) => {
    const result = run(req, res, next);
    if (result instanceof Promise) result.catch(next);
  };
}

const registrations = ["all", "delete", "get", "patch", "post", "put", "use"] as const;

/** An Express router whose handlers may be async, in an Express 4 or 5 application alike. */
export function Router(): Router {
  const router = expressRouter();
  for (const method of registrations) {
    const register = router[method].bind(router) as (...args: unknown[]) => Router;
    Object.assign(router, { [method]: (...args: unknown[]) => register(...args.map(settled)) });
  }
  return router;
}
