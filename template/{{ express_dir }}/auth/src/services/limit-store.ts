import { MemoryStore, type Store } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
import { createClient } from "redis";

export type LimitStoreFactory = (prefix: string) => Store;

export interface LimitStores {
  factory: LimitStoreFactory;
  close: () => Promise<void>;
}

/** Counters in process memory, or in Redis (atomic Lua increments) when REDIS_URL is set. */
export async function limitStores(redisUrl: string): Promise<LimitStores> {
  if (!redisUrl) {
    return { factory: () => new MemoryStore(), close: () => Promise.resolve() };
  }
  const client = createClient({ url: redisUrl });
  client.on("error", (error: unknown) => {
    console.error("redis:", error);
  });
  await client.connect();
  return {
    factory: (prefix) => new RedisStore({ prefix, sendCommand: (...args: string[]) => client.sendCommand(args) }),
    close: async () => {
      await client.close();
    },
  };
}
