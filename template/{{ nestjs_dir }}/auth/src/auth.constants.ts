/** The AppContext (configuration, database, mailer, events, caches) every controller and guard injects. */
export const AUTH_CONTEXT = Symbol("AUTH_CONTEXT");

/** The started runtime, closed when the application shuts down. */
export const AUTH_RUNTIME = Symbol("AUTH_RUNTIME");

/** The options of AuthModule.forRoot(). */
export const AUTH_OPTIONS = Symbol("AUTH_OPTIONS");
