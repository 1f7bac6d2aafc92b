/**
 * The wire shapes of the auth API (docs/openapi.yaml and docs/api.md of the template).
 * Members that only some security modes send are optional.
 */

export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: string;
  mfaEnabled?: boolean;
  role?: string;
  consentVersion?: string | null;
  consentedAt?: string | null;
}

/** A session grant; bearer transport adds the tokens, cookie transport sets cookies instead. */
export interface SessionGrant {
  expiresIn: number;
  user: User;
  accessToken?: string;
  refreshToken?: string;
}

export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
}

export type LoginResult = SessionGrant | MfaChallenge;

/** A passkey of the signed-in user (mode 2+). */
export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface MfaSetup {
  secret: string;
  qrCodeUri: string;
  qrCodeImage: string;
  recoveryCodes: string[];
}

export interface RecoveryCodes {
  recoveryCodes: string[];
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface AuditEntry {
  id: string | number;
  event: string;
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  details: Record<string, unknown> | null;
  /** Mode 4: the hash chain that makes the log tamper-evident. */
  prevHash?: string | null;
  hash?: string;
}

export interface AuditQuery {
  userId?: string;
  event?: string;
  since?: string;
  until?: string;
  page?: number;
  pageSize?: number;
}

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details with the API's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
  consentToken?: string;
  /** service_unavailable from /health/ready only: each dependency's state. */
  dependencies?: Record<string, 'ok' | 'unavailable'>;
}
