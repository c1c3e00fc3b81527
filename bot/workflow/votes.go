package workflow

import (
	"fmt"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
)

// Choice is what a committee member votes.
type Choice string

// The choices of a vote. Approve and ApproveWithConditions both count for approving.
const (
	ChoiceApprove    Choice = "approve"
	ChoiceConditions Choice = "approve_with_conditions"
	ChoiceChanges    Choice = "changes"
	ChoiceReject     Choice = "reject"
)

// Choices lists the choices in the order cards offer them.
var Choices = []Choice{ChoiceApprove, ChoiceConditions, ChoiceChanges, ChoiceReject}

// Action is the stage decision the choice counts for.
func (c Choice) Action() Action {
	switch c {
	case ChoiceApprove, ChoiceConditions:
		return Approve
	case ChoiceChanges:
		return RequestChanges
	case ChoiceReject:
		return Reject
	}
	return ""
}

// Vote is one member's vote on one stage of one round; a member has one vote there,
// which they may change until the stage closes.
type Vote struct {
	RequestID  uint
	Round      int
	Stage      requests.Status
	VoterKey   string
	VoterName  string
	Choice     Choice
	Comment    string
	Conditions []Condition
	// Details is JSON owned by the feature (CODIR-IN's ruling on the uses).
	Details string
	At      time.Time
	// ByKey is who cast the vote when not the member: a delegate standing in for
	// VoterKey, whose seat it is (#19). The audit entry names them; it is not stored
	// with the vote, whose VoterName says « Marie Roy (pour Paul Roy) ».
	ByKey string
}

// Rule is how a committee decides a stage (config.Committee): the first vote, a
// majority of the votes cast once Quorum have voted, or every member.
type Rule struct {
	Kind   string // config.RuleFirst, RuleMajority, RuleUnanimous
	Quorum int
	Secret bool
}

// RuleOf is the rule of a configured committee.
func RuleOf(c config.Committee) Rule {
	if c.Rule == "" {
		c.Rule = config.RuleFirst
	}
	return Rule{Kind: c.Rule, Quorum: c.Quorum, Secret: c.Secret}
}

// Votes reports whether the stage is decided by counting votes rather than by the
// first member who acts.
func (r Rule) Votes() bool { return r.Kind == config.RuleMajority || r.Kind == config.RuleUnanimous }

// Why a stage closed, or why it cannot.
const (
	WhyMet         = "met"           // the rule is met
	WhyTie         = "tie"           // every member voted and no choice has a majority
	WhyCannotBeMet = "cannot_be_met" // the votes left cannot meet the rule any more
	WhyNoQuorum    = "no_quorum"     // fewer members than the quorum: votes cannot close it
)

// Tally counts a stage's votes.
type Tally struct {
	Eligible int // members of the role
	Needed   int // votes that must be cast before the stage can close
	Cast     int
	// Approve counts approvals without conditions, Conditions those with.
	Approve, Conditions, Changes, Reject int
}

// Outcome is where a stage stands after its votes.
type Outcome struct {
	Closed bool
	// Decision is the stage's decision once closed: Approve, RequestChanges or Reject.
	Decision Action
	// Conditions are, for an approval, every condition of the members who approved
	// with conditions.
	Conditions []Condition
	Why        string
	Tally      Tally
	// Deciding is the latest vote for the decision (the vote that closed it, or the
	// last approving vote under a majority): its details carry the ruling.
	Deciding Vote
}

// Count says whether a stage is closed by its votes under rule, with eligible members
// in the role. Only each member's latest vote counts.
//
//   - first: the first vote closes the stage with its choice.
//   - unanimous: every member approving closes it approved; a single vote to reject
//     or to ask for changes means unanimity cannot be met, and closes it at once with
//     that choice (a reject first).
//   - majority: once Quorum votes are cast, a choice (approving, with or without
//     conditions; changes; reject) with more than half of the votes cast closes the
//     stage. When no choice can reach a majority any more, even if every remaining
//     member votes for it (a tie once all voted, or a three-way split), the stage
//     closes with changes requested: a committee without a majority neither approves
//     nor refuses, and sending the request back lets the requester clarify it and the
//     committee vote again on the next round.
func Count(rule Rule, eligible int, votes []Vote) Outcome {
	votes = Latest(votes)
	t := Tally{Eligible: eligible, Cast: len(votes)}
	for _, v := range votes {
		switch v.Choice {
		case ChoiceApprove:
			t.Approve++
		case ChoiceConditions:
			t.Conditions++
		case ChoiceChanges:
			t.Changes++
		case ChoiceReject:
			t.Reject++
		}
	}
	o := Outcome{Tally: t}
	switch rule.Kind {
	case config.RuleMajority:
		o.Tally.Needed = rule.Quorum
		remaining := max(eligible-t.Cast, 0)
		counts := []struct {
			act Action
			n   int
		}{{Approve, t.Approve + t.Conditions}, {Reject, t.Reject}, {RequestChanges, t.Changes}}
		if t.Cast >= rule.Quorum {
			for _, c := range counts {
				if 2*c.n > t.Cast {
					return o.close(c.act, WhyMet, votes)
				}
			}
		}
		if t.Cast+remaining < rule.Quorum {
			o.Why = WhyNoQuorum
			return o
		}
		for _, c := range counts {
			if 2*(c.n+remaining) > t.Cast+remaining {
				return o // still reachable
			}
		}
		if remaining == 0 {
			return o.close(RequestChanges, WhyTie, votes)
		}
		return o.close(RequestChanges, WhyCannotBeMet, votes)
	case config.RuleUnanimous:
		o.Tally.Needed = eligible
		switch {
		case t.Reject > 0:
			return o.close(Reject, WhyCannotBeMet, votes)
		case t.Changes > 0:
			return o.close(RequestChanges, WhyCannotBeMet, votes)
		case eligible > 0 && t.Approve+t.Conditions >= eligible:
			return o.close(Approve, WhyMet, votes)
		}
		return o
	}
	o.Tally.Needed = 1
	if len(votes) > 0 {
		return o.close(votes[0].Choice.Action(), WhyMet, votes[:1])
	}
	return o
}

func (o Outcome) close(act Action, why string, votes []Vote) Outcome {
	o.Closed, o.Decision, o.Why = true, act, why
	for _, v := range votes {
		if v.Choice.Action() == act && !v.At.Before(o.Deciding.At) {
			o.Deciding = v
		}
		if act == Approve && v.Choice == ChoiceConditions {
			o.Conditions = UnionConditions(o.Conditions, v.Conditions)
		}
	}
	if o.Deciding.VoterKey == "" && len(votes) > 0 {
		o.Deciding = votes[len(votes)-1]
	}
	return o
}

// Latest keeps each voter's latest vote, in the order the voters first voted: the
// votes that count (Count) and that a record shows.
func Latest(votes []Vote) []Vote {
	at := map[string]int{}
	var out []Vote
	for _, v := range votes {
		if i, ok := at[v.VoterKey]; ok {
			if !v.At.Before(out[i].At) {
				out[i] = v
			}
			continue
		}
		at[v.VoterKey] = len(out)
		out = append(out, v)
	}
	return out
}

// Cast is what casting a vote did: whether it replaced the member's earlier vote, and
// the stage's decision when this vote closed it (nil while the stage stays open).
type Cast struct {
	Replaced bool
	Decision *Decision
	Result   ApprovalResult
}

// Closer decides, inside the vote's transaction, whether the stage closes: from the
// request as that transaction sees it and every vote of the stage (this one
// included), it returns the decision to record and, for a final approval, its
// planner; a nil decision leaves the stage open.
type Closer func(r requests.Request, votes []Vote) (*Decision, Planner, error)

// Entry is the audit entry of a vote. It names who voted, never what: a secret vote
// stays secret until the stage closes, and the stage's decision has its own entry.
func (v Vote) Entry(replaced bool) audit.Entry {
	comment := fmt.Sprintf("vote on %s round %d", v.Stage, v.Round)
	if replaced {
		comment += " (changed)"
	}
	actor := v.VoterKey
	if v.ByKey != "" {
		actor, comment = v.ByKey, comment+" for "+v.VoterKey
	}
	return audit.Entry{ActorKey: actor, ActorName: v.VoterName, Action: "review.vote", Subject: requests.Subject(v.RequestID),
		From: string(v.Stage), To: string(v.Stage), Comment: comment, Sections: Sections(v.Stage)}
}

// CloseDecision is the decision of a stage that outcome o closed, on request r as the
// vote's transaction sees it: the deciding vote's member, comment and details, and
// the status that follows.
func CloseDecision(r requests.Request, o Outcome) Decision {
	v := o.Deciding
	return Decision{RequestID: r.ID, Round: r.Round, Stage: r.Status, Decision: o.Decision, ActorKey: v.VoterKey,
		ActorName: v.VoterName, Comment: v.Comment, Details: v.Details, To: Next(r, r.Status, o.Decision),
		Sections: Sections(r.Status)}
}
