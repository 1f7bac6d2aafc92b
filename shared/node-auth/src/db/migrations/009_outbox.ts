import { isPostgres, type AnyDb } from "../dialect.js";

/** The outbox: work an answer promised, done after it by src/services/outbox.ts. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("outbox")
    .addColumn("id", isPostgres(db) ? "bigserial" : "integer", (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("task", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("outbox_due_at").on("outbox").column("due_at").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("outbox").execute();
}
