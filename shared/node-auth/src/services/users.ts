import { randomUUID } from "node:crypto";
import type { Insertable, Selectable, Updateable } from "kysely";
import type { AppContext } from "../context.js";
import type { Db } from "../db/connection.js";
import type { UsersTable } from "../db/schema.js";
import { features } from "../features/index.js";
import { nowIso } from "./time.js";

export type User = Selectable<UsersTable>;

/** The user document of the API; the features in src/features/ add their members to it. */
export interface PublicUser {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: string;
}

export function toPublicUser(user: User): PublicUser {
  const document: Partial<PublicUser> = {
    id: user.id,
    email: user.email,
    emailVerified: user.email_verified === 1,
    createdAt: user.created_at,
  };
  for (const feature of features) {
    if (feature.publicUser) Object.assign(document, feature.publicUser(user));
  }
  return document as PublicUser;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Inserts a user; returns undefined when the email is taken (also under a concurrent insert). */
export async function createUser(db: Db, email: string, passwordHash: string): Promise<User | undefined> {
  const user = {
    id: randomUUID(),
    email,
    password_hash: passwordHash,
    email_verified: 0,
    created_at: nowIso(),
  } as Insertable<UsersTable>;
  for (const feature of features) {
    if (feature.newUser) Object.assign(user, feature.newUser());
  }
  const inserted = await db
    .insertInto("users")
    .values(user)
    .onConflict((conflict) => conflict.column("email").doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) {
    for (const feature of features) {
      if (feature.userCreated) await feature.userCreated(db, inserted);
    }
  }
  return inserted;
}

/** Changes a user's row; the session cache of this process forgets the user, so the next request sees it. */
export async function updateUser(ctx: AppContext, userId: string, changes: Updateable<UsersTable>): Promise<void> {
  await ctx.db.updateTable("users").set(changes).where("id", "=", userId).execute();
  ctx.sessions.forgetUser(userId);
}
