// A net/http server that only verifies a password (POST /verify) and answers GET /health, on PORT.
// Its sequential latency is the floor under any Go login endpoint: the hash and HTTP, with no router
// and no database. Copied into the module that requires x/crypto and run there with `go run`.
package main

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"os"

	"golang.org/x/crypto/argon2"
)

var salt = []byte("0123456789abcdef")

func key(password string) []byte { return argon2.IDKey([]byte(password), salt, 2, 19456, 1, 32) }

func main() {
	encoded := key("correct horse battery staple")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/verify" {
			_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
			return
		}
		var body struct {
			Password string `json:"password"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		valid := subtle.ConstantTimeCompare(key(body.Password), encoded) == 1
		_ = json.NewEncoder(w).Encode(map[string]bool{"valid": valid})
	})
	_ = http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), nil)
}
