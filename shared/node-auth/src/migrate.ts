import { ConfigError, loadDotEnv, optional } from "./config/env.js";
import { connect, databaseKind } from "./db/connection.js";
import { migrateToLatest } from "./db/migrate.js";

loadDotEnv();
const url = optional("AUTH_DATABASE_URL", optional("DATABASE_URL", "sqlite:///db.sqlite3"));
try {
  databaseKind(url);
} catch (error) {
  console.error(
    `Refusing to migrate: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
const db = connect(url);
try {
  const { results = [] } = await migrateToLatest(db);
  for (const result of results)
    console.log(`${result.status === "Success" ? "applied" : result.status}: ${result.migrationName}`);
  if (results.length === 0) console.log("database is up to date");
} finally {
  await db.destroy();
}
