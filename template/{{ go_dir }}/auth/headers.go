package auth

import (
	"net/http"
	"strings"
)

// securityHeaders sets the baseline's headers on every answer of the auth, errors and 404s included.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

var knownMethods = map[string]bool{"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "OPTIONS": true}

// refuseBadRequests answers what no route can take: an unknown method (405), a NUL in the path (404,
// no resource holds one) or in the query string (400).
func refuseBadRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !knownMethods[r.Method] {
			w.Header().Set("Allow", "GET, POST, PATCH, DELETE")
			writeProblem(w, problem(http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not supported."))
			return
		}
		if strings.Contains(r.URL.Path, "\x00") || strings.Contains(strings.ToLower(r.URL.RawPath), "%00") {
			writeProblem(w, notFound())
			return
		}
		if strings.Contains(r.URL.RawQuery, "%00") || strings.Contains(r.URL.RawQuery, "\x00") {
			p := validationProblem([]FieldError{{Field: "query", Message: "must not contain NUL characters"}})
			writeProblem(w, p)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cors allows the exact origins of CORS_ALLOWED_ORIGINS; any other Origin gets no CORS headers at all.
func (a *Auth) cors(next http.Handler) http.Handler {
	allowed := map[string]bool{}
	for _, origin := range a.cfg.CORSOrigins {
		allowed[origin] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		if origin == "" || !allowed[origin] {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", origin)
		if usesCookies {
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization, X-CSRF-Token")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
