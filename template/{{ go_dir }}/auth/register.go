package auth

import "net/http"

// registered answers a registration once the user is inserted (nil for a taken email). Here: the new
// user, or 409 for a taken email; email verification (mode 2 and up) replaces it.
var registered = func(a *Auth, w http.ResponseWriter, r *http.Request, _ string, u *User) error {
	if u == nil {
		return problem(http.StatusConflict, "conflict", "An account with this email already exists.")
	}
	a.record(r.Context(), "USER_REGISTERED", u.ID, a.clientOf(r), nil)
	return writeJSON(w, http.StatusCreated, map[string]any{"user": u.document()})
}
