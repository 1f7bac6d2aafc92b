package auth

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"html"
	"mime"
	"mime/multipart"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"strconv"
	"time"
)

// message is a short mail with a plain-text and an HTML part.
type message struct {
	To, Subject, Text, HTML string
}

func linkMail(to, subject, intro, link string) message {
	return message{
		To:      to,
		Subject: subject,
		Text:    intro + "\n\n" + link + "\n\nIf you did not ask for this, ignore this message.\n",
		HTML: "<p>" + html.EscapeString(intro) + "</p><p><a href=\"" + html.EscapeString(link) + "\">" + html.EscapeString(link) +
			"</a></p><p>If you did not ask for this, ignore this message.</p>",
	}
}

func noticeMail(to, subject, notice string) message {
	return message{To: to, Subject: subject, Text: notice + "\n", HTML: "<p>" + html.EscapeString(notice) + "</p>"}
}

// mailer sends through SMTP when SMTP_HOST is set; otherwise it writes each mail, readable, to the console.
type mailer struct {
	from string
	smtp *SMTP
}

func newMailer(cfg Config) *mailer { return &mailer{from: cfg.EmailFrom, smtp: cfg.SMTP} }

func (m *mailer) send(msg message) error {
	if m.smtp == nil {
		_, err := fmt.Fprintf(os.Stdout, "--- mail (console; set SMTP_HOST to send) ---\nFrom: %s\nTo: %s\nSubject: %s\n\n%s---\n",
			m.from, msg.To, msg.Subject, msg.Text)
		return err
	}
	body, err := m.encode(msg)
	if err != nil {
		return err
	}
	return m.deliver(msg.To, body)
}

func (m *mailer) encode(msg message) ([]byte, error) {
	var parts bytes.Buffer
	writer := multipart.NewWriter(&parts)
	for _, part := range []struct{ kind, body string }{{"text/plain", msg.Text}, {"text/html", msg.HTML}} {
		w, err := writer.CreatePart(textproto.MIMEHeader{"Content-Type": {part.kind + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"8bit"}})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(part.body)); err != nil {
			return nil, err
		}
	}
	if err := writer.Close(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\n", m.from, msg.To,
		mime.QEncoding.Encode("utf-8", msg.Subject), time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&out, "Content-Type: multipart/alternative; boundary=%s\r\n\r\n", writer.Boundary())
	out.Write(parts.Bytes())
	return out.Bytes(), nil
}

func (m *mailer) deliver(to string, body []byte) error {
	s := m.smtp
	address := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	var conn net.Conn
	var err error
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if s.Port == 465 {
		conn, err = tls.DialWithDialer(dialer, "tcp", address, &tls.Config{ServerName: s.Host})
	} else {
		conn, err = dialer.Dial("tcp", address)
	}
	if err != nil {
		return err
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		_ = conn.Close()
		return err
	}
	defer func() { _ = c.Close() }()
	if s.StartTLS && s.Port != 465 {
		if err := c.StartTLS(&tls.Config{ServerName: s.Host}); err != nil {
			return err
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(m.from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(body); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}
