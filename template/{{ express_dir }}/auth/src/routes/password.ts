import { Router } from "../http/router.js";
import type { AppContext } from "../context.js";
import { fields } from "../http/body.js";
import { HttpProblem } from "../http/problem.js";
import { clientOf } from "../http/respond.js";
import { authenticate, authOf } from "../middleware/authenticate.js";
import { rateLimits } from "../middleware/rate-limit.js";
import { runSoon } from "../services/background.js";
import { linkMail, noticeMail } from "../services/mail.js";
import { consumeOneTimeToken, createOneTimeToken, peekOneTimeToken } from "../services/one-time-tokens.js";
import { hashPassword, passwordWeakness, verifyPassword } from "../services/passwords.js";
import { revokeUserSessions } from "../services/sessions.js";
import { findUserByEmail, findUserById, updateUser } from "../services/users.js";
import { weakPassword } from "./auth.js";

export function passwordRoutes(ctx: AppContext): Router {
  const router = Router();
  const { config, db, events, mailer } = ctx;

  router.post("/forgot", ...rateLimits(ctx, "RESET", { failuresOnly: false }), (req, res) => {
    const input = fields(req);
    const email = input.email();
    input.done();
    const client = clientOf(req);
    // Answer first, then look the email up: known and unknown emails take the same time.
    res.status(202).json({ status: "reset_sent" });
    runSoon(async () => {
      const user = await findUserByEmail(db, email);
      if (!user) return;
      const token = await createOneTimeToken(db, user.id, "reset", config.limits.RESET_TOKEN_TTL_SECONDS);
      await events.record("PASSWORD_RESET_REQUESTED", { userId: user.id, client });
      await mailer.send(
        linkMail(
          user.email,
          "Reset your password",
          "Choose a new password by opening this link. It works once and expires soon:",
          `${config.appUrl}/reset-password?token=${token}`,
        ),
      );
    }, "password reset request");
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
    mailer.sendLater(
      noticeMail(user.email, "Your password was changed", "Your password was reset and every session was ended."),
    );
    res.status(204).end();
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
    mailer.sendLater(noticeMail(user.email, "Your password was changed", "Your password was changed."));
    res.status(204).end();
  });

  return router;
}
