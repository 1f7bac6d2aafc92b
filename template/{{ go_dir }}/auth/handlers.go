package auth

import (
	"context"
	"encoding/json"
	"net/http"
)

func (a *Auth) register(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	email := body.email()
	password := body.str("password", 4096)
	if err := body.done(); err != nil {
		return err
	}
	if weakness := passwordWeakness(password, email, a.cfg.Limits["PASSWORD_MIN_LENGTH"]); weakness != "" {
		return weakPassword(weakness, "password")
	}
	passwordHash := hashPassword(password)
	var u *User
	// The account and the work its answer promises (event, link) commit together or not at all.
	err = a.transaction(r.Context(), func(ctx context.Context) error {
		if u, err = a.createUser(ctx, email, passwordHash); err != nil {
			return err
		}
		return afterRegistration(ctx, a, a.clientOf(r), email, u)
	})
	if err != nil {
		return err
	}
	return registered(a, w, email, u)
}

func (a *Auth) login(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	email := body.email()
	password := body.str("password", 4096)
	deviceName := body.optional("deviceName", 100)
	if err := body.done(); err != nil {
		return err
	}
	ctx := r.Context()
	c := a.clientOf(r)
	u, err := a.userByEmail(ctx, email)
	if err != nil {
		return err
	}
	if u == nil || !verifyPassword(u.PasswordHash, password) {
		if u == nil {
			verifyAgainstDummy(password)
		}
		var userID string
		if u != nil {
			userID = u.ID
		}
		a.record(ctx, "LOGIN_FAILED", userID, c, map[string]any{"reason": "credentials"})
		return problem(http.StatusUnauthorized, "invalid_credentials", "The email or the password is wrong.")
	}
	if needsRehash(u.PasswordHash) {
		u.PasswordHash = hashPassword(password)
		if err := a.setPasswordHash(ctx, u.ID, u.PasswordHash); err != nil {
			return err
		}
	}
	for _, f := range features {
		if f.afterPassword == nil {
			continue
		}
		step, err := f.afterPassword(ctx, a, u, deviceName)
		if err != nil {
			return err
		}
		if step != nil {
			return writeJSON(w, http.StatusOK, step)
		}
	}
	tokens, err := a.finishLogin(ctx, u, c, deviceName, "password")
	if err != nil {
		return err
	}
	return sendTokens(w, a, http.StatusOK, tokens)
}

// finishLogin is the last step of every login (password, MFA, device, passkey): the features'
// remaining checks, then a session.
func (a *Auth) finishLogin(ctx context.Context, u *User, c client, deviceName, method string) (*issuedTokens, error) {
	for _, f := range features {
		if f.beforeSession != nil {
			if err := f.beforeSession(ctx, a, u); err != nil {
				return nil, err
			}
		}
	}
	tokens, err := a.startSession(ctx, u, c, deviceName, method)
	if err != nil {
		return nil, err
	}
	event := "USER_LOGIN"
	if method == "biometric" {
		event = "BIOMETRIC_LOGIN"
	}
	a.record(ctx, event, u.ID, c, map[string]any{"method": method, "sessionId": tokens.SessionID})
	return tokens, nil
}

func (a *Auth) refresh(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	token := readRefreshToken(a, r, body)
	if token == "" {
		return unauthenticated("A refresh token is required.")
	}
	c := a.clientOf(r)
	tokens, err := a.rotateRefreshToken(r.Context(), token, c)
	if err != nil {
		return err
	}
	a.record(r.Context(), "TOKEN_REFRESHED", tokens.User.ID, c, map[string]any{"sessionId": tokens.SessionID})
	return sendTokens(w, a, http.StatusOK, tokens)
}

func (a *Auth) logout(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	var sessionID, userID string
	if refreshToken := readRefreshToken(a, r, body); refreshToken != "" {
		if sessionID, userID, err = a.sessionOfRefreshToken(ctx, refreshToken); err != nil {
			return err
		}
	}
	if accessToken := readAccessToken(a, r); sessionID == "" && accessToken != "" {
		u, s, err := a.resolve(ctx, accessToken)
		if err != nil {
			return err
		}
		sessionID, userID = s.ID, u.ID
	}
	if sessionID == "" {
		return unauthenticated("Send the refresh token or the access token of the session to end.")
	}
	if err := a.revokeSession(ctx, sessionID); err != nil {
		return err
	}
	a.record(ctx, "USER_LOGOUT", userID, a.clientOf(r), map[string]any{"sessionId": sessionID})
	clearTokens(w, a)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *Auth) me(w http.ResponseWriter, r *http.Request) error {
	u, _ := CurrentUser(r.Context())
	return writeJSON(w, http.StatusOK, u.document())
}

func (a *Auth) forgotPassword(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	email := body.email()
	if err := body.done(); err != nil {
		return err
	}
	// The lookup runs after the answer: known and unknown emails take the same time.
	if err := a.enqueue(r.Context(), "password_reset_request", accountRequest{Email: email, Client: a.clientOf(r)}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, map[string]string{"status": "reset_sent"})
}

// accountRequest is a request naming an account by email, looked up after the answer.
type accountRequest struct {
	Email  string
	Client client
}

func init() {
	outboxTasks["password_reset_request"] = sendResetLink
}

func sendResetLink(ctx context.Context, a *Auth, payload json.RawMessage) error {
	var request accountRequest
	if err := json.Unmarshal(payload, &request); err != nil {
		return err
	}
	u, err := a.userByEmail(ctx, request.Email)
	if err != nil || u == nil {
		return err
	}
	token, err := a.createOneTimeToken(ctx, u.ID, "reset", a.cfg.Limits["RESET_TOKEN_TTL_SECONDS"])
	if err != nil {
		return err
	}
	a.record(ctx, "PASSWORD_RESET_REQUESTED", u.ID, request.Client, nil)
	return a.sendLater(ctx, linkMail(u.Email, "Reset your password",
		"Choose a new password by opening this link. It works once and expires soon:",
		a.cfg.AppURL+"/reset-password?token="+token))
}

func (a *Auth) resetPassword(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	token := body.str("token", 200)
	password := body.str("password", 4096)
	if err := body.done(); err != nil {
		return err
	}
	ctx := r.Context()
	userID, err := a.peekOneTimeToken(ctx, token, "reset")
	if err != nil {
		return err
	}
	u, err := a.userByID(ctx, userID)
	if err != nil {
		return err
	}
	if u == nil {
		return problem(http.StatusBadRequest, "token_invalid", "The link is not valid.")
	}
	if weakness := passwordWeakness(password, u.Email, a.cfg.Limits["PASSWORD_MIN_LENGTH"]); weakness != "" {
		return weakPassword(weakness, "password")
	}
	if err := a.spendOneTimeToken(ctx, token); err != nil {
		return err
	}
	if err := a.setPasswordHash(ctx, u.ID, hashPassword(password)); err != nil {
		return err
	}
	if err := a.revokeUserSessions(ctx, u.ID, ""); err != nil {
		return err
	}
	a.record(ctx, "PASSWORD_RESET_COMPLETED", u.ID, a.clientOf(r), nil)
	if err := a.sendLater(ctx, noticeMail(u.Email, "Your password was changed", "Your password was reset and every session was ended.")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *Auth) changePassword(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	current := body.str("currentPassword", 4096)
	next := body.str("newPassword", 4096)
	if err := body.done(); err != nil {
		return err
	}
	ctx := r.Context()
	u, _ := CurrentUser(ctx)
	if !verifyPassword(u.PasswordHash, current) {
		return problem(http.StatusUnauthorized, "invalid_credentials", "The current password is wrong.")
	}
	if weakness := passwordWeakness(next, u.Email, a.cfg.Limits["PASSWORD_MIN_LENGTH"]); weakness != "" {
		return weakPassword(weakness, "newPassword")
	}
	if err := a.setPasswordHash(ctx, u.ID, hashPassword(next)); err != nil {
		return err
	}
	if err := a.revokeUserSessions(ctx, u.ID, currentSession(ctx).ID); err != nil {
		return err
	}
	a.record(ctx, "PASSWORD_CHANGED", u.ID, a.clientOf(r), nil)
	if err := a.sendLater(ctx, noticeMail(u.Email, "Your password was changed", "Your password was changed.")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *Auth) health(w http.ResponseWriter, _ *http.Request) {
	_ = writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// ready says whether the database (and Redis, when it holds the counters) answers, for load balancers.
func (a *Auth) ready(w http.ResponseWriter, r *http.Request) error {
	dependencies := map[string]string{"database": "ok"}
	healthy := true
	if err := pingDatabase(r.Context(), a.db); err != nil {
		dependencies["database"], healthy = "unavailable", false
	}
	if a.redis != nil {
		dependencies["redis"] = "ok"
		if err := pingRedis(r.Context(), a.redis); err != nil {
			dependencies["redis"], healthy = "unavailable", false
		}
	}
	if !healthy {
		return serviceUnavailable(map[string]any{"dependencies": dependencies})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "dependencies": dependencies})
}
