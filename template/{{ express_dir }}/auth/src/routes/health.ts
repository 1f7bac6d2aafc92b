import { Router } from "../http/router.js";

export function healthRoutes(): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  return router;
}
