package auth

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// The migrations, one file per feature; this mode's features are the files present.
//
//go:embed migrations/*.sql
var migrations embed.FS

// goMigrations are the features' migrations whose SQL differs between SQLite and PostgreSQL.
var goMigrations []func(dialect string) *goose.Migration

// migrationTable keeps goose's bookkeeping beside the auth's own tables.
const migrationTable = "auth_schema_migrations"

// OpenDatabase opens DATABASE_URL: sqlite:///path/to/file.sqlite3 or postgres(ql)://...
func OpenDatabase(databaseURL string) (*sql.DB, string, error) {
	switch {
	case strings.HasPrefix(databaseURL, "sqlite:///"):
		path := strings.TrimPrefix(databaseURL, "sqlite:///")
		dsn := "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_txlock=immediate"
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, "", err
		}
		return db, "sqlite3", nil
	case strings.HasPrefix(databaseURL, "postgres://"), strings.HasPrefix(databaseURL, "postgresql://"):
		dsn := databaseURL
		if !strings.Contains(dsn, "connect_timeout=") {
			separator := "?"
			if strings.Contains(dsn, "?") {
				separator = "&"
			}
			dsn += separator + "connect_timeout=2"
		}
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, "", err
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(20)
		db.SetConnMaxIdleTime(5 * time.Minute)
		return db, "postgres", nil
	}
	return nil, "", configErrorf("DATABASE_URL must start with sqlite:/// or postgresql://, not %q", databaseURL)
}

// Migrate applies the migrations this mode has that the database lacks. Applying them again changes nothing.
func Migrate(ctx context.Context, db *sql.DB, dialect string) error {
	files, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	var coded []*goose.Migration
	for _, migration := range goMigrations {
		coded = append(coded, migration(dialect))
	}
	provider, err := goose.NewProvider(goose.Dialect(dialect), db, files, goose.WithDisableGlobalRegistry(true),
		goose.WithAllowOutofOrder(true), goose.WithTableName(migrationTable), goose.WithGoMigrations(coded...))
	if err != nil {
		return err
	}
	_, err = provider.Up(ctx)
	return err
}

// queryer is what a query needs: the database, or the transaction a context carries.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type txKey struct{}

// conn is the transaction ctx carries (see transaction), else the database.
func (a *Auth) conn(ctx context.Context) queryer {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return a.db
}

// transaction runs work in one transaction that every query through a.conn(ctx) joins; inside
// another transaction it joins that one.
func (a *Auth) transaction(ctx context.Context, work func(ctx context.Context) error) error {
	return a.inTx(ctx, func(tx *sql.Tx) error { return work(context.WithValue(ctx, txKey{}, tx)) })
}

// isOutage tells a database or Redis out of reach from a query that is wrong.
func isOutage(err error) bool {
	if errors.Is(err, errRedisUnavailable) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		code := pgErr.Code
		return strings.HasPrefix(code, "08") || code == "57P01" || code == "57P02" || code == "57P03" || code == "53300"
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	return errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn)
}

// isBadText is PostgreSQL refusing text it cannot hold (SQLSTATE 22021, 22P05).
func isBadText(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "22021" || pgErr.Code == "22P05")
}

// pingDatabase bounds the readiness check of the database.
func pingDatabase(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	return nil
}
