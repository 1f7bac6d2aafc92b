import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { expect, it } from "vitest";
import { migrateToLatest } from "../auth/src/db/migrate.js";
import type { Database } from "../auth/src/db/schema.js";
import { TablePrefixPlugin } from "../auth/src/db/table-prefix.js";

it("keeps every table and index of the auth behind its prefix, beside an application's own", async () => {
  const sqlite = new SQLite(":memory:");
  sqlite.exec(
    "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL); CREATE INDEX users_email ON users (email)",
  );
  sqlite.prepare("INSERT INTO users (email) VALUES (?)").run("host@x.test");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new TablePrefixPlugin("auth_")],
  });

  const first = await migrateToLatest(db);
  expect(first.results?.length).toBeGreaterThan(0);
  expect((await migrateToLatest(db)).results).toEqual([]);
  const names = (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'")
      .all() as {
      name: string;
    }[]
  ).map((row) => row.name);
  expect(names.filter((name) => !name.startsWith("auth_")).sort()).toEqual(["users", "users_email"]);
  expect(names).toContain("auth_users");
  expect(names).toContain("auth_kysely_migration");

  sqlite
    .prepare(
      "INSERT INTO auth_users (id, email, password_hash, email_verified, created_at) SELECT 'u1', 'auth@x.test', 'x', 1, '2026-01-01'",
    )
    .run();
  const found = await db.selectFrom("users").select("email").where("users.id", "=", "u1").executeTakeFirstOrThrow();
  expect(found.email).toBe("auth@x.test");
  expect(sqlite.prepare("SELECT email FROM users").all()).toEqual([{ email: "host@x.test" }]);
  await db.destroy();
});
