package auth

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"
)

// Router is a host's router: an *http.ServeMux, a chi.Router, or anything else with Handle.
type Router interface {
	Handle(pattern string, handler http.Handler)
}

// APIPaths are the path prefixes of the auth's API: /auth and the mode's own (/admin, /records). A host
// keeps its own /health; mount the handler there too (or on Paths()) when it has none.
func (a *Auth) APIPaths() []string {
	paths := []string{"/auth"}
	for _, f := range features {
		paths = append(paths, f.paths...)
	}
	return paths
}

// Mount serves the auth's API on a host's router, every path under each of APIPaths. A chi router
// mounts the handler (define your middlewares with r.Use first, as chi requires); any other router
// gets each prefix and its subtree.
func (a *Auth) Mount(r Router) {
	for _, prefix := range a.APIPaths() {
		if mux, ok := r.(chi.Router); ok {
			mux.Mount(prefix, a)
			continue
		}
		r.Handle(prefix, a)
		r.Handle(prefix+"/", a)
	}
}

// FromEnv builds the auth from the environment and the .env file of the working folder (variables
// already set win); the error names the setting that is wrong.
func FromEnv() (*Auth, error) {
	if err := LoadDotEnv(".env"); err != nil {
		return nil, err
	}
	cfg, err := ConfigFromEnv()
	if err != nil {
		return nil, err
	}
	return New(cfg)
}

// MustMount is the one line an existing service adds where it builds its router: the auth from
// the environment (FromEnv), mounted on r. Like regexp.MustCompile it panics, with the reason, when
// it cannot start; the *Auth it returns is open for the life of the process.
func MustMount(r Router) *Auth {
	a, err := FromEnv()
	if err != nil {
		panic("auth: " + err.Error())
	}
	a.Mount(r)
	return a
}

// withoutHostRoute hides a host chi router's routing state from the auth's own router, which then
// matches the whole path (/auth/login) rather than what is left of it after the mount point.
func withoutHostRoute(r *http.Request) *http.Request {
	if chi.RouteContext(r.Context()) == nil {
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), chi.RouteCtxKey, (*chi.Context)(nil)))
}
