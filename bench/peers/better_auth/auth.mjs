// Better Auth with email and password on a better-sqlite3 file, or on PostgreSQL through a pg Pool
// when DATABASE_URL is a postgresql:// URL (the bench's statement counts). Passwords hash with argon2id at
// m=19456 KiB, t=2, p=1 (the parameters every bench subject uses) through the documented
// emailAndPassword.password hooks; Better Auth's default would be scrypt.
import argon2 from "argon2";
import { betterAuth } from "better-auth";
import Database from "better-sqlite3";
import pg from "pg";

const argon2id = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const auth = betterAuth({
  database: process.env.DATABASE_URL.startsWith("postgresql://")
    ? new pg.Pool({ connectionString: process.env.DATABASE_URL })
    : new Database(process.env.DATABASE_URL),
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL: `http://127.0.0.1:${process.env.PORT}`,
  emailAndPassword: {
    enabled: true,
    password: {
      hash: (password) => argon2.hash(password, argon2id),
      verify: ({ hash, password }) => argon2.verify(hash, password),
    },
  },
  // The production default allows 3 sign-ins per 10 s, which would throttle the benchmark.
  rateLimit: { enabled: false },
});
