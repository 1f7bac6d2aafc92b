import type { Store } from "express-rate-limit";
import type { Config } from "./config/index.js";
import type { Db } from "./db/connection.js";
import type { DependencyChecks } from "./services/dependencies.js";
import type { Events } from "./services/events.js";
import type { VerifiedTokens } from "./services/jwt.js";
import type { Mailer } from "./services/mail.js";
import type { Outbox } from "./services/outbox.js";
import type { SessionCache } from "./services/session-cache.js";

/** What the app is built from; server.ts makes the real one, tests make theirs the same way. */
export interface AppContext {
  config: Config;
  db: Db;
  mailer: Mailer;
  /** Work done after the answer, written with the change that causes it (src/services/outbox.ts). */
  outbox: Outbox;
  events: Events;
  sessions: SessionCache;
  tokens: VerifiedTokens;
  /** A rate-limit counter store (in memory, or Redis when REDIS_URL is set) under its own prefix. */
  limitStore: (prefix: string) => Store;
  /** A check per dependency, for GET /health/ready. */
  dependencies: DependencyChecks;
}

export interface ClientInfo {
  ip: string;
  userAgent: string;
}
