import { createParamDecorator, type ExecutionContext } from "@nestjs/common";
import type { AuthenticatedRequest } from "../guards/auth.guard.js";
import type { Auth } from "../middleware/authenticate.js";
import type { User } from "../services/users.js";

function authOf(context: ExecutionContext): Auth {
  const { auth } = context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>();
  if (!auth) throw new Error("@CurrentUser() and @CurrentAuth() need AuthGuard on the route.");
  return auth;
}

/** The signed-in user of a route behind AuthGuard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): User => {
  return authOf(context).user;
});

/** The signed-in user, the session id and when the user last proved who they are. */
export const CurrentAuth = createParamDecorator((_data: unknown, context: ExecutionContext): Auth => {
  return authOf(context);
});
