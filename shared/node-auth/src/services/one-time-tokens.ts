import type { Db } from "../db/connection.js";
import { HttpProblem } from "../http/problem.js";
import { randomToken, sha256 } from "./secrets.js";
import { isoAfter, nowIso } from "./time.js";

export type Purpose = "reset" | "verify";

/** Creates a single-use, expiring token; only its SHA-256 is stored. */
export async function createOneTimeToken(
  db: Db,
  userId: string,
  purpose: Purpose,
  ttlSeconds: number,
): Promise<string> {
  const token = randomToken();
  await db
    .insertInto("one_time_tokens")
    .values({
      token_hash: sha256(token),
      user_id: userId,
      purpose,
      created_at: nowIso(),
      expires_at: isoAfter(ttlSeconds),
      used_at: null,
    })
    .execute();
  return token;
}

/** The user id of a live token, left unspent (a reset checks the new password first); a used, unknown or stale token is refused. */
export async function peekOneTimeToken(db: Db, token: string, purpose: Purpose): Promise<string> {
  const row = await db
    .selectFrom("one_time_tokens")
    .selectAll()
    .where("token_hash", "=", sha256(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!row || row.used_at) throw new HttpProblem(400, "token_invalid", "The link is not valid or was already used.");
  if (row.expires_at <= nowIso())
    throw new HttpProblem(400, "token_expired", "The link has expired; ask for a new one.");
  return row.user_id;
}

/** Spends a token atomically and returns its user id; a second use, or a stale token, is refused. */
export async function consumeOneTimeToken(db: Db, token: string, purpose: Purpose): Promise<string> {
  const userId = await peekOneTimeToken(db, token, purpose);
  const spent = await db
    .updateTable("one_time_tokens")
    .set({ used_at: nowIso() })
    .where("token_hash", "=", sha256(token))
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (spent.numUpdatedRows === 0n) throw new HttpProblem(400, "token_invalid", "The link was already used.");
  return userId;
}
