import "reflect-metadata";
import { NestFactory } from "@nestjs/core";
import type { NestExpressApplication } from "@nestjs/platform-express";
import type { Server } from "node:http";
import { answerClientErrors, AUTH_CONTEXT, ConfigError, ProblemFilter, type AppContext } from "../auth/dist/index.js";
import { AppModule } from "./app.module.js";

async function createApp(): Promise<NestExpressApplication> {
  try {
    // The auth parses its own JSON bodies (16 KB, UTF-8 only). Nest's logger waits until the
    // application exists, so a configuration error is the one line below, not a stack trace.
    return await NestFactory.create<NestExpressApplication>(AppModule, {
      bodyParser: false,
      abortOnError: false,
      logger: false,
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Refusing to start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const app = await createApp();
app.useLogger(["error", "warn"]);
const { config } = app.get<AppContext>(AUTH_CONTEXT);
app.disable("x-powered-by");
app.set("trust proxy", config.trustedProxies.length > 0 ? config.trustedProxies : false);
app.set("etag", false);
app.useGlobalFilters(new ProblemFilter());
app.enableShutdownHooks();

const server: Server = app.getHttpServer();
server.keepAliveTimeout = 65_000;
answerClientErrors(server);
await app.listen(config.port, config.host);
console.log(`listening on http://${config.host}:${config.port}`);
