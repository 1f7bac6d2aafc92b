package auth

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
)

// Session is the login a request was authenticated by.
type Session struct {
	ID string
	// AuthenticatedAt is when the user last proved who they are in this session.
	AuthenticatedAt string
}

type contextKey int

const (
	userKey contextKey = iota
	sessionKey
)

// CurrentUser is the user Middleware (or an auth route) found for the request, if any.
func CurrentUser(ctx context.Context) (*User, bool) {
	u, ok := ctx.Value(userKey).(*User)
	return u, ok
}

func currentSession(ctx context.Context) *Session {
	s, _ := ctx.Value(sessionKey).(*Session)
	return s
}

// routeAccess says whether the features' checks on the user (mode 4: providers need MFA) apply to a route.
type routeAccess int

const (
	checkedUser routeAccess = iota
	everyUser
)

// userChecks are the features' conditions on an authenticated user for most routes.
var userChecks []func(ctx context.Context, a *Auth, u *User, s *Session) error

// resolve verifies an access token and its session: the user and session, or a 401 problem.
func (a *Auth) resolve(ctx context.Context, raw string) (*User, *Session, error) {
	c := a.tokens.get(raw)
	if c == nil {
		var err error
		if c, err = verifyToken(a.cfg.JWTKeys, raw, "access"); err != nil {
			return nil, nil, err
		}
		a.tokens.set(raw, c)
	}
	var sessionUser, authenticatedAt, lastSeenAt string
	var revokedAt, expiresAt sql.NullString
	row := a.db.QueryRowContext(ctx, userSelect("u.")+`, s.user_id, s.authenticated_at, s.last_seen_at, s.revoked_at,
		s.expires_at FROM auth_sessions s JOIN auth_users u ON u.id = s.user_id WHERE s.id = $1`, c.SessionID)
	u, err := scanUser(row, &sessionUser, &authenticatedAt, &lastSeenAt, &revokedAt, &expiresAt)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && sessionUser != c.Subject) {
		return nil, nil, unauthenticated("The session does not exist.")
	}
	if err != nil {
		return nil, nil, err
	}
	if ended := a.sessionEnded(revokedAt, expiresAt, lastSeenAt); ended != "" {
		if !revokedAt.Valid {
			if err := a.revokeSession(ctx, c.SessionID); err != nil {
				return nil, nil, err
			}
		}
		return nil, nil, problem(http.StatusUnauthorized, "session_revoked", ended)
	}
	if secondsSince(lastSeenAt) >= 1 {
		if _, err := a.db.ExecContext(ctx, "UPDATE auth_sessions SET last_seen_at = $1 WHERE id = $2", nowText(), c.SessionID); err != nil {
			return nil, nil, err
		}
	}
	return u, &Session{ID: c.SessionID, AuthenticatedAt: authenticatedAt}, nil
}

// authenticate requires a valid access token naming a live session.
func (a *Auth) authenticate(access routeAccess) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return handlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			raw := readAccessToken(a, r)
			if raw == "" {
				return unauthenticated("Authentication is required.")
			}
			u, s, err := a.resolve(r.Context(), raw)
			if err != nil {
				return err
			}
			if access == checkedUser {
				for _, check := range userChecks {
					if err := check(r.Context(), a, u, s); err != nil {
						return err
					}
				}
			}
			ctx := context.WithValue(context.WithValue(r.Context(), userKey, u), sessionKey, s)
			next.ServeHTTP(w, r.WithContext(ctx))
			return nil
		})
	}
}

// Middleware puts the current user in the context of requests that carry a valid access token
// (read it with CurrentUser) and passes every request on; RequireUser refuses those without one.
func (a *Auth) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if raw := readAccessToken(a, r); raw != "" {
			if u, s, err := a.resolve(r.Context(), raw); err == nil {
				r = r.WithContext(context.WithValue(context.WithValue(r.Context(), userKey, u), sessionKey, s))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// RequireUser answers 401 (a problem document) to a request without a valid access token.
func (a *Auth) RequireUser(next http.Handler) http.Handler {
	return a.authenticate(checkedUser)(next)
}
