package auth

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestArgon2idHashesInThePortablePHCForm(t *testing.T) {
	hash := hashPassword(strongPassword)
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %s", hash)
	}
	if !verifyPassword(hash, strongPassword) || verifyPassword(hash, strongPassword+"!") {
		t.Fatal("verification is wrong")
	}
	if needsRehash(hash) {
		t.Fatal("a hash at the configured strength needs no rehash")
	}
}

func TestLegacyHashesVerify(t *testing.T) {
	bcryptHash, _ := bcrypt.GenerateFromPassword([]byte("legacy password"), 4)
	cases := map[string]string{
		string(bcryptHash): "legacy password",
		// Django's make_password("legacy password", "saltsalt", "pbkdf2_sha256") with 1000 iterations.
		"pbkdf2_sha256$1000$saltsalt$pTZpQ4Sg3F2IxbPHnnw657LHH4P2a38YnughrI55aWs=": "legacy password",
	}
	for hash, password := range cases {
		if !isLegacyHash(hash) || !needsRehash(hash) {
			t.Fatalf("%s is a legacy hash to replace", hash)
		}
		if !verifyPassword(hash, password) || verifyPassword(hash, "something else") {
			t.Fatalf("%s: verification is wrong", hash)
		}
	}
}

func TestLoginReplacesALegacyHash(t *testing.T) {
	a, server := startAuth(t, testConfig(t))
	c := newClient(t, server)
	email := uniqueEmail("legacy")
	signUp(t, a, c, email)
	legacy, _ := bcrypt.GenerateFromPassword([]byte(strongPassword), 4)
	if err := a.setPasswordHash(context.Background(), mustUser(t, a, email).ID, string(legacy)); err != nil {
		t.Fatal(err)
	}
	expect(t, c.post("/auth/login", map[string]any{"email": email, "password": strongPassword}), http.StatusOK, "")
	if hash := mustUser(t, a, email).PasswordHash; !strings.HasPrefix(hash, "$argon2id$") {
		t.Fatalf("the legacy hash was kept: %s", hash)
	}
}
