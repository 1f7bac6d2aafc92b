import { Controller, Inject, Post, Req, Res, UseFilters, UseGuards } from "@nestjs/common";
import type { Request, Response } from "express";
import { AUTH_CONTEXT } from "../auth.constants.js";
import type { AppContext, ClientInfo } from "../context.js";
import { CurrentAuth } from "../decorators/current-user.decorator.js";
import { ProblemFilter } from "../filters/problem.filter.js";
import { AuthGuard } from "../guards/auth.guard.js";
import { fields } from "../http/body.js";
import { HttpProblem } from "../http/problem.js";
import { clientOf } from "../http/respond.js";
import type { Auth } from "../middleware/authenticate.js";
import { linkMail, noticeMail } from "../services/mail.js";
import { consumeOneTimeToken, createOneTimeToken, peekOneTimeToken } from "../services/one-time-tokens.js";
import { hashPassword, passwordWeakness, verifyPassword } from "../services/passwords.js";
import { revokeUserSessions } from "../services/sessions.js";
import { findUserByEmail, findUserById, updateUser } from "../services/users.js";
import { weakPassword } from "./auth.controller.js";

const RESET_REQUESTED = "reset_requested";

/** Forgotten password (a mailed link), its reset, and the change of a known password. */
@Controller("auth/password")
@UseFilters(ProblemFilter)
export class PasswordController {
  constructor(@Inject(AUTH_CONTEXT) private readonly ctx: AppContext) {
    const { config, events, outbox } = ctx;
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
  }

  @Post("forgot")
  async forgot(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { db, outbox } = this.ctx;
    const input = fields(req);
    const email = input.email();
    input.done();
    // Queued for any email and looked up after the answer: known and unknown emails take the same time.
    await outbox.enqueue(db, RESET_REQUESTED, { email, client: clientOf(req) });
    res.status(202).json({ status: "reset_sent" });
    outbox.soon();
  }

  @Post("reset")
  async reset(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { ctx } = this;
    const input = fields(req);
    const token = input.string("token", { max: 200 });
    const password = input.string("password", { max: 4096 });
    input.done();
    const user = await findUserById(ctx.db, await peekOneTimeToken(ctx.db, token, "reset"));
    if (!user) throw new HttpProblem(400, "token_invalid", "The link is not valid.");
    // A refused password leaves the link usable for the next try; only a reset that succeeds spends it.
    const weakness = passwordWeakness(password, user.email, ctx.config.limits.PASSWORD_MIN_LENGTH);
    if (weakness) throw weakPassword(weakness);
    await consumeOneTimeToken(ctx.db, token, "reset");
    await updateUser(ctx, user.id, { password_hash: await hashPassword(password) });
    await revokeUserSessions(ctx, user.id);
    await ctx.events.record("PASSWORD_RESET_COMPLETED", { userId: user.id, client: clientOf(req) });
    await ctx.outbox.mail(
      ctx.db,
      noticeMail(user.email, "Your password was changed", "Your password was reset and every session was ended."),
    );
    res.status(204).end();
    ctx.outbox.soon();
  }

  @Post("change")
  @UseGuards(AuthGuard)
  async change(@Req() req: Request, @Res() res: Response, @CurrentAuth() auth: Auth): Promise<void> {
    const { ctx } = this;
    const input = fields(req);
    const currentPassword = input.string("currentPassword", { max: 4096 });
    const newPassword = input.string("newPassword", { max: 4096 });
    input.done();
    const { user, sessionId } = auth;
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new HttpProblem(401, "invalid_credentials", "The current password is wrong.");
    }
    const weakness = passwordWeakness(newPassword, user.email, ctx.config.limits.PASSWORD_MIN_LENGTH);
    if (weakness) throw weakPassword(weakness, "newPassword");
    await updateUser(ctx, user.id, { password_hash: await hashPassword(newPassword) });
    await revokeUserSessions(ctx, user.id, sessionId);
    await ctx.events.record("PASSWORD_CHANGED", { userId: user.id, client: clientOf(req) });
    await ctx.outbox.mail(ctx.db, noticeMail(user.email, "Your password was changed", "Your password was changed."));
    res.status(204).end();
    ctx.outbox.soon();
  }
}
