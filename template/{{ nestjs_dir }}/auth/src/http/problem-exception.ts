import { HttpException } from "@nestjs/common";
import { HttpProblem } from "./problem.js";

/**
 * A problem as Nest's own HttpException, for what the auth throws on the application's routes
 * (AuthGuard): the application's exception handling answers it with the problem's status and body.
 */
export class ProblemException extends HttpException {
  constructor(readonly problem: HttpProblem) {
    super(problem.body(), problem.status);
  }
}

/** Runs a check of the auth, giving its problems to Nest as ProblemException. */
export async function asNestException<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    throw error instanceof HttpProblem ? new ProblemException(error) : error;
  }
}
