package consult

import (
	"context"
	"fmt"
	"time"

	"github.com/zwfw/portal/models"
)

// The scale generator (`portal seed scale --consultations N`) writes
// synthetic consultations for load tests: about items of the catalog (real
// region and department codes and units), over many synthetic askers plus a
// fixed number for each demo account, in the statuses a running portal
// has (most replied, most of those public, so the public listing is full).
// The texts pass the moderation scanner, as a real submission must.

// Asker is an account consultations are generated for.
type Asker struct {
	ID          int64
	Name, Phone string
}

// ScaleOptions controls GenerateScale.
type ScaleOptions struct {
	Consultations int     // spread over Askers
	Askers        []Asker // synthetic accounts (cases.ScaleApplicants makes them)
	Demo          []Asker // demo accounts, PerDemo consultations each on top
	PerDemo       int
	Batch         int // rows per transaction (default 2000)
	Progress      func(done int, elapsed time.Duration)
}

// ScaleResult reports what GenerateScale did.
type ScaleResult struct {
	Consultations int
	Took          time.Duration
}

// PerSecond is the rate in consultations per second.
func (r ScaleResult) PerSecond() float64 {
	if r.Took <= 0 {
		return 0
	}
	return float64(r.Consultations) / r.Took.Seconds()
}

type scaleMatter struct {
	Code, Name, BodyName, RegionCode, DeptCode string
}

var scaleQuestions = []struct{ title, content, reply string }{
	{"需要带哪些材料", "请问办理%s需要准备哪些材料？原件和复印件都要带吗？", "您好，办理%s请按办事指南的材料清单准备，原件核验后退回，复印件留存。"},
	{"可以网上办理吗", "请问%s能不能在网上申请，不用去窗口？", "您好，%s已开通网上办理，登录门户后在办事指南页点击“在线办理”即可。"},
	{"办理时限是多久", "我上周提交了%s的申请，一般多久能办好？", "您好，%s的承诺时限以办事指南为准，受理后可在“我的办件”查看进度。"},
	{"是否收费", "请问办理%s要交费吗？", "您好，%s按办事指南的收费标准执行，符合减免条件的可申请减免。"},
	{"可以委托他人办理吗", "本人在外地工作，%s可以委托家人代办吗？", "您好，%s可以委托代办，代办人须携带委托书和双方身份证件。"},
}

// consultMix is the status of every 20 generated consultations.
var consultMix = []string{StatusReplied, StatusReplied, StatusOpen, StatusReplied, StatusAccepted, StatusReplied,
	StatusReplied, StatusOpen, StatusReplied, StatusReplied, StatusAccepted, StatusReplied, StatusReplied, StatusDraft,
	StatusReplied, StatusOpen, StatusReplied, StatusAccepted, StatusReplied, StatusOpen}

// GenerateScale writes opts.Consultations over opts.Askers, and
// opts.PerDemo more for each demo account.
func GenerateScale(ctx context.Context, st *models.Store, opts ScaleOptions) (ScaleResult, error) {
	start := time.Now()
	if opts.Consultations > 0 && len(opts.Askers) == 0 {
		return ScaleResult{}, fmt.Errorf("scale: no askers for %d consultations", opts.Consultations)
	}
	if opts.Batch <= 0 {
		opts.Batch = 2000
	}
	per := opts.Batch
	if st.Dialect != models.Postgres {
		per = 10 // ~35 parameters a row: the pure-Go SQLite driver binds in quadratic time
	}
	var matters []scaleMatter
	var maxID int64
	st.DB.WithContext(ctx).Table("matter_items").Select("COALESCE(MAX(id), 0)").Scan(&maxID)
	q := st.DB.WithContext(ctx).Table("matter_items").Select("code, name, body_name, region_code, dept_code").
		Where("status = ?", "published").Order("id").Limit(2000)
	if err := q.Where("id % ? = 0", max(1, maxID/2000)).Scan(&matters).Error; err != nil {
		return ScaleResult{}, err
	}
	if len(matters) == 0 {
		if err := q.Scan(&matters).Error; err != nil {
			return ScaleResult{}, err
		}
	}
	if len(matters) == 0 {
		return ScaleResult{}, fmt.Errorf("no published items: seed the catalog first")
	}
	now := time.Now().UTC().Truncate(time.Second)
	total := opts.Consultations + opts.PerDemo*len(opts.Demo)
	var res ScaleResult
	for lo := 0; lo < total; lo += opts.Batch {
		hi := min(lo+opts.Batch, total)
		rows := make([]Consultation, 0, hi-lo)
		for i := lo; i < hi; i++ {
			var a Asker
			if i < opts.PerDemo*len(opts.Demo) {
				a = opts.Demo[i%len(opts.Demo)]
			} else {
				a = opts.Askers[(i*7919)%len(opts.Askers)]
			}
			rows = append(rows, scaleConsultation(i, a, matters[(i*31)%len(matters)], now))
		}
		if err := st.DB.WithContext(ctx).CreateInBatches(rows, per).Error; err != nil {
			return res, err
		}
		res.Consultations += len(rows)
		if opts.Progress != nil {
			opts.Progress(res.Consultations, time.Since(start))
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

// scaleConsultation is the i-th generated consultation, created within the
// last year.
func scaleConsultation(i int, a Asker, m scaleMatter, now time.Time) Consultation {
	q := scaleQuestions[i%len(scaleQuestions)]
	created := now.Add(-time.Duration(i%365)*24*time.Hour - time.Duration(i%3600)*time.Second)
	c := Consultation{UserID: a.ID, ItemCode: m.Code, MatterName: m.Name, RegionCode: m.RegionCode, DeptCode: m.DeptCode,
		UnitName: m.BodyName, Name: a.Name, Phone: a.Phone, Title: m.Name + q.title, Content: fmt.Sprintf(q.content, m.Name),
		Public: i%10 < 7, Status: consultMix[i%len(consultMix)], CreatedAt: created, UpdatedAt: created}
	if c.Status == StatusDraft {
		return c
	}
	sub, due := created, created.AddDate(0, 0, 21) // 15 working days
	c.SubmittedAt, c.DeadlineAt = &sub, &due
	if c.Status == StatusAccepted || c.Status == StatusReplied {
		at := created.Add(20 * time.Hour)
		c.AcceptedAt, c.AcceptedUnit, c.UpdatedAt = &at, m.BodyName, at
	}
	if c.Status == StatusReplied {
		at := created.Add(70 * time.Hour)
		if at.After(now) {
			at = now
		}
		c.RepliedAt, c.Reply, c.ReplyUnit, c.UpdatedAt = &at, fmt.Sprintf(q.reply, m.Name), m.BodyName, at
	}
	// The rule of publishedExpr: public, replied, not held, not hidden or deleted.
	c.Published = c.Public && c.Status == StatusReplied && c.Flags == ""
	return c
}
