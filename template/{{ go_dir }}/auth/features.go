package auth

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"
)

// feature is one capability of a mode, in a file of its own that appends itself to features in
// init: a higher mode adds files, never edits these.
type feature struct {
	// paths the feature serves outside /auth.
	paths []string
	// guard runs before every route (the CSRF check of the cookie transport).
	guard func(a *Auth) func(http.Handler) http.Handler
	// authRoutes adds routes under /auth; routes adds routes elsewhere.
	authRoutes func(a *Auth, r chi.Router)
	routes     func(a *Auth, r chi.Router)
	// afterPassword may answer a step the client takes next (verify the email, MFA) instead of tokens.
	afterPassword func(ctx context.Context, a *Auth, u *User, deviceName string) (any, error)
	// beforeSession may refuse a login that passed every step (consent).
	beforeSession func(ctx context.Context, a *Auth, u *User) error
	// userDocument adds members to the user document of the API.
	userDocument func(u *User, doc map[string]any)
}

// features are this mode's capabilities, in the order of their files.
var features []feature
