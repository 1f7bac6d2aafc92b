import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../auth/src/config/env.js";
import { loadConfig } from "../auth/src/config/index.js";

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
});

describe("configuration", () => {
  it("refuses to start without AUTH_JWT_SECRET", () => {
    delete process.env.AUTH_JWT_SECRET;
    expect(() => loadConfig()).toThrow(ConfigError);
    expect(() => loadConfig()).toThrow(/AUTH_JWT_SECRET is missing/);
  });

  it("refuses a short secret", () => {
    process.env.AUTH_JWT_SECRET = "abcd";
    expect(() => loadConfig()).toThrow(/at least 64 hexadecimal/);
  });

  it("reads tunables from the environment and refuses nonsense", () => {
    process.env.AUTH_JWT_SECRET = "a".repeat(64);
    process.env.TOTP_ENCRYPTION_KEY = Buffer.alloc(32, 1).toString("base64");
    process.env.RECOVERY_CODE_PEPPER = "b".repeat(64);
    process.env.ACCESS_TOKEN_TTL_SECONDS = "60";
    expect(loadConfig().limits.ACCESS_TOKEN_TTL_SECONDS).toBe(60);
    process.env.ACCESS_TOKEN_TTL_SECONDS = "soon";
    expect(() => loadConfig()).toThrow(/ACCESS_TOKEN_TTL_SECONDS must be a whole number/);
  });
});
