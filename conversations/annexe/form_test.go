package annexe_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations/annexe"
)

// press presses a form button as alice, with values.
func (e *env) press(verb, subject string, values map[string]string) []bot.Reply {
	e.t.Helper()
	replies, err := e.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "alice", Name: "Alice"},
		Locale: "fr", Action: &bot.Action{Verb: verb, Subject: subject, Values: values, MessageID: "m1"}})
	if err != nil {
		e.t.Fatalf("%s: %v", verb, err)
	}
	return replies
}

// say types text as alice.
func (e *env) say(text string) []bot.Reply {
	e.t.Helper()
	replies, err := e.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "alice", Name: "Alice"},
		Locale: "fr", Text: text})
	if err != nil {
		e.t.Fatalf("%q: %v", text, err)
	}
	return replies
}

// form is the form page among replies, failing the test without one.
func form(t *testing.T, replies []bot.Reply) *cards.Form {
	t.Helper()
	for _, r := range replies {
		if r.Form != nil {
			if r.Card == nil {
				t.Errorf("a form reply without its card")
			}
			return r.Form
		}
	}
	t.Fatalf("no form in %+v", replies)
	return nil
}

func field(t *testing.T, f *cards.Form, id string) cards.Input {
	t.Helper()
	for _, in := range f.Inputs {
		if in.ID == id {
			return in
		}
	}
	t.Fatalf("no field %q on %q", id, f.Heading)
	return cards.Input{}
}

var systemPage = map[string]string{
	string(requests.TagSystemName): "ChatGPT Edu", string(requests.TagSystemVendor): "OpenAI",
	string(requests.TagSystemKind): "private", string(requests.TagHosting): "sti",
	string(requests.TagSystemOpen): "no", string(requests.TagSystemSpecialized): "yes",
}

// TestFormPages: every item of the request is on exactly one page, pages in the
// annex's order, and the form's submit names the request and page. Going back saves
// nothing.
func TestFormPages(t *testing.T) {
	e := newEnv(t)
	f := form(t, e.say("remplir le formulaire"))
	if f.Heading != "Système — page 1 de 6" || f.Submit.Verb != "annexe.form.next" || f.Submit.Subject != "1:system" {
		t.Fatalf("first page = %q, submit %+v", f.Heading, f.Submit)
	}
	seen := map[string]int{}
	count := func(f *cards.Form) {
		for _, in := range f.Inputs {
			seen[in.ID]++
		}
	}
	count(f)
	subject := "1:system"
	for range 4 { // pages 2 to 5: back from the page after each
		subject = nextSubject(subject)
		f = form(t, e.press("annexe.form.back", nextSubject(subject), nil))
		if f.Submit.Subject != subject {
			t.Fatalf("back from %s shows %s", nextSubject(subject), f.Submit.Subject)
		}
		count(f)
	}
	e.say("modifier 34") // the dialog at the EFVP: the form opens on its page
	f = form(t, e.say("formulaire"))
	if f.Heading != "EFVP — page 6 de 6" || f.Submit.Label != "Terminer" {
		t.Fatalf("last page = %q, submit %q", f.Heading, f.Submit.Label)
	}
	count(f)
	for _, it := range annexe.Items() {
		if seen[string(it.Tag)] != 1 {
			t.Errorf("%s is on %d pages", it.Tag, seen[string(it.Tag)])
		}
	}
	if r := e.draftOf("terminal:alice"); len(r.Answers) != 0 {
		t.Errorf("going back saved %d answers", len(r.Answers))
	}
}

// nextSubject is the subject of the page after the one named.
func nextSubject(s string) string {
	order := []string{"system", "uses", "training", "risks", "dng", "efvp"}
	id, page, _ := strings.Cut(s, ":")
	for i, p := range order {
		if p == page && i+1 < len(order) {
			return id + ":" + order[i+1]
		}
	}
	return s
}

// TestFormSameValidationAsDialog: a page sent with a bad value comes back with the
// dialog's own message beside that field, the good values saved; corrected, it moves
// on. The same press twice saves once and shows the same next page.
func TestFormSameValidationAsDialog(t *testing.T) {
	e := newEnv(t)
	form(t, e.say("remplir le formulaire"))
	bad := map[string]string{}
	for k, v := range systemPage {
		bad[k] = v
	}
	bad[string(requests.TagSystemName)] = "X"
	bad[string(requests.TagSystemOpen)] = "peut-être"
	f := form(t, e.press("annexe.form.next", "1:system", bad))
	if f.Heading != "Système — page 1 de 6" || f.Error == "" {
		t.Fatalf("after errors: page %q, error %q; want the same page with a message", f.Heading, f.Error)
	}
	if got, want := field(t, f, string(requests.TagSystemName)).Error, i18n.T(i18n.FR, "annexe.error.too_short", map[string]any{"Min": 2}); got != want {
		t.Errorf("name error = %q, want the dialog's %q", got, want)
	}
	if got, want := field(t, f, string(requests.TagSystemOpen)).Error, i18n.T(i18n.FR, "annexe.error.yesno"); got != want {
		t.Errorf("open error = %q, want the dialog's %q", got, want)
	}
	if got := field(t, f, string(requests.TagSystemName)).Value; got != "X" {
		t.Errorf("what was typed is not kept: %q", got)
	}
	r := e.draftOf("terminal:alice")
	if r.Answers[requests.TagSystemKind].Value != requests.KindPrivate || !r.Answers[requests.TagHosting].ForSTI {
		t.Errorf("good values not saved: %+v", r.Answers)
	}
	if _, ok := r.Answers[requests.TagSystemName]; ok {
		t.Errorf("a bad value was saved")
	}
	for range 2 { // a double submission
		f = form(t, e.press("annexe.form.next", "1:system", systemPage))
		if f.Heading != "Usages — page 2 de 6" || f.HasErrors() {
			t.Fatalf("after a good page: %q errors %v", f.Heading, f.HasErrors())
		}
	}
	r = e.draftOf("terminal:alice")
	if len(r.Answers) != 6 || r.Answers[requests.TagSystemName].Value != "ChatGPT Edu" {
		t.Errorf("answers = %+v", r.Answers)
	}
}

// TestFormThenChatThenForm: the dialog goes on where the form stopped, and the form
// opens again where the dialog is, with its answers.
func TestFormThenChatThenForm(t *testing.T) {
	e := newEnv(t)
	e.f.Catalog = fakeUses{}
	form(t, e.say("remplir le formulaire"))
	form(t, e.press("annexe.form.next", "1:system", systemPage))
	replies := e.press("annexe.form.chat", "1:uses", nil)
	if len(replies) == 0 || !strings.Contains(replies[0].Text, step(4)) {
		t.Fatalf("to the dialog: %+v; want step 4", replies)
	}
	replies = e.say("traduction")
	if !strings.Contains(replies[0].Text, step(5)) {
		t.Fatalf("answer in the dialog: %q", replies[0].Text)
	}
	f := form(t, e.say("remplir le formulaire"))
	if f.Heading != "Usages — page 2 de 6" {
		t.Fatalf("form reopened at %q", f.Heading)
	}
	if got := field(t, f, string(requests.TagUses)).Value; got != "translation" {
		t.Errorf("uses prefilled %q, want the dialog's answer", got)
	}
	// Restarted: the draft and the position are in the database.
	e.db.Close()
	e2 := openEnv(t, e.path)
	e2.f.Catalog = fakeUses{}
	f = form(t, e2.say("formulaire"))
	if f.Heading != "Usages — page 2 de 6" {
		t.Errorf("after a restart: %q", f.Heading)
	}
}

// TestFormSTIPartAndSave: the STI's page left to the STI with its toggle; « save and
// quit » keeps the draft; a stale page is refused.
func TestFormSTIPartAndSave(t *testing.T) {
	e := newEnv(t)
	form(t, e.say("remplir le formulaire"))
	f := form(t, e.press("annexe.form.back", "1:dng", nil)) // the risks page
	values := map[string]string{"sti_part": cards.ToggleOn}
	for _, in := range f.Inputs {
		if in.ID != "sti_part" {
			values[in.ID] = ""
		}
	}
	f = form(t, e.press("annexe.form.next", "1:risks", values))
	if f.Heading != "Gouvernance des données (DNG) — page 5 de 6" {
		t.Fatalf("after the STI's page: %q (%v)", f.Heading, f.Error)
	}
	r := e.draftOf("terminal:alice")
	if a := r.Answers["a1.sti.risks.causes"]; !a.ForSTI {
		t.Errorf("risks left to the STI: %+v", a)
	}
	// Without the toggle, an empty field of that page must be answered.
	values["sti_part"] = cards.ToggleOff
	f = form(t, e.press("annexe.form.next", "1:risks", values))
	if field(t, f, "a1.sti.risks.causes").Error != i18n.T(i18n.FR, "annexe.form.required_sti") {
		t.Errorf("empty STI field without the toggle: %+v", field(t, f, "a1.sti.risks.causes"))
	}
	replies := e.press("annexe.form.save", "1:system", systemPage)
	if len(replies) != 1 || !replies[0].Replace || replies[0].Form != nil || !strings.Contains(replies[0].Text, "Brouillon n° 1 enregistré") {
		t.Fatalf("save and quit = %+v", replies)
	}
	e.say("annuler")
	e.say("oui")
	replies = e.press("annexe.form.next", "1:uses", map[string]string{})
	if len(replies) != 1 || !replies[0].Refused || !strings.Contains(replies[0].Text, "n'est plus valable") {
		t.Errorf("stale page = %+v, want refused", replies)
	}
	// Someone else's page is refused too.
	other, _ := e.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "mallory"}, Locale: "fr",
		Action: &bot.Action{Verb: "annexe.form.next", Subject: "1:system", Values: systemPage}})
	if len(other) != 1 || !other[0].Refused {
		t.Errorf("someone else's page = %+v", other)
	}
}

// TestFormToSubmission fills the whole request with the form: after the last page,
// the summary with its submit button takes the form's place.
func TestFormToSubmission(t *testing.T) {
	e := newEnv(t)
	e.f.Catalog = fakeUses{}
	form(t, e.say("remplir le formulaire"))
	long := "Une réponse assez longue pour l'annexe."
	pagesValues := []struct {
		subject string
		values  map[string]string
	}{
		{"1:system", systemPage},
		{"1:uses", map[string]string{string(requests.TagUses): "summary", "uses_other": "", string(requests.TagPersonalData): "no",
			string(requests.TagAutomatedDecision): "no", string(requests.TagSupervisor): "chef@cssdgs.gouv.qc.ca",
			"a1.requester.system_description": long, "a1.requester.intended_use": long, "a1.requester.justification": long,
			"a1.requester.expected_gains": long}},
		{"1:training", map[string]string{"a1.requester.training.risk_awareness": long, "a1.requester.training.responsible_use": long,
			string(requests.TagTrainingCalendar): "2027-02-01, 2027-02-08", string(requests.TagDeploymentDate): "2027-03-01",
			"a1.requester.training.monitoring": "", "a1.requester.change_management": long}},
		{"1:risks", map[string]string{"sti_part": cards.ToggleOn}},
		{"1:dng", map[string]string{"sti_part": cards.ToggleOn}},
	}
	for _, p := range pagesValues {
		f := form(t, e.press("annexe.form.next", p.subject, p.values))
		if f.HasErrors() {
			t.Fatalf("%s: %q %+v", p.subject, f.Error, f.Inputs)
		}
	}
	// An STI page sent with its fields absent (the toggle only) leaves them untouched,
	// so they are asked on the last page's check.
	replies := e.press("annexe.form.next", "1:efvp", map[string]string{string(requests.TagEFVPStatus): "planned",
		string(requests.TagEFVPDate): "2027-02-15"})
	f := form(t, replies)
	if !strings.Contains(f.Error, "Il manque encore") || f.Submit.Subject != "1:risks" {
		t.Fatalf("missing answers: %q on %s", f.Error, f.Submit.Subject)
	}
	values := map[string]string{"sti_part": cards.ToggleOn}
	for _, in := range f.Inputs {
		if in.ID != "sti_part" {
			values[in.ID] = ""
		}
	}
	form(t, e.press("annexe.form.next", "1:risks", values))
	f = form(t, e.press("annexe.form.back", "1:efvp", nil)) // the DNG page
	for _, in := range f.Inputs {
		if in.ID != "sti_part" {
			values[in.ID] = ""
		}
	}
	form(t, e.press("annexe.form.next", "1:dng", values))
	replies = e.press("annexe.form.next", "1:efvp", map[string]string{string(requests.TagEFVPStatus): "planned",
		string(requests.TagEFVPDate): "2027-02-15"})
	if len(replies) == 0 || replies[0].Card == nil || !replies[0].Replace || replies[0].Form != nil {
		t.Fatalf("after the last page = %+v; want the summary card in the form's place", replies)
	}
	if c := replies[0].Card; len(c.Buttons) == 0 || c.Buttons[0].Verb != "annexe.submit" {
		t.Errorf("summary buttons = %+v", c.Buttons)
	}
	r := e.draftOf("terminal:alice")
	if r.Answers[requests.TagUses].Value != "summary" || r.Answers[requests.TagEFVPDate].Value != "2027-02-15" {
		t.Errorf("answers = %+v", r.Answers)
	}
	// The dialog agrees: it waits at the summary.
	if got := e.say("soumettre"); !strings.Contains(got[0].Text, "est soumise") {
		t.Errorf("submit typed after the form: %q", got[0].Text)
	}
}
