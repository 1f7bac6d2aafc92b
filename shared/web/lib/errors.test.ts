import { describe, expect, it } from 'vitest';
import { ApiError, problemFrom, retryAfterSeconds } from './api/problem';
import { checkFields, describeError, formErrors, InvalidFields } from './errors';
import { messages } from './messages';

function answer(
  status: number,
  code: string,
  detail: string,
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify({ type: 'about:blank', title: code, status, detail, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

async function errorOf(response: Response) {
  return new ApiError(await problemFrom(response.clone()), retryAfterSeconds(response));
}

describe('error wording', () => {
  it('tells the wait the server sent with a 429, in minutes or seconds', async () => {
    const minutes = await errorOf(
      answer(429, 'rate_limited', 'Too many requests.', { 'Retry-After': '900' }),
    );
    expect(describeError(minutes)).toBe('Too many attempts. Please try again in 15 minutes.');
    const seconds = await errorOf(
      answer(429, 'rate_limited', 'Too many requests.', { 'Retry-After': '42' }),
    );
    expect(describeError(seconds)).toBe('Too many attempts. Please try again in 42 seconds.');
  });

  it("falls back to the problem's detail when a 429 has no Retry-After", async () => {
    const error = await errorOf(answer(429, 'rate_limited', 'Try again in 10 minutes.'));
    expect(describeError(error)).toBe('Try again in 10 minutes.');
  });

  it('words every problem code for a person, never the API detail', async () => {
    for (const code of Object.keys(messages.errors)) {
      if (
        [
          'rate_limited',
          'rate_limited_for',
          'weak_password',
          'wrong_password',
          'network',
          'unknown',
        ].includes(code)
      )
        continue;
      const error = await errorOf(answer(400, code, 'The request has invalid fields.'));
      expect(describeError(error)).toBe(messages.errors[code as keyof typeof messages.errors]);
    }
    const unknown = await errorOf(answer(418, 'teapot', 'I am a teapot.'));
    expect(describeError(unknown)).toBe(messages.errors.unknown);
    expect(describeError(new TypeError('Failed to fetch'))).toBe(messages.errors.network);
  });

  it("gives one summary and leaves each field's message to that field", async () => {
    const response = new Response(
      JSON.stringify({
        status: 400,
        code: 'validation_error',
        detail: 'The request has invalid fields.',
        errors: [
          { field: 'email', message: 'Enter a valid email address.' },
          { field: 'password', message: 'This password is too common.' },
        ],
      }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
    );
    const shown = formErrors(await errorOf(response));
    expect(shown.summary).toBe(messages.fields.summary);
    expect(shown.fields).toEqual({
      email: 'Enter a valid email address.',
      password: 'This password is too common.',
    });
  });

  it('reports every empty field and every other check at once', () => {
    let caught: unknown;
    try {
      checkFields(
        { email: ' ', password: '', confirm: 'x' },
        { email: 'email address', password: 'password', confirm: 'password again' },
        { confirm: messages.fields.mismatch },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidFields);
    expect(formErrors(caught).fields).toEqual({
      email: 'Enter your email address.',
      password: 'Enter your password.',
      confirm: 'The passwords do not match.',
    });
    expect(() => checkFields({ email: 'a@b.test' }, { email: 'email address' })).not.toThrow();
  });
});
