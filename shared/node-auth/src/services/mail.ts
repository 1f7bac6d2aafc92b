import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../config/index.js";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A short mail with one call to action: a plain-text and an HTML part. */
export function linkMail(to: string, subject: string, intro: string, link: string): Mail {
  return {
    to,
    subject,
    text: `${intro}\n\n${link}\n\nIf you did not ask for this, ignore this message.\n`,
    html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>If you did not ask for this, ignore this message.</p>`,
  };
}

export function noticeMail(to: string, subject: string, notice: string): Mail {
  return { to, subject, text: `${notice}\n`, html: `<p>${escapeHtml(notice)}</p>` };
}

/** What the console shows of a mail: its headers and its text part as written, never MIME-encoded. */
export function consoleMail(from: string, mail: Mail): string {
  return `--- mail (console; set SMTP_HOST to send) ---\nFrom: ${from}\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}---\n`;
}

/** SMTP when SMTP_HOST is set; otherwise each message is written to the console, readable. */
export class Mailer {
  private readonly transport: Transporter | null;

  constructor(private readonly config: Pick<Config, "smtp" | "emailFrom">) {
    const smtp = config.smtp;
    this.transport = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.port === 465,
          requireTLS: smtp.startTls && smtp.port !== 465,
          ignoreTLS: !smtp.startTls && smtp.port !== 465,
          auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
          // Well inside the outbox's lease, so a stalled server never gets a message twice.
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 10_000,
        })
      : null;
  }

  async send(mail: Mail): Promise<void> {
    if (this.transport === null) {
      process.stdout.write(consoleMail(this.config.emailFrom, mail));
      return;
    }
    await this.transport.sendMail({ from: this.config.emailFrom, ...mail });
  }

  close(): void {
    this.transport?.close();
  }
}
