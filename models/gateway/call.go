package gateway

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/gmcrypto"
)

// Call is one request to /gateway/{code} as the consumer sent it.
type Call struct {
	Code      string
	Method    string
	Path      string // request path, signed (the JSSDK canonical string)
	RawQuery  string
	Body      []byte
	AppKey    string // X-App-Id
	Timestamp string // X-Timestamp
	Nonce     string // X-Nonce
	Signature string // X-Signature
	UserToken string // X-User-Token: the JSSDK token of the user whose data is asked for
	RemoteIP  net.IP
	RequestID string
}

// Result is the answer to send: status and JSON body (the source's reply,
// masked, or the gateway's own process_response envelope).
type Result struct {
	Status    int
	Body      []byte
	Failure   *Failure // nil when the source's reply is passed on
	Upstream  time.Duration
	Interface Interface
	// RetryAfter is when a rate-limited consumer may call again.
	RetryAfter time.Duration
}

// Handle runs a gateway call: interface, method, consumer authentication
// (8.3.4.4), consumer rights, user token, rate limit, parameters, forward;
// every call that names a known interface is logged.
func (s *Service) Handle(ctx context.Context, c Call) Result {
	start := time.Now()
	it, f := s.liveInterface(ctx, c.Code)
	if f != nil {
		return s.fail(f)
	}
	res := Result{Interface: it}
	var app apps.App
	var userID *int64
	var up upstream
	var retry time.Duration
	query, _ := url.ParseQuery(c.RawQuery)
	f = func() *Failure {
		if c.Method != it.Method {
			return ErrMethod
		}
		var f *Failure
		if app, f = s.authenticate(ctx, it, c); f != nil {
			return f
		}
		if !consumerAllowed(it, app) {
			return ErrNotConsumer
		}
		if userID, f = s.userToken(ctx, app, c.UserToken); f != nil {
			return f
		}
		ok, wait, err := s.limiter.allow(ctx, strconv.FormatInt(it.ID, 10)+":"+strconv.FormatInt(app.ID, 10), it.RatePerMin, s.now())
		if err != nil {
			return ErrInternal
		}
		if !ok {
			retry = wait
			return ErrRateLimited
		}
		if _, f = validateCall(it, c.Method, query, c.Body); f != nil {
			return f
		}
		up = s.forward(ctx, it, request{query: query, body: c.Body, requestID: c.RequestID, consumer: app.Key()}, false)
		return up.failure
	}()
	res.Upstream = up.took
	if f != nil {
		res = s.fail(f)
		res.Interface, res.Upstream, res.RetryAfter = it, up.took, retry
	} else {
		res.Status, res.Body = http.StatusOK, up.body
	}
	s.logCall(it, c, app, userID, res, up.result, start)
	return res
}

func (s *Service) fail(f *Failure) Result {
	return Result{Status: f.Status, Body: f.JSON(s.now()), Failure: f}
}

func (s *Service) logCall(it Interface, c Call, app apps.App, userID *int64, res Result, result string, start time.Time) {
	row := CallRow{InterfaceID: it.ID, ConsumerAppID: app.ID, UserID: userID, CreatedAt: s.now().Truncate(time.Microsecond),
		Status: res.Status, ResultCode: result, LatencyUs: time.Since(start).Microseconds(), UpstreamUs: res.Upstream.Microseconds(),
		ReqSM3: requestDigest(c.Method, c.RawQuery, c.Body), RespSM3: gmcrypto.SM3Hex(res.Body)}
	if res.Failure != nil {
		row.ResultCode, row.ErrorCode = ResultFailed, res.Failure.Code
	}
	actor := app.Key()
	if actor == "" {
		actor = c.AppKey
	}
	ip := ""
	if c.RemoteIP != nil {
		ip = c.RemoteIP.String()
	}
	s.calls.add(callEntry{row: row, code: it.Code, actor: actor, ip: ip, method: c.Method})
}

// liveInterface returns an approved, enabled interface by code (cached).
func (s *Service) liveInterface(ctx context.Context, code string) (Interface, *Failure) {
	now := s.now()
	it, ok := s.ifaces.get(code, now)
	if !ok {
		err := s.St.DB.WithContext(ctx).Where("code = ?", code).Take(&it).Error
		if err != nil && !errors.Is(notFound(err), models.ErrNotFound) {
			return it, ErrInternal
		}
		s.ifaces.put(code, it, now.Add(s.CacheTTL))
	}
	switch {
	case it.ID == 0 || it.Version == 0:
		return it, ErrUnknownInterface
	case it.Status != StatusActive:
		return it, ErrInterfaceOff
	}
	return it, nil
}

func consumerAllowed(it Interface, app apps.App) bool {
	if app.ID == it.AppID {
		return true
	}
	for _, c := range it.ConsumerList() {
		if c == "*" || c == app.Key() {
			return true
		}
	}
	return false
}
