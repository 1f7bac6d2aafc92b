package auth

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
)

// createOneTimeToken makes a single-use, expiring token (reset, verify); only its SHA-256 is stored.
func (a *Auth) createOneTimeToken(ctx context.Context, userID, purpose string, ttlSeconds int) (string, error) {
	token := randomToken()
	_, err := a.conn(ctx).ExecContext(ctx, `INSERT INTO auth_one_time_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at)
		VALUES ($1, $2, $3, $4, $5, NULL)`, sha256Hex(token), userID, purpose, nowText(), textAfter(ttlSeconds))
	return token, err
}

// peekOneTimeToken is the user of a usable token, which stays usable (a reset whose new password is refused).
func (a *Auth) peekOneTimeToken(ctx context.Context, token, purpose string) (string, error) {
	hash := sha256Hex(token)
	var userID, expiresAt string
	var usedAt sql.NullString
	err := a.db.QueryRowContext(ctx, `SELECT user_id, expires_at, used_at FROM auth_one_time_tokens
		WHERE token_hash = $1 AND purpose = $2`, hash, purpose).Scan(&userID, &expiresAt, &usedAt)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && usedAt.Valid) {
		return "", problem(http.StatusBadRequest, "token_invalid", "The link is not valid or was already used.")
	}
	if err != nil {
		return "", err
	}
	if expiresAt <= nowText() {
		return "", problem(http.StatusBadRequest, "token_expired", "The link has expired; ask for a new one.")
	}
	return userID, nil
}

// spendOneTimeToken marks a token used; a token spent meanwhile by another request is refused.
func (a *Auth) spendOneTimeToken(ctx context.Context, token string) error {
	spent, err := a.db.ExecContext(ctx, "UPDATE auth_one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
		nowText(), sha256Hex(token))
	if err != nil {
		return err
	}
	if n, _ := spent.RowsAffected(); n == 0 {
		return problem(http.StatusBadRequest, "token_invalid", "The link was already used.")
	}
	return nil
}
