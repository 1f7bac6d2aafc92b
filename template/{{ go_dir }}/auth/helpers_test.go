package auth

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

const strongPassword = "correct horse battery staple 42"

// testConfig is a configuration on a fresh SQLite database in the test's folder.
func testConfig(t *testing.T) Config {
	t.Helper()
	key, err := signingKey("AUTH_JWT_SECRET", hex.EncodeToString(randomBytes(32)))
	if err != nil {
		t.Fatal(err)
	}
	limits := map[string]int{}
	for name, value := range tunableDefaults {
		limits[name] = value
	}
	return Config{
		AppURL:      "http://app.test",
		DatabaseURL: "sqlite:///" + filepath.Join(t.TempDir(), "auth.sqlite3"),
		JWTKeys:     []SigningKey{key},
		EmailFrom:   "no-reply@app.test",
		Limits:      limits,
	}
}

// startAuth migrates a fresh database and serves the auth on a test server.
func startAuth(t *testing.T, cfg Config) (*Auth, *httptest.Server) {
	t.Helper()
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(a)
	t.Cleanup(func() {
		server.Close()
		_ = a.Close()
	})
	return a, server
}

// apiClient speaks the auth's transport: cookies with the CSRF token, or bearer tokens.
type apiClient struct {
	t       *testing.T
	base    string
	http    *http.Client
	access  string
	refresh string
}

func newClient(t *testing.T, server *httptest.Server) *apiClient {
	jar, _ := cookiejar.New(nil)
	return &apiClient{t: t, base: server.URL, http: &http.Client{Jar: jar}}
}

type answer struct {
	status int
	header http.Header
	body   map[string]any
}

func (c *apiClient) do(method, path string, body map[string]any) answer {
	c.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	if !usesCookies && c.refresh != "" && (path == "/auth/refresh" || path == "/auth/logout") {
		if _, set := body["refreshToken"]; !set {
			body["refreshToken"] = c.refresh
		}
	}
	var payload []byte
	if method != http.MethodGet {
		payload, _ = json.Marshal(body)
	}
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(payload))
	if err != nil {
		c.t.Fatal(err)
	}
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/json")
		if usesCookies {
			req.Header.Set("X-CSRF-Token", c.csrfToken())
		}
	}
	if !usesCookies && c.access != "" {
		req.Header.Set("Authorization", "Bearer "+c.access)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	got := answer{status: res.StatusCode, header: res.Header, body: map[string]any{}}
	_ = json.NewDecoder(res.Body).Decode(&got.body)
	if token, ok := got.body["accessToken"].(string); ok {
		c.access = token
	}
	if token, ok := got.body["refreshToken"].(string); ok {
		c.refresh = token
	}
	return got
}

func (c *apiClient) csrfToken() string {
	res, err := c.http.Get(c.base + "/auth/csrf")
	if err != nil {
		c.t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	var body struct {
		CSRFToken string `json:"csrfToken"`
	}
	_ = json.NewDecoder(res.Body).Decode(&body)
	return body.CSRFToken
}

func (c *apiClient) post(path string, body map[string]any) answer {
	return c.do(http.MethodPost, path, body)
}

func (c *apiClient) get(path string) answer { return c.do(http.MethodGet, path, nil) }

func expect(t *testing.T, got answer, status int, code string) {
	t.Helper()
	if got.status != status {
		t.Fatalf("status %d, want %d: %v", got.status, status, got.body)
	}
	if code != "" && got.body["code"] != code {
		t.Fatalf("code %v, want %s: %v", got.body["code"], code, got.body)
	}
}

func uniqueEmail(prefix string) string {
	return prefix + "-" + strings.ToLower(hex.EncodeToString(randomBytes(4))) + "@example.com"
}
