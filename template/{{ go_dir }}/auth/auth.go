// Package auth is the authentication feature: an http.Handler serving /auth and /health, and a
// middleware that puts the current user in each request's context. See README.md.
package auth

import (
	"context"
	"database/sql"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"
)

// Auth serves the auth's routes; build it with New and close it when the server stops.
type Auth struct {
	cfg     Config
	db      *sql.DB
	dialect string
	redis   *redis.Client
	limits  *limits
	mailer  *mailer
	tokens  verifiedTokens
	router  chi.Router
	outbox  *outboxWorker
}

// New opens the database (and Redis when REDIS_URL is set), builds the routes and starts the outbox worker.
func New(cfg Config) (*Auth, error) {
	db, dialect, err := OpenDatabase(cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	a := &Auth{cfg: cfg, db: db, dialect: dialect, mailer: newMailer(cfg)}
	if cfg.RedisURL != "" {
		if a.redis, err = openRedis(cfg.RedisURL); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	a.limits = newLimits(cfg.Limits, a.redis)
	a.router = a.routes()
	a.startOutbox()
	return a, nil
}

// Migrate brings the auth's tables up to this mode.
func (a *Auth) Migrate(ctx context.Context) error { return Migrate(ctx, a.db, a.dialect) }

// Paths are the path prefixes the handler answers, /health with the API's; mount it on each of them.
func (a *Auth) Paths() []string {
	return append([]string{"/health"}, a.APIPaths()...)
}

// Owns reports whether path belongs to the auth.
func (a *Auth) Owns(path string) bool {
	for _, prefix := range a.Paths() {
		if path == prefix || strings.HasPrefix(path, prefix+"/") {
			return true
		}
	}
	return false
}

// ServeHTTP answers the auth's routes; any other path is a 404 problem document.
func (a *Auth) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.router.ServeHTTP(w, withoutHostRoute(r))
}

// Close stops the outbox worker (the job under way finishes) and closes the database and Redis.
func (a *Auth) Close() error {
	a.stopOutbox()
	if a.redis != nil {
		_ = a.redis.Close()
	}
	return a.db.Close()
}

// allowedMethods are the methods routes answers at path, for the Allow header of a 405.
func allowedMethods(routes chi.Routes, path string) []string {
	var allowed []string
	for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete} {
		if routes.Match(chi.NewRouteContext(), method, path) {
			allowed = append(allowed, method)
		}
	}
	return allowed
}

// routes: the auth's headers, CORS, CSRF check, 404 and error documents apply to its own requests only.
func (a *Auth) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(securityHeaders, refuseBadRequests, requireJSON, a.cors)
	for _, f := range features {
		if f.guard != nil {
			r.Use(f.guard(a))
		}
	}
	r.NotFound(func(w http.ResponseWriter, _ *http.Request) { writeProblem(w, notFound()) })
	r.MethodNotAllowed(func(w http.ResponseWriter, req *http.Request) {
		p := problem(http.StatusMethodNotAllowed, "method_not_allowed", req.Method+" is not supported here.")
		p.Headers = map[string]string{"Allow": strings.Join(allowedMethods(r, req.URL.Path), ", ")}
		writeProblem(w, p)
	})
	r.Get("/health", a.health)
	r.Method(http.MethodGet, "/health/ready", handlerFunc(a.ready))
	r.Route("/auth", func(r chi.Router) {
		r.With(a.limit("REGISTER", false, emailKey)).Method(http.MethodPost, "/register", handlerFunc(a.register))
		r.With(a.limit("LOGIN", true, emailKey)).Method(http.MethodPost, "/login", handlerFunc(a.login))
		r.Method(http.MethodPost, "/refresh", handlerFunc(a.refresh))
		r.Method(http.MethodPost, "/logout", handlerFunc(a.logout))
		r.With(a.authenticate(everyUser)).Method(http.MethodGet, "/me", handlerFunc(a.me))
		r.With(a.limit("RESET", false, emailKey)).Method(http.MethodPost, "/password/forgot", handlerFunc(a.forgotPassword))
		r.Method(http.MethodPost, "/password/reset", handlerFunc(a.resetPassword))
		r.With(a.authenticate(checkedUser)).Method(http.MethodPost, "/password/change", handlerFunc(a.changePassword))
		for _, f := range features {
			if f.authRoutes != nil {
				f.authRoutes(a, r)
			}
		}
	})
	for _, f := range features {
		if f.routes != nil {
			f.routes(a, r)
		}
	}
	return r
}
