import { Router } from "../http/router.js";
import type { AppContext, ClientInfo } from "../context.js";
import { fields } from "../http/body.js";
import { HttpProblem } from "../http/problem.js";
import { clientOf } from "../http/respond.js";
import { authenticate, authOf } from "../middleware/authenticate.js";
import { rateLimits } from "../middleware/rate-limit.js";
import { linkMail, noticeMail } from "../services/mail.js";
import { consumeOneTimeToken, createOneTimeToken, peekOneTimeToken } from "../services/one-time-tokens.js";
import { hashPassword, passwordWeakness, verifyPassword } from "../services/passwords.js";
import { revokeUserSessions } from "../services/sessions.js";
import { findUserByEmail, findUserById, updateUser } from "../services/users.js";
import { weakPassword } from "./auth.js";

const RESET_REQUESTED = "reset_requested";

export function passwordRoutes(ctx: AppContext): Router {
  const router = Router();
  const { config, db, events, outbox } = ctx;

  outbox.handle<{ email: string; client: ClientInfo }>(RESET_REQUESTED, async (trx, { email, client }) => {
    const user = await findUserByEmail(trx, email);
    if (!user) return;
    const token = await createOneTimeToken(trx, user.id, "reset", config.limits.RESET_TOKEN_TTL_SECONDS);
    await events.record("PASSWORD_RESET_REQUESTED", { userId: user.id, client }, trx);
    await outbox.mail(
      trx,
      linkMail(
        user.email,
        "Reset your password",
        "Choose a new password by opening this link. It works once and expires soon:",
        `${config.appUrl}/reset-password?token=${token}`,
      ),
    );
  });

  router.post("/forgot", ...rateLimits(ctx, "RESET", { failuresOnly: false }), async (req, res) => {
    const input = fields(req);
    const email = input.email();
    input.done();
    // Queued for any email and looked up after the answer: known and unknown emails take the same time.
    await outbox.enqueue(db, RESET_REQUESTED, { email, client: clientOf(req) });
    res.status(202).json({ status: "reset_sent" });
    outbox.soon();
  });

  router.post("/reset", async (req, res) => {
    const input = fields(req);
    const token = input.string("token", { max: 200 });
    const password = input.string("password", { max: 4096 });
    input.done();
    const user = await findUserById(db, await peekOneTimeToken(db, token, "reset"));
    if (!user) throw new HttpProblem(400, "token_invalid", "The link is not valid.");
    // A refused password leaves the link usable for the next try; only a reset that succeeds spends it.
    const weakness = passwordWeakness(password, user.email, config.limits.PASSWORD_MIN_LENGTH);
    if (weakness) throw weakPassword(weakness);
    await consumeOneTimeToken(db, token, "reset");
    await updateUser(ctx, user.id, { password_hash: await hashPassword(password) });
    await revokeUserSessions(ctx, user.id);
    await events.record("PASSWORD_RESET_COMPLETED", { userId: user.id, client: clientOf(req) });
    await outbox.mail(
      db,
      noticeMail(user.email, "Your password was changed", "Your password was reset and every session was ended."),
    );
    res.status(204).end();
    outbox.soon();
  });

  router.post("/change", authenticate(ctx), async (req, res) => {
    const input = fields(req);
    const currentPassword = input.string("currentPassword", { max: 4096 });
    const newPassword = input.string("newPassword", { max: 4096 });
    input.done();
    const { user, sessionId } = authOf(res);
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new HttpProblem(401, "invalid_credentials", "The current password is wrong.");
    }
    const weakness = passwordWeakness(newPassword, user.email, config.limits.PASSWORD_MIN_LENGTH);
    if (weakness) throw weakPassword(weakness, "newPassword");
    await updateUser(ctx, user.id, { password_hash: await hashPassword(newPassword) });
    await revokeUserSessions(ctx, user.id, sessionId);
    await events.record("PASSWORD_CHANGED", { userId: user.id, client: clientOf(req) });
    await outbox.mail(db, noticeMail(user.email, "Your password was changed", "Your password was changed."));
    res.status(204).end();
    outbox.soon();
  });

  return router;
}
