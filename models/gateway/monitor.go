package gateway

import (
	"context"
	"log/slog"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// MonitorTick is how often the monitor looks for interfaces due a check.
const MonitorTick = 10 * time.Second

// RunMonitor runs the health checks of every active interface until ctx
// ends (`portal serve`, one line beside apps.Monitor). Owners are alerted
// through their messages (usercenter.Notify); admins through the console.
// email, when not nil, also mails the owner (the accounts' notifier).
func RunMonitor(ctx context.Context, st *models.Store, secret []byte, log *slog.Logger, allowHosts []string, allowHTTP bool, email users.Notifier) {
	s, err := NewService(st, secret, &Guard{AllowHosts: allowHosts, AllowHTTP: allowHTTP})
	if err != nil {
		log.Error("interface health monitor disabled", "err", err)
		return
	}
	s.Notify = func(ctx context.Context, userID int64, kind, title, body, link string) error {
		return usercenter.Notify(ctx, st, userID, kind, title, body, link)
	}
	s.Email = email
	s.Monitor(ctx, log, MonitorTick)
}
