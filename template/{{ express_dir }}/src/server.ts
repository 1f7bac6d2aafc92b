import { createApp } from "./app.js";
import { ConfigError, loadDotEnv } from "./config/env.js";
import { loadConfig, type Config } from "./config/index.js";
import { answerClientErrors } from "./http/client-errors.js";
import { startRuntime } from "./runtime.js";

function configOrExit(): Config {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Refusing to start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const config = configOrExit();
const runtime = await startRuntime(config);
const server = createApp(runtime.ctx).listen(config.port, config.host, () => {
  console.log(`listening on http://${config.host}:${config.port}`);
});
server.keepAliveTimeout = 65_000;
answerClientErrors(server);

function shutdown(): void {
  server.close(() => {
    void runtime.close().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5_000).unref();
}

process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
