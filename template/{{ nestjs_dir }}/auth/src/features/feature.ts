import type { RequestHandler } from "express";
import type { Insertable, Migration } from "kysely";
import type { AppContext, ClientInfo } from "../context.js";
import type { Db } from "../db/connection.js";
import type { UsersTable } from "../db/schema.js";
import type { PublicUser, User } from "../services/users.js";

/** The answer of a password login that continues with another step instead of tokens. */
export type LoginStep = Record<string, unknown>;

/**
 * One capability of the auth feature (MFA, roles, consent...): the steps it adds to a login, its
 * members of the user, its migrations and middleware. Its tables and columns extend src/db/schema.ts
 * in the same file. src/features/index.ts lists the capabilities of this mode; their routes are
 * the Nest modules of src/modules/.
 */
export interface Feature {
  /** Path prefixes its controllers answer outside /auth (the auth's headers and body parser cover them). */
  paths?: readonly string[];
  /** Middleware every auth request passes before any route (the CSRF check of cookie transport). */
  middleware?: (ctx: AppContext) => RequestHandler[];
  /** After a password matched: throws a problem, or returns the step the client takes next. */
  afterPassword?: (ctx: AppContext, user: User, deviceName: string) => Promise<LoginStep | undefined>;
  /** Before every login (password, MFA, device) gets its session: throws, or returns the user, maybe changed. */
  beforeSession?: (ctx: AppContext, user: User, client: ClientInfo, deviceName: string) => Promise<User>;
  /** Its members of the user document of the API. */
  publicUser?: (user: User) => Partial<PublicUser>;
  /** Its columns of a new user's row. */
  newUser?: () => Partial<Insertable<UsersTable>>;
  /** What it stores for a user just registered. */
  userCreated?: (db: Db, user: User) => Promise<void>;
  /** Its Kysely migrations, by name. */
  migrations?: Record<string, Migration>;
}
