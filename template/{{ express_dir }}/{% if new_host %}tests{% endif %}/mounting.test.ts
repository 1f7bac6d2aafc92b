import express, { type ErrorRequestHandler } from "express";
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authRouters } from "../auth/src/router.js";
import { Client, strongPassword, testApp, type TestApp } from "./helpers.js";

let t: TestApp;

beforeEach(async () => {
  t = await testApp();
});

afterEach(async () => {
  await t.close();
});

/** An application of its own (form bodies, its own 404 and error handler) with the auth mounted first. */
function hostApp() {
  const app = express();
  app.use(authRouters(t.ctx).router);
  app.use(express.urlencoded({ extended: false }));
  app.get("/health", (_req, res) => {
    res.type("text").send("host ok");
  });
  app.post("/admin/notes", (req, res) => {
    res.status(201).json({ received: req.body as unknown });
  });
  app.get("/auth-help", () => {
    throw new Error("host failure");
  });
  const hostErrors: ErrorRequestHandler = (error: Error, _req, res, _next) => {
    res.status(500).json({ hostError: error.message });
  };
  app.use(hostErrors);
  return app;
}

describe("the auth mounted in an application", () => {
  it("answers its own paths with its own headers and documents", async () => {
    const answer = await request(hostApp()).get("/auth/me");
    expect(answer.status).toBe(401);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(answer.headers["content-security-policy"]).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none'");
    const unknown = await request(hostApp()).get("/auth/no-such-route");
    expect(unknown.status).toBe(404);
    expect(unknown.headers["content-type"]).toMatch(/^application\/problem\+json/);
  });

  it("leaves every other path, its body parser, headers and error handler to the application", async () => {
    const app = hostApp();
    const health = await request(app).get("/health");
    expect([health.status, health.text, health.headers["content-security-policy"]]).toEqual([
      200,
      "host ok",
      undefined,
    ]);
    const form = await request(app).post("/admin/notes").type("form").send({ body: "kept" });
    expect([form.status, form.body]).toEqual([201, { received: { body: "kept" } }]);
    const failure = await request(app).get("/auth-help");
    expect([failure.status, failure.body]).toEqual([500, { hostError: "host failure" }]);
    expect(failure.headers["cache-control"]).toBeUndefined();
  });

  it("registers a user through the mounted router", async () => {
    const answer = await new Client(hostApp()).send("post", "/auth/register", {
      email: "mounted@x.test",
      password: strongPassword,
    });
    expect([201, 202]).toContain(answer.status);
  });
});
