import type { Generated } from "kysely";

// Timestamps are ISO 8601 UTC strings and flags are 0/1 integers, the same on SQLite and PostgreSQL.
// The tables of every mode; each feature in src/features/ adds its own tables and columns to these
// interfaces (`declare module "../db/schema.js"`) next to the migration that creates them.

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  email_verified: number;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  authenticated_at: string;
  last_seen_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  ip: string;
  user_agent: string;
  device_name: string;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OneTimeTokensTable {
  token_hash: string;
  user_id: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  task: string;
  /** The task's input as JSON. */
  payload: string;
  attempts: number;
  due_at: string;
  created_at: string;
  last_error: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  one_time_tokens: OneTimeTokensTable;
  outbox: OutboxTable;
}
