import { readFileSync } from "node:fs";
import argon2 from "argon2";
import { argon2Parameters, passwordMaxLength, projectName } from "../config/settings.js";
import { isLegacyHash, verifyLegacyHash } from "./legacy-hashes.js";
import { randomToken } from "./secrets.js";
import { codePoints } from "./text.js";

const options = { type: argon2.argon2id, ...argon2Parameters } as const;

/**
 * node-argon2 writes `m=,p=,t=`; the PHC string format (and Python's argon2-cffi) expect
 * `m=,t=,p=`, so hashes are stored in that canonical order and stay portable across stacks.
 */
export function canonicalPhc(hash: string): string {
  return hash.replace(/\$m=(\d+),p=(\d+),t=(\d+)\$/, "$m=$1,t=$3,p=$2$");
}

export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

/** Hashes on libuv's thread pool, off the event loop. */
export async function hashPassword(password: string): Promise<string> {
  return canonicalPhc(await argon2.hash(normalizePassword(password), options));
}

/** Argon2 hashes, and the bcrypt or PBKDF2 hashes of a project that existed before. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (isLegacyHash(hash)) return verifyLegacyHash(hash, password);
  try {
    return await argon2.verify(hash, normalizePassword(password));
  } catch {
    return false;
  }
}

const argon2Version = 0x13;
const argon2Phc = /^\$argon2(id|i|d)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/;

/** A legacy hash, another Argon2 variant, or argon2id weaker than configured: replace it at login. */
export function needsRehash(hash: string): boolean {
  const match = argon2Phc.exec(canonicalPhc(hash));
  if (!match || match[1] !== "id") return true;
  const [version, memoryCost, timeCost] = match.slice(2, 5).map(Number);
  return (
    version !== argon2Version ||
    (memoryCost ?? 0) < argon2Parameters.memoryCost ||
    (timeCost ?? 0) < argon2Parameters.timeCost
  );
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real verification when there is no account, so timing reveals nothing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomToken());
  await verifyPassword(await dummyHash, password);
  return false;
}

const commonPasswords = new Set(
  readFileSync(new URL("../../data/common-passwords.txt", import.meta.url), "utf8")
    .split("\n")
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean),
);

/** Why `password` is refused (NIST 800-63B: length, breach-style list, context words), or null. */
export function passwordWeakness(password: string, email: string, minLength: number): string | null {
  const normalized = normalizePassword(password);
  const length = codePoints(normalized);
  if (length < minLength) return `Use at least ${minLength} characters; a short sentence works well.`;
  if (length > passwordMaxLength) return `Use at most ${passwordMaxLength} characters.`;
  const lower = normalized.toLowerCase();
  if (commonPasswords.has(lower)) return "This password is one of the most common ones; choose another.";
  const local = email.split("@")[0] ?? "";
  if ((local.length >= 4 && lower.includes(local)) || (email && lower.includes(email))) {
    return "The password must not contain your email address.";
  }
  if (projectName.length >= 4 && lower.includes(projectName.toLowerCase())) {
    return "The password must not contain the name of this application.";
  }
  return null;
}
