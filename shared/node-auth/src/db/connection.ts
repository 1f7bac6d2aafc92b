import { isAbsolute, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type Dialect, type SqliteDatabase } from "kysely";
import pg from "pg";
import { tablePrefix } from "../config/settings.js";
import type { Database } from "./schema.js";
import { TablePrefixPlugin } from "./table-prefix.js";

export type Db = Kysely<Database>;
export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("sqlite:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with sqlite:/// or postgresql://, not "${url.split(":")[0]}:"`);
}

/** `sqlite:///db.sqlite3` is relative to the working folder, `sqlite:////srv/db.sqlite3` absolute. */
export function sqlitePath(url: string): string {
  const path = url.replace(/^sqlite:\/\//, "").replace(/^\//, "");
  if (path === ":memory:" || path === "") return ":memory:";
  return isAbsolute(path) ? path : resolve(path);
}

/**
 * Kysely prepares every query anew; its SQL text for one query shape never changes, so the
 * prepared statements are kept and reused (better-sqlite3 runs each to completion synchronously).
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql) => {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= 1000) statements.clear();
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

function dialect(url: string): Dialect {
  if (databaseKind(url) === "sqlite") {
    const database = new SQLite(sqlitePath(url));
    database.pragma("journal_mode = WAL");
    // In WAL mode NORMAL loses no integrity on a crash, only the last commits on a power loss.
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    return new SqliteDialect({ database: withStatementCache(database) });
  }
  // A connection attempt gives up after 2 s, so a request during an outage fails fast (503).
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000 });
  // An idle connection the server closes (a restart, a failover) is dropped by the pool, which
  // then emits 'error': without a listener that would end the process.
  pool.on("error", (error) => {
    console.error(`database: an idle connection was closed (${error.message})`);
  });
  // The pool listens to a connection's 'error' only while it is idle. One closed while checked out
  // (between the queries of a transaction) has already failed its query, which answers 503; its
  // 'error' event must not end the process too.
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
  });
  return new PostgresDialect({ pool });
}

/** The auth's own connection; in an application's database its tables and indexes carry `tablePrefix`. */
export function connect(url: string): Db {
  return new Kysely<Database>({
    dialect: dialect(url),
    plugins: tablePrefix ? [new TablePrefixPlugin(tablePrefix)] : [],
  });
}
