import { webcrypto } from "node:crypto";
import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { SigningKey } from "../config/index.js";
import { HttpProblem } from "../http/problem.js";

export type TokenType = "access" | "mfa" | "consent";

export interface Claims extends JWTPayload {
  sub: string;
  typ: TokenType;
  sid?: string;
  jti?: string;
}

const requiredClaims: Record<TokenType, string[]> = {
  access: ["exp", "iat", "sub", "sid", "typ"],
  mfa: ["exp", "iat", "sub", "typ", "jti"],
  consent: ["exp", "iat", "sub", "typ", "jti"],
};

const cryptoKeys = new WeakMap<SigningKey, Promise<webcrypto.CryptoKey>>();

/** The secret imported once as a WebCrypto key; jose would import a raw secret on every call. */
function cryptoKey(key: SigningKey): Promise<webcrypto.CryptoKey> {
  let imported = cryptoKeys.get(key);
  if (!imported) {
    imported = webcrypto.subtle.importKey("raw", key.secret, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    cryptoKeys.set(key, imported);
  }
  return imported;
}

/** Signs with the first key; the others (AUTH_JWT_PREVIOUS_SECRETS) only verify, during a rotation. */
export async function signToken(
  keys: SigningKey[],
  claims: Omit<Claims, "iat" | "exp">,
  ttlSeconds: number,
): Promise<string> {
  const [current] = keys;
  if (!current) throw new Error("no signing key");
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: current.kid })
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await cryptoKey(current));
}

export async function verifyToken(keys: SigningKey[], token: string, type: TokenType): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.find((candidate) => candidate.kid === header.kid);
        if (!key) throw new errors.JWSSignatureVerificationFailed("unknown key id");
        return cryptoKey(key);
      },
      { algorithms: ["HS256"], requiredClaims: requiredClaims[type] },
    );
    if (payload.typ !== type || typeof payload.sub !== "string") throw new errors.JWTInvalid("wrong token type");
    return payload as Claims;
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new HttpProblem(401, "token_expired", "The token has expired.");
    }
    throw new HttpProblem(401, "token_invalid", "The token is not valid.");
  }
}

/**
 * Access tokens whose signature and claims were verified, until they expire: a token is
 * immutable, so checking it again proves nothing new. Whether its session is alive is asked
 * separately on every request.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Claims>();

  get(token: string): Claims | undefined {
    const claims = this.entries.get(token);
    if (!claims) return undefined;
    if ((claims.exp ?? 0) * 1000 <= Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  set(token: string, claims: Claims): void {
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(token, claims);
  }
}
