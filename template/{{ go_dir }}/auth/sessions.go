package auth

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"net/http"
)

// issuedTokens is a token pair with its session and user.
type issuedTokens struct {
	AccessToken  string
	RefreshToken string
	ExpiresIn    int
	SessionID    string
	User         *User
}

// client is who sent a request, as the sessions list and the audit log show it.
type client struct {
	IP        string
	UserAgent string
}

func truncate(text string, max int) string {
	runes := []rune(text)
	if len(runes) > max {
		return string(runes[:max])
	}
	return text
}

// sessionEnded says why a session no longer grants access, or "".
func (a *Auth) sessionEnded(revokedAt, expiresAt sql.NullString, lastSeenAt string) string {
	if revokedAt.Valid {
		return "The session has ended."
	}
	if expiresAt.Valid && expiresAt.String <= nowText() {
		return "The session has reached its maximum age."
	}
	if idle := a.cfg.Limits["SESSION_IDLE_TIMEOUT_SECONDS"]; idle > 0 && secondsSince(lastSeenAt) > float64(idle) {
		return "The session ended after inactivity."
	}
	return ""
}

func (a *Auth) accessToken(userID, sessionID string) (string, error) {
	return signToken(a.cfg.JWTKeys, claims{Type: "access", SessionID: sessionID, RegisteredClaims: subject(userID)},
		a.cfg.Limits["ACCESS_TOKEN_TTL_SECONDS"])
}

func (a *Auth) refreshExpiry(sessionExpiresAt sql.NullString) string {
	byTTL := textAfter(a.cfg.Limits["REFRESH_TOKEN_TTL_SECONDS"])
	if sessionExpiresAt.Valid && sessionExpiresAt.String < byTTL {
		return sessionExpiresAt.String
	}
	return byTTL
}

// successorOf derives the next refresh token from the spent one, so a retry inside the grace
// window gets the same successor, even from another process or after a restart.
func (a *Auth) successorOf(refreshToken string) string {
	key := hmacSHA256(a.cfg.JWTKeys[0].Secret, "refresh-token-successor")
	return base64.RawURLEncoding.EncodeToString(hmacSHA256(key, refreshToken))
}

// sessionOpened are the features' writes in the transaction that opens a session (a passkey login is recorded).
var sessionOpened []func(ctx context.Context, tx *sql.Tx, sessionID, method string) error

// startSession opens a session for a user who passed every check, ending the oldest beyond the cap;
// method is how the user signed in (password, mfa, passkey ...).
func (a *Auth) startSession(ctx context.Context, u *User, c client, deviceName, method string) (*issuedTokens, error) {
	id := newID()
	refreshToken := randomToken()
	created := nowText()
	var expiresAt sql.NullString
	if absolute := a.cfg.Limits["SESSION_ABSOLUTE_TTL_SECONDS"]; absolute > 0 {
		expiresAt = sql.NullString{String: textAfter(absolute), Valid: true}
	}
	err := a.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO auth_sessions (id, user_id, created_at, authenticated_at, last_seen_at,
			expires_at, revoked_at, ip, user_agent, device_name) VALUES ($1, $2, $3, $3, $3, $4, NULL, $5, $6, $7)`,
			id, u.ID, created, expiresAt, c.IP, truncate(c.UserAgent, 512), truncate(deviceName, 100)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO auth_refresh_tokens (token_hash, session_id, created_at, expires_at, used_at)
			VALUES ($1, $2, $3, $4, NULL)`, sha256Hex(refreshToken), id, created, a.refreshExpiry(expiresAt)); err != nil {
			return err
		}
		for _, opened := range sessionOpened {
			if err := opened(ctx, tx, id, method); err != nil {
				return err
			}
		}
		return a.endSessionsBeyondCap(ctx, tx, u.ID, created)
	})
	if err != nil {
		return nil, err
	}
	access, err := a.accessToken(u.ID, id)
	if err != nil {
		return nil, err
	}
	return &issuedTokens{AccessToken: access, RefreshToken: refreshToken, ExpiresIn: a.cfg.Limits["ACCESS_TOKEN_TTL_SECONDS"],
		SessionID: id, User: u}, nil
}

func (a *Auth) endSessionsBeyondCap(ctx context.Context, tx *sql.Tx, userID, at string) error {
	limit := a.cfg.Limits["MAX_SESSIONS_PER_USER"]
	if limit <= 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL
		ORDER BY created_at DESC, id`, userID)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			_ = rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids[min(limit, len(ids)):] {
		if _, err := tx.ExecContext(ctx, "UPDATE auth_sessions SET revoked_at = $1 WHERE id = $2", at, id); err != nil {
			return err
		}
	}
	return nil
}

func (a *Auth) inTx(ctx context.Context, work func(tx *sql.Tx) error) error {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return work(tx)
	}
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := work(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (a *Auth) revokeSession(ctx context.Context, sessionID string) error {
	_, err := a.db.ExecContext(ctx, "UPDATE auth_sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
		nowText(), sessionID)
	return err
}

// revokeUserSessions ends every session of a user, but the one named in except.
func (a *Auth) revokeUserSessions(ctx context.Context, userID, except string) error {
	_, err := a.db.ExecContext(ctx, `UPDATE auth_sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL
		AND id <> $3`, nowText(), userID, except)
	return err
}

func invalidRefresh() *Problem { return unauthenticated("The refresh token is not valid.") }

// rotateRefreshToken spends a refresh token for a new pair. A spent token shown again inside the
// grace window gets the same successor (parallel tabs, a retried request); later it is taken as
// stolen and the sessions end.
func (a *Auth) rotateRefreshToken(ctx context.Context, refreshToken string, c client) (*issuedTokens, error) {
	var tokenHash, tokenExpiresAt, sessionID, lastSeenAt string
	var usedAt, revokedAt, expiresAt sql.NullString
	row := a.db.QueryRowContext(ctx, userSelect("u.")+`, t.token_hash, t.expires_at, t.used_at, s.id, s.revoked_at,
		s.expires_at, s.last_seen_at FROM auth_refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
		JOIN auth_users u ON u.id = s.user_id WHERE t.token_hash = $1`, sha256Hex(refreshToken))
	u, err := scanUser(row, &tokenHash, &tokenExpiresAt, &usedAt, &sessionID, &revokedAt, &expiresAt, &lastSeenAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, invalidRefresh()
	}
	if err != nil {
		return nil, err
	}
	if ended := a.sessionEnded(revokedAt, expiresAt, lastSeenAt); ended != "" {
		if !revokedAt.Valid {
			if err := a.revokeSession(ctx, sessionID); err != nil {
				return nil, err
			}
		}
		return nil, problem(http.StatusUnauthorized, "session_revoked", ended)
	}
	if tokenExpiresAt <= nowText() {
		return nil, problem(http.StatusUnauthorized, "token_expired", "The refresh token has expired.")
	}
	successor := a.successorOf(refreshToken)
	fresh := !usedAt.Valid
	if fresh {
		at := nowText()
		err := a.inTx(ctx, func(tx *sql.Tx) error {
			spent, err := tx.ExecContext(ctx, "UPDATE auth_refresh_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
				at, tokenHash)
			if err != nil {
				return err
			}
			if n, _ := spent.RowsAffected(); n == 0 {
				fresh = false
				return nil
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO auth_refresh_tokens (token_hash, session_id, created_at, expires_at, used_at)
				VALUES ($1, $2, $3, $4, NULL)`, sha256Hex(successor), sessionID, at, a.refreshExpiry(expiresAt)); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, "UPDATE auth_sessions SET last_seen_at = $1 WHERE id = $2", at, sessionID)
			return err
		})
		if err != nil {
			return nil, err
		}
		if !fresh {
			usedAt = sql.NullString{String: at, Valid: true}
		}
	}
	if !fresh && secondsSince(usedAt.String) > float64(a.cfg.Limits["REFRESH_REUSE_GRACE_SECONDS"]) {
		if reuseRevokesAllSessions {
			err = a.revokeUserSessions(ctx, u.ID, "")
		} else {
			err = a.revokeSession(ctx, sessionID)
		}
		if err != nil {
			return nil, err
		}
		a.record(ctx, "REFRESH_REUSE_DETECTED", u.ID, c, nil)
		return nil, unauthenticated("This refresh token was already used; the sessions have ended.")
	}
	access, err := a.accessToken(u.ID, sessionID)
	if err != nil {
		return nil, err
	}
	return &issuedTokens{AccessToken: access, RefreshToken: successor, ExpiresIn: a.cfg.Limits["ACCESS_TOKEN_TTL_SECONDS"],
		SessionID: sessionID, User: u}, nil
}

// sessionOfRefreshToken names the session and user a refresh token belongs to ("" when unknown).
func (a *Auth) sessionOfRefreshToken(ctx context.Context, refreshToken string) (string, string, error) {
	var sessionID, userID string
	err := a.db.QueryRowContext(ctx, `SELECT s.id, s.user_id FROM auth_refresh_tokens t JOIN auth_sessions s
		ON s.id = t.session_id WHERE t.token_hash = $1`, sha256Hex(refreshToken)).Scan(&sessionID, &userID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return sessionID, userID, err
}
