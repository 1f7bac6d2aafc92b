// Bare argon2id with golang.org/x/crypto/argon2 at m=19456 KiB, t=2, p=1: prints the median hash and
// verify times (ms) as JSON. Copied into the module that requires x/crypto and run there with `go run`.
package main

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	"golang.org/x/crypto/argon2"
)

const password = "correct horse battery staple"

func hash(salt []byte) []byte { return argon2.IDKey([]byte(password), salt, 2, 19456, 1, 32) }

func median(values []float64) float64 {
	slices.Sort(values)
	middle := len(values) / 2
	if len(values)%2 == 1 {
		return values[middle]
	}
	return (values[middle-1] + values[middle]) / 2
}

func library() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "golang.org/x/crypto" {
				return "golang.org/x/crypto/argon2 " + dep.Version
			}
		}
	}
	return "golang.org/x/crypto/argon2"
}

func main() {
	runs := 20
	if len(os.Args) > 1 {
		runs, _ = strconv.Atoi(os.Args[1])
	}
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	encoded := hash(salt)
	var hashes, verifies []float64
	for range runs {
		started := time.Now()
		fresh := make([]byte, 16)
		_, _ = rand.Read(fresh)
		hash(fresh)
		hashes = append(hashes, float64(time.Since(started).Microseconds())/1000)
		started = time.Now()
		subtle.ConstantTimeCompare(hash(salt), encoded)
		verifies = append(verifies, float64(time.Since(started).Microseconds())/1000)
	}
	out, _ := json.Marshal(map[string]any{"hash_ms": median(hashes), "verify_ms": median(verifies), "library": library()})
	fmt.Println(string(out))
}
