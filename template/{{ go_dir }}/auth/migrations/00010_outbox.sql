-- +goose Up
-- Work an answer promised (mail, the steps after a registration), written with the change that causes it
-- and run by the worker in outbox.go until it succeeds.
CREATE TABLE auth_outbox (
    id TEXT PRIMARY KEY,
    task TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_outbox_due_at ON auth_outbox (due_at);

-- +goose Down
DROP TABLE auth_outbox;
