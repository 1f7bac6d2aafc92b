import { MemoryStore, type Store } from "express-rate-limit";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import { createClient, ErrorReply } from "redis";
import { DependencyUnavailable } from "./dependencies.js";

export type LimitStoreFactory = (prefix: string) => Store;

export interface LimitStores {
  factory: LimitStoreFactory;
  /** Resolves when Redis answers a PING (absent for counters in memory). */
  ping?: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Counters in process memory, or in Redis (atomic Lua increments) when REDIS_URL is set.
 *
 * While Redis is out of reach a command fails at once instead of waiting in a queue, so a
 * rate-limited request is refused with 503 without delay (every limit fails closed); the client
 * reconnects in the background within half a second of Redis coming back.
 */
export async function limitStores(redisUrl: string): Promise<LimitStores> {
  if (!redisUrl) {
    return { factory: () => new MemoryStore(), close: () => Promise.resolve() };
  }
  const client = createClient({
    url: redisUrl,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) },
  });
  client.on("error", (error: unknown) => {
    console.error(`redis: ${error instanceof Error ? error.message : String(error)}`);
  });
  await client.connect();
  // A reply of Redis itself (NOSCRIPT after a restart) is the store's to handle; no reply is an outage.
  const unreachable = (error: unknown): never => {
    throw error instanceof ErrorReply ? error : new DependencyUnavailable("redis", error);
  };
  return {
    factory: (prefix) =>
      new RedisStore({
        prefix,
        sendCommand: (...args: string[]) => client.sendCommand<RedisReply>(args).catch(unreachable),
      }),
    ping: async () => {
      await client.ping();
    },
    close: async () => {
      await client.close();
    },
  };
}
