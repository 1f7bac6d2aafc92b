// Better Auth with email and password on a better-sqlite3 file. Passwords hash with argon2id at
// m=19456 KiB, t=2, p=1 (the parameters every bench subject uses) through the documented
// emailAndPassword.password hooks; Better Auth's default would be scrypt.
import argon2 from "argon2";
import { betterAuth } from "better-auth";
import Database from "better-sqlite3";

const argon2id = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const auth = betterAuth({
  database: new Database(process.env.DATABASE_PATH),
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
