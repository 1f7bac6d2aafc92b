import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Mailer, noticeMail } from "../auth/src/services/mail.js";
import { Outbox } from "../auth/src/services/outbox.js";
import { testApp, type TestApp } from "./helpers.js";

let t: TestApp;

beforeEach(async () => {
  t = await testApp();
});

afterEach(async () => {
  await t.close();
});

const notice = noticeMail("ada@example.com", "Your password was changed", "Your password was changed.");

describe("the outbox", () => {
  it("writes a job with its transaction and loses it with a rollback", async () => {
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await t.ctx.outbox.mail(trx, notice);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.ctx.db.selectFrom("outbox").selectAll().execute()).toEqual([]);
  });

  it("keeps a mail the server refuses and sends it once the server is back", async () => {
    await t.ctx.outbox.stop(); // this case runs the jobs itself
    const nothingListens = new Mailer({
      smtp: { host: "127.0.0.1", port: 9, startTls: false, user: "", password: "" },
      emailFrom: "no-reply@example.com",
    });
    const failing = new Outbox(t.ctx.db, nothingListens);
    await failing.mail(t.ctx.db, notice);
    expect(await failing.runOne()).toBe(true);
    nothingListens.close();
    const kept = await t.ctx.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    expect(kept.attempts).toBe(1);
    expect(kept.last_error).toContain("ECONNREFUSED");
    expect(kept.due_at > new Date().toISOString()).toBe(true);
    expect(await failing.runOne()).toBe(false); // a failed job waits for its retry

    await t.ctx.db
      .updateTable("outbox")
      .set({ due_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect(await t.ctx.outbox.runOne()).toBe(true);
    expect(t.outbox).toEqual([notice]);
    expect(await t.ctx.db.selectFrom("outbox").selectAll().execute()).toEqual([]);
  });
});
