import type { AppContext } from "../context.js";
import { Router } from "../http/router.js";
import { serviceUnavailable } from "../http/problem.js";
import { sendProblem } from "../http/respond.js";
import { checkDependencies } from "../services/dependencies.js";

/** `/health` says the process is alive; `/health/ready` whether its dependencies answer, for load balancers. */
export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/health/ready", async (_req, res) => {
    const dependencies = await checkDependencies(ctx.dependencies);
    if (Object.values(dependencies).every((state) => state === "ok")) {
      res.json({ status: "ready", dependencies });
      return;
    }
    sendProblem(res, serviceUnavailable({ dependencies }));
  });
  return router;
}
