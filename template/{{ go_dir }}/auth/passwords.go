package auth

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/common-passwords.txt
var commonPasswordList []byte

var commonPasswords = func() map[string]struct{} {
	set := map[string]struct{}{}
	scanner := bufio.NewScanner(bytes.NewReader(commonPasswordList))
	for scanner.Scan() {
		if line := strings.ToLower(strings.TrimSpace(scanner.Text())); line != "" {
			set[line] = struct{}{}
		}
	}
	return set
}()

const argon2KeyLength = 32

func normalizePassword(password string) string { return norm.NFKC.String(password) }

// hashPassword writes argon2id in the PHC string form every stack reads: $argon2id$v=19$m=,t=,p=$salt$hash.
func hashPassword(password string) string {
	salt := randomBytes(16)
	key := argon2.IDKey([]byte(normalizePassword(password)), salt, argon2Time, argon2Memory, argon2Threads, argon2KeyLength)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argon2Memory, argon2Time, argon2Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

var argon2PHC = regexp.MustCompile(`^\$argon2(id|i)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$`)

// verifyPassword checks argon2 hashes and the bcrypt or PBKDF2 hashes of a project that existed before.
func verifyPassword(hash, password string) bool {
	if isLegacyHash(hash) {
		return verifyLegacyHash(hash, password)
	}
	match := argon2PHC.FindStringSubmatch(hash)
	if match == nil {
		return false
	}
	memory, _ := strconv.ParseUint(match[3], 10, 32)
	passes, _ := strconv.ParseUint(match[4], 10, 32)
	threads, _ := strconv.ParseUint(match[5], 10, 8)
	salt, saltErr := base64.RawStdEncoding.DecodeString(match[6])
	want, keyErr := base64.RawStdEncoding.DecodeString(match[7])
	if saltErr != nil || keyErr != nil || threads == 0 || len(want) == 0 {
		return false
	}
	input := []byte(normalizePassword(password))
	var got []byte
	if match[1] == "id" {
		got = argon2.IDKey(input, salt, uint32(passes), uint32(memory), uint8(threads), uint32(len(want)))
	} else {
		got = argon2.Key(input, salt, uint32(passes), uint32(memory), uint8(threads), uint32(len(want)))
	}
	return subtle.ConstantTimeCompare(got, want) == 1
}

// needsRehash: a legacy hash, another argon2 variant, or argon2id weaker than configured.
func needsRehash(hash string) bool {
	match := argon2PHC.FindStringSubmatch(hash)
	if match == nil || match[1] != "id" {
		return true
	}
	version, _ := strconv.Atoi(match[2])
	memory, _ := strconv.Atoi(match[3])
	passes, _ := strconv.Atoi(match[4])
	return version != argon2.Version || memory < argon2Memory || passes < argon2Time
}

var dummyHash = sync.OnceValue(func() string { return hashPassword(randomToken()) })

// verifyAgainstDummy spends the time of a real verification when there is no account.
func verifyAgainstDummy(password string) bool {
	verifyPassword(dummyHash(), password)
	return false
}

// passwordWeakness says why a password is refused (NIST 800-63B: length, common list, context), or "".
func passwordWeakness(password, email string, minLength int) string {
	normalized := normalizePassword(password)
	length := utf8.RuneCountInString(normalized)
	if length < minLength {
		return fmt.Sprintf("Use at least %d characters; a short sentence works well.", minLength)
	}
	if length > passwordMaxLength {
		return fmt.Sprintf("Use at most %d characters.", passwordMaxLength)
	}
	lower := strings.ToLower(normalized)
	if _, common := commonPasswords[lower]; common {
		return "This password is one of the most common ones; choose another."
	}
	local, _, _ := strings.Cut(email, "@")
	if (len(local) >= 4 && strings.Contains(lower, local)) || (email != "" && strings.Contains(lower, email)) {
		return "The password must not contain your email address."
	}
	if len(projectName) >= 4 && strings.Contains(lower, strings.ToLower(projectName)) {
		return "The password must not contain the name of this application."
	}
	return ""
}

func weakPassword(reason, field string) *Problem {
	p := problem(400, "weak_password", reason)
	p.Extra = map[string]any{"errors": []FieldError{{Field: field, Message: reason}}}
	return p
}
