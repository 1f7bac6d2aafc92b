package auth

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// claims of the tokens this package signs; typ keeps one kind from passing as another.
type claims struct {
	Type      string `json:"typ"`
	SessionID string `json:"sid,omitempty"`
	// DeviceName carries the name a login asked for across its steps.
	DeviceName string `json:"dn,omitempty"`
	jwt.RegisteredClaims
}

// signToken signs with the first key; the others (AUTH_JWT_PREVIOUS_SECRETS) only verify during a rotation.
func signToken(keys []SigningKey, c claims, ttlSeconds int) (string, error) {
	issued := time.Now()
	c.IssuedAt = jwt.NewNumericDate(issued)
	c.ExpiresAt = jwt.NewNumericDate(issued.Add(time.Duration(ttlSeconds) * time.Second))
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, c)
	token.Header["kid"] = keys[0].ID
	return token.SignedString(keys[0].Secret)
}

var tokenParser = jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuedAt(), jwt.WithExpirationRequired())

// verifyToken checks signature, expiry and type; a wrong token is 401 token_invalid, an old one token_expired.
func verifyToken(keys []SigningKey, raw, typ string) (*claims, error) {
	var c claims
	_, err := tokenParser.ParseWithClaims(raw, &c, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		for _, key := range keys {
			if key.ID == kid {
				return key.Secret, nil
			}
		}
		return nil, errors.New("unknown key id")
	})
	if errors.Is(err, jwt.ErrTokenExpired) {
		return nil, problem(http.StatusUnauthorized, "token_expired", "The token has expired.")
	}
	if err != nil || c.Type != typ || c.Subject == "" || c.IssuedAt == nil || (typ == "access" && c.SessionID == "") {
		return nil, unauthenticated("The token is not valid.")
	}
	return &c, nil
}

// verifiedTokens remembers access tokens already verified until they expire: a token is immutable.
// Whether its session is alive is asked separately on every request.
type verifiedTokens struct {
	mu      sync.Mutex
	entries map[string]*claims
}

func (v *verifiedTokens) get(raw string) *claims {
	v.mu.Lock()
	defer v.mu.Unlock()
	c := v.entries[raw]
	if c != nil && !c.ExpiresAt.After(time.Now()) {
		delete(v.entries, raw)
		return nil
	}
	return c
}

func (v *verifiedTokens) set(raw string, c *claims) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.entries == nil || len(v.entries) >= 10000 {
		v.entries = map[string]*claims{}
	}
	v.entries[raw] = c
}

func subject(userID string) jwt.RegisteredClaims { return jwt.RegisteredClaims{Subject: userID} }
