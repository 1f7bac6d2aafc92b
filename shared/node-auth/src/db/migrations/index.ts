import type { Migration } from "kysely";
import { features } from "../../features/index.js";
import * as core from "./001_core.js";
import * as activeSessions from "./007_active_sessions.js";
import * as outbox from "./009_outbox.js";

/** One migration per feature; a higher security mode adds its features' files (listed in src/features/index.ts). */
export const migrations: Record<string, Migration> = {
  "001_core": core,
  "007_active_sessions": activeSessions,
  "009_outbox": outbox,
  ...Object.fromEntries(features.flatMap((feature) => Object.entries(feature.migrations ?? {}))),
};
