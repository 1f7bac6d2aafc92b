package auth

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// User is an account. Features keep their own columns of auth_users in Extra.
type User struct {
	ID            string
	Email         string
	PasswordHash  string
	EmailVerified bool
	CreatedAt     string
	Extra         map[string]any
}

// extraUserColumns are the columns of auth_users that features add; they register them in init.
var extraUserColumns []string

// userCreated are the features' steps after a user is inserted (mode 4: the patient's record).
var userCreated []func(ctx context.Context, a *Auth, u *User) error

// newUserValues are the features' values for a new row, column -> value.
var newUserValues = map[string]any{}

func userSelect(prefix string) string {
	columns := []string{"id", "email", "password_hash", "email_verified", "created_at"}
	columns = append(columns, extraUserColumns...)
	for i, column := range columns {
		columns[i] = prefix + column
	}
	return "SELECT " + strings.Join(columns, ", ")
}

type scanner interface{ Scan(dest ...any) error }

func scanUser(row scanner, more ...any) (*User, error) {
	u := &User{Extra: map[string]any{}}
	var verified int64
	extras := make([]any, len(extraUserColumns))
	dest := []any{&u.ID, &u.Email, &u.PasswordHash, &verified, &u.CreatedAt}
	for i := range extras {
		dest = append(dest, &extras[i])
	}
	if err := row.Scan(append(dest, more...)...); err != nil {
		return nil, err
	}
	u.EmailVerified = verified == 1
	for i, column := range extraUserColumns {
		u.Extra[column] = extras[i]
	}
	return u, nil
}

// document is the user as the API shows it; features add their members.
func (u *User) document() map[string]any {
	doc := map[string]any{"id": u.ID, "email": u.Email, "emailVerified": u.EmailVerified, "createdAt": u.CreatedAt}
	for _, f := range features {
		if f.userDocument != nil {
			f.userDocument(u, doc)
		}
	}
	return doc
}

func (a *Auth) findUser(ctx context.Context, where string, value string) (*User, error) {
	u, err := scanUser(a.conn(ctx).QueryRowContext(ctx, userSelect("")+" FROM auth_users WHERE "+where+" = $1", value))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return u, err
}

func (a *Auth) userByEmail(ctx context.Context, email string) (*User, error) {
	return a.findUser(ctx, "email", email)
}

func (a *Auth) userByID(ctx context.Context, id string) (*User, error) {
	return a.findUser(ctx, "id", id)
}

// createUser inserts a user; nil when the email is taken (also under a concurrent insert).
func (a *Auth) createUser(ctx context.Context, email, passwordHash string) (*User, error) {
	columns := []string{"id", "email", "password_hash", "email_verified", "created_at"}
	values := []any{newID(), email, passwordHash, 0, nowText()}
	for column, value := range newUserValues {
		columns = append(columns, column)
		values = append(values, value)
	}
	placeholders := make([]string, len(values))
	for i := range values {
		placeholders[i] = "$" + itoa(i+1)
	}
	query := "INSERT INTO auth_users (" + strings.Join(columns, ", ") + ") VALUES (" + strings.Join(placeholders, ", ") +
		") ON CONFLICT (email) DO NOTHING"
	result, err := a.conn(ctx).ExecContext(ctx, query, values...)
	if err != nil {
		return nil, err
	}
	if n, _ := result.RowsAffected(); n == 0 {
		return nil, nil
	}
	u, err := a.userByID(ctx, values[0].(string))
	if err != nil {
		return nil, err
	}
	for _, created := range userCreated {
		if err := created(ctx, a, u); err != nil {
			return nil, err
		}
	}
	return u, nil
}

func (a *Auth) setPasswordHash(ctx context.Context, userID, hash string) error {
	_, err := a.db.ExecContext(ctx, "UPDATE auth_users SET password_hash = $1 WHERE id = $2", hash, userID)
	return err
}
