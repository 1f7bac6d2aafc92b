import express from "express";
import { answerClientErrors, ConfigError, createAuth, type Auth } from "../auth/dist/index.js";

function authOrExit(): Auth {
  try {
    return createAuth();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Refusing to start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const auth = authOrExit();
await auth.ready;
const { host, port, trustedProxies } = auth.config;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustedProxies.length > 0 ? trustedProxies : false);
app.set("etag", false);
// This application is the auth service alone; an existing one mounts `auth.router` instead.
app.use(auth.service);

const server = app.listen(port, host, () => {
  console.log(`listening on http://${host}:${port}`);
});
server.keepAliveTimeout = 65_000;
answerClientErrors(server);

function shutdown(): void {
  server.close(() => {
    void auth.close().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5_000).unref();
}

process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
