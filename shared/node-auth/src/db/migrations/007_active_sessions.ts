import type { AnyDb } from "../dialect.js";

/**
 * Logins count a user's active sessions against the cap: (user_id, revoked_at) finds them
 * without reading every revoked session the user ever had.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex("sessions_user_id_revoked_at")
    .on("sessions")
    .columns(["user_id", "revoked_at"])
    .execute();
  await db.schema.dropIndex("sessions_user_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();
  await db.schema.dropIndex("sessions_user_id_revoked_at").execute();
}
