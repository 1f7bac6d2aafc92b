import { Migrator, type MigrationResultSet } from "kysely";
import type { Db } from "./connection.js";
import { migrations } from "./migrations/index.js";

export function migrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Each security mode adds its own migration files, so an upgraded project applies
    // a feature's migration after others that sort later.
    allowUnorderedMigrations: true,
  });
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error instanceof Error) throw result.error;
  if (result.error) throw new Error("migration failed", { cause: result.error });
  return result;
}
