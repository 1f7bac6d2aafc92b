import {
  Router as expressRouter,
  type NextFunction,
  type Request,
  type Response,
  type Router as ExpressRouter,
} from "express";

import { HttpProblem } from "./problem.js";

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

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/**
 * A path the router answers with other methods answers 405 with `Allow`, as HTTP has it, rather
 * than falling through to the 404 of an unknown path. Call it once every route is registered.
 */
export function refuseOtherMethods(router: Router): void {
  const allowed = new Map<string, Set<string>>();
  for (const layer of router.stack as RouteLayer[]) {
    if (typeof layer.route?.path !== "string") continue;
    const methods = allowed.get(layer.route.path) ?? new Set<string>();
    for (const method of Object.keys(layer.route.methods)) {
      if (method !== "_all") methods.add(method.toUpperCase());
    }
    if (methods.has("GET")) methods.add("HEAD");
    allowed.set(layer.route.path, methods);
  }
  for (const [path, methods] of allowed) {
    const allow = [...methods].sort().join(", ");
    router.all(path, (req, res) => {
      res.setHeader("Allow", allow);
      throw new HttpProblem(405, "method_not_allowed", `${req.method} is not supported here; use ${allow}.`);
    });
  }
}

/** An Express router whose handlers may be async, in an Express 4 or 5 application alike. */
export function Router(): Router {
  const router = expressRouter();
  for (const method of registrations) {
    const register = router[method].bind(router) as (...args: unknown[]) => Router;
    Object.assign(router, { [method]: (...args: unknown[]) => register(...args.map(settled)) });
  }
  return router;
}
