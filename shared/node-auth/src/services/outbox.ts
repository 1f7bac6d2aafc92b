import type { Db } from "../db/connection.js";
import type { Mail, Mailer } from "./mail.js";
import { isoAfter, nowIso } from "./time.js";

/** A task's work; `db` is the transaction that also deletes the job, so its writes happen once. */
export type Task<Payload> = (db: Db, payload: Payload) => Promise<void>;

const POLL_MS = 2_000;
/** How long a job stays claimed: a process killed mid-job leaves it to another after this. */
const LEASE_SECONDS = 30;
const MAX_DELAY_SECONDS = 300;

/**
 * The outbox: work an answer promised (mail, the steps that follow a registration) is a row
 * written with the change that causes it, in the same transaction when there is one, and done
 * after the answer by this worker, which retries a failed job after a growing delay. A crash at
 * any instant loses nothing: a job is deleted only once its work is done. Mail is delivered at
 * least once (a crash between the mail server's acceptance and the delete sends it again).
 */
export class Outbox {
  private readonly tasks = new Map<string, Task<never>>();
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private wanted = 0;

  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
  ) {}

  /** What the jobs named `name` do; the routes that queue a task register it. */
  handle<Payload>(name: string, task: Task<Payload>): void {
    this.tasks.set(name, task);
  }

  /** Writes a job through `db`: the caller's transaction, when the job belongs to a change. */
  async enqueue(db: Db, task: string, payload: object): Promise<void> {
    const now = nowIso();
    await db
      .insertInto("outbox")
      .values({ task, payload: JSON.stringify(payload), attempts: 0, due_at: now, created_at: now, last_error: "" })
      .execute();
  }

  mail(db: Db, mail: Mail): Promise<void> {
    return this.enqueue(db, "mail", mail);
  }

  /**
   * Runs the due jobs shortly after an answer, at a jittered moment, so their cost shows neither
   * in the answer's timing nor on one predictable later request.
   */
  soon(): void {
    setTimeout(() => void this.drain(), 20 + Math.floor(Math.random() * 180)).unref();
  }

  start(): void {
    this.timer ??= setInterval(() => void this.drain(), POLL_MS).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.draining;
  }

  /** Runs every due job, oldest first; a call while it runs makes it look once more when done. */
  drain(): Promise<void> {
    this.wanted += 1;
    this.draining ??= this.runDue().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async runDue(): Promise<void> {
    try {
      let done = 0;
      while (done !== this.wanted) {
        done = this.wanted;
        while (await this.runOne());
      }
    } catch (error) {
      console.error(`outbox: ${error instanceof Error ? error.message : String(error)}; trying again`);
    }
  }

  /** Claims and runs the oldest due job; false when none is due. */
  async runOne(): Promise<boolean> {
    const job = await this.db
      .selectFrom("outbox")
      .selectAll()
      .where("due_at", "<=", nowIso())
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!job) return false;
    const claimed = await this.db
      .updateTable("outbox")
      .set({ due_at: isoAfter(LEASE_SECONDS), attempts: job.attempts + 1 })
      .where("id", "=", job.id)
      .where("attempts", "=", job.attempts)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return true; // another process took it
    try {
      const payload: unknown = JSON.parse(job.payload);
      if (job.task === "mail") {
        await this.mailer.send(payload as Mail);
        await this.db.deleteFrom("outbox").where("id", "=", job.id).execute();
      } else {
        const task = this.tasks.get(job.task);
        if (!task) throw new Error(`no task is named "${job.task}"`);
        await this.db.transaction().execute(async (trx) => {
          await task(trx, payload as never);
          await trx.deleteFrom("outbox").where("id", "=", job.id).execute();
        });
      }
    } catch (error) {
      const attempts = job.attempts + 1;
      console.error(`outbox: job ${job.id} (${job.task}) failed, attempt ${attempts}:`, error);
      await this.db
        .updateTable("outbox")
        .set({
          due_at: isoAfter(Math.min(2 ** attempts, MAX_DELAY_SECONDS)),
          last_error: String(error).slice(0, 2000),
        })
        .where("id", "=", job.id)
        .execute();
    }
    return true;
  }
}
