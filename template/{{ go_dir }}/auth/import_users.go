package auth

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ImportCounts says what ImportUsers did with each row of the application's query.
type ImportCounts struct {
	Imported, AlreadyThere, Unusable int
}

func (c ImportCounts) String() string {
	return fmt.Sprintf("imported: %d, already there: %d, without an email or a usable hash: %d",
		c.Imported, c.AlreadyThere, c.Unusable)
}

// ImportUsers copies an application's users into the auth's table, once per email: query runs on the
// database at sourceURL (SQLite opened read-only, or PostgreSQL) and returns the columns email and
// password_hash. They sign in with the passwords they have (bcrypt and PBKDF2 hashes are verified, then
// replaced by argon2id at their first login) and count as verified: the application knew their email.
func (a *Auth) ImportUsers(ctx context.Context, sourceURL, query string) (ImportCounts, error) {
	var counts ImportCounts
	source, err := openReadOnly(sourceURL)
	if err != nil {
		return counts, err
	}
	defer func() { _ = source.Close() }()
	rows, err := source.QueryContext(ctx, query)
	if err != nil {
		return counts, err
	}
	defer func() { _ = rows.Close() }()
	columns, err := rows.Columns()
	if err != nil {
		return counts, err
	}
	if len(columns) != 2 || columns[0] != "email" || columns[1] != "password_hash" {
		return counts, configErrorf("the query must return the columns email and password_hash, not %s",
			strings.Join(columns, ", "))
	}
	for rows.Next() {
		var email, hash sql.NullString
		if err := rows.Scan(&email, &hash); err != nil {
			return counts, err
		}
		if err := a.importUser(ctx, normalizeEmail(email.String), hash.String, &counts); err != nil {
			return counts, err
		}
	}
	return counts, rows.Err()
}

func (a *Auth) importUser(ctx context.Context, email, hash string, counts *ImportCounts) error {
	if email == "" || !(isLegacyHash(hash) || strings.HasPrefix(hash, "$argon2id$")) {
		counts.Unusable++
		return nil
	}
	u, err := a.createUser(ctx, email, hash)
	if err != nil {
		return err
	}
	if u == nil {
		counts.AlreadyThere++
		return nil
	}
	if _, err := a.db.ExecContext(ctx, "UPDATE auth_users SET email_verified = 1 WHERE id = $1", u.ID); err != nil {
		return err
	}
	counts.Imported++
	return nil
}

// openReadOnly opens an application's database without changing it: SQLite read-only, PostgreSQL as is.
func openReadOnly(databaseURL string) (*sql.DB, error) {
	switch {
	case strings.HasPrefix(databaseURL, "sqlite:///"):
		return sql.Open("sqlite", "file:"+strings.TrimPrefix(databaseURL, "sqlite:///")+"?mode=ro&_pragma=busy_timeout(5000)")
	case strings.HasPrefix(databaseURL, "postgres://"), strings.HasPrefix(databaseURL, "postgresql://"):
		return sql.Open("pgx", databaseURL)
	}
	return nil, configErrorf("the application's database URL must start with sqlite:/// or postgresql://, not %q", databaseURL)
}
