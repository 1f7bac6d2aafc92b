import { pbkdf2, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";

/**
 * Password hashes an existing project may bring along: bcrypt (`$2a$`, `$2b$`, `$2y$`), Django's
 * `pbkdf2_sha256$iterations$salt$hash` and passlib's `$pbkdf2-sha256$rounds$salt$hash`. They are
 * only verified, with the password as the old system received it; a successful login stores an
 * argon2id hash instead.
 */

const pbkdf2Async = promisify(pbkdf2);

const bcryptFormat = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const djangoFormat = /^pbkdf2_(sha256)\$(\d+)\$([^$]+)\$([A-Za-z0-9+/]+={0,2})$/;
const passlibFormat = /^\$pbkdf2-(sha256|sha512)\$(\d+)\$([./A-Za-z0-9]*)\$([./A-Za-z0-9]+)$/;

/** passlib's "adapted base64": standard base64 with `.` for `+` and no padding. */
function fromAb64(value: string): Buffer {
  return Buffer.from(value.replace(/\./g, "+"), "base64");
}

async function pbkdf2Matches(
  password: string,
  salt: Buffer,
  iterations: number,
  digest: string,
  expected: Buffer,
): Promise<boolean> {
  if (iterations < 1 || expected.length === 0) return false;
  const derived = await pbkdf2Async(password, salt, iterations, expected.length, digest);
  return timingSafeEqual(derived, expected);
}

export function isLegacyHash(hash: string): boolean {
  return bcryptFormat.test(hash) || djangoFormat.test(hash) || passlibFormat.test(hash);
}

/** Verifies a legacy hash off the event loop (PBKDF2 on libuv's pool, bcryptjs in yielding chunks). */
export async function verifyLegacyHash(hash: string, password: string): Promise<boolean> {
  if (bcryptFormat.test(hash)) return bcrypt.compare(password, hash);
  const django = djangoFormat.exec(hash);
  if (django) {
    const [, digest = "", iterations = "", salt = "", expected = ""] = django;
    return pbkdf2Matches(
      password,
      Buffer.from(salt, "utf8"),
      Number(iterations),
      digest,
      Buffer.from(expected, "base64"),
    );
  }
  const passlib = passlibFormat.exec(hash);
  if (passlib) {
    const [, digest = "", rounds = "", salt = "", expected = ""] = passlib;
    return pbkdf2Matches(password, fromAb64(salt), Number(rounds), digest, fromAb64(expected));
  }
  return false;
}
