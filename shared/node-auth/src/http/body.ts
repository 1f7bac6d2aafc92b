import type { Request } from "express";
import { codePoints } from "../services/text.js";
import { validationProblem, type FieldError } from "./problem.js";

export type Body = Record<string, unknown>;

/** The JSON object of a request, or a 400 problem when the body is anything else. */
export function jsonObject(req: Request): Body {
  const body: unknown = req.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw validationProblem([{ field: "body", message: "must be a JSON object" }]);
  }
  return body as Body;
}

interface StringRule {
  max?: number;
  optional?: boolean;
}

function badText(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain NUL characters";
  if (!value.isWellFormed()) return "must be well-formed Unicode";
  return null;
}

/** Collects field errors so one answer lists every problem of a body. */
export class FieldReader {
  private readonly errors: FieldError[] = [];

  constructor(private readonly body: Body) {}

  string(field: string, rule: StringRule & { optional: true }): string | undefined;
  string(field: string, rule?: StringRule): string;
  string(field: string, rule: StringRule = {}): string | undefined {
    const value = this.body[field];
    const missing = rule.optional ? undefined : "";
    if (value === undefined || value === null) {
      if (!rule.optional) this.errors.push({ field, message: "is required" });
      return missing;
    }
    if (typeof value !== "string") {
      this.errors.push({ field, message: "must be a string" });
      return missing;
    }
    const problem =
      badText(value) ??
      (!rule.optional && value.length === 0 ? "must not be empty" : null) ??
      (rule.max !== undefined && codePoints(value) > rule.max ? `must be at most ${rule.max} characters` : null);
    if (problem) {
      this.errors.push({ field, message: problem });
      return missing;
    }
    return value;
  }

  integer(field: string, min: number, max: number): number {
    const value = this.body[field];
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.errors.push({ field, message: "must be a whole number" });
      return min;
    }
    if (value < min || value > max) {
      this.errors.push({ field, message: `must be between ${min} and ${max}` });
      return min;
    }
    return value;
  }

  email(field = "email"): string {
    const raw = this.string(field, { max: 320 });
    const email = raw.normalize("NFKC").trim().toLowerCase();
    const invisible = /[\p{Cc}\p{Cf}\p{Z}]/u.test(email);
    // The local part is ASCII (RFC 5321; not every mail server speaks SMTPUTF8); the domain may be an IDN.
    const asciiLocalPart = /^[\x21-\x7e]+@/.test(email);
    if (raw && (email.length > 254 || invisible || !asciiLocalPart || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) {
      this.errors.push({ field, message: "must be an email address" });
    }
    return email;
  }

  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  /** Throws one validation problem naming every failed field. */
  done(): void {
    if (this.errors.length > 0) throw validationProblem(this.errors);
  }
}

export function fields(req: Request): FieldReader {
  return new FieldReader(jsonObject(req));
}

/** A whole-number query parameter within bounds, or a 400 naming it. */
export function queryInt(req: Request, name: string, fallback: number, min: number, max: number): number {
  const raw: unknown = req.query[name];
  if (raw === undefined || raw === "") return fallback;
  const value = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw validationProblem([{ field: name, message: `must be a whole number from ${min} to ${max}` }]);
  }
  return value;
}

/** An optional text query parameter (one value, well-formed). */
export function queryText(req: Request, name: string, max = 200): string | undefined {
  const raw: unknown = req.query[name];
  if (raw === undefined || raw === "") return undefined;
  if (typeof raw !== "string" || raw.length > max || badText(raw)) {
    throw validationProblem([{ field: name, message: "must be a single short text value" }]);
  }
  return raw;
}

/** An optional date-time query parameter (ISO 8601), as an ISO string in UTC. */
export function queryDate(req: Request, name: string): string | undefined {
  const text = queryText(req, name, 64);
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw validationProblem([{ field: name, message: "must be an ISO 8601 date-time" }]);
  return new Date(time).toISOString();
}
