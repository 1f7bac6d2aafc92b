package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// SigningKey is one HMAC key of the access tokens; kid names it in the token header.
type SigningKey struct {
	ID     string
	Secret []byte
}

// SMTP is the mail server; a nil *SMTP in Config writes mail to the console.
type SMTP struct {
	Host     string
	Port     int
	User     string
	Password string
	StartTLS bool
}

// Config is everything the auth reads from its environment. ConfigFromEnv fills it in; an
// application may build one itself.
type Config struct {
	AppURL         string
	DatabaseURL    string
	RedisURL       string
	JWTKeys        []SigningKey
	EmailFrom      string
	SMTP           *SMTP
	CookieSecure   bool
	CORSOrigins    []string
	TrustedProxies []string
	Limits         map[string]int
}

// ConfigError says which setting is wrong and how to fix it.
type ConfigError struct{ msg string }

func (e *ConfigError) Error() string { return e.msg }

func configErrorf(format string, args ...any) error {
	return &ConfigError{msg: fmt.Sprintf(format, args...)}
}

func env(name, fallback string) string {
	if value := strings.TrimSpace(os.Getenv(name)); value != "" {
		return value
	}
	return fallback
}

func envList(name string) []string {
	var items []string
	for _, item := range strings.Split(os.Getenv(name), ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

func envFlag(name string, fallback bool) (bool, error) {
	switch strings.ToLower(env(name, "")) {
	case "":
		return fallback, nil
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, configErrorf("%s must be true or false, not %q", name, os.Getenv(name))
}

func hexSecret(name, value string) ([]byte, error) {
	secret, err := hex.DecodeString(value)
	if err != nil || len(value) < 64 {
		return nil, configErrorf("%s must be at least 64 hexadecimal characters (openssl rand -hex 32)", name)
	}
	return secret, nil
}

func signingKey(name, value string) (SigningKey, error) {
	secret, err := hexSecret(name, value)
	if err != nil {
		return SigningKey{}, err
	}
	sum := sha256.Sum256(secret)
	return SigningKey{ID: hex.EncodeToString(sum[:])[:16], Secret: secret}, nil
}

func appURL() (string, error) {
	value := env("APP_URL", "http://localhost:"+env("PORT", "8080"))
	parsed, err := url.Parse(value)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return "", configErrorf("APP_URL must be an absolute http(s) URL, not %q", value)
	}
	return strings.TrimRight(value, "/"), nil
}

func limitsFromEnv() (map[string]int, error) {
	limits := make(map[string]int, len(tunableDefaults))
	for name, fallback := range tunableDefaults {
		raw := env(name, "")
		if raw == "" {
			limits[name] = fallback
			continue
		}
		value, err := strconv.Atoi(raw)
		if err != nil || value < 0 {
			return nil, configErrorf("%s must be a whole number of zero or more, not %q", name, raw)
		}
		limits[name] = value
	}
	return limits, nil
}

// ConfigFromEnv reads and validates the environment; the error names the setting that is wrong.
func ConfigFromEnv() (Config, error) {
	var cfg Config
	secret := env("AUTH_JWT_SECRET", "")
	if secret == "" {
		return cfg, configErrorf("AUTH_JWT_SECRET is missing: set it in the environment or in .env")
	}
	current, err := signingKey("AUTH_JWT_SECRET", secret)
	if err != nil {
		return cfg, err
	}
	cfg.JWTKeys = []SigningKey{current}
	for _, value := range envList("AUTH_JWT_PREVIOUS_SECRETS") {
		previous, err := signingKey("AUTH_JWT_PREVIOUS_SECRETS", value)
		if err != nil {
			return cfg, err
		}
		cfg.JWTKeys = append(cfg.JWTKeys, previous)
	}
	if cfg.AppURL, err = appURL(); err != nil {
		return cfg, err
	}
	cfg.DatabaseURL = env("AUTH_DATABASE_URL", env("DATABASE_URL", "sqlite:///db.sqlite3"))
	cfg.RedisURL = env("REDIS_URL", "")
	host, _ := url.Parse(cfg.AppURL)
	cfg.EmailFrom = env("EMAIL_FROM", "no-reply@"+host.Hostname())
	if smtpHost := env("SMTP_HOST", ""); smtpHost != "" {
		port, err := strconv.Atoi(env("SMTP_PORT", "587"))
		if err != nil {
			return cfg, configErrorf("SMTP_PORT must be a port number, not %q", os.Getenv("SMTP_PORT"))
		}
		startTLS, err := envFlag("SMTP_STARTTLS", true)
		if err != nil {
			return cfg, err
		}
		cfg.SMTP = &SMTP{Host: smtpHost, Port: port, User: env("SMTP_USER", ""), Password: env("SMTP_PASSWORD", ""), StartTLS: startTLS}
	}
	if cfg.CookieSecure, err = envFlag("AUTH_COOKIE_SECURE", true); err != nil {
		return cfg, err
	}
	cfg.CORSOrigins = envList("CORS_ALLOWED_ORIGINS")
	cfg.TrustedProxies = envList("TRUSTED_PROXIES")
	cfg.Limits, err = limitsFromEnv()
	return cfg, err
}
