package auth

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/httprate"
	"github.com/redis/go-redis/v9"
)

// limits holds one httprate limiter per counter and scope, counting in this process or in Redis.
type limits struct {
	settings map[string]int
	limiters map[string]*httprate.RateLimiter
	windows  map[string]time.Duration
}

func newLimits(settings map[string]int, client *redis.Client) *limits {
	l := &limits{settings: settings, limiters: map[string]*httprate.RateLimiter{}, windows: map[string]time.Duration{}}
	for _, name := range []string{"LOGIN", "MFA", "RESET", "DEVICE", "REGISTER"} {
		window := time.Duration(max(1, settings["RATE_LIMIT_"+name+"_WINDOW_SECONDS"])) * time.Second
		for _, scope := range []string{"PER_EMAIL", "PER_IP"} {
			key := name + "_" + scope
			var counter httprate.LimitCounter = httprate.NewLocalLimitCounter(window)
			if client != nil {
				counter = &redisCounter{client: client, prefix: "rl:" + strings.ToLower(key) + ":"}
			}
			l.limiters[key] = httprate.NewRateLimiter(settings["RATE_LIMIT_"+key], window, httprate.WithLimitCounter(counter))
			l.windows[key] = window
		}
	}
	return l
}

// attempt is one request's place in a counter: refused (with the seconds to wait), or counted later.
type attempt struct {
	limiter *httprate.RateLimiter
	key     string
	window  time.Duration
}

func (at attempt) currentWindow() time.Time { return time.Now().UTC().Truncate(at.window) }

// take reserves one slot: counted first, then the rate read back, so parallel attempts cannot all
// pass a check made before any of them counted. A refused attempt gives its slot back.
func (at attempt) take(limit int) (bool, error) {
	if err := at.count(1); err != nil {
		return false, err
	}
	_, rate, err := at.limiter.Status(at.key)
	if err != nil {
		return false, err
	}
	if int(math.Round(rate)) <= limit {
		return true, nil
	}
	return false, at.count(-1)
}

func (at attempt) count(amount int) error {
	return at.limiter.Counter().IncrementBy(at.key, at.currentWindow(), amount)
}

func (at attempt) retryAfter() int {
	return max(1, int(math.Ceil(time.Until(at.currentWindow().Add(at.window)).Seconds())))
}

// statusRecorder keeps the status a handler answered, to count the attempt afterwards.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	if s.status == 0 {
		s.status = status
	}
	s.ResponseWriter.WriteHeader(status)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// limit counts the attempts of one kind per account (email or user) and per IP; both must pass.
// failuresOnly counts only failed guesses (login, codes): a 403 is no guess, the secret was right and
// another step is due. Either way an attempt that ended in a server error gives its slot back.
// While Redis is down every limit fails closed: 503 at once.
func (a *Auth) limit(name string, failuresOnly bool, accountKey func(r *http.Request) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return handlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			var attempts []attempt
			for _, scope := range []string{"PER_IP", "PER_EMAIL"} {
				setting := name + "_" + scope
				limit := a.cfg.Limits["RATE_LIMIT_"+setting]
				if limit <= 0 {
					continue
				}
				key := a.clientIP(r)
				if scope == "PER_EMAIL" {
					if key = accountKey(r); key == "" {
						continue
					}
				}
				at := attempt{limiter: a.limits.limiters[setting], key: key, window: a.limits.windows[setting]}
				taken, err := at.take(limit)
				if err != nil {
					giveBack(attempts)
					return err
				}
				if !taken {
					giveBack(attempts)
					p := problem(http.StatusTooManyRequests, "rate_limited", "Too many attempts; try again later.")
					p.Headers = map[string]string{"Retry-After": strconv.Itoa(at.retryAfter())}
					return p
				}
				attempts = append(attempts, at)
			}
			recorder := &statusRecorder{ResponseWriter: w}
			next.ServeHTTP(recorder, r)
			serverError := recorder.status >= 500
			failed := recorder.status >= 400 && recorder.status != http.StatusForbidden && !serverError
			if serverError || (failuresOnly && !failed) {
				giveBack(attempts)
			}
			return nil
		})
	}
}

func giveBack(attempts []attempt) {
	for _, at := range attempts {
		if err := at.count(-1); err != nil {
			logError("rate limit", err)
		}
	}
}

// peekBody reads the start of a body and puts it back for the handler.
func peekBody(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	raw, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(raw), r.Body))
	return raw
}

// emailKey is the email of a JSON body, as the account a counter counts against.
func emailKey(r *http.Request) string {
	var body struct {
		Email string `json:"email"`
	}
	_ = json.Unmarshal(peekBody(r), &body)
	return normalizeEmail(body.Email)
}

// clientIP is the peer's address, or the X-Forwarded-For hop a trusted proxy added.
func (a *Auth) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	for _, proxy := range a.cfg.TrustedProxies {
		if proxy == host {
			hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
			if last := strings.TrimSpace(hops[len(hops)-1]); last != "" {
				return last
			}
		}
	}
	return host
}

func (a *Auth) clientOf(r *http.Request) client {
	return client{IP: a.clientIP(r), UserAgent: r.UserAgent()}
}
