package auth

import (
	"context"
	"net/http"
)

// afterRegistration runs in the registration's transaction (nil u: the email is taken). Here: the
// USER_REGISTERED event; email verification (mode 2 and up) queues the event and the link instead.
var afterRegistration = func(ctx context.Context, a *Auth, c client, _ string, u *User) error {
	if u != nil {
		a.record(ctx, "USER_REGISTERED", u.ID, c, nil)
	}
	return nil
}

// registered answers a registration. Here: the new user, or 409 for a taken email; email
// verification (mode 2 and up) replaces it.
var registered = func(_ *Auth, w http.ResponseWriter, _ string, u *User) error {
	if u == nil {
		return problem(http.StatusConflict, "conflict", "An account with this email already exists.")
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"user": u.document()})
}
