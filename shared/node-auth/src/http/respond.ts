import type { Request, Response } from "express";
import type { ClientInfo } from "../context.js";
import type { HttpProblem } from "./problem.js";

export function clientOf(req: Request): ClientInfo {
  return { ip: req.ip ?? req.socket.remoteAddress ?? "", userAgent: req.get("user-agent") ?? "" };
}

export function sendProblem(res: Response, problem: HttpProblem): void {
  res.status(problem.status);
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.type("application/problem+json").send(JSON.stringify(problem.body()));
}
