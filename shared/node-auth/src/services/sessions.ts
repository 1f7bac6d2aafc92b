import { randomUUID } from "node:crypto";
import type { CompiledQuery } from "kysely";
import { reuseRevokesAllSessions } from "../config/settings.js";
import type { AppContext, ClientInfo } from "../context.js";
import { HttpProblem } from "../http/problem.js";
import { signToken } from "./jwt.js";
import { hmacSha256, randomToken, sha256 } from "./secrets.js";
import { isoAfter, nowIso, secondsSince } from "./time.js";
import { toPublicUser, type PublicUser, type User } from "./users.js";

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  sessionId: string;
  user: PublicUser;
}

interface SessionTimes {
  revoked_at: string | null;
  expires_at: string | null;
  last_seen_at: string;
}

/** Why a session no longer grants access (revoked, past its absolute end, idle too long), or null. */
export function sessionEnded(ctx: AppContext, session: SessionTimes): string | null {
  if (session.revoked_at) return "The session has ended.";
  if (session.expires_at && session.expires_at <= nowIso()) return "The session has reached its maximum age.";
  const idle = ctx.config.limits.SESSION_IDLE_TIMEOUT_SECONDS;
  if (idle > 0 && secondsSince(session.last_seen_at) > idle) return "The session ended after inactivity.";
  return null;
}

export async function issueAccessToken(ctx: AppContext, userId: string, sessionId: string): Promise<string> {
  return signToken(
    ctx.config.jwtKeys,
    { sub: userId, sid: sessionId, typ: "access" },
    ctx.config.limits.ACCESS_TOKEN_TTL_SECONDS,
  );
}

function refreshExpiry(ctx: AppContext, sessionExpiresAt: string | null): string {
  const byTtl = isoAfter(ctx.config.limits.REFRESH_TOKEN_TTL_SECONDS);
  return sessionExpiresAt && sessionExpiresAt < byTtl ? sessionExpiresAt : byTtl;
}

/** The successor of a refresh token is derived from it, so a retry inside the grace window gets the same one. */
function successorOf(ctx: AppContext, refreshToken: string): string {
  return hmacSha256(ctx.config.refreshKey, refreshToken).toString("base64url");
}

/**
 * Everything of a new session that does not depend on the password: its rows and the end of
 * the user's oldest sessions beyond the cap, as compiled queries, and its signed access token.
 * A login drafts it while the hash runs on the thread pool, so that once the password is known
 * one transaction remains. Its times are those of the login request.
 */
export interface SessionDraft {
  id: string;
  refreshToken: string;
  accessToken: Promise<string>;
  writes: Promise<SessionWrites>;
}

interface SessionWrites {
  queries: CompiledQuery[];
  /** The active sessions that the new one pushes past the cap. */
  evicted: string[];
}

/** A draft never used (a wrong password) must not fail as an unhandled rejection. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The oldest of the user's active sessions beyond the cap, the new one counted first. */
function beyondCap(ctx: AppContext, newId: string, activeIds: string[]): string[] {
  const cap = ctx.config.limits.MAX_SESSIONS_PER_USER;
  return cap > 0 ? [newId, ...activeIds].slice(cap) : [];
}

async function activeSessionIds(ctx: AppContext, userId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("sessions")
    .select("id")
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

export function draftSession(ctx: AppContext, userId: string, client: ClientInfo, deviceName: string): SessionDraft {
  const id = randomUUID();
  const refreshToken = randomToken();
  const now = nowIso();
  const absolute = ctx.config.limits.SESSION_ABSOLUTE_TTL_SECONDS;
  const expiresAt = absolute > 0 ? isoAfter(absolute) : null;
  const inserts: CompiledQuery[] = [
    ctx.db
      .insertInto("sessions")
      .values({
        id,
        user_id: userId,
        created_at: now,
        authenticated_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        revoked_at: null,
        ip: client.ip,
        user_agent: client.userAgent.slice(0, 512),
        device_name: deviceName.slice(0, 100),
      })
      .compile(),
    ctx.db
      .insertInto("refresh_tokens")
      .values({
        token_hash: sha256(refreshToken),
        session_id: id,
        created_at: now,
        expires_at: refreshExpiry(ctx, expiresAt),
        used_at: null,
      })
      .compile(),
  ];
  const writes = activeSessionIds(ctx, userId).then((activeIds) => {
    const evicted = beyondCap(ctx, id, activeIds);
    if (evicted.length === 0) return { queries: inserts, evicted };
    const endEvicted: CompiledQuery = ctx.db
      .updateTable("sessions")
      .set({ revoked_at: now })
      .where("id", "in", evicted)
      .where("revoked_at", "is", null)
      .compile();
    return { queries: [...inserts, endEvicted], evicted };
  });
  return {
    id,
    refreshToken,
    accessToken: settledLater(issueAccessToken(ctx, userId, id)),
    writes: settledLater(writes),
  };
}

/** Starts a drafted session for a user who has passed every check, and issues its first token pair. */
export async function startSession(ctx: AppContext, user: User, draft: SessionDraft): Promise<IssuedTokens> {
  const { queries, evicted } = await draft.writes;
  await ctx.db.transaction().execute(async (trx) => {
    for (const query of queries) await trx.executeQuery(query);
  });
  for (const id of evicted) ctx.sessions.forget(id);
  return {
    accessToken: await draft.accessToken,
    refreshToken: draft.refreshToken,
    expiresIn: ctx.config.limits.ACCESS_TOKEN_TTL_SECONDS,
    sessionId: draft.id,
    user: toPublicUser(user),
  };
}

export async function revokeSession(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.db
    .updateTable("sessions")
    .set({ revoked_at: nowIso() })
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .execute();
  ctx.sessions.forget(sessionId);
}

export async function revokeUserSessions(ctx: AppContext, userId: string, except?: string): Promise<void> {
  let query = ctx.db
    .updateTable("sessions")
    .set({ revoked_at: nowIso() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (except) query = query.where("id", "!=", except);
  await query.execute();
  ctx.sessions.forgetUser(userId);
}

/** A replayed refresh token: from mode 2 on every session of the user ends, in mode 1 its own family. */
async function revokeOnReuse(ctx: AppContext, userId: string, sessionId: string): Promise<void> {
  if (reuseRevokesAllSessions) await revokeUserSessions(ctx, userId);
  else await revokeSession(ctx, sessionId);
}

const invalidRefresh = (): HttpProblem => new HttpProblem(401, "token_invalid", "The refresh token is not valid.");

/**
 * Rotates a refresh token. A spent token shown again inside the grace window gets the same
 * successor (parallel tabs); later, it is treated as stolen and the user's sessions end.
 */
export async function rotateRefreshToken(
  ctx: AppContext,
  refreshToken: string,
  client: ClientInfo,
): Promise<IssuedTokens> {
  const row = await ctx.db
    .selectFrom("refresh_tokens")
    .innerJoin("sessions", "sessions.id", "refresh_tokens.session_id")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "refresh_tokens.token_hash",
      "refresh_tokens.expires_at as token_expires_at",
      "refresh_tokens.used_at",
      "sessions.id as session_id",
      "sessions.user_id",
      "sessions.revoked_at",
      "sessions.expires_at",
      "sessions.last_seen_at",
    ])
    .where("refresh_tokens.token_hash", "=", sha256(refreshToken))
    .executeTakeFirst();
  if (!row) throw invalidRefresh();
  const ended = sessionEnded(ctx, row);
  if (ended) {
    if (!row.revoked_at) await revokeSession(ctx, row.session_id);
    throw new HttpProblem(401, "session_revoked", ended);
  }
  if (row.token_expires_at <= nowIso()) throw new HttpProblem(401, "token_expired", "The refresh token has expired.");

  const successor = successorOf(ctx, refreshToken);
  const now = nowIso();
  let fresh = row.used_at === null;
  if (fresh) {
    fresh = await ctx.db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable("refresh_tokens")
        .set({ used_at: now })
        .where("token_hash", "=", row.token_hash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      if (spent.numUpdatedRows === 0n) return false;
      await trx
        .insertInto("refresh_tokens")
        .values({
          token_hash: sha256(successor),
          session_id: row.session_id,
          created_at: now,
          expires_at: refreshExpiry(ctx, row.expires_at),
          used_at: null,
        })
        .execute();
      if (secondsSince(row.last_seen_at) >= 1) {
        await trx.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", row.session_id).execute();
      }
      return true;
    });
  }
  if (!fresh) {
    const usedAt = row.used_at ?? now;
    if (secondsSince(usedAt) > ctx.config.limits.REFRESH_REUSE_GRACE_SECONDS) {
      await revokeOnReuse(ctx, row.user_id, row.session_id);
      await ctx.events.record("REFRESH_REUSE_DETECTED", { userId: row.user_id, client });
      throw new HttpProblem(401, "token_invalid", "This refresh token was already used; the sessions have ended.");
    }
  }
  return {
    accessToken: await issueAccessToken(ctx, row.user_id, row.session_id),
    refreshToken: successor,
    expiresIn: ctx.config.limits.ACCESS_TOKEN_TTL_SECONDS,
    sessionId: row.session_id,
    user: toPublicUser(row),
  };
}
