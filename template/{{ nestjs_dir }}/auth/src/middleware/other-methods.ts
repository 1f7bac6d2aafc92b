import type { Application, RequestHandler } from "express";
import { HttpProblem } from "../http/problem.js";

interface RouteLayer {
  match(path: string): boolean;
  route?: { methods: Record<string, boolean> };
}

/** The methods of the application's routes that match `path`; Nest registers its routes on Express's router. */
function methodsAt(app: Application, path: string): Set<string> {
  const methods = new Set<string>();
  const layers = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
  for (const layer of layers) {
    if (!layer.route || !layer.match(path)) continue;
    for (const method of Object.keys(layer.route.methods)) {
      if (method !== "_all") methods.add(method.toUpperCase());
    }
  }
  if (methods.has("GET")) methods.add("HEAD");
  return methods;
}

/**
 * A path the application answers with other methods answers 405 with `Allow`, as HTTP has it,
 * rather than falling through to the 404 of an unknown path.
 */
export const refuseOtherMethods: RequestHandler = (req, res, next) => {
  if (req.method === "OPTIONS") {
    next();
    return;
  }
  // The whole path: Nest mounts middleware on a prefix, which Express strips from `req.path`.
  const methods = methodsAt(req.app, req.baseUrl + req.path);
  if (methods.size === 0 || methods.has(req.method)) {
    next();
    return;
  }
  const allow = [...methods].sort().join(", ");
  res.setHeader("Allow", allow);
  throw new HttpProblem(405, "method_not_allowed", `${req.method} is not supported here; use ${allow}.`);
};
