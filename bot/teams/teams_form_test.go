package teams

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards/adaptive"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// formCard posts an invoke and returns the card of its response, failing the test
// unless the response is the documented card response.
func formCard(t *testing.T, e *env, a map[string]any) string {
	t.Helper()
	status, res := e.postInvoke(t, a)
	if status != http.StatusOK || res["statusCode"] != float64(200) || res["type"] != adaptive.ContentType {
		t.Fatalf("HTTP %d, %v; want a card response", status, res)
	}
	card := mustJSON(t, res["value"])
	if len(card) > adaptive.MaxBytes {
		t.Errorf("card of %d bytes", len(card))
	}
	return string(card)
}

// TestInvokeAnnexeForm runs the Annexe 1 form through the real engine as Teams sends
// it: each page's button is an adaptiveCard/action invoke answered with the next page
// card, the same page with the dialog's message under the field, or an error for a
// stale page; a second press of the same page answers the same next page.
func TestInvokeAnnexeForm(t *testing.T) {
	db := storagetest.SQLite(t)
	eng := conversations.New(db, nil, nil)
	eng.Register(annexe.New(db))
	e := newEnv(t, func(c *Config) { c.Handler = eng })

	card := formCard(t, e, e.invoke("f-1", "card-1", annexe.VerbForm, "", nil))
	if !strings.Contains(card, `"id":"`+string(requests.TagSystemName)+`"`) || !strings.Contains(card, `"subject":"1:system"`) {
		t.Fatalf("first page = %s", card)
	}
	name := string(requests.TagSystemName)
	page := map[string]any{name: "X", string(requests.TagSystemVendor): "OpenAI", string(requests.TagSystemKind): "private",
		string(requests.TagHosting): "canada", string(requests.TagSystemOpen): "no", string(requests.TagSystemSpecialized): "no"}
	card = formCard(t, e, e.invoke("f-2", "card-1", annexe.VerbFormNext, "1:system", page))
	tooShort := i18n.T(i18n.FR, "annexe.error.too_short", map[string]any{"Min": 2})
	if !strings.Contains(card, `"subject":"1:system"`) || !strings.Contains(card, "⚠ "+tooShort) || !strings.Contains(card, `"value":"X"`) {
		t.Errorf("page with an error = %s; want the same page, %q under the field", card, tooShort)
	}
	page[name] = "ChatGPT Edu"
	for _, id := range []string{"f-3", "f-4"} { // the second is a double submission
		card = formCard(t, e, e.invoke(id, "card-1", annexe.VerbFormNext, "1:system", page))
		if !strings.Contains(card, `"subject":"1:uses"`) || strings.Contains(card, "⚠") {
			t.Errorf("%s: next page = %s", id, card)
		}
	}
	r, err := db.Request(context.Background(), 1)
	if err != nil || len(r.Answers) != 6 || r.Answers[requests.TagSystemName].Value != "ChatGPT Edu" {
		t.Fatalf("draft = %+v, %v", r.Answers, err)
	}
	if n := len(e.conn.requests("/activities/card-1")); n < 3 {
		t.Errorf("the form card was updated %d times, want one per page shown", n)
	}
	// « Précédent » sends no values: the page before, nothing saved.
	card = formCard(t, e, e.invoke("f-5", "card-1", annexe.VerbFormBack, "1:uses", nil))
	if !strings.Contains(card, `"subject":"1:system"`) || !strings.Contains(card, `"value":"ChatGPT Edu"`) {
		t.Errorf("previous page = %s", card)
	}
	// A stale page: the request was cancelled meanwhile.
	if err := db.CancelRequest(context.Background(), r.ID, r.RequesterKey, "Marie"); err != nil {
		t.Fatal(err)
	}
	wantError(t, e, e.invoke("f-6", "card-1", annexe.VerbFormNext, "1:uses", map[string]any{string(requests.TagUses): "summary"}),
		http.StatusBadRequest, i18n.T(i18n.FR, "annexe.form.stale", map[string]any{"ID": r.ID, "Status": annexe.StatusLabel(i18n.FR, requests.Cancelled)}))
}
