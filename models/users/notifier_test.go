package users_test

import (
	"bufio"
	"context"
	"net"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/users"
)

// fakeSMTP accepts one message and sends its DATA on the channel.
func fakeSMTP(t *testing.T) (string, <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got := make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		say := func(s string) { conn.Write([]byte(s + "\r\n")) }
		say("220 fake ESMTP")
		var data strings.Builder
		inData := false
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if inData {
				if line == ".\r\n" {
					inData = false
					got <- data.String()
					say("250 queued")
					continue
				}
				data.WriteString(line)
				continue
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
				say("250 fake")
			case strings.HasPrefix(cmd, "DATA"):
				inData = true
				say("354 go ahead")
			case strings.HasPrefix(cmd, "QUIT"):
				say("221 bye")
				return
			default:
				say("250 ok")
			}
		}
	}()
	return ln.Addr().String(), got
}

func TestSMTPNotifierSendsUTF8Mail(t *testing.T) {
	addr, got := fakeSMTP(t)
	n := users.SMTPNotifier{Addr: addr, From: "portal@example.org"}
	err := n.Send(context.Background(), users.Message{Channel: users.ChannelEmail, To: "zhang@example.com", Subject: "办件进度", Body: "您的办件已受理。"})
	if err != nil {
		t.Fatal(err)
	}
	msg := <-got
	if !strings.Contains(msg, "To: zhang@example.com") || !strings.Contains(msg, "您的办件已受理。") || !strings.Contains(msg, "=?utf-8?b?") {
		t.Fatalf("message:\n%s", msg)
	}
	if err := n.Send(context.Background(), users.Message{Channel: users.ChannelSMS, To: "13800138000"}); err == nil {
		t.Fatal("the SMTP notifier must refuse SMS")
	}
	if err := n.Send(context.Background(), users.Message{Channel: users.ChannelEmail, To: "a@b.c\r\nBcc: x@y.z"}); err == nil {
		t.Fatal("header injection accepted")
	}
}

type fakeSMS struct{ phone, tpl, content string }

func (f *fakeSMS) SendSMS(_ context.Context, phone, tpl string, params map[string]string) error {
	f.phone, f.tpl, f.content = phone, tpl, params["content"]
	return nil
}

func TestRouterAndSMSAdapter(t *testing.T) {
	st := modelstest.Open(t)
	sms := &fakeSMS{}
	r := users.Router{SMS: users.SMSNotifier{Provider: sms, Template: "SMS_001"}, Email: users.DevOutbox{St: st}}
	if !r.Dev() {
		t.Fatal("a router with the dev outbox is a dev notifier")
	}
	if err := r.Send(context.Background(), users.Message{Channel: users.ChannelSMS, To: "13800138000", Body: "验证码 123456"}); err != nil {
		t.Fatal(err)
	}
	if sms.phone != "13800138000" || sms.tpl != "SMS_001" || sms.content != "验证码 123456" {
		t.Fatalf("provider got %+v", sms)
	}
	if err := r.Send(context.Background(), users.Message{Channel: users.ChannelEmail, To: "a@example.org", Body: "x"}); err != nil {
		t.Fatal(err)
	}
	list, _ := users.DevOutbox{St: st}.List(context.Background(), 10)
	if len(list) != 1 || list[0].Recipient != "a@example.org" {
		t.Fatalf("outbox: %+v", list)
	}
	if err := (users.Router{}).Send(context.Background(), users.Message{Channel: users.ChannelSMS}); err != users.ErrNoChannel {
		t.Fatalf("no channel: %v", err)
	}
}
