import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../config/index.js";
import { runSoon } from "./background.js";

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

/** SMTP when SMTP_HOST is set; otherwise each message is written to the console. */
export class Mailer {
  private readonly transport: Transporter;

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
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  }

  async send(mail: Mail): Promise<void> {
    const info: unknown = await this.transport.sendMail({ from: this.config.emailFrom, ...mail });
    if (!this.config.smtp) {
      const message = (info as { message?: Buffer }).message;
      process.stdout.write(`--- mail (console; set SMTP_HOST to send) ---\n${message?.toString() ?? ""}\n---\n`);
    }
  }

  /** Sends after the answer, so answers take the same time whether mail goes out or not. */
  sendLater(mail: Mail): void {
    runSoon(() => this.send(mail), "mail");
  }

  close(): void {
    this.transport.close();
  }
}
