package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// invoke is the adaptiveCard/action invoke Teams sends when Action.Execute is pressed on
// the card posted as message cardID: the verb, and the data merged with the inputs.
func (e *env) invoke(id, cardID, verb, subject string, inputs map[string]any) map[string]any {
	a := e.message(id, "")
	delete(a, "text")
	a["type"], a["name"], a["replyToId"] = "invoke", "adaptiveCard/action", cardID
	data := map[string]any{"verb": verb, "subject": subject}
	for k, v := range inputs {
		data[k] = v
	}
	a["value"] = map[string]any{"action": map[string]any{"type": "Action.Execute", "verb": verb, "data": data},
		"trigger": "manual"}
	return a
}

// postInvoke sends an invoke and returns the HTTP status and the decoded invoke response.
func (e *env) postInvoke(t *testing.T, a map[string]any) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(a)
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/messages", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", e.auth(t))
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("invoke response %q is not JSON: %v", body, err)
	}
	return resp.StatusCode, out
}

// reviewEngine stands for the engine's review feature: one CODIR-IN stage of request
// 42 that userAAD may decide once, on the card posted as "card-42"; it answers as the
// feature does (a private text, the decided card in place, refusals marked).
type reviewEngine struct {
	mu      sync.Mutex
	decided string
}

func (r *reviewEngine) reply(t bot.Turn) ([]bot.Reply, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a := t.Action
	refuse := func(s string) ([]bot.Reply, error) {
		return []bot.Reply{{Text: s, Private: true, Refused: true}}, nil
	}
	switch {
	case a == nil:
		return []bot.Reply{bot.Text("texte")}, nil
	case a.Subject != "42:1:codir_review" || a.MessageID != "card-42":
		return refuse("Ce bouton n'est plus valide.")
	case t.User.ID != userAAD:
		return refuse("**Refusé** : seuls les membres du CODIR-IN le peuvent.")
	case r.decided != "":
		return refuse("Cette étape a déjà été décidée (" + r.decided + ").")
	}
	r.decided = a.Verb
	return []bot.Reply{
		{Text: "C'est noté : la demande n° 42 est **" + a.Verb + "**.\n\nLe demandeur est avisé.", Private: true},
		{Card: &cards.Card{Title: "Demande n° 42", Subtitle: a.Verb + " par " + t.User.Name}, Replace: true},
	}, nil
}

// TestInvokePerVerb: each review verb pressed as a Universal Action gets the documented
// invoke response: the decided card in place, or an error with the refusal for a stale
// card, a person outside the role and a second press; HTTP 200 every time.
func TestInvokePerVerb(t *testing.T) {
	for _, verb := range []string{"review.approve", "review.reject", "review.changes"} {
		t.Run(verb, func(t *testing.T) {
			e := newEnv(t)
			eng := &reviewEngine{}
			e.handler.reply = eng.reply
			comment := map[string]any{"comment": "Motif"}

			// Stale: a card of another round, then the right subject on another message.
			for i, a := range []map[string]any{
				e.invoke("stale-1", "card-42", verb, "42:0:codir_review", comment),
				e.invoke("stale-2", "card-7", verb, "42:1:codir_review", comment),
			} {
				wantError(t, e, a, http.StatusBadRequest, "Ce bouton n'est plus valide.")
				if i == 1 && len(e.conn.activities()) != 0 {
					t.Errorf("a refusal was also posted: %v", e.conn.activities())
				}
			}
			// Wrong role: another person; the Markdown is gone from the message.
			other := e.invoke("role-1", "card-42", verb, "42:1:codir_review", comment)
			other["from"] = map[string]any{"id": "29:user-2", "name": "Paul", "aadObjectId": "aad-user-2"}
			wantError(t, e, other, http.StatusBadRequest, "Refusé : seuls les membres du CODIR-IN le peuvent.")

			// Valid: the decided card comes back and is written over the message.
			status, res := e.postInvoke(t, e.invoke("ok-1", "card-42", verb, "42:1:codir_review", comment))
			if status != http.StatusOK || res["statusCode"] != float64(200) || res["type"] != "application/vnd.microsoft.card.adaptive" {
				t.Fatalf("valid press: HTTP %d, %v", status, res)
			}
			card, _ := res["value"].(map[string]any)
			if card["type"] != "AdaptiveCard" || card["version"] != "1.5" || !strings.Contains(string(mustJSON(t, card)), verb+" par Marie Tremblay") {
				t.Errorf("response card = %v", card)
			}
			got := e.handler.got()
			last := got[len(got)-1]
			if a := last.Action; a == nil || a.Verb != verb || a.Subject != "42:1:codir_review" || a.MessageID != "card-42" ||
				a.Values["comment"] != "Motif" || len(a.Values) != 1 {
				t.Errorf("engine got action %+v", last.Action)
			}
			if n := len(e.conn.requests("/activities/card-42")); n != 1 {
				t.Errorf("card updates = %d, want 1 (every viewer sees the decision)", n)
			}
			if n := len(e.conn.activities()); n != 2 {
				t.Errorf("activities = %d, want the private text and the card update", n)
			}

			// Double submission: a second press (a new activity) is refused.
			wantError(t, e, e.invoke("ok-2", "card-42", verb, "42:1:codir_review", comment),
				http.StatusBadRequest, "Cette étape a déjà été décidée ("+verb+").")
			// A redelivery of the first press is not processed again.
			status, res = e.postInvoke(t, e.invoke("ok-1", "card-42", verb, "42:1:codir_review", comment))
			if status != http.StatusOK || res["type"] != "application/vnd.microsoft.activity.message" ||
				res["value"] != i18n.T(i18n.FR, "teams.invoke.working") {
				t.Errorf("redelivery: HTTP %d, %v", status, res)
			}
			if n := len(e.handler.got()); n != 5 {
				t.Errorf("engine called %d times, want 5", n)
			}
		})
	}
}

func wantError(t *testing.T, e *env, a map[string]any, code int, message string) {
	t.Helper()
	status, res := e.postInvoke(t, a)
	v, _ := res["value"].(map[string]any)
	if status != http.StatusOK || res["statusCode"] != float64(code) || res["type"] != "application/vnd.microsoft.error" ||
		v["message"] != message || v["code"] != "BadRequest" {
		t.Errorf("HTTP %d, response %v; want statusCode %d, an error with %q", status, res, code, message)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestInvokeMessageResponse: a press answered without a card to replace gets a message
// response with the first paragraph of the first text, plain; every reply is posted.
func TestInvokeMessageResponse(t *testing.T) {
	e := newEnv(t)
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "**Pourquoi** : la règle 6.2.\n\n- Section 6.2"}, {Card: &cards.Card{Title: "Détail"}}}, nil
	}
	status, res := e.postInvoke(t, e.invoke("m-1", "card-1", "qa.why", "", nil))
	if status != http.StatusOK || res["statusCode"] != float64(200) || res["type"] != "application/vnd.microsoft.activity.message" ||
		res["value"] != "Pourquoi : la règle 6.2." {
		t.Errorf("HTTP %d, %v", status, res)
	}
	if n := len(e.conn.activities()); n != 2 {
		t.Errorf("activities posted = %d, want 2", n)
	}
	// Only cards: the response says it is done.
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) { return []bot.Reply{{Card: &cards.Card{Title: "Détail"}}}, nil }
	if _, res := e.postInvoke(t, e.invoke("m-2", "card-1", "qa.why", "", nil)); res["value"] != i18n.T(i18n.FR, "teams.invoke.done") {
		t.Errorf("cards only: %v", res)
	}
}

// TestInvokeEngineError: the engine failing gets an error response with the apology.
func TestInvokeEngineError(t *testing.T) {
	e := newEnv(t)
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) { return nil, errors.New("database down") }
	status, res := e.postInvoke(t, e.invoke("x-1", "card-1", "review.approve", "1:1:codir_review", nil))
	v, _ := res["value"].(map[string]any)
	if status != http.StatusOK || res["statusCode"] != float64(500) || res["type"] != "application/vnd.microsoft.error" ||
		v["message"] != i18n.T(i18n.FR, "core.error") {
		t.Errorf("HTTP %d, %v", status, res)
	}
	// An invoke without a verb is no button of this bot's.
	a := e.invoke("x-2", "card-1", "", "", nil)
	if _, res := e.postInvoke(t, a); res["statusCode"] != float64(400) || res["type"] != "application/vnd.microsoft.error" {
		t.Errorf("no verb: %v", res)
	}
}

// TestInvokeOutlastingItsBudget: a turn longer than InvokeBudget gets a « being
// processed » answer at once and its replies, refusal included, are posted when done.
func TestInvokeOutlastingItsBudget(t *testing.T) {
	release := make(chan struct{})
	e := newEnv(t, func(c *Config) { c.InvokeBudget = time.Millisecond })
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) {
		<-release
		return []bot.Reply{{Text: "Refusé.", Private: true, Refused: true}}, nil
	}
	status, res := e.postInvoke(t, e.invoke("slow-1", "card-1", "review.approve", "1:1:codir_review", nil))
	close(release)
	if status != http.StatusOK || res["type"] != "application/vnd.microsoft.activity.message" ||
		res["value"] != i18n.T(i18n.FR, "teams.invoke.working") {
		t.Errorf("HTTP %d, %v", status, res)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	for len(e.conn.activities()) == 0 {
		select {
		case <-ctx.Done():
			t.Fatal("the refusal was never posted")
		case <-time.After(5 * time.Millisecond):
		}
	}
	if text, _ := e.conn.activities()[0].Body["text"].(string); text != "Refusé." {
		t.Errorf("posted %q", text)
	}
}

// TestInvokeRefresh: Teams fetching a person's view (trigger "automatic") gets the
// engine's card as the response, and nothing is posted or updated, whatever the
// engine says besides; without a card it gets an error and keeps the posted card.
func TestInvokeRefresh(t *testing.T) {
	e := newEnv(t)
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "note"}, {Card: &cards.Card{Title: "Votre vue", Subtitle: "Marie"}}}, nil
	}
	a := e.invoke("r-1", "card-42", "review.view", "42:1:codir_review", nil)
	a["value"].(map[string]any)["trigger"] = "automatic"
	status, res := e.postInvoke(t, a)
	card, _ := res["value"].(map[string]any)
	if status != http.StatusOK || res["statusCode"] != float64(200) || res["type"] != "application/vnd.microsoft.card.adaptive" ||
		!strings.Contains(string(mustJSON(t, card)), "Votre vue") {
		t.Errorf("HTTP %d, %v", status, res)
	}
	if got := e.handler.got(); len(got) != 1 || got[0].Action == nil || got[0].Action.Verb != "review.view" {
		t.Errorf("turns = %+v", got)
	}
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) { return []bot.Reply{{Text: "rien", Refused: true}}, nil }
	a = e.invoke("r-2", "card-42", "review.view", "42:1:codir_review", nil)
	a["value"].(map[string]any)["trigger"] = "automatic"
	if _, res := e.postInvoke(t, a); res["type"] != "application/vnd.microsoft.error" {
		t.Errorf("refused view: %v", res)
	}
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) { return []bot.Reply{{Text: "texte"}}, nil }
	a = e.invoke("r-3", "card-42", "review.view", "42:1:codir_review", nil)
	a["value"].(map[string]any)["trigger"] = "automatic"
	if _, res := e.postInvoke(t, a); res["type"] != "application/vnd.microsoft.error" {
		t.Errorf("no card: %v", res)
	}
	if n := len(e.conn.activities()); n != 0 {
		t.Errorf("a refresh posted or updated %d activities", n)
	}
}
