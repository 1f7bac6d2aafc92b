import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import {
  canonicalPhc,
  hashPassword,
  needsRehash,
  passwordWeakness,
  verifyPassword,
} from "../auth/src/services/passwords.js";

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

  it("flags weaker parameters and other variants for a rehash, not stronger ones", () => {
    expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).toBe(true);
    expect(needsRehash("$argon2id$v=19$m=19456,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).toBe(true);
    expect(needsRehash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).toBe(true);
    expect(needsRehash("$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).toBe(true);
    expect(needsRehash("$argon2id$v=19$m=65536,p=4,t=3$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).toBe(false);
  });
});

describe("legacy hashes", () => {
  const password = "correct horse battery staple";
  // Made by passlib 1.7.4 (pbkdf2_sha256 / pbkdf2_sha512, rounds=1000) and Django 5.2 (PBKDF2PasswordHasher).
  const vectors = {
    passlibSha256: "$pbkdf2-sha256$1000$aQ3BmBPi/F.LsXYuxdibsw$s5fcIb5c6w8OzzoVS5sUHeBUU3zlTZ3YZPF5XOEH4e0",
    passlibSha512:
      "$pbkdf2-sha512$1000$vhfiXEvJ.T.ntBbivDdGqA$.NaCv0yuRcq.KmYrF04V6EHr13K9LnaP0eX5rWYUdJgTgkWf89TCO.cCKIEZjzaXHSJN1zxH6MXLDmCE7Ru38Q",
    django: "pbkdf2_sha256$1000$c2FsdHNhbHQx$zQR1+Ntcqkaor1Oah+H4+3LC2nSokE1rOYQdYhbxohk=",
  };

  it.each(Object.entries(vectors))("verifies %s and flags it for a rehash", async (_name, hash) => {
    expect(await verifyPassword(hash, password)).toBe(true);
    expect(await verifyPassword(hash, `${password}!`)).toBe(false);
    expect(needsRehash(hash)).toBe(true);
  });

  it.each(["2a", "2b", "2y"])("verifies bcrypt $%s$ hashes", async (prefix) => {
    const hash = (await bcrypt.hash(password, 4)).replace(/^\$2[ab]\$/, `$${prefix}$`);
    expect(await verifyPassword(hash, password)).toBe(true);
    expect(await verifyPassword(hash, `${password}!`)).toBe(false);
    expect(needsRehash(hash)).toBe(true);
  });

  it("refuses a malformed hash", async () => {
    expect(await verifyPassword("pbkdf2_sha256$0$salt$", password)).toBe(false);
    expect(await verifyPassword("$2b$10$short", password)).toBe(false);
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
