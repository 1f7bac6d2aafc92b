import { Controller, Get, Inject, Res, UseFilters } from "@nestjs/common";
import type { Response } from "express";
import { AUTH_CONTEXT } from "../auth.constants.js";
import type { AppContext } from "../context.js";
import { ProblemFilter } from "../filters/problem.filter.js";
import { serviceUnavailable } from "../http/problem.js";
import { sendProblem } from "../http/respond.js";
import { checkDependencies } from "../services/dependencies.js";

/** `/health` says the process is alive; `/health/ready` whether its dependencies answer, for load balancers. */
@Controller("health")
@UseFilters(ProblemFilter)
export class HealthController {
  constructor(@Inject(AUTH_CONTEXT) private readonly ctx: AppContext) {}

  @Get()
  live(): { status: string } {
    return { status: "ok" };
  }

  @Get("ready")
  async ready(@Res() res: Response): Promise<void> {
    const dependencies = await checkDependencies(this.ctx.dependencies);
    if (Object.values(dependencies).every((state) => state === "ok")) {
      res.json({ status: "ready", dependencies });
      return;
    }
    sendProblem(res, serviceUnavailable({ dependencies }));
  }
}
