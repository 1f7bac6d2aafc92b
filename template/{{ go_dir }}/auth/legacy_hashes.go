package auth

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"hash"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// Password hashes an existing project may bring along: bcrypt ($2a$, $2b$, $2y$), Django's
// pbkdf2_sha256$iterations$salt$hash and passlib's $pbkdf2-sha256$rounds$salt$hash. They are
// only verified; a successful login stores an argon2id hash instead.
var (
	bcryptFormat  = regexp.MustCompile(`^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$`)
	djangoFormat  = regexp.MustCompile(`^pbkdf2_(sha256)\$(\d+)\$([^$]+)\$([A-Za-z0-9+/]+={0,2})$`)
	passlibFormat = regexp.MustCompile(`^\$pbkdf2-(sha256|sha512)\$(\d+)\$([./A-Za-z0-9]*)\$([./A-Za-z0-9]+)$`)
)

func isLegacyHash(h string) bool {
	return bcryptFormat.MatchString(h) || djangoFormat.MatchString(h) || passlibFormat.MatchString(h)
}

// fromAb64 reads passlib's "adapted base64": standard base64 with . for + and no padding.
func fromAb64(value string) []byte {
	decoded, err := base64.RawStdEncoding.DecodeString(strings.ReplaceAll(value, ".", "+"))
	if err != nil {
		return nil
	}
	return decoded
}

func pbkdf2Matches(password string, salt []byte, iterations int, digest string, want []byte) bool {
	if iterations < 1 || len(want) == 0 {
		return false
	}
	newHash := func() hash.Hash { return sha256.New() }
	if digest == "sha512" {
		newHash = func() hash.Hash { return sha512.New() }
	}
	got, err := pbkdf2.Key(newHash, password, salt, iterations, len(want))
	return err == nil && subtle.ConstantTimeCompare(got, want) == 1
}

func verifyLegacyHash(h, password string) bool {
	if bcryptFormat.MatchString(h) {
		return bcrypt.CompareHashAndPassword([]byte(h), []byte(password)) == nil
	}
	if m := djangoFormat.FindStringSubmatch(h); m != nil {
		iterations, _ := strconv.Atoi(m[2])
		want, err := base64.StdEncoding.DecodeString(m[4])
		return err == nil && pbkdf2Matches(password, []byte(m[3]), iterations, m[1], want)
	}
	if m := passlibFormat.FindStringSubmatch(h); m != nil {
		rounds, _ := strconv.Atoi(m[2])
		return pbkdf2Matches(password, fromAb64(m[3]), rounds, m[1], fromAb64(m[4]))
	}
	return false
}
