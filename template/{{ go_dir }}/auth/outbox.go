package auth

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// The outbox: work an answer promised (mail, the steps after a registration) is a row written with
// the change that causes it, in the same transaction when there is one, and run after the answer by
// a worker that retries a failed job after a growing delay. A job is deleted only once its work is
// done, in the transaction of that work, so a crash at any instant loses nothing and repeats no
// write. Mail is delivered at least once (a crash between the mail server's acceptance and the
// delete sends it again).
const (
	outboxPoll = 2 * time.Second
	// outboxLeaseSeconds is how long a job stays claimed: one a killed process held runs again after it.
	outboxLeaseSeconds    = 30
	outboxMaxDelaySeconds = 300
)

// outboxTask is a job's work; its writes go through a.conn(ctx), the transaction that also deletes the job.
type outboxTask func(ctx context.Context, a *Auth, payload json.RawMessage) error

// outboxTasks are the jobs the features queue, by name.
var outboxTasks = map[string]outboxTask{}

// outboxWorker runs the due jobs every outboxPoll and when nudged after an answer.
type outboxWorker struct {
	nudge chan struct{}
	stop  chan struct{}
	done  sync.WaitGroup
}

func (a *Auth) startOutbox() {
	a.outbox = &outboxWorker{nudge: make(chan struct{}, 1), stop: make(chan struct{})}
	a.outbox.done.Add(1)
	go func() {
		defer a.outbox.done.Done()
		ticker := time.NewTicker(outboxPoll)
		defer ticker.Stop()
		for {
			select {
			case <-a.outbox.stop:
				return
			case <-ticker.C:
			case <-a.outbox.nudge:
			}
			a.runDueJobs()
		}
	}()
}

// stopOutbox lets the job under way finish; the jobs still due wait in the table for the next start.
func (a *Auth) stopOutbox() {
	close(a.outbox.stop)
	a.outbox.done.Wait()
}

// enqueue writes a job through a.conn(ctx) (the caller's transaction, when the job belongs to a change)
// and has the worker look shortly after, at a jittered moment, so the work shows in no answer's timing.
func (a *Auth) enqueue(ctx context.Context, task string, payload any) error {
	encoded, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	at := nowText()
	if _, err := a.conn(ctx).ExecContext(ctx, `INSERT INTO auth_outbox (id, task, payload, attempts, due_at, created_at, last_error)
		VALUES ($1, $2, $3, 0, $4, $4, '')`, newID(), task, string(encoded), at); err != nil {
		return err
	}
	time.AfterFunc(time.Duration(20+rand.IntN(180))*time.Millisecond, func() {
		select {
		case a.outbox.nudge <- struct{}{}:
		default:
		}
	})
	return nil
}

// sendLater queues a mail; it is sent after the answer, and again until the mail server takes it.
func (a *Auth) sendLater(ctx context.Context, msg message) error { return a.enqueue(ctx, "mail", msg) }

func (a *Auth) runDueJobs() {
	for {
		select {
		case <-a.outbox.stop:
			return
		default:
		}
		ran, err := a.runOneJob(context.Background())
		if err != nil {
			logError("outbox", err)
			return
		}
		if !ran {
			return
		}
	}
}

type outboxJob struct {
	id, task, payload string
	attempts          int
}

// runOneJob claims and runs the oldest due job; false when none is due.
func (a *Auth) runOneJob(ctx context.Context) (bool, error) {
	var job outboxJob
	err := a.db.QueryRowContext(ctx, `SELECT id, task, payload, attempts FROM auth_outbox WHERE due_at <= $1
		ORDER BY due_at, created_at LIMIT 1`, nowText()).Scan(&job.id, &job.task, &job.payload, &job.attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	claimed, err := a.db.ExecContext(ctx, "UPDATE auth_outbox SET due_at = $1, attempts = $2 WHERE id = $3 AND attempts = $4",
		textAfter(outboxLeaseSeconds), job.attempts+1, job.id, job.attempts)
	if err != nil {
		return false, err
	}
	if n, _ := claimed.RowsAffected(); n == 0 {
		return true, nil // another process took it
	}
	if err := a.runJob(ctx, job); err != nil {
		attempts := job.attempts + 1
		logError(fmt.Sprintf("outbox: job %s (%s), attempt %d", job.id, job.task, attempts), err)
		delay := min(1<<min(attempts, 9), outboxMaxDelaySeconds)
		if _, err := a.db.ExecContext(ctx, "UPDATE auth_outbox SET due_at = $1, last_error = $2 WHERE id = $3",
			textAfter(delay), truncate(err.Error(), 2000), job.id); err != nil {
			return false, err
		}
	}
	return true, nil
}

func (a *Auth) runJob(ctx context.Context, job outboxJob) error {
	if job.task == "mail" {
		var msg message
		if err := json.Unmarshal([]byte(job.payload), &msg); err != nil {
			return err
		}
		if err := a.mailer.send(msg); err != nil {
			return err
		}
		_, err := a.db.ExecContext(ctx, "DELETE FROM auth_outbox WHERE id = $1", job.id)
		return err
	}
	task, ok := outboxTasks[job.task]
	if !ok {
		return fmt.Errorf("no task is named %q", job.task)
	}
	return a.transaction(ctx, func(ctx context.Context) error {
		if err := task(ctx, a, json.RawMessage(job.payload)); err != nil {
			return err
		}
		_, err := a.conn(ctx).ExecContext(ctx, "DELETE FROM auth_outbox WHERE id = $1", job.id)
		return err
	})
}
