package auth

import (
	"strings"
	"testing"
)

func TestConfigNamesTheWrongSetting(t *testing.T) {
	t.Setenv("TOTP_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
	t.Setenv("RECOVERY_CODE_PEPPER", strings.Repeat("cd", 32))
	t.Setenv("AUTH_JWT_SECRET", "too-short")
	_, err := ConfigFromEnv()
	if err == nil || !strings.Contains(err.Error(), "AUTH_JWT_SECRET") {
		t.Fatalf("error %v", err)
	}
	t.Setenv("AUTH_JWT_SECRET", strings.Repeat("ab", 32))
	t.Setenv("RATE_LIMIT_LOGIN_PER_EMAIL", "many")
	if _, err = ConfigFromEnv(); err == nil || !strings.Contains(err.Error(), "RATE_LIMIT_LOGIN_PER_EMAIL") {
		t.Fatalf("error %v", err)
	}
	t.Setenv("RATE_LIMIT_LOGIN_PER_EMAIL", "7")
	cfg, err := ConfigFromEnv()
	if err != nil || cfg.Limits["RATE_LIMIT_LOGIN_PER_EMAIL"] != 7 {
		t.Fatalf("config %v, %v", cfg.Limits, err)
	}
}
