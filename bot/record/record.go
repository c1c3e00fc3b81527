// Package record is the decision record of an approval request (procedure 30-02,
// 6.3.3, 8): what was asked, what each stage decided and how its members voted, the
// conditions, the opinions of the SGC and the SPOA (and whether they came after the
// decision), the dates, and the sections of the procedure relied on. Build makes it
// from domain values, without a database or a clock; Markdown, JSON and PDF render
// it, in French or English, the same bytes for the same record.
package record

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// Record is the decision record of one request. Its JSON form is the contract of
// `iagbot audit record --format json`: codes for statuses, decisions, votes, opinions
// and rules; use labels and conditions in the record's language; times in UTC.
type Record struct {
	Lang    i18n.Lang `json:"lang"`
	Request Request   `json:"request"`
	// Outcome is the request's status; DecidedAt is set once the request is decided.
	Outcome   requests.Status `json:"outcome"`
	DecidedAt *time.Time      `json:"decided_at,omitempty"`
	// IssuedAt is when the record speaks from: the last event it holds (a decision, an
	// opinion), so that the same history always gives the same record.
	IssuedAt  time.Time `json:"issued_at"`
	Stages    []Stage   `json:"stages"`
	Ruling    *Ruling   `json:"ruling,omitempty"`
	Opinions  []Opinion `json:"opinions"`
	Sections  []string  `json:"sections"`
	Procedure string    `json:"procedure"`
}

// Request summarises the request (Annexe 1).
type Request struct {
	ID            uint       `json:"id"`
	Round         int        `json:"round"`
	System        string     `json:"system"`
	Vendor        string     `json:"vendor,omitempty"`
	Kind          string     `json:"kind,omitempty"`    // public | private
	Hosting       string     `json:"hosting,omitempty"` // quebec | canada | foreign
	Uses          []string   `json:"uses"`              // labels in the record's language
	PersonalData  bool       `json:"personal_data"`
	Automated     bool       `json:"automated_decision"`
	RequesterName string     `json:"requester_name,omitempty"`
	RequesterKey  string     `json:"requester"`
	SubmittedAt   *time.Time `json:"submitted_at,omitempty"`
	EFVPDate      string     `json:"efvp_date,omitempty"`
	EFVPDone      bool       `json:"efvp_done"`
}

// Stage is one stage of one round: its decision, once taken, and its votes.
type Stage struct {
	Round    int             `json:"round"`
	Stage    requests.Status `json:"stage"`
	Decided  bool            `json:"decided"`
	Decision workflow.Action `json:"decision,omitempty"`
	ByName   string          `json:"by_name,omitempty"`
	ByKey    string          `json:"by,omitempty"`
	At       *time.Time      `json:"at,omitempty"`
	Comment  string          `json:"comment,omitempty"`
	Sections []string        `json:"sections"`
	Votes    []Vote          `json:"votes,omitempty"`
}

// Vote is a member's last vote on a stage. Choice, Comment and Conditions are empty
// while the stage is open: a vote's content is shown once the stage closes.
type Vote struct {
	Name       string          `json:"name,omitempty"`
	Key        string          `json:"voter"`
	Choice     workflow.Choice `json:"choice,omitempty"`
	Comment    string          `json:"comment,omitempty"`
	Conditions []string        `json:"conditions,omitempty"`
	At         time.Time       `json:"at"`
}

// Ruling is what the deciding committee ruled on an approval (6.3.3, 8): each use's
// rule with its conditions, hosting, EFVP revision, training and deployment.
type Ruling struct {
	Uses           []UseRule `json:"uses"`
	Hosting        string    `json:"hosting,omitempty"`
	EFVPNextReview string    `json:"efvp_next_review,omitempty"`
	Training       []string  `json:"training,omitempty"`
	Deployment     string    `json:"deployment,omitempty"`
	// Conditions are the approval's conditions as the members voted them (structured
	// conditions), in the record's language.
	Conditions []string `json:"conditions,omitempty"`
}

// UseRule is one use as ruled.
type UseRule struct {
	Use        string `json:"use"` // label in the record's language
	Rule       string `json:"rule"`
	Conditions string `json:"conditions,omitempty"`
}

// Opinion is a consultation of the SGC or the SPOA and its opinion.
type Opinion struct {
	Role        string           `json:"role"`
	Round       int              `json:"round"`
	Stage       requests.Status  `json:"stage"`
	AskedByName string           `json:"asked_by_name,omitempty"`
	AskedByKey  string           `json:"asked_by"`
	AskedAt     time.Time        `json:"asked_at"`
	Question    string           `json:"question,omitempty"`
	Opinion     workflow.Opinion `json:"opinion,omitempty"` // empty while awaited
	Text        string           `json:"text,omitempty"`
	ByName      string           `json:"by_name,omitempty"`
	ByKey       string           `json:"by,omitempty"`
	At          *time.Time       `json:"at,omitempty"`
	// AfterDecision says the stage decided without this opinion: given after the
	// decision, or still awaited when it was taken.
	AfterDecision bool     `json:"after_decision"`
	Sections      []string `json:"sections"`
}

// Input is what a record is built from.
type Input struct {
	Lang    i18n.Lang
	Request requests.Request
	// Decisions are every round's decisions, oldest first.
	Decisions []workflow.Decision
	// Votes are every stage's votes, any order.
	Votes []workflow.Vote
	// Consultations are the request's consultations, oldest first.
	Consultations []workflow.Consultation
	// Ruling is CODIR-IN's ruling, when the request has one (the feature reads it
	// from the decision's details).
	Ruling *Ruling
	// UseLabel names a use in Lang; nil shows ids.
	UseLabel func(id string) string
}

// procedure names the procedure the record rests on.
const procedure = "30-02"

// Build makes the record of in.
func Build(in Input) Record {
	r := in.Request
	f := r.Facts()
	label := in.UseLabel
	if label == nil {
		label = func(id string) string { return id }
	}
	lang := in.Lang
	if !i18n.Valid(string(lang)) {
		lang = i18n.FR
	}
	rec := Record{Lang: lang, Outcome: r.Status, DecidedAt: utc(r.DecidedAt), Ruling: in.Ruling, Procedure: procedure,
		Stages: []Stage{}, Opinions: []Opinion{}}
	rec.Request = Request{ID: r.ID, Round: r.Round, System: f.SystemName(), Vendor: f.Vendor(), Kind: f.Kind(), Hosting: f.Hosting(),
		PersonalData: f.PersonalData(), Automated: f.AutomatedDecision(), RequesterName: r.RequesterName, RequesterKey: r.RequesterKey,
		SubmittedAt: utc(r.SubmittedAt), EFVPDone: f.EFVPDone(), Uses: []string{}}
	if rec.Request.System == "" {
		rec.Request.System = r.SystemName
	}
	if d, ok := f.EFVPDate(); ok {
		rec.Request.EFVPDate = d.Format(requests.DateLayout)
	}
	for _, u := range f.Uses() {
		rec.Request.Uses = append(rec.Request.Uses, label(u))
	}
	sections := []string{"6.3.1", "6.3.2"}
	last := time.Time{}
	seen := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	if r.SubmittedAt != nil {
		seen(*r.SubmittedAt)
	}
	for _, d := range in.Decisions {
		at := d.At.UTC()
		s := Stage{Round: d.Round, Stage: d.Stage, Decided: true, Decision: d.Decision, ByName: d.ActorName, ByKey: d.ActorKey,
			At: &at, Comment: d.Comment, Sections: workflow.Sections(d.Stage)}
		s.Votes = votesOf(in.Votes, d.Round, d.Stage, true, lang)
		rec.Stages = append(rec.Stages, s)
		sections = append(sections, s.Sections...)
		seen(d.At)
	}
	if _, open := workflow.StageOf(r.Status); open {
		s := Stage{Round: r.Round, Stage: r.Status, Sections: workflow.Sections(r.Status)}
		s.Votes = votesOf(in.Votes, r.Round, r.Status, false, lang)
		rec.Stages = append(rec.Stages, s)
	}
	for _, v := range in.Votes {
		for _, c := range v.Conditions {
			sections = append(sections, c.Sections()...)
		}
	}
	for _, c := range in.Consultations {
		o := Opinion{Role: c.Role, Round: c.Round, Stage: c.Stage, AskedByName: c.AskedByName, AskedByKey: c.AskedByKey,
			AskedAt: c.AskedAt.UTC(), Question: c.Question, Opinion: c.Opinion, Text: c.Text, ByName: c.ByName, ByKey: c.ByKey,
			At: utc(c.AnsweredAt), Sections: workflow.ConsultSections(c.Role)}
		for _, d := range in.Decisions {
			if c.AfterDecision(d) {
				o.AfterDecision = true
			}
		}
		rec.Opinions = append(rec.Opinions, o)
		sections = append(sections, o.Sections...)
		seen(c.AskedAt)
		if c.AnsweredAt != nil {
			seen(*c.AnsweredAt)
		}
	}
	if r.Status == requests.Approved {
		sections = append(sections, "6.1") // the approval writes the inventory
	}
	rec.Sections = SortSections(sections)
	rec.IssuedAt = last.UTC()
	return rec
}

// votesOf are the last votes of each member on stage of round, with their content
// only when the stage is closed.
func votesOf(all []workflow.Vote, round int, stage requests.Status, closed bool, lang i18n.Lang) []Vote {
	var stageVotes []workflow.Vote
	for _, v := range all {
		if v.Round == round && v.Stage == stage {
			stageVotes = append(stageVotes, v)
		}
	}
	var out []Vote
	for _, v := range workflow.Latest(stageVotes) {
		rv := Vote{Name: v.VoterName, Key: v.VoterKey, At: v.At.UTC()}
		if closed {
			rv.Choice, rv.Comment = v.Choice, v.Comment
			for _, c := range v.Conditions {
				rv.Conditions = append(rv.Conditions, c.Text(lang))
			}
		}
		out = append(out, rv)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// SortSections removes duplicates and puts sections in the procedure's order (5.1.2
// before 5.1.11, numbered sections before the annexes).
func SortSections(in []string) []string {
	set := map[string]bool{}
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" && !set[s] {
			set[s] = true
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return sectionLess(out[i], out[j]) })
	return out
}

func sectionLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for k := 0; k < len(pa) && k < len(pb); k++ {
		na, ea := strconv.Atoi(pa[k])
		nb, eb := strconv.Atoi(pb[k])
		switch {
		case ea != nil && eb != nil:
			if pa[k] != pb[k] {
				return pa[k] < pb[k]
			}
		case ea != nil:
			return false // an annex after the numbered sections
		case eb != nil:
			return true
		case na != nb:
			return na < nb
		}
	}
	return len(pa) < len(pb)
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
