package adaptive

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// decoded renders c and decodes the JSON generically, as Teams would read it.
func decoded(t *testing.T, c *cards.Card, opts ...Option) map[string]any {
	t.Helper()
	raw, err := Render(c, opts...)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return m
}

// actions returns the card's actions in order, whether at the end of the card or in
// rows of ActionSets in its body; it fails when a row holds more than actionsPerRow.
func actions(t *testing.T, m map[string]any) []map[string]any {
	t.Helper()
	var out []map[string]any
	add := func(list any) {
		for _, a := range list.([]any) {
			out = append(out, a.(map[string]any))
		}
	}
	for _, el := range m["body"].([]any) {
		if e := el.(map[string]any); e["type"] == "ActionSet" {
			if n := len(e["actions"].([]any)); n > actionsPerRow {
				t.Errorf("an ActionSet holds %d buttons, want at most %d", n, actionsPerRow)
			}
			add(e["actions"])
		}
	}
	if list, ok := m["actions"]; ok {
		add(list)
	}
	return out
}

func TestRenderActions(t *testing.T) {
	acts := actions(t, decoded(t, reviewCard()))
	type want struct{ typ, title, style, assoc, verb, subject string }
	wants := []want{
		{"Action.Execute", "Approuver", "positive", "none", "review.approve", "42"},
		{"Action.Execute", "Demander des changements", "", "auto", "review.changes", "42"},
		{"Action.Execute", "Refuser", "destructive", "auto", "review.reject", "42"},
		{"Action.ShowCard", "Voir le détail", "", "", "", ""},
	}
	if len(acts) != len(wants) {
		t.Fatalf("got %d actions, want %d", len(acts), len(wants))
	}
	for i, w := range wants {
		t.Run(w.title, func(t *testing.T) {
			a := acts[i]
			got := want{typ: str(a["type"]), title: str(a["title"]), style: str(a["style"]), assoc: str(a["associatedInputs"])}
			if d, ok := a["data"].(map[string]any); ok {
				got.verb, got.subject = str(d["verb"]), str(d["subject"])
				// Universal Actions route on the action's own verb; the data repeats it.
				if v := str(a["verb"]); v != got.verb {
					t.Errorf("action verb %q, data verb %q", v, got.verb)
				}
			}
			if got != w {
				t.Errorf("got %+v, want %+v", got, w)
			}
		})
	}
}

func TestRenderRequiredInputs(t *testing.T) {
	for _, tc := range []struct {
		name      string
		card      *cards.Card
		wantReq   bool
		wantAssoc []string
	}{
		{"needed by one button", reviewCard(), true, []string{"none", "auto", "auto"}},
		{"required by the card", withRequiredComment(reviewCard()), true, []string{"auto", "auto", "auto"}},
		{"optional", withoutNeeds(reviewCard()), false, []string{"auto", "auto", "auto"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := decoded(t, tc.card)
			in := findInput(t, m, "comment")
			if got := in["isRequired"] == true; got != tc.wantReq {
				t.Errorf("isRequired = %v, want %v", got, tc.wantReq)
			}
			if got := in["errorMessage"] != nil; got != tc.wantReq {
				t.Errorf("errorMessage present = %v, want %v", got, tc.wantReq)
			}
			var got []string
			for _, a := range actions(t, m) {
				if a["type"] == "Action.Execute" {
					got = append(got, str(a["associatedInputs"]))
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.wantAssoc, ",") {
				t.Errorf("associatedInputs = %v, want %v", got, tc.wantAssoc)
			}
		})
	}
}

func TestRenderErrorMessageLanguage(t *testing.T) {
	for _, tc := range []struct {
		opts []Option
		want string
	}{
		{nil, i18n.T(i18n.FR, "teams.card.required")},
		{[]Option{Lang(i18n.EN)}, i18n.T(i18n.EN, "teams.card.required")},
	} {
		in := findInput(t, decoded(t, reviewCard(), tc.opts...), "comment")
		if got := str(in["errorMessage"]); got != tc.want || got == "teams.card.required" {
			t.Errorf("errorMessage = %q, want %q", got, tc.want)
		}
	}
}

func TestRenderContent(t *testing.T) {
	for _, tc := range []struct {
		name string
		card *cards.Card
		want []string // fragments of the JSON
		not  []string
	}{
		{"checklist marks", reviewCard(), []string{`"✅ Aucun renseignement personnel saisi"`, `"⬜ EFVP réalisée (6.3.2)"`}, nil},
		{"facts", reviewCard(), []string{`{"title":"Système","value":"Microsoft Copilot"}`}, nil},
		{"version and wrap", reviewCard(), []string{`"version":"1.5"`, `"wrap":true`}, []string{`"wrap":false`}},
		{"details fold into a show card", reviewCard(), []string{`"type":"Action.ShowCard"`}, []string{`review.details`}},
		{"details inline without a button", answerCard(), []string{`"text":"Sections citées"`}, []string{`Action.ShowCard`}},
		{"short choices are radio buttons", choicesCard(), []string{`"style":"expanded"`, `"style":"compact"`, `"placeholder":"Choisir un lieu"`}, nil},
		{"paragraphs", answerCard(), []string{`"text":"Conditions :\n- aucun renseignement personnel\n- révision humaine du résultat"`}, nil},
		{"html kept readable", &cards.Card{Title: "a < b & c"}, []string{`"a < b & c"`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := Render(tc.card)
			if err != nil {
				t.Fatal(err)
			}
			got := string(raw)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %s in %s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %s in %s", n, got)
				}
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	seven := &cards.Card{Title: "x"}
	for i := 0; i < 7; i++ {
		seven.Buttons = append(seven.Buttons, cards.Button{Label: "b", Verb: "v"})
	}
	sixAndDetails := &cards.Card{Title: "x", Buttons: seven.Buttons[:6], Details: []cards.Section{{Text: "d"}},
		DetailsButton: &cards.Button{Label: "d", Verb: "d"}}
	for _, tc := range []struct {
		name string
		card *cards.Card
		want error
	}{
		{"nil", nil, ErrNilCard},
		{"seven buttons", seven, ErrTooManyItems},
		{"six buttons and details", sixAndDetails, ErrTooManyItems},
		{"empty input id", &cards.Card{Inputs: []cards.Input{{Label: "l"}}}, ErrBadInput},
		{"reserved input id", &cards.Card{Inputs: []cards.Input{{ID: "verb", Label: "l"}}}, ErrBadInput},
		{"duplicate input id", &cards.Card{Inputs: []cards.Input{{ID: "a", Label: "l"}, {ID: "a", Label: "l"}}}, ErrBadInput},
		{"input without label", &cards.Card{Inputs: []cards.Input{{ID: "a"}}}, ErrBadInput},
		{"unknown need", &cards.Card{Buttons: []cards.Button{{Label: "b", Verb: "v", Needs: []string{"x"}}}}, ErrBadButton},
		{"button without verb", &cards.Card{Buttons: []cards.Button{{Label: "b"}}}, ErrBadButton},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Render(tc.card)
			if !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestAttachment(t *testing.T) {
	a, err := Attachment(reviewCard())
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(a)
	var got struct {
		ContentType string         `json:"contentType"`
		Content     map[string]any `json:"content"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.ContentType != "application/vnd.microsoft.card.adaptive" || got.Content["type"] != "AdaptiveCard" {
		t.Errorf("got %s", raw)
	}
	if _, err := Attachment(nil); !errors.Is(err, ErrNilCard) {
		t.Errorf("Attachment(nil) error = %v, want ErrNilCard", err)
	}
}

func withRequiredComment(c *cards.Card) *cards.Card {
	c.Inputs[0].Required = true
	return c
}

func withoutNeeds(c *cards.Card) *cards.Card {
	for i := range c.Buttons {
		c.Buttons[i].Needs = nil
	}
	return c
}

func findInput(t *testing.T, m map[string]any, id string) map[string]any {
	t.Helper()
	for _, el := range m["body"].([]any) {
		if e := el.(map[string]any); e["id"] == id {
			return e
		}
	}
	t.Fatalf("no input %q", id)
	return nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func TestRenderRefresh(t *testing.T) {
	m := decoded(t, refreshCard())
	rf, _ := m["refresh"].(map[string]any)
	act, _ := rf["action"].(map[string]any)
	data, _ := act["data"].(map[string]any)
	ids, _ := rf["userIds"].([]any)
	if act["type"] != "Action.Execute" || act["verb"] != "review.view" || data["subject"] != "42:1:codir_review" || len(ids) != 2 {
		t.Errorf("refresh = %v", rf)
	}
	if _, ok := decoded(t, reviewCard())["refresh"]; ok {
		t.Error("a card without Refresh has a refresh")
	}
	for _, tc := range []struct {
		name string
		rf   *cards.Refresh
		want error
	}{
		{"61 users", &cards.Refresh{Verb: "v", UserIDs: make([]string, cards.MaxRefreshUsers+1)}, ErrTooManyItems},
		{"no verb", &cards.Refresh{UserIDs: []string{"29:a"}}, ErrBadButton},
	} {
		c := refreshCard()
		c.Refresh = tc.rf
		if _, err := Render(c); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	c := refreshCard()
	c.Refresh.UserIDs = make([]string, cards.MaxRefreshUsers)
	if _, err := Render(c); err != nil {
		t.Errorf("60 users: %v", err)
	}
	// No users: a refresh for everyone, without userIds.
	c.Refresh.UserIDs = nil
	rf, _ = decoded(t, c)["refresh"].(map[string]any)
	if _, ok := rf["userIds"]; ok || rf["action"] == nil {
		t.Errorf("refresh without users = %v, want its action and no userIds", rf)
	}
}
