import { afterEach, describe, expect, it, vi } from "vitest";
import { Mailer, linkMail } from "../auth/src/services/mail.js";

const link = `http://localhost:3001/reset-password?token=${"Ab9-_".repeat(20)}`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("console mail (no SMTP_HOST)", () => {
  it("prints the mail as written: its link whole, never quoted-printable", async () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const mailer = new Mailer({ smtp: null, emailFrom: "no-reply@localhost" });
    await mailer.send(linkMail("ada@example.com", "Reset your password", "Choose a new password:", link));
    mailer.close();
    const output = printed.join("");
    expect(output).toContain(`\n${link}\n`);
    expect(output).toContain("To: ada@example.com\nSubject: Reset your password\n");
    expect(output).not.toContain("=3D");
  });
});
