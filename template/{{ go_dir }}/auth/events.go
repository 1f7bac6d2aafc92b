package auth

import (
	"context"
	"log/slog"
	"os"
)

// eventLog writes one JSON line per auth event on stdout (JSON escapes CR and LF, so input cannot forge a line).
var eventLog = slog.New(slog.NewJSONHandler(os.Stdout, nil))

// eventSinks are the features' stores of events beyond the log (the audit table of mode 3 and up).
var eventSinks []func(ctx context.Context, a *Auth, name, userID string, c client, details map[string]any) error

// record notes an auth success or failure. Callers never pass a password, code, token or secret in details.
func (a *Auth) record(ctx context.Context, name, userID string, c client, details map[string]any) {
	eventLog.Info("auth event", "event", name, "userId", userID, "ip", c.IP, "details", details)
	for _, sink := range eventSinks {
		if err := sink(ctx, a, name, userID, c, details); err != nil {
			logError("audit event "+name, err)
		}
	}
}

func logError(what string, err error) { slog.Error(what, "error", err) }
