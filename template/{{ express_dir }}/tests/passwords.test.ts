import { describe, expect, it } from "vitest";
import {
  canonicalPhc,
  hashPassword,
  needsRehash,
  passwordWeakness,
  verifyPassword,
} from "../src/services/passwords.js";

describe("password hashing", () => {
  it("writes argon2id with the baseline's parameters in canonical PHC order", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(hash)).toBe(false);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
  });

  it("reorders node-argon2's m,p,t parameters", () => {
    expect(canonicalPhc("$argon2id$v=19$m=19456,p=1,t=2$c2FsdA$aGFzaA")).toBe(
      "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    );
  });

  it("normalises to NFKC before hashing, so equivalent forms match", async () => {
    const hash = await hashPassword("ｃｏｒｒｅｃｔ horse battery staple");
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
  });

  it("flags weaker parameters for a rehash", () => {
    expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).toBe(true);
  });
});

describe("password rules", () => {
  it("accepts a long passphrase", () => {
    expect(passwordWeakness("correct horse battery staple", "a@x.test", 15)).toBeNull();
  });

  it("refuses short, common and email-containing passwords, saying why", () => {
    expect(passwordWeakness("short one", "a@x.test", 15)).toMatch(/at least 15/);
    expect(passwordWeakness("123456789987654321", "a@x.test", 15)).toMatch(/common/);
    expect(passwordWeakness("alice.smith is my password", "alice.smith@x.test", 15)).toMatch(/email/);
    expect(passwordWeakness("x".repeat(257), "a@x.test", 15)).toMatch(/at most 256/);
  });

  it("counts code points, not UTF-16 units", () => {
    expect(passwordWeakness("😀".repeat(14), "a@x.test", 15)).toMatch(/at least/);
    expect(passwordWeakness("😀".repeat(15), "a@x.test", 15)).toBeNull();
  });
});
