import { RequestMethod, type MiddlewareConsumer } from "@nestjs/common";
import type { RequestHandler } from "express";
import { answered } from "../http/answered.js";

/** Puts rate limiters (src/middleware/rate-limit.ts) in front of POST routes of the auth. */
export function limitPosts(consumer: MiddlewareConsumer, limiters: RequestHandler[], ...paths: string[]): void {
  consumer.apply(...limiters.map(answered)).forRoutes(...paths.map((path) => ({ path, method: RequestMethod.POST })));
}
