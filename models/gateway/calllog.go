package gateway

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
)

// CallRow is one gateway call as stored in gateway_calls.
type CallRow struct {
	ID            int64
	Seq           int64
	InterfaceID   int64
	ConsumerAppID int64
	UserID        *int64
	CreatedAt     time.Time
	Status        int
	ResultCode    string
	ErrorCode     string
	LatencyUs     int64
	UpstreamUs    int64
	ReqSM3        string `gorm:"column:req_sm3"`
	RespSM3       string `gorm:"column:resp_sm3"`
}

// TableName keeps the table name explicit.
func (CallRow) TableName() string { return "gateway_calls" }

// callEntry is a call waiting to be written.
type callEntry struct {
	row    CallRow
	code   string
	actor  string // consumer app key, or "console:<staff>"
	ip     string
	method string
}

// callLog writes calls in batches, off the request path: each batch is
// one transaction that appends its entries to the SM3 chain "calls"
// (taking the chain head's lock once) and to gateway_calls. A full queue
// makes callers wait rather than lose entries.
type callLog struct {
	st      *models.Store
	log     *slog.Logger
	ch      chan callEntry
	flushes chan chan error
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
}

// callBatch is the most calls one transaction writes; callLinger how long
// the writer waits for more before writing a short batch.
const (
	callBatch  = 500
	callLinger = 20 * time.Millisecond
)

func newCallLog(st *models.Store) *callLog {
	l := &callLog{st: st, log: slog.Default(), ch: make(chan callEntry, 16384), flushes: make(chan chan error),
		stop: make(chan struct{}), done: make(chan struct{})}
	go l.run()
	return l
}

func (l *callLog) add(e callEntry) {
	select {
	case l.ch <- e:
	case <-l.done:
	}
}

func (l *callLog) run() {
	defer close(l.done)
	for {
		select {
		case e := <-l.ch:
			// Linger a moment so a steady trickle of calls is written in
			// batches, not one transaction each.
			batch := l.drain([]callEntry{e})
			if len(batch) < callBatch {
				select {
				case <-time.After(callLinger):
				case <-l.stop:
				}
				batch = l.drain(batch)
			}
			l.write(batch) // #nosec G104 -- write logs a batch it could not store after three tries
		case req := <-l.flushes:
			var err error
			for batch := l.drain(nil); len(batch) > 0; batch = l.drain(nil) {
				if err = l.write(batch); err != nil {
					break
				}
			}
			req <- err
		case <-l.stop:
			for batch := l.drain(nil); len(batch) > 0; batch = l.drain(nil) {
				l.write(batch) // #nosec G104 -- write logs a batch it could not store after three tries
			}
			return
		}
	}
}

// drain takes what is queued, up to one batch.
func (l *callLog) drain(batch []callEntry) []callEntry {
	for len(batch) < callBatch {
		select {
		case e := <-l.ch:
			batch = append(batch, e)
		default:
			return batch
		}
	}
	return batch
}

func (l *callLog) flush() error {
	req := make(chan error, 1)
	select {
	case l.flushes <- req:
		return <-req
	case <-l.done:
		return nil
	}
}

func (l *callLog) close() {
	l.once.Do(func() { close(l.stop) })
	<-l.done
}

func (l *callLog) write(batch []callEntry) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = l.st.InTx(context.Background(), func(tx *gorm.DB) error { return appendCalls(tx, batch) }); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	l.log.Error("gateway call log: batch not written", "calls", len(batch), "err", err)
	return err
}

// appendCalls appends a batch to the chain "calls" exactly as audit.Append
// would one by one (same record, same digest, so audit.Verify checks it).
func appendCalls(tx *gorm.DB, batch []callEntry) error {
	n := int64(len(batch))
	res := tx.Exec("UPDATE audit_heads SET seq = seq + ? WHERE chain = ?", n, audit.ChainCalls)
	if res.Error != nil {
		return res.Error
	}
	var head struct {
		Seq  int64
		Hash string
	}
	if err := tx.Raw("SELECT seq, hash FROM audit_heads WHERE chain = ?", audit.ChainCalls).Scan(&head).Error; err != nil {
		return err
	}
	prev, first := head.Hash, head.Seq-n+1
	recs := make([]audit.Record, 0, n)
	rows := make([]CallRow, 0, n)
	for i, e := range batch {
		before, _ := json.Marshal(map[string]any{"method": e.method, "user_id": e.row.UserID, "req_sm3": e.row.ReqSM3})
		after, _ := json.Marshal(map[string]any{"status": e.row.Status, "result_code": e.row.ResultCode,
			"error_code": e.row.ErrorCode, "latency_us": e.row.LatencyUs, "upstream_us": e.row.UpstreamUs, "resp_sm3": e.row.RespSM3})
		r := audit.Record{Chain: audit.ChainCalls, Seq: first + int64(i), CreatedAt: e.row.CreatedAt, ActorID: e.row.ConsumerAppID,
			Actor: e.actor, Action: "gateway.call", ObjectType: "interface", ObjectID: e.code, IP: e.ip,
			BeforeJSON: string(before), AfterJSON: string(after), PrevHash: prev}
		r.Hash = r.Digest()
		prev = r.Hash
		recs = append(recs, r)
		row := e.row
		row.Seq = r.Seq
		rows = append(rows, row)
	}
	if err := insertRows(tx, "audit_log", auditCols, len(recs), func(i int) []any {
		r := recs[i]
		return []any{r.Chain, r.Seq, r.CreatedAt, r.ActorID, r.Actor, r.Action, r.ObjectType, r.ObjectID, r.IP,
			r.BeforeJSON, r.AfterJSON, r.PrevHash, r.Hash}
	}); err != nil {
		return err
	}
	if err := insertRows(tx, "gateway_calls", callCols, len(rows), func(i int) []any {
		r := rows[i]
		return []any{r.Seq, r.InterfaceID, r.ConsumerAppID, r.UserID, r.CreatedAt, r.Status, r.ResultCode, r.ErrorCode,
			r.LatencyUs, r.UpstreamUs, r.ReqSM3, r.RespSM3}
	}); err != nil {
		return err
	}
	return tx.Exec("UPDATE audit_heads SET hash = ? WHERE chain = ?", prev, audit.ChainCalls).Error
}

var (
	auditCols = []string{"chain", "seq", "created_at", "actor_id", "actor", "action", "object_type", "object_id", "ip",
		"before_json", "after_json", "prev_hash", "hash"}
	callCols = []string{"seq", "interface_id", "consumer_app_id", "user_id", "created_at", "status", "result_code", "error_code",
		"latency_us", "upstream_us", "req_sm3", "resp_sm3"}
)

// insertRows writes n rows with multi-row INSERT statements of up to 100
// rows (well under both engines' parameter limits), without reflection:
// the call log is the gateway's hottest write.
func insertRows(tx *gorm.DB, table string, cols []string, n int, row func(i int) []any) error {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for start := 0; start < n; start += 100 {
		end := min(n, start+100)
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, (end-start)*len(cols))
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, row(i)...)
		}
		if err := tx.Exec(b.String(), args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// UserCall is one call made with a user's token, for "who used my data".
type UserCall struct {
	At            time.Time
	InterfaceName string
	Org           string
	AppName       string
	ResultCode    string
}

// UserCalls lists the gateway calls made with userID's token, newest first.
func UserCalls(ctx context.Context, st *models.Store, userID int64, limit int) ([]UserCall, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []UserCall
	err := st.DB.WithContext(ctx).Table("gateway_calls c").
		Select("c.created_at AS at, i.name AS interface_name, i.org, a.name AS app_name, c.result_code").
		Joins("JOIN interfaces i ON i.id = c.interface_id").Joins("LEFT JOIN apps a ON a.id = c.consumer_app_id").
		Where("c.user_id = ?", userID).Order("c.created_at DESC, c.id DESC").Limit(limit).Scan(&out).Error
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out, err
}

// Calls lists an interface's latest calls (console).
func (s *Service) Calls(ctx context.Context, interfaceID int64, limit int) ([]CallRow, error) {
	var out []CallRow
	err := s.St.DB.WithContext(ctx).Where("interface_id = ?", interfaceID).Order("seq DESC").Limit(max(1, min(limit, 200))).Find(&out).Error
	return out, err
}
