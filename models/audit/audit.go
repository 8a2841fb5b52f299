package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models/gmcrypto"
)

// Chains.
const (
	ChainStaff = "staff"
	ChainCalls = "calls"
)

// Genesis is the prev_hash of a chain's first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Actor is who did something: a staff member (ID, username) and the client
// address the request came from.
type Actor struct {
	ID   int64
	Name string
	IP   string
}

// Entry is one action to record. Before and After are marshalled to JSON
// (nil → ""): the record as it was and as it became.
type Entry struct {
	Chain      string // default ChainStaff
	Actor      Actor
	Action     string // item.update, staff.create, login …
	ObjectType string // item, policy, staff …
	ObjectID   string
	Before     any
	After      any
}

// Record is one stored entry.
type Record struct {
	ID         int64
	Chain      string
	Seq        int64
	CreatedAt  time.Time
	ActorID    int64
	Actor      string
	Action     string
	ObjectType string
	ObjectID   string
	IP         string
	BeforeJSON string
	AfterJSON  string
	PrevHash   string
	Hash       string
}

// TableName keeps the table name explicit.
func (Record) TableName() string { return "audit_log" }

func marshal(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// Digest is the entry's hash: SM3 over a JSON array of prev_hash and every
// other column, so no two different entries can encode alike.
func (r Record) Digest() string {
	b, _ := json.Marshal([]string{r.PrevHash, r.Chain, strconv.FormatInt(r.Seq, 10),
		r.CreatedAt.UTC().Format(time.RFC3339Nano), strconv.FormatInt(r.ActorID, 10), r.Actor, r.Action,
		r.ObjectType, r.ObjectID, r.IP, r.BeforeJSON, r.AfterJSON})
	return gmcrypto.SM3Hex(b)
}

// Append adds e to its chain inside tx, the transaction of the action it
// records, so an action and its entry commit or fail together. The head
// row is updated first: on PostgreSQL its row lock queues concurrent
// appends, on SQLite the write lock is taken before anything is read.
func Append(ctx context.Context, tx *gorm.DB, e Entry) (Record, error) {
	tx = tx.WithContext(ctx)
	chain := e.Chain
	if chain == "" {
		chain = ChainStaff
	}
	res := tx.Exec("UPDATE audit_heads SET seq = seq + 1 WHERE chain = ?", chain)
	if res.Error != nil {
		return Record{}, fmt.Errorf("audit head: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return Record{}, fmt.Errorf("audit: unknown chain %q", chain)
	}
	var head struct {
		Seq  int64
		Hash string
	}
	if err := tx.Raw("SELECT seq, hash FROM audit_heads WHERE chain = ?", chain).Scan(&head).Error; err != nil {
		return Record{}, err
	}
	before, err := marshal(e.Before)
	if err != nil {
		return Record{}, err
	}
	after, err := marshal(e.After)
	if err != nil {
		return Record{}, err
	}
	// Microseconds: what both databases store, so the hash verifies later.
	r := Record{Chain: chain, Seq: head.Seq, CreatedAt: time.Now().UTC().Truncate(time.Microsecond),
		ActorID: e.Actor.ID, Actor: e.Actor.Name, Action: e.Action, ObjectType: e.ObjectType, ObjectID: e.ObjectID,
		IP: e.Actor.IP, BeforeJSON: before, AfterJSON: after, PrevHash: head.Hash}
	r.Hash = r.Digest()
	if err := tx.Create(&r).Error; err != nil {
		return Record{}, fmt.Errorf("audit append: %w", err)
	}
	if err := tx.Exec("UPDATE audit_heads SET hash = ? WHERE chain = ?", r.Hash, chain).Error; err != nil {
		return Record{}, err
	}
	return r, nil
}

// Filter selects entries for the console's audit page.
type Filter struct {
	Chain      string
	Seq        int64 // one entry by its sequence number
	ActorID    int64
	ObjectType string
	ObjectID   string
	Offset     int
	Limit      int
}

// List returns entries newest first and how many match.
func List(ctx context.Context, db *gorm.DB, f Filter) ([]Record, int64, error) {
	if f.Chain == "" {
		f.Chain = ChainStaff
	}
	q := db.WithContext(ctx).Model(&Record{}).Where("chain = ?", f.Chain)
	if f.Seq != 0 {
		q = q.Where("seq = ?", f.Seq)
	}
	if f.ActorID != 0 {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if f.ObjectType != "" {
		q = q.Where("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		q = q.Where("object_id = ?", f.ObjectID)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []Record
	err := q.Order("seq DESC").Offset(max(f.Offset, 0)).Limit(limit).Find(&out).Error
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, total, err
}
