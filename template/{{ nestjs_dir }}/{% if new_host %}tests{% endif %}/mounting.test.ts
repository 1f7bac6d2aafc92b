import "reflect-metadata";
import { Body, Controller, Get, Header, Module, Post, UseGuards } from "@nestjs/common";
import { Test } from "@nestjs/testing";
import type { Server } from "node:http";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { AuthModule } from "../auth/src/auth.module.js";
import { CurrentUser } from "../auth/src/decorators/current-user.decorator.js";
import { AuthGuard } from "../auth/src/guards/auth.guard.js";
import type { User } from "../auth/src/services/users.js";
import { Client, loggedIn, strongPassword, started, testConfig, type TestApp } from "./helpers.js";

@Controller()
class HostController {
  @Get("health")
  @Header("Content-Type", "text/plain")
  health(): string {
    return "host ok";
  }

  @Post("admin/notes")
  note(@Body() body: unknown): { received: unknown } {
    return { received: body };
  }

  @Get("auth-help")
  help(): never {
    throw new Error("host failure");
  }

  @Get("orders")
  @UseGuards(AuthGuard)
  orders(@CurrentUser() user: User): { owner: string } {
    return { owner: user.email };
  }
}

/** An application of its own (its body parser, its /health, Nest's own error answers) importing the auth. */
@Module({ imports: [AuthModule.forRoot({ config: testConfig(), health: false })], controllers: [HostController] })
class HostModule {}

let t: TestApp | undefined;

afterEach(async () => {
  await t?.close();
});

async function hostApp(): Promise<{ server: Server; t: TestApp }> {
  const moduleRef = await Test.createTestingModule({ imports: [HostModule] }).compile();
  t = await started(moduleRef.createNestApplication({ logger: false }));
  return { server: t.app, t };
}

describe("AuthModule imported by an application", () => {
  it("answers its own paths with its own headers and documents", async () => {
    const { server } = await hostApp();
    const answer = await request(server).get("/auth/me");
    expect(answer.status).toBe(401);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(answer.headers["content-security-policy"]).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none'");
  });

  it("leaves every other path, its body parser, headers and error answers to the application", async () => {
    const { server } = await hostApp();
    const health = await request(server).get("/health");
    expect([health.status, health.text, health.headers["content-security-policy"]]).toEqual([
      200,
      "host ok",
      undefined,
    ]);
    const form = await request(server).post("/admin/notes").type("form").send({ body: "kept" });
    expect([form.status, form.body]).toEqual([201, { received: { body: "kept" } }]);
    const failure = await request(server).get("/auth-help");
    expect([failure.status, failure.body]).toEqual([500, { statusCode: 500, message: "Internal server error" }]);
    expect(failure.headers["cache-control"]).toBeUndefined();
  });

  it("guards the application's routes with AuthGuard and @CurrentUser()", async () => {
    const { server, t } = await hostApp();
    expect((await request(server).get("/orders")).status).toBe(401);
    const client = await loggedIn(t, "mounted@x.test");
    const answer = await client.send("get", "/orders");
    expect([answer.status, answer.body]).toEqual([200, { owner: "mounted@x.test" }]);
  });

  it("registers a user through the imported module", async () => {
    const { server } = await hostApp();
    const answer = await new Client(server).send("post", "/auth/register", {
      email: "module@x.test",
      password: strongPassword,
    });
    expect([201, 202]).toContain(answer.status);
  });
});
