package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxBodyBytes bounds every request body.
const maxBodyBytes = 16 << 10

// fields reads a JSON object body and collects every field error, so one answer lists them all.
type fields struct {
	body   map[string]any
	errors []FieldError
}

func readBody(r *http.Request) (*fields, error) {
	f := &fields{body: map[string]any{}}
	if r.Body == nil {
		return f, nil
	}
	raw, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, problem(http.StatusRequestEntityTooLarge, "payload_too_large", "The request body is too large.")
	}
	if err != nil {
		return nil, validationProblem([]FieldError{{Field: "body", Message: "could not be read"}})
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return f, nil
	}
	if !utf8.Valid(raw) {
		return nil, validationProblem([]FieldError{{Field: "body", Message: "must be valid JSON"}})
	}
	var value any
	decoder := json.NewDecoder(bytes.NewReader(raw))
	if err := decoder.Decode(&value); err != nil || decoder.More() {
		return nil, validationProblem([]FieldError{{Field: "body", Message: "must be valid JSON"}})
	}
	object, ok := value.(map[string]any)
	if !ok && value != nil {
		return nil, validationProblem([]FieldError{{Field: "body", Message: "must be a JSON object"}})
	}
	if ok {
		f.body = object
	}
	return f, nil
}

func badText(value string) string {
	if strings.ContainsRune(value, 0) {
		return "must not contain NUL characters"
	}
	if !utf8.ValidString(value) || strings.ContainsRune(value, utf8.RuneError) {
		return "must be well-formed Unicode"
	}
	return ""
}

func (f *fields) fail(field, message string) {
	f.errors = append(f.errors, FieldError{Field: field, Message: message})
}

func (f *fields) read(field string, max int, optional bool) (string, bool) {
	value, present := f.body[field]
	if !present || value == nil {
		if !optional {
			f.fail(field, "is required")
		}
		return "", false
	}
	text, ok := value.(string)
	if !ok {
		f.fail(field, "must be a string")
		return "", false
	}
	switch {
	case badText(text) != "":
		f.fail(field, badText(text))
	case !optional && text == "":
		f.fail(field, "must not be empty")
	case utf8.RuneCountInString(text) > max:
		f.fail(field, "must be at most "+strconv.Itoa(max)+" characters")
	default:
		return text, true
	}
	return "", false
}

func (f *fields) str(field string, max int) string {
	text, _ := f.read(field, max, false)
	return text
}

func (f *fields) optional(field string, max int) string {
	text, _ := f.read(field, max, true)
	return text
}

var emailShape = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)

func normalizeEmail(raw string) string {
	return strings.ToLower(strings.TrimSpace(norm.NFKC.String(raw)))
}

func (f *fields) email() string {
	raw, ok := f.read("email", 320, false)
	if !ok {
		return ""
	}
	email := normalizeEmail(raw)
	invisible := strings.IndexFunc(email, func(r rune) bool {
		return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) || unicode.Is(unicode.Z, r)
	}) >= 0
	if _, err := mail.ParseAddress(email); len(email) > 254 || invisible || !emailShape.MatchString(email) || err != nil {
		f.fail("email", "must be an email address")
	} else if local := email[:strings.LastIndex(email, "@")]; strings.IndexFunc(local, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
		// RFC 5321: mail servers need not take SMTPUTF8; the domain may be an internationalised name.
		f.fail("email", "must have an ASCII part before the @")
	}
	return email
}

// done answers one validation problem naming every failed field.
func (f *fields) done() error {
	if len(f.errors) > 0 {
		return validationProblem(f.errors)
	}
	return nil
}

// requireJSON refuses a state-changing request whose body is not JSON (also a CSRF defence for forms).
func requireJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hasBody := r.ContentLength > 0 || len(r.TransferEncoding) > 0
		if hasBody && r.Method != http.MethodGet && r.Method != http.MethodHead {
			mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if mediaType != "application/json" && !strings.HasSuffix(mediaType, "+json") {
				writeProblem(w, problem(http.StatusUnsupportedMediaType, "unsupported_media_type", "Send the body as application/json."))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
