package auth

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// retryAfterSeconds is what a 503 asks a client to wait before trying again.
const retryAfterSeconds = 5

// FieldError names one field of a request body and what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Problem is an error answered as an RFC 9457 problem document.
type Problem struct {
	Status  int
	Code    string
	Detail  string
	Extra   map[string]any
	Headers map[string]string
}

func (p *Problem) Error() string { return p.Code + ": " + p.Detail }

func problem(status int, code, detail string) *Problem {
	return &Problem{Status: status, Code: code, Detail: detail}
}

func validationProblem(fieldErrors []FieldError) *Problem {
	parts := make([]string, len(fieldErrors))
	for i, e := range fieldErrors {
		parts[i] = e.Field + ": " + e.Message
	}
	p := problem(http.StatusBadRequest, "validation_error", strings.Join(parts, "; "))
	p.Extra = map[string]any{"errors": fieldErrors}
	return p
}

func unauthenticated(detail string) *Problem {
	return problem(http.StatusUnauthorized, "token_invalid", detail)
}

func notFound() *Problem {
	return problem(http.StatusNotFound, "not_found", "No route matches this request.")
}

func serviceUnavailable(extra map[string]any) *Problem {
	p := problem(http.StatusServiceUnavailable, "service_unavailable", "The service is briefly unavailable; try again shortly.")
	p.Extra = extra
	p.Headers = map[string]string{"Retry-After": strconv.Itoa(retryAfterSeconds)}
	return p
}

func writeProblem(w http.ResponseWriter, p *Problem) {
	body := map[string]any{
		"type":   "about:blank",
		"title":  http.StatusText(p.Status),
		"status": p.Status,
		"detail": p.Detail,
		"code":   p.Code,
	}
	for key, value := range p.Extra {
		body[key] = value
	}
	for key, value := range p.Headers {
		w.Header().Set(key, value)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeError answers any error a handler returns: a Problem as itself, an outage of the
// database or Redis as 503, anything else as 500 with the cause in the log only.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	var p *Problem
	switch {
	case errors.As(err, &p):
		writeProblem(w, p)
	case isOutage(err):
		slog.Error("dependency unavailable", "error", err, "path", r.URL.Path)
		writeProblem(w, serviceUnavailable(nil))
	case isBadText(err):
		writeProblem(w, problem(http.StatusBadRequest, "validation_error", "The request holds characters that cannot be stored."))
	default:
		slog.Error("request failed", "error", err, "path", r.URL.Path)
		writeProblem(w, problem(http.StatusInternalServerError, "internal_error", "Something went wrong on our side."))
	}
}

// handlerFunc is a route that returns its error instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (h handlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := h(w, r); err != nil {
		writeError(w, r, err)
	}
}

func writeJSON(w http.ResponseWriter, status int, body any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(body)
}
