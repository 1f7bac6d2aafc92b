package auth

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
)

// An existing net/http service mounts the handler on its paths and reads the user from the context.
func TestMountedInAnExistingServeMux(t *testing.T) {
	a, err := New(testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	if err := a.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for _, path := range a.Paths() {
		mux.Handle(path, a)
		mux.Handle(path+"/", a)
	}
	mux.Handle("GET /orders", a.RequireUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := CurrentUser(r.Context())
		_, _ = fmt.Fprintf(w, "orders of %s", u.Email)
	})))
	mux.HandleFunc("GET /about", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ours")) })
	server := httptest.NewServer(a.Middleware(mux))
	t.Cleanup(server.Close)

	c := newClient(t, server)
	email := uniqueEmail("host")
	signUp(t, a, c, email)
	expect(t, c.post("/auth/login", map[string]any{"email": email, "password": strongPassword}), http.StatusOK, "")
	if got := c.get("/health"); got.status != http.StatusOK {
		t.Fatalf("health: %d", got.status)
	}
	res, err := c.http.Do(c.request(t, "/orders"))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("orders: %v %v", res, err)
	}
	anonymous, _ := http.Get(server.URL + "/orders")
	if anonymous.StatusCode != http.StatusUnauthorized {
		t.Fatalf("orders without a login: %d", anonymous.StatusCode)
	}
	about, _ := http.Get(server.URL + "/about")
	if about.StatusCode != http.StatusOK || about.Header.Get("Content-Security-Policy") != "" {
		t.Fatal("the host's own routes keep their own answers and headers")
	}
}

// A chi service mounts the API after its own middlewares; the auth matches whole paths under the mount.
func TestMountedOnAnExistingChiRouter(t *testing.T) {
	a, err := New(testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	if err := a.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	r := chi.NewRouter()
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("X-Served-By", "host")
			next.ServeHTTP(w, req)
		})
	})
	a.Mount(r)
	r.Get("/health", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("host ok")) })
	r.Route("/books", func(r chi.Router) {
		r.Get("/", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("[]")) })
	})
	server := httptest.NewServer(r)
	t.Cleanup(server.Close)

	c := newClient(t, server)
	email := uniqueEmail("chi")
	signUp(t, a, c, email)
	expect(t, c.post("/auth/login", map[string]any{"email": email, "password": strongPassword}), http.StatusOK, "")
	if me := c.get("/auth/me"); me.status != http.StatusOK {
		t.Fatalf("me under the chi mount: %d", me.status)
	}
	if missing := c.get("/auth/nowhere"); missing.status != http.StatusNotFound {
		t.Fatalf("an unknown auth path: %d", missing.status)
	}
	books, _ := http.Get(server.URL + "/books")
	health, _ := http.Get(server.URL + "/health")
	if books.StatusCode != http.StatusOK || books.Header.Get("Content-Security-Policy") != "" ||
		health.StatusCode != http.StatusOK || health.Header.Get("X-Served-By") != "host" {
		t.Fatal("the host's own routes keep their own answers and headers")
	}
}

func (c *apiClient) request(t *testing.T, path string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, c.base+path, nil)
	req.RequestURI = ""
	if !usesCookies {
		req.Header.Set("Authorization", "Bearer "+c.access)
	}
	return req
}
