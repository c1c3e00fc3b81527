package app

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/cssdgs/iagbot/cards/cardstest"
	"github.com/cssdgs/iagbot/storage/storagetest"
	"github.com/slack-go/slack"
)

const homeGoldenDir = "../../../cards/testdata/home"

// homeApp is the app on the fake Slack API with Carl on CODIR-IN and Ana an
// administrator, on 2027-03-01 (two of the sample inventory's EFVP revisions overdue),
// and Marie's twelve requests: ten waiting for CODIR-IN, one submitted, one draft.
func homeApp(t *testing.T) (*App, *slackAPI) {
	api := newSlackAPI(t)
	env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db"), "SLACK_BOT_TOKEN": "xoxb-1",
		"SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": api.URL}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	roles := config.DemoRoles()
	roles[config.RoleCODIRIN] = []string{"carl.codir@cssdgs.gouv.qc.ca"}
	roles[config.RoleAdmin] = []string{"ana.admin@cssdgs.gouv.qc.ca"}
	a, err := New(context.Background(), cfg, Options{Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	now := time.Date(2027, 3, 1, 14, 0, 0, 0, time.UTC)
	a.DB.Now = func() time.Time { return now }
	a.Engine.SetClock(func() time.Time { return now })
	ctx := context.Background()
	const marie = "marie@cssdgs.gouv.qc.ca"
	for i := range 12 {
		r := storagetest.Draft(t, a.DB, marie, "fr", map[requests.Tag]string{
			requests.TagSystemName: fmt.Sprintf("Outil %02d", i+1), requests.TagSystemVendor: "Éditeur", requests.TagSystemKind: "public",
			requests.TagUses: "summary", requests.TagPersonalData: "no", requests.TagAutomatedDecision: "no",
			requests.TagSupervisor: "direction@example.org", requests.TagEFVPDate: "2027-05-15", requests.TagEFVPStatus: "done",
			requests.TagTrainingCalendar: "2027-06-10", requests.TagDeploymentDate: "2027-06-20"})
		if i == 11 {
			break // the last one stays a draft
		}
		if _, err := a.DB.SubmitRequest(ctx, r.ID, marie, "Marie Tremblay"); err != nil {
			t.Fatal(err)
		}
	}
	// Carl's « demandes à examiner » starts the submitted requests' review.
	if _, err := a.Engine.Handle(ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "carl", Name: "Carl Codir",
		Email: "carl.codir@cssdgs.gouv.qc.ca"}, Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "carl"},
		Text: "demandes à examiner"}); err != nil {
		t.Fatal(err)
	}
	return a, api
}

// openHome opens user's Home tab and returns the view published.
func openHome(t *testing.T, a *App, api *slackAPI, user string) []byte {
	t.Helper()
	before := len(api.Calls("views.publish"))
	postSlackEvent(t, a.Handler(), `{"type":"event_callback","event_id":"EvH`+user+`","team_id":"T1","api_app_id":"A1","event":{"type":"app_home_opened","tab":"home","user":"`+user+`"}}`)
	a.StopSlack(context.Background())
	views := api.Calls("views.publish")
	if len(views) != before+1 {
		t.Fatalf("views.publish called %d times for %s, want once", len(views)-before, user)
	}
	var req struct {
		UserID string          `json:"user_id"`
		View   json.RawMessage `json:"view"`
	}
	if err := json.Unmarshal([]byte(strings.TrimPrefix(views[len(views)-1], "views.publish ")), &req); err != nil || req.UserID != user {
		t.Fatalf("views.publish for %q, %v; want %s", req.UserID, err, user)
	}
	var view struct {
		Type   string       `json:"type"`
		Blocks slack.Blocks `json:"blocks"`
	}
	if err := json.Unmarshal(req.View, &view); err != nil || view.Type != "home" {
		t.Fatalf("view %s: %v", req.View, err)
	}
	if err := blockkit.CheckHome(view.Blocks.BlockSet); err != nil {
		t.Errorf("Home of %s breaks Slack's limits: %v", user, err)
	}
	var indented bytes.Buffer
	json.Indent(&indented, req.View, "", "  ")
	indented.WriteByte('\n')
	return indented.Bytes()
}

// TestSlackHomeAudiences: the Home tab of a requester, a reviewer and an
// administrator, each in their language, against goldens.
func TestSlackHomeAudiences(t *testing.T) {
	a, api := homeApp(t)
	for _, tc := range []struct {
		user, name string
		want, not  []string
	}{
		{"U1", "requester", []string{"Poser une question", "Nouvelle demande", "Mes demandes", "N° 12 — Outil 12",
			"Brouillon — prochaine étape : terminer et soumettre", "Soumise — prochaine étape : mise en analyse",
			"prochaine étape : décision du CODIR-IN", "… et 2 autres."}, []string{"Demandes à examiner", "Inventaire"}},
		{"U2", "reviewer", []string{"Demandes à examiner (10)", `"value": "review.approve|1:1:codir_review"`,
			`"value": "review.reject|10:1:codir_review"`, "Vous n'avez aucune demande"}, []string{"Inventaire", "Outil 11"}},
		{"U3", "admin", []string{"Ask a question", "Inventory of systems", "⚠ EFVP revision overdue since 2027-02-10", "EFVP revision due 2027-05-01"},
			[]string{"Requests to review"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := openHome(t, a, api, tc.user)
			for _, w := range tc.want {
				if !bytes.Contains(got, []byte(w)) {
					t.Errorf("Home lacks %q", w)
				}
			}
			for _, w := range tc.not {
				if bytes.Contains(got, []byte(w)) {
					t.Errorf("Home has %q", w)
				}
			}
			cardstest.Golden(t, homeGoldenDir, tc.name+".json", got)
		})
	}
}

// TestSlackHomeButtons: a Home button goes through the same checks as on the review
// card. Marie's « Approuver » is refused (not CODIR-IN); Carl's « Refuser », which needs
// a comment the Home cannot take, answers in his direct conversation with the card to
// write it in, deciding nothing.
func TestSlackHomeButtons(t *testing.T) {
	a, api := homeApp(t)
	press := func(user, value string) {
		verb, _, _ := strings.Cut(value, "|")
		payload, _ := json.Marshal(map[string]any{"type": "block_actions", "trigger_id": "tr-" + user, "api_app_id": "A1",
			"team": map[string]any{"id": "T1"}, "user": map[string]any{"id": user, "team_id": "T1"},
			"container": map[string]any{"type": "view", "view_id": "V1"}, "view": map[string]any{"id": "V1", "type": "home"},
			"actions": []map[string]any{{"action_id": verb + "#0.3", "type": "button", "value": value}}})
		postSlackInteraction(t, a.Handler(), "payload="+url.QueryEscape(string(payload)))
		a.StopSlack(context.Background())
	}
	press("U1", "review.approve|1:1:codir_review")
	press("U2", "review.reject|1:1:codir_review")
	posts := strings.Join(api.Calls("chat.postMessage"), "\n")
	for _, want := range []string{"CODIR-IN", "commentaire", "Demander des modifications"} {
		if !strings.Contains(posts, url.QueryEscape(want)) && !strings.Contains(posts, want) {
			t.Errorf("replies lack %q:\n%s", want, posts)
		}
	}
	r, err := a.DB.Request(context.Background(), 1)
	if err != nil || r.Status != requests.CODIRReview {
		t.Errorf("request 1 is %s (%v), want still waiting for CODIR-IN", r.Status, err)
	}
}

func postSlackInteraction(t *testing.T, h http.Handler, body string) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte("secret"))
	mac.Write([]byte("v0:" + ts + ":" + body))
	req := httptest.NewRequest(http.MethodPost, "/slack/interactivity", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("interactivity: HTTP %d %s", rec.Code, rec.Body)
	}
}
