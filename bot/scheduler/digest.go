package scheduler

import (
	"sort"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
)

// DigestData is the weekly digest's content.
type DigestData struct {
	// Counts are the requests by status, in workflow order, statuses with none left out.
	Counts []StatusCount
	// EFVP are the systems whose EFVP is due within 30 days or past due, soonest first.
	EFVP []EFVPDue
	// Training are the approved requests with people still to train.
	Training []TrainingCount
	// Unreachable are the people and channels a reminder could not reach this week.
	Unreachable []string
}

// StatusCount is a number of requests in one status.
type StatusCount struct {
	Status requests.Status
	Count  int
}

// EFVPDue is a system whose EFVP must be revised soon.
type EFVPDue struct {
	System string
	Date   time.Time
	Late   bool
}

// TrainingCount is how many people of a request are not trained yet, out of how many.
type TrainingCount struct {
	System     string
	Untrained  int
	Total      int
	Deployment *time.Time
}

// deriveDigest: CODIR-IN's channel, on the digest day of each week (the next business
// day when that one is quiet).
func deriveDigest(e *env) []Item {
	day := e.today
	for day.Weekday() != e.cfg.DigestWeekday() {
		day = day.AddDate(0, 0, -1)
	}
	at := e.cal.OnOrAfter(day)
	if !e.isDue(at) {
		return nil
	}
	return []Item{{Kind: Digest, Subject: "week", Occurrence: day.Format(dateLayout),
		Recipient: RolePrefix + config.RoleCODIRIN, Due: e.due(at), Date: day, Digest: digestData(e)}}
}

func digestData(e *env) *DigestData {
	d := &DigestData{}
	for _, s := range requests.Statuses {
		if n := e.src.Counts[s]; n > 0 {
			d.Counts = append(d.Counts, StatusCount{Status: s, Count: n})
		}
	}
	horizon := e.today.AddDate(0, 0, 30)
	for _, s := range e.src.Systems {
		next := e.cal.Date(s.NextReview)
		if s.Status != "withdrawn" && !next.After(horizon) {
			d.EFVP = append(d.EFVP, EFVPDue{System: s.Name, Date: next, Late: next.Before(e.today)})
		}
	}
	sort.SliceStable(d.EFVP, func(i, j int) bool { return d.EFVP[i].Date.Before(d.EFVP[j].Date) })
	for _, r := range e.src.Requests {
		if r.Status != requests.Approved || len(e.src.Trainings[r.ID]) == 0 {
			continue
		}
		c := TrainingCount{System: systemName(r), Total: len(e.src.Trainings[r.ID]), Untrained: len(untrained(e, r.ID))}
		if c.Untrained == 0 {
			continue
		}
		if deploy, ok := r.Facts().DeploymentDate(); ok {
			deploy = e.cal.Date(deploy)
			c.Deployment = &deploy
		}
		d.Training = append(d.Training, c)
	}
	for _, k := range e.src.Unreachable {
		d.Unreachable = append(d.Unreachable, e.name(k))
	}
	sort.Strings(d.Unreachable)
	return d
}
