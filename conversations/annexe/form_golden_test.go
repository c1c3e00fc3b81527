package annexe_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/adaptive"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/cssdgs/iagbot/cards/cardstest"
)

const formGoldenDir = "../../cards/testdata/annexe"

// TestGoldenFormPages renders each page of the request's form as Teams and Slack show
// it (an Adaptive Card, a modal view), a page with errors too, and compares them with
// cards/testdata/annexe (-update rewrites them). Slack's limits for a view and Teams'
// size are checked on each; CI runs Microsoft's checker on the cards.
func TestGoldenFormPages(t *testing.T) {
	e := newEnv(t)
	e.f.Catalog = fakeUses{}
	pages := map[string]*cards.Form{"system": form(t, e.say("remplir le formulaire"))}
	for _, p := range []string{"uses", "training", "risks", "dng"} {
		f := form(t, e.press("annexe.form.back", nextSubject("1:"+p), nil))
		pages[p] = f
	}
	e.say("modifier 34")
	pages["efvp"] = form(t, e.say("formulaire"))
	pages["system_errors"] = form(t, e.press("annexe.form.next", "1:system", map[string]string{
		string(requests.TagSystemName): "X", string(requests.TagSystemKind): "private", string(requests.TagHosting): "sti",
		string(requests.TagSystemOpen): "", string(requests.TagSystemSpecialized): "no"}))
	e.say("english please")
	pages["uses_en"] = form(t, e.press("annexe.form.back", "1:training", nil))
	for name, f := range pages {
		t.Run(name, func(t *testing.T) {
			lang := i18n.FR
			if name == "uses_en" {
				lang = i18n.EN
			}
			formGolden(t, name, f, lang)
		})
	}
}

func formGolden(t *testing.T, name string, f *cards.Form, lang i18n.Lang) {
	t.Helper()
	ac, err := adaptive.Render(f.Card(), adaptive.Lang(lang))
	if err != nil {
		t.Fatalf("adaptive: %v", err)
	}
	if len(ac) > adaptive.MaxBytes {
		t.Errorf("card of %d bytes, Teams takes %d", len(ac), adaptive.MaxBytes)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, ac, "", "  "); err != nil {
		t.Fatal(err)
	}
	indented.WriteByte('\n')
	cardstest.Golden(t, formGoldenDir, name+".adaptive.json", indented.Bytes())
	v, err := blockkit.Modal(f)
	if err != nil {
		t.Fatalf("modal: %v", err)
	}
	if err := blockkit.CheckView(v); err != nil {
		t.Errorf("CheckView: %v", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	cardstest.Golden(t, formGoldenDir, name+".modal.json", buf.Bytes())
}
