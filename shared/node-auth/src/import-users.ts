import SQLite from "better-sqlite3";
import pg from "pg";
import { ConfigError, loadDotEnv, optional } from "./config/env.js";
import { connect, databaseKind, sqlitePath, type Db } from "./db/connection.js";
import { isLegacyHash } from "./services/legacy-hashes.js";
import { createUser, findUserByEmail } from "./services/users.js";

const usage = `Usage: node auth/dist/import-users.js <application database URL> "<SELECT email, password_hash FROM ...>"

Copies an application's users (email and password hash) into the auth's users table, once per email.
They sign in with the passwords they have: bcrypt and PBKDF2 hashes are verified and replaced by
argon2id at their first login. They count as verified: the application already knew their email.`;

/** A row of the application's query: whatever its database holds, checked before use. */
interface HostUser {
  email: unknown;
  password_hash: unknown;
}

/** The application's rows, read without changing its database (SQLite opened read-only). */
async function hostUsers(url: string, query: string): Promise<HostUser[]> {
  if (databaseKind(url) === "sqlite") {
    const database = new SQLite(sqlitePath(url), { readonly: true, fileMustExist: true });
    try {
      return database.prepare(query).all() as HostUser[];
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<HostUser>(query)).rows;
  } finally {
    await client.end();
  }
}

function usableHash(hash: unknown): hash is string {
  return typeof hash === "string" && (isLegacyHash(hash) || hash.startsWith("$argon2"));
}

async function importUsers(db: Db, rows: HostUser[]): Promise<Record<string, number>> {
  const counts = { imported: 0, "already there": 0, "without an email or a usable hash": 0 };
  for (const row of rows) {
    const email = typeof row.email === "string" ? row.email.trim().toLowerCase() : "";
    if (!email || !usableHash(row.password_hash)) counts["without an email or a usable hash"]++;
    else if (await findUserByEmail(db, email)) counts["already there"]++;
    else {
      const user = await createUser(db, email, row.password_hash);
      if (user) await db.updateTable("users").set({ email_verified: 1 }).where("id", "=", user.id).execute();
      counts[user ? "imported" : "already there"]++;
    }
  }
  return counts;
}

const [source, query] = process.argv.slice(2);
if (!source || !query) {
  console.error(usage);
  process.exit(2);
}
loadDotEnv();
const db = connect(optional("AUTH_DATABASE_URL", optional("DATABASE_URL", "sqlite:///db.sqlite3")));
try {
  const rows = await hostUsers(source, query);
  const missing = ["email", "password_hash"].filter((column) => rows[0] && !(column in rows[0]));
  if (missing.length > 0) throw new ConfigError(`the query must return the columns email and password_hash`);
  const counts = await importUsers(db, rows);
  console.log(
    Object.entries(counts)
      .map(([what, count]) => `${what}: ${count}`)
      .join(", "),
  );
} catch (error) {
  console.error(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
