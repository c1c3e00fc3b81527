package incident

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

// The steps of the report dialog, in order.
const (
	stepOffer   = "offer"   // the advice card is waiting for yes or no
	stepSystem  = "system"  // which system
	stepWhen    = "when"    // when it happened
	stepKinds   = "kinds"   // which kinds of data
	stepDetails = "details" // an optional short description, redacted
	stepConfirm = "confirm" // the summary is waiting to be sent
)

// incidentState is what the dialog keeps between turns: codes and redacted text only.
type incidentState struct {
	Step    string   `json:"step"`
	System  string   `json:"system,omitempty"` // a recognised name, or "other"
	When    string   `json:"when,omitempty"`   // see parseWhen
	Kinds   []string `json:"kinds,omitempty"`  // dataKinds codes
	Details string   `json:"details,omitempty"`
	// Asked is set once the description was asked, answered or skipped.
	Asked bool `json:"asked,omitempty"`
	// Lang is the language of the last message typed in the dialog: a button press
	// carries no words to tell it, and the platform's locale may differ.
	Lang i18n.Lang `json:"lang,omitempty"`
}

// systemOther is the code of a system the bot does not know by name.
const systemOther = "other"

var (
	skipWords = conversations.Phrases{"non", "no", "passer", "passe", "skip", "aucun", "aucune", "rien", "pas de description", "none", "nothing", "non merci", "no thanks"}
)

func (*incident) DialogKind() string { return incidentDialog }

// Continue reads an answer to the current step. A question is given back to the
// intents (the dialog resumes after it); at the offer step, anything but yes or no
// lets the offer lapse.
func (in *incident) Continue(ctx context.Context, s *conversations.Session) ([]bot.Reply, bool, error) {
	st, ok, err := in.load(ctx, s)
	if err != nil || !ok {
		return nil, false, err
	}
	w, cmd := words.Of(s, s.Folded()), words.Command(s, s.Folded())
	if st.Step == stepOffer {
		switch {
		case words.Yes.Exact(cmd):
			r, err := in.advance(ctx, s, st)
			return conversations.Private(r...), true, err
		case words.No.Exact(cmd) || words.Cancel.Exact(cmd):
			if err := s.ClearState(ctx, incidentDialog); err != nil {
				return nil, true, err
			}
			return conversations.Private(s.Reply("incident.declined", in.form())), true, nil
		}
		return nil, false, s.ClearState(ctx, incidentDialog)
	}
	switch {
	case words.Cancel.Exact(cmd) || (st.Step == stepConfirm && words.No.Exact(cmd)):
		if err := s.ClearState(ctx, incidentDialog); err != nil {
			return nil, true, err
		}
		return conversations.Private(s.Reply("incident.cancelled", in.form())), true, nil
	case strings.HasSuffix(strings.TrimSpace(s.Turn.Text), "?"):
		return nil, false, nil
	}
	r, err := in.answer(ctx, s, st, w, cmd)
	return conversations.Private(r...), true, err
}

// Reprompt asks the current question again, if the report is still in progress.
func (in *incident) Reprompt(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	st, ok, err := in.load(ctx, s)
	if err != nil || !ok || st.Step == stepOffer {
		return nil, err
	}
	r, err := in.prompt(ctx, s, st)
	return conversations.Private(r...), err
}

// answer records the answer to the current step and asks the next question.
func (in *incident) answer(ctx context.Context, s *conversations.Session, st incidentState, w words.Words, cmd string) ([]bot.Reply, error) {
	var ack []bot.Reply
	switch st.Step {
	case stepSystem:
		st.System = in.systems.find(w)
		if st.System == "" {
			if !w.Has("autre*", "other*", "another") {
				ack = append(ack, s.Reply("incident.system.unknown"))
			}
			st.System = systemOther
		}
	case stepWhen:
		when, ok := parseWhen(w, s.Now.In(text.Toronto()))
		if !ok {
			return []bot.Reply{s.Reply("incident.when.again")}, nil
		}
		st.When = when
	case stepKinds:
		kinds := parseKinds(w)
		if len(kinds) == 0 {
			return in.prompt(ctx, s, st, s.Reply("incident.kinds.again"))
		}
		st.Kinds = kinds
	case stepDetails:
		st.Asked = true
		if !skipWords.Exact(cmd) {
			var masked []string
			st.Details, masked = redact(s.Turn.Text, func(kind string) string { return s.T("incident.mask." + kind) })
			if len(masked) > 0 {
				ack = append(ack, s.Reply("incident.details.masked", map[string]any{"Count": len(masked), "Kinds": in.maskList(s, masked)}))
			}
		}
	case stepConfirm:
		if words.Yes.Exact(cmd) {
			return in.send(ctx, s, st)
		}
		return in.prompt(ctx, s, st)
	}
	more, err := in.advance(ctx, s, st)
	return append(ack, more...), err
}

// advance moves to the first step still unanswered, saves, and asks it.
func (in *incident) advance(ctx context.Context, s *conversations.Session, st incidentState) ([]bot.Reply, error) {
	switch {
	case st.System == "":
		st.Step = stepSystem
	case st.When == "":
		st.Step = stepWhen
	case len(st.Kinds) == 0:
		st.Step = stepKinds
	case !st.Asked:
		st.Step = stepDetails
	default:
		st.Step = stepConfirm
	}
	if err := in.save(ctx, s, st); err != nil {
		return nil, err
	}
	return in.prompt(ctx, s, st)
}

// prompt asks the question of the current step, after the replies in before.
func (in *incident) prompt(_ context.Context, s *conversations.Session, st incidentState, before ...bot.Reply) ([]bot.Reply, error) {
	switch st.Step {
	case stepSystem, stepWhen, stepDetails:
		return append(before, s.Reply("incident.ask."+st.Step)), nil
	case stepKinds:
		var list strings.Builder
		for _, code := range kindCodes() {
			fmt.Fprintf(&list, "\n- %s", s.T("incident.kind.choice."+code))
		}
		return append(before, bot.Text(s.T("incident.ask.kinds")+"\n"+list.String())), nil
	case stepConfirm:
		return append(before, bot.Reply{Text: s.T("incident.ask.confirm"), Card: in.summaryCard(s, st)}), nil
	}
	return before, nil
}

// maskList names the kinds of masked text once each, in the session's language.
func (in *incident) maskList(s *conversations.Session, kinds []string) string {
	var names []string
	seen := map[string]bool{}
	for _, k := range kinds {
		if !seen[k] {
			seen[k] = true
			names = append(names, s.T("incident.masked."+k))
		}
	}
	return words.Join(s.Lang, names)
}

func (in *incident) load(ctx context.Context, s *conversations.Session) (incidentState, bool, error) {
	var st incidentState
	b, ok, err := s.LoadState(ctx, incidentDialog)
	if err != nil || !ok {
		return st, false, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		// A state this version cannot read is dropped rather than blocking the person.
		return st, false, s.ClearState(ctx, incidentDialog)
	}
	s.UseDialogLang(st.Lang)
	return st, true, nil
}

func (in *incident) save(ctx context.Context, s *conversations.Session, st incidentState) error {
	st.Lang = s.Lang
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return s.SaveState(ctx, incidentDialog, b)
}
