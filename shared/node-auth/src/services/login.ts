import type { AppContext, ClientInfo } from "../context.js";
import type { LoginStep } from "../features/feature.js";
import { features } from "../features/index.js";
import { draftSession, startSession, type IssuedTokens, type SessionDraft } from "./sessions.js";
import type { User } from "./users.js";

/** A password login ends with tokens, or with the answer of a step the client takes next (MFA). */
export type LoginOutcome = { tokens: IssuedTokens } | { step: LoginStep };

/** The last step of every login (password, MFA, device): the features' checks that remain, then a session. */
export async function finishLogin(
  ctx: AppContext,
  user: User,
  client: ClientInfo,
  deviceName: string,
  method: "password" | "mfa" | "biometric" | "passkey",
  draft?: SessionDraft,
): Promise<IssuedTokens> {
  for (const feature of features) {
    if (feature.beforeSession) user = await feature.beforeSession(ctx, user, client, deviceName);
  }
  const tokens = await startSession(ctx, user, draft ?? draftSession(ctx, user.id, client, deviceName));
  await ctx.events.record(method === "biometric" ? "BIOMETRIC_LOGIN" : "USER_LOGIN", {
    userId: user.id,
    client,
    details: { method, sessionId: tokens.sessionId },
  });
  return tokens;
}

/** After the password matched: the features' steps (email verification, MFA), or the tokens. */
export async function afterPassword(
  ctx: AppContext,
  user: User,
  client: ClientInfo,
  deviceName: string,
  draft?: SessionDraft,
): Promise<LoginOutcome> {
  for (const feature of features) {
    if (!feature.afterPassword) continue;
    const step = await feature.afterPassword(ctx, user, deviceName);
    if (step) return { step };
  }
  return { tokens: await finishLogin(ctx, user, client, deviceName, "password", draft) };
}
