// golang.org/x/crypto/argon2 at m=19456 KiB, t=2, p=1, WORKERS hashes in flight for SECONDS on goroutines:
// prints hashes per second as JSON. The most logins per second one Go process could reach if hashing were
// all it did. Copied into the module that requires x/crypto and run there with `go run`.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"
)

func main() {
	workers, _ := strconv.Atoi(os.Args[1])
	seconds, _ := strconv.ParseFloat(os.Args[2], 64)
	started := time.Now()
	deadline := started.Add(time.Duration(seconds * float64(time.Second)))
	var count atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			salt := []byte("0123456789abcdef")
			for time.Now().Before(deadline) {
				argon2.IDKey([]byte("correct horse battery staple"), salt, 2, 19456, 1, 32)
				count.Add(1)
			}
		}()
	}
	wg.Wait()
	out, _ := json.Marshal(map[string]any{"hashes_per_s": float64(count.Load()) / time.Since(started).Seconds(), "workers": workers})
	fmt.Println(string(out))
}
