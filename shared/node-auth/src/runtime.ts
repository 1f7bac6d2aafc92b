import { sql } from "kysely";
import type { Config } from "./config/index.js";
import type { AppContext } from "./context.js";
import { connect } from "./db/connection.js";
import { Events } from "./services/events.js";
import { VerifiedTokens } from "./services/jwt.js";
import { limitStores } from "./services/limit-store.js";
import { Mailer } from "./services/mail.js";
import { Outbox } from "./services/outbox.js";
import { SessionCache } from "./services/session-cache.js";

export interface Runtime {
  ctx: AppContext;
  close: () => Promise<void>;
}

/** Connects everything the app needs from a validated configuration. */
export async function startRuntime(config: Config, log?: (line: string) => void): Promise<Runtime> {
  const db = connect(config.databaseUrl);
  const stores = await limitStores(config.redisUrl);
  const mailer = new Mailer(config);
  const outbox = new Outbox(db, mailer);
  const ctx: AppContext = {
    config,
    db,
    mailer,
    outbox,
    events: new Events(db, log),
    sessions: new SessionCache(),
    tokens: new VerifiedTokens(),
    limitStore: stores.factory,
    dependencies: {
      database: async () => {
        await sql`select 1`.execute(db);
      },
      ...(stores.ping ? { redis: stores.ping } : {}),
    },
  };
  return {
    ctx,
    close: async () => {
      await outbox.stop();
      mailer.close();
      await stores.close();
      await db.destroy();
    },
  };
}
