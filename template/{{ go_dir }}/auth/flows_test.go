package auth

import (
	"context"
	"net/http"
	"testing"
)

// signUp creates an account that can log in, whatever this mode asks of a new account.
func signUp(t *testing.T, a *Auth, c *apiClient, email string) {
	t.Helper()
	got := c.post("/auth/register", map[string]any{"email": email, "password": strongPassword})
	if got.status != http.StatusCreated && got.status != http.StatusAccepted {
		t.Fatalf("register: %d %v", got.status, got.body)
	}
	for _, statement := range accountSetup {
		if _, err := a.db.ExecContext(context.Background(), statement, email); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoginMeRefreshLogout(t *testing.T) {
	a, server := startAuth(t, testConfig(t))
	c := newClient(t, server)
	email := uniqueEmail("flow")
	signUp(t, a, c, email)

	login := c.post("/auth/login", map[string]any{"email": email, "password": strongPassword})
	expect(t, login, http.StatusOK, "")
	if user := login.body["user"].(map[string]any); user["email"] != email {
		t.Fatalf("login user: %v", user)
	}
	if usesCookies && (login.body["accessToken"] != nil || login.body["refreshToken"] != nil) {
		t.Fatal("the cookie transport must never put a token in the body")
	}
	me := c.get("/auth/me")
	expect(t, me, http.StatusOK, "")
	if me.body["email"] != email {
		t.Fatalf("me: %v", me.body)
	}
	expect(t, c.post("/auth/refresh", nil), http.StatusOK, "")
	expect(t, c.get("/auth/me"), http.StatusOK, "")
	expect(t, c.post("/auth/logout", nil), http.StatusNoContent, "")
	expect(t, c.get("/auth/me"), http.StatusUnauthorized, "")
}

func TestWrongPasswordAndUnknownEmailAnswerAlike(t *testing.T) {
	a, server := startAuth(t, testConfig(t))
	c := newClient(t, server)
	email := uniqueEmail("wrong")
	signUp(t, a, c, email)
	expect(t, c.post("/auth/login", map[string]any{"email": email, "password": "not the password at all"}), http.StatusUnauthorized, "invalid_credentials")
	expect(t, c.post("/auth/login", map[string]any{"email": uniqueEmail("nobody"), "password": strongPassword}), http.StatusUnauthorized, "invalid_credentials")
}

func TestWeakAndCommonPasswordsAreRefused(t *testing.T) {
	_, server := startAuth(t, testConfig(t))
	c := newClient(t, server)
	for _, password := range []string{"short", "yfdbufnjh10305070", "polniypizdec0211"} {
		got := c.post("/auth/register", map[string]any{"email": uniqueEmail("weak"), "password": password})
		if got.status != http.StatusBadRequest {
			t.Fatalf("%q: status %d %v", password, got.status, got.body)
		}
	}
}

func TestValidationListsEveryField(t *testing.T) {
	_, server := startAuth(t, testConfig(t))
	c := newClient(t, server)
	got := c.post("/auth/login", map[string]any{"email": "not-an-email", "password": 42})
	expect(t, got, http.StatusBadRequest, "validation_error")
	if errors := got.body["errors"].([]any); len(errors) != 2 {
		t.Fatalf("errors: %v", errors)
	}
}

func TestLoginIsRateLimitedPerEmail(t *testing.T) {
	cfg := testConfig(t)
	cfg.Limits["RATE_LIMIT_LOGIN_PER_EMAIL"] = 2
	a, server := startAuth(t, cfg)
	c := newClient(t, server)
	email := uniqueEmail("limited")
	signUp(t, a, c, email)
	for range 2 {
		expect(t, c.post("/auth/login", map[string]any{"email": email, "password": "a wrong password here"}), http.StatusUnauthorized, "")
	}
	limited := c.post("/auth/login", map[string]any{"email": email, "password": strongPassword})
	expect(t, limited, http.StatusTooManyRequests, "rate_limited")
	if limited.header.Get("Retry-After") == "" {
		t.Fatal("a 429 carries Retry-After")
	}
}

func TestRefreshTokenReuseEndsTheSession(t *testing.T) {
	cfg := testConfig(t)
	cfg.Limits["REFRESH_REUSE_GRACE_SECONDS"] = 0
	a, server := startAuth(t, cfg)
	c := newClient(t, server)
	email := uniqueEmail("reuse")
	signUp(t, a, c, email)
	expect(t, c.post("/auth/login", map[string]any{"email": email, "password": strongPassword}), http.StatusOK, "")
	tokens, err := a.startSession(context.Background(), mustUser(t, a, email), client{IP: "127.0.0.1"}, "", "password")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.rotateRefreshToken(context.Background(), tokens.RefreshToken, client{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.rotateRefreshToken(context.Background(), tokens.RefreshToken, client{}); err == nil {
		t.Fatal("a spent refresh token was accepted after the grace window")
	}
	if _, _, err := a.resolve(context.Background(), tokens.AccessToken); err == nil {
		t.Fatal("the session of a replayed refresh token is still alive")
	}
}

func mustUser(t *testing.T, a *Auth, email string) *User {
	t.Helper()
	u, err := a.userByEmail(context.Background(), email)
	if err != nil || u == nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	a, server := startAuth(t, testConfig(t))
	first, second := newClient(t, server), newClient(t, server)
	email := uniqueEmail("change")
	signUp(t, a, first, email)
	for _, c := range []*apiClient{first, second} {
		expect(t, c.post("/auth/login", map[string]any{"email": email, "password": strongPassword}), http.StatusOK, "")
	}
	next := "another long passphrase for tests"
	expect(t, first.post("/auth/password/change", map[string]any{"currentPassword": strongPassword, "newPassword": next}), http.StatusNoContent, "")
	expect(t, first.get("/auth/me"), http.StatusOK, "")
	expect(t, second.get("/auth/me"), http.StatusUnauthorized, "")
}

func TestUnknownPathsAndMethodsAreProblems(t *testing.T) {
	_, server := startAuth(t, testConfig(t))
	c := newClient(t, server)
	got := c.get("/auth/nothing-here")
	expect(t, got, http.StatusNotFound, "not_found")
	if got.header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("content type %q", got.header.Get("Content-Type"))
	}
	if got.header.Get("X-Frame-Options") != "DENY" {
		t.Fatal("errors carry the security headers too")
	}
}
