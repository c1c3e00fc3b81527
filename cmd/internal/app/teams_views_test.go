package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// viewsConnector is the Bot Connector of the per-person views test: it records the
// activities posted and updated, numbers them, and answers the members API with the
// Teams id "29:<id>" of whoever it is asked for.
type viewsConnector struct {
	srv  *httptest.Server
	mu   sync.Mutex
	sent []viewsCall
	seq  int
}

type viewsCall struct {
	Method, Path string
	Body         map[string]any
	// ID is the id the connector gave the activity.
	ID string
}

func newViewsConnector(t *testing.T) *viewsConnector {
	vc := &viewsConnector{}
	vc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if i := strings.Index(r.URL.Path, "/members/"); i >= 0 {
			id := strings.TrimPrefix(r.URL.Path[i+len("/members/"):], "29:")
			json.NewEncoder(w).Encode(map[string]any{"id": "29:" + id, "aadObjectId": id, "name": id})
			return
		}
		var body map[string]any
		raw, _ := io.ReadAll(r.Body)
		json.Unmarshal(raw, &body)
		vc.mu.Lock()
		vc.seq++
		n := vc.seq
		vc.sent = append(vc.sent, viewsCall{r.Method, r.URL.Path, body, fmt.Sprintf("msg-%d", n)})
		vc.mu.Unlock()
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/v3/conversations") {
			json.NewEncoder(w).Encode(map[string]any{"id": "a:dm-" + fmt.Sprint(n)})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"id": fmt.Sprintf("msg-%d", n)})
	}))
	t.Cleanup(vc.srv.Close)
	return vc
}

// cardsIn returns the calls to conversation conv that carry a card, with its content.
func (vc *viewsConnector) cardsIn(conv string) (calls []viewsCall, contents []map[string]any) {
	vc.mu.Lock()
	defer vc.mu.Unlock()
	for _, c := range vc.sent {
		if !strings.Contains(c.Path, "/conversations/"+conv+"/") {
			continue
		}
		atts, _ := c.Body["attachments"].([]any)
		for _, a := range atts {
			if content, ok := a.(map[string]any)["content"].(map[string]any); ok {
				calls = append(calls, c)
				contents = append(contents, content)
			}
		}
	}
	return calls, contents
}

const viewsChannel = "19:codir@thread.tacv2"

// viewsApp is the app in Teams emulator mode with codir-in members codir (and more),
// administrator admin, and the Teams channel behind vc.
type viewsApp struct {
	t  *testing.T
	a  *App
	h  http.Handler
	vc *viewsConnector
	n  int
	// posted is the review card as posted to the channel.
	posted map[string]any
}

func newViewsApp(t *testing.T, codirMembers ...string) *viewsApp {
	env := map[string]string{"IAGBOT_ADDR": "127.0.0.1:3978", "IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	roles := config.DemoRoles()
	roles[config.RoleCODIRIN] = append([]string{"teams:aad-codir"}, codirMembers...)
	roles[config.RoleAdmin] = []string{"teams:aad-admin"}
	var logs bytes.Buffer
	a, err := New(context.Background(), cfg, Options{Roles: roles, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return &viewsApp{t: t, a: a, h: a.Handler(), vc: newViewsConnector(t)}
}

// post sends an activity from who (an AAD object id) and returns the HTTP answer's body.
func (va *viewsApp) post(who, conv string, fields map[string]any) map[string]any {
	va.t.Helper()
	va.n++
	act := map[string]any{"id": fmt.Sprintf("in-%d", va.n), "channelId": "msteams", "serviceUrl": va.vc.srv.URL,
		"from": map[string]any{"id": "29:" + who, "aadObjectId": who, "name": who}, "recipient": map[string]any{"id": "28:bot"},
		"conversation": map[string]any{"id": conv}, "locale": "fr-CA"}
	if strings.HasPrefix(conv, "19:") {
		act["conversation"] = map[string]any{"id": conv, "conversationType": "channel", "isGroup": true}
	}
	for k, v := range fields {
		act[k] = v
	}
	body, _ := json.Marshal(act)
	rec := httptest.NewRecorder()
	va.h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/messages", bytes.NewReader(body)))
	if rec.Code != http.StatusOK {
		va.t.Fatalf("activity from %s: HTTP %d %s", who, rec.Code, rec.Body)
	}
	var out map[string]any
	json.Unmarshal(rec.Body.Bytes(), &out)
	return out
}

func (va *viewsApp) say(who, conv, text string) {
	va.post(who, conv, map[string]any{"type": "message", "text": text})
}

// press sends an adaptiveCard/action invoke on message msg of the channel; trigger
// "automatic" is Teams fetching who's view. It returns the invoke response.
func (va *viewsApp) press(who, msg, verb, subject, trigger string, inputs map[string]any) map[string]any {
	data := map[string]any{"verb": verb, "subject": subject}
	for k, v := range inputs {
		data[k] = v
	}
	return va.post(who, viewsChannel, map[string]any{"type": "invoke", "name": "adaptiveCard/action", "replyToId": msg,
		"value": map[string]any{"action": map[string]any{"type": "Action.Execute", "verb": verb, "data": data}, "trigger": trigger}})
}

// submitted registers the channel, meets everyone on Teams and has request n° 1 of
// aad-alice posted to CODIR-IN's channel; it returns the message id of the card.
func (va *viewsApp) submitted() string {
	t := va.t
	for _, who := range []string{"aad-admin", "aad-codir", "aad-alice", "aad-bob"} {
		va.say(who, "a:dm-"+who, "bonjour")
	}
	va.say("aad-admin", viewsChannel, "enregistrer ce canal pour CODIR-IN")
	req := storagetest.Draft(t, va.a.DB, "teams:aad-alice", "fr", map[requests.Tag]string{
		requests.TagSystemName: "MagicSchool", requests.TagSystemVendor: "MagicSchool", requests.TagSystemKind: "public",
		requests.TagUses: "summary", requests.TagPersonalData: "no", requests.TagAutomatedDecision: "no",
		requests.TagSupervisor: "direction@example.org", requests.TagEFVPDate: "2026-11-15", requests.TagEFVPStatus: "done",
		requests.TagTrainingCalendar: "2026-11-20", requests.TagDeploymentDate: "2026-11-25"})
	if _, err := va.a.DB.SubmitRequest(context.Background(), req.ID, "teams:aad-alice", "Alice"); err != nil {
		t.Fatal(err)
	}
	va.say("aad-codir", "a:dm-aad-codir", "demandes à examiner")
	calls, contents := va.vc.cardsIn(viewsChannel)
	if len(calls) != 1 || calls[0].Method != http.MethodPost {
		t.Fatalf("cards in the channel = %d (%v), want the review card posted", len(calls), calls)
	}
	va.posted = contents[0]
	return calls[0].ID
}

// TestTeamsPerPersonViews: the review card posted to CODIR-IN's channel asks Teams to
// refresh it for the stage's reviewers and the requester, by their Teams ids; each
// refresh gets the viewer's version (buttons for the reviewer, status and history for
// the requester, a summary for anyone else); a decision rewrites the message, and
// every later view is the decision.
func TestTeamsPerPersonViews(t *testing.T) {
	va := newViewsApp(t, "codir2@cssdgs.example")
	msg := va.submitted()
	rf, _ := va.posted["refresh"].(map[string]any)
	action, _ := rf["action"].(map[string]any)
	ids := fmt.Sprint(rf["userIds"])
	if action["verb"] != "review.view" || ids != "[29:aad-alice 29:aad-codir 29:codir2@cssdgs.example]" {
		t.Fatalf("refresh of the posted card = %v; want review.view for the requester and both CODIR-IN members by Teams id", rf)
	}
	subject := fmt.Sprint(action["data"].(map[string]any)["subject"])
	if !hasVerb(va.posted, "review.approve") {
		t.Errorf("the card as posted has no Approuver: a channel Teams does not refresh for shows the buttons")
	}

	pending := true
	view := func(who string) map[string]any {
		t.Helper()
		res := va.press(who, msg, "review.view", subject, "automatic", nil)
		if res["type"] != "application/vnd.microsoft.card.adaptive" {
			t.Fatalf("view of %s = %v, want a card", who, res)
		}
		card, _ := res["value"].(map[string]any)
		if (card["refresh"] != nil) != pending {
			t.Errorf("view of %s: refresh %v; want one while the stage waits (the next look is fetched again), none after", who, card["refresh"])
		}
		return card
	}
	reviewer, requester, other := view("aad-codir"), view("aad-alice"), view("aad-bob")
	if !hasVerb(reviewer, "review.approve") || !hasVerb(reviewer, "review.reject") {
		t.Errorf("the reviewer's view lacks the buttons: %s", cardText(reviewer))
	}
	if hasVerb(requester, "review.approve") || !strings.Contains(cardText(requester), "Votre demande — étape : décision du CODIR-IN") {
		t.Errorf("the requester's view = %s; want the status and no button", cardText(requester))
	}
	if hasVerb(other, "review.approve") || !strings.Contains(cardText(other), "Résumé en lecture seule") {
		t.Errorf("another person's view = %s; want the read-only summary", cardText(other))
	}
	// A view is only answered: nothing posted or rewritten.
	if calls, _ := va.vc.cardsIn(viewsChannel); len(calls) != 1 {
		t.Errorf("%d card activities in the channel after the views, want the one posted", len(calls))
	}
	// A view of a message that is not this request's card shows nothing.
	if res := va.press("aad-bob", "msg-999", "review.view", subject, "automatic", nil); res["type"] == "application/vnd.microsoft.card.adaptive" {
		t.Errorf("view on another message = %v, want an error", res)
	}

	res := va.press("aad-codir", msg, "review.reject", subject, "manual", map[string]any{"comment": "Un système privé le fait déjà."})
	if !strings.Contains(fmt.Sprint(res["value"]), "est refusée") {
		t.Fatalf("reject = %v, want it done", res)
	}
	calls, contents := va.vc.cardsIn(viewsChannel)
	// The decision record is posted after the rewrite (review.sendRecord): the last
	// rewrite is the one to check.
	last := len(calls) - 1
	for last > 0 && calls[last].Method != http.MethodPut {
		last--
	}
	if calls[last].Method != http.MethodPut || !strings.HasSuffix(calls[last].Path, "/activities/"+msg) ||
		contents[last]["refresh"] != nil || hasVerb(contents[last], "review.approve") {
		t.Fatalf("after the decision the channel got %s %s %s; want the message rewritten with the decision, no refresh, no button",
			calls[last].Method, calls[last].Path, cardText(contents[last]))
	}
	if !strings.Contains(cardText(contents[last]), "Refusée par aad-codir") {
		t.Errorf("rewritten card = %s, want the decision", cardText(contents[last]))
	}
	// A refresh asked before the rewrite reached Teams: the decision, for everyone.
	pending = false
	for _, who := range []string{"aad-codir", "aad-alice", "aad-bob"} {
		if v := view(who); hasVerb(v, "review.approve") || !strings.Contains(cardText(v), "Refusée par aad-codir") {
			t.Errorf("view of %s after the decision = %s", who, cardText(v))
		}
	}
}

// TestTeamsViewsPastSixtyReviewers: with more than 60 people to refresh for, the card
// names none (Teams refreshes for everyone in a channel of at most 60 people and shows
// the card with its buttons elsewhere).
func TestTeamsViewsPastSixtyReviewers(t *testing.T) {
	var many []string
	for i := range 60 {
		many = append(many, fmt.Sprintf("teams:aad-member-%02d", i))
	}
	va := newViewsApp(t, many...)
	va.submitted()
	rf, _ := va.posted["refresh"].(map[string]any)
	if _, ok := rf["userIds"]; ok || rf["action"] == nil {
		t.Errorf("refresh for 62 people = %v; want the refresh without userIds", rf)
	}
	if !hasVerb(va.posted, "review.approve") {
		t.Error("the card as posted lacks the buttons")
	}
}

// hasVerb reports an Action.Execute of verb anywhere in card (action sets, a show card).
func hasVerb(card map[string]any, verb string) bool {
	b, _ := json.Marshal(card)
	return strings.Contains(string(b), `"type":"Action.Execute","verb":"`+verb+`"`)
}

// cardText is every text of a card, for messages and Contains checks.
func cardText(card map[string]any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range []string{"text", "title", "value"} {
				if s, ok := v[k].(string); ok {
					b.WriteString(s + " | ")
				}
			}
			for k, c := range v {
				if k != "actions" {
					walk(c)
				}
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(card["body"])
	return b.String()
}
