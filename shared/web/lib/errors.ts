import { ApiError } from './api/problem';
import { format, formatWait, messages } from './messages';

/** Fields a form found wrong before asking the server, keyed by field name. */
export class InvalidFields extends Error {
  readonly fields: Record<string, string>;

  constructor(fields: Record<string, string>) {
    super(messages.fields.summary);
    this.name = 'InvalidFields';
    this.fields = fields;
  }
}

/** What a form shows for an error: one summary, and each field's message beside that field. */
export interface FormErrors {
  summary: string;
  fields: Record<string, string>;
}

function rateLimited(error: ApiError): string {
  if (error.retryAfter)
    return format(messages.errors.rate_limited_for, { wait: formatWait(error.retryAfter) });
  return error.problem.detail || messages.errors.rate_limited;
}

/**
 * A sentence a person understands for any error a page can meet; `wording` words some codes
 * for one form (a wrong current password is not a wrong email or password).
 */
export function describeError(error: unknown, wording: Record<string, string> = {}): string {
  if (error instanceof InvalidFields) return error.message;
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') return rateLimited(error);
    if (error.code === 'weak_password' && error.problem.detail) return error.problem.detail;
    const known: Record<string, string> = { ...messages.errors, ...wording };
    return known[error.code] ?? messages.errors.unknown;
  }
  if (error instanceof TypeError) return messages.errors.network;
  return messages.errors.unknown;
}

export function formErrors(error: unknown, wording: Record<string, string> = {}): FormErrors {
  const fields =
    error instanceof InvalidFields
      ? error.fields
      : error instanceof ApiError
        ? error.fieldErrors()
        : {};
  const summary = Object.keys(fields).length
    ? messages.fields.summary
    : describeError(error, wording);
  return { summary, fields };
}

/**
 * Throws `InvalidFields` naming every empty field of `required` (field name -> how the
 * message names it) and every message of `more`, so a form reports all of them at once.
 */
export function checkFields(
  values: Record<string, string>,
  required: Record<string, string>,
  more: Record<string, string | false | undefined> = {},
): void {
  const found: Record<string, string> = {};
  for (const [name, label] of Object.entries(required)) {
    if (!values[name]?.trim()) found[name] = format(messages.fields.required, { label });
  }
  for (const [name, message] of Object.entries(more)) {
    if (message && !found[name]) found[name] = message;
  }
  if (Object.keys(found).length) throw new InvalidFields(found);
}

/** Moves focus to the first field marked invalid inside `container`; call it once they are shown. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** Wording for forms that check the signed-in user's password again: no email was typed. */
export const passwordCheckWording = { invalid_credentials: messages.errors.wrong_password };
