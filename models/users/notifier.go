package users

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strings"
	"time"

	"github.com/zwfw/portal/models"
)

// Channels a message goes out on.
const (
	ChannelSMS   = "sms"
	ChannelEmail = "email"
)

// Message is one notification: a verification code or a notice.
type Message struct {
	Channel string // ChannelSMS or ChannelEmail
	To      string // phone number or email address
	Subject string // email only
	Body    string
}

// Notifier delivers messages. Implementations: DevOutbox (development
// only), SMTPNotifier (email) and SMSNotifier over an SMSProvider.
type Notifier interface {
	Send(ctx context.Context, m Message) error
	// Dev reports a development-only notifier, refused in production.
	Dev() bool
}

// DevOutbox "sends" by storing the message in the dev_outbox table, shown
// at /dev/outbox in development so a developer or a test can read the code.
// It keeps rows in the database so every portal process sees them.
type DevOutbox struct{ St *models.Store }

// Dev is true: PORTAL_ENV=prod refuses it (CheckProd).
func (DevOutbox) Dev() bool { return true }

// OutboxEntry is one stored message.
type OutboxEntry struct {
	ID        int64
	Channel   string
	Recipient string
	Subject   string
	Body      string
	CreatedAt time.Time
}

// TableName keeps the table name explicit.
func (OutboxEntry) TableName() string { return "dev_outbox" }

// Send stores m.
func (o DevOutbox) Send(ctx context.Context, m Message) error {
	return o.St.DB.WithContext(ctx).Create(&OutboxEntry{Channel: m.Channel, Recipient: m.To, Subject: m.Subject,
		Body: m.Body, CreatedAt: time.Now().UTC()}).Error
}

// List returns the newest limit messages.
func (o DevOutbox) List(ctx context.Context, limit int) ([]OutboxEntry, error) {
	var out []OutboxEntry
	err := o.St.DB.WithContext(ctx).Order("id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// SMSProvider is the interface a commercial SMS gateway adapter implements
// (template-based, as mainland providers require pre-registered templates).
type SMSProvider interface {
	SendSMS(ctx context.Context, phone, template string, params map[string]string) error
}

// SMSNotifier sends SMS messages through a provider; Template names the
// provider's registered template for a message body.
type SMSNotifier struct {
	Provider SMSProvider
	Template string
}

// Dev is false.
func (SMSNotifier) Dev() bool { return false }

// Send passes the body as the template's "content" parameter.
func (n SMSNotifier) Send(ctx context.Context, m Message) error {
	if m.Channel != ChannelSMS {
		return fmt.Errorf("sms notifier cannot send on channel %q", m.Channel)
	}
	return n.Provider.SendSMS(ctx, m.To, n.Template, map[string]string{"content": m.Body})
}

// SMTPNotifier sends email with net/smtp. Addr is host:port; with Username
// set it authenticates with PLAIN (net/smtp only allows that over TLS or to
// localhost).
type SMTPNotifier struct {
	Addr     string
	From     string
	Username string
	Password string
	Timeout  time.Duration
}

// Dev is false.
func (SMTPNotifier) Dev() bool { return false }

// Send delivers one plain-text UTF-8 email.
func (n SMTPNotifier) Send(ctx context.Context, m Message) error {
	if m.Channel != ChannelEmail {
		return fmt.Errorf("smtp notifier cannot send on channel %q", m.Channel)
	}
	if strings.ContainsAny(m.To, "\r\n") || strings.ContainsAny(m.Subject, "\r\n") {
		return errors.New("smtp: header injection refused")
	}
	host, _, err := net.SplitHostPort(n.Addr)
	if err != nil {
		return err
	}
	timeout := n.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", n.Addr)
	if err != nil {
		return err
	}
	_ = conn.SetDeadline(time.Now().Add(timeout))
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close() // #nosec G104 -- the SMTP greeting error is the one to report
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(nil); err != nil {
			return err
		}
	}
	if n.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", n.Username, n.Password, host)); err != nil {
			return err
		}
	}
	if err := c.Mail(n.From); err != nil {
		return err
	}
	if err := c.Rcpt(m.To); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	msg := "From: " + n.From + "\r\nTo: " + m.To + "\r\nSubject: " + mime.BEncoding.Encode("utf-8", m.Subject) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
		strings.ReplaceAll(m.Body, "\n", "\r\n") + "\r\n"
	if _, err := w.Write([]byte(msg)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// Router sends each message on the notifier for its channel.
type Router struct {
	SMS   Notifier
	Email Notifier
}

// Dev is true when either channel is a development notifier.
func (r Router) Dev() bool {
	return (r.SMS != nil && r.SMS.Dev()) || (r.Email != nil && r.Email.Dev())
}

// ErrNoChannel means no notifier is configured for a message's channel.
var ErrNoChannel = errors.New("no notifier configured for this channel")

// Send routes m.
func (r Router) Send(ctx context.Context, m Message) error {
	n := r.SMS
	if m.Channel == ChannelEmail {
		n = r.Email
	}
	if n == nil {
		return ErrNoChannel
	}
	return n.Send(ctx, m)
}
