// Creates Better Auth's tables, as `npx @better-auth/cli migrate` would, without the CLI.
import { getMigrations } from "better-auth/db/migration";

import { auth } from "./auth.mjs";

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
