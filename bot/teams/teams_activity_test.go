package teams

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// emptyFields lists the JSON paths holding a value the Bot Framework protocol schema
// rejects: null, "", {}, [] or a zero timestamp.
func emptyFields(v any, path string) []string {
	switch x := v.(type) {
	case nil:
		return []string{path}
	case string:
		if x == "" || strings.HasPrefix(x, "0001-01-01") {
			return []string{path}
		}
	case map[string]any:
		if len(x) == 0 {
			return []string{path}
		}
		var out []string
		for k, el := range x {
			out = append(out, emptyFields(el, path+"/"+k)...)
		}
		return out
	case []any:
		if len(x) == 0 {
			return []string{path}
		}
		var out []string
		for i, el := range x {
			out = append(out, emptyFields(el, path+"/"+itoa(i))...)
		}
		return out
	}
	return nil
}

func TestMessageTurnAndReply(t *testing.T) {
	e := newEnv(t)
	if got := e.post(t, e.message("m1", "Puis-je utiliser ChatGPT ?"), e.auth(t)); got != http.StatusOK {
		t.Fatalf("status %d", got)
	}
	turns := e.handler.got()
	if len(turns) != 1 {
		t.Fatalf("%d turns, want 1", len(turns))
	}
	got := turns[0]
	got.RequestID = ""
	// The activity's key, recorded by the engine (TestRedeliveryHandledOnce): the
	// conversation's and the activity's ids hashed, none of them readable.
	if !strings.HasPrefix(got.EventKey, "teams:activity:") || strings.Contains(got.EventKey, "m1") {
		t.Errorf("event key %q", got.EventKey)
	}
	got.EventKey = ""
	want := bot.Turn{Channel: bot.Teams, Locale: "fr-CA", Text: "Puis-je utiliser ChatGPT ?",
		User: bot.User{ID: userAAD, Name: "Marie Tremblay", Email: userEmail},
		Conversation: bot.ConversationRef{Channel: bot.Teams, ID: personalID, UserID: userAAD,
			ServiceURL: e.serviceURL, TenantID: testTenant, BotID: botAccount}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("turn\n got %+v\nwant %+v", got, want)
	}
	if turns[0].RequestID == "" {
		t.Error("turn without a request id")
	}
	replies := e.conn.activities()
	if len(replies) != 1 {
		t.Fatalf("%d replies, want 1", len(replies))
	}
	r := replies[0]
	if wantPath := "/amer/v3/conversations/" + personalID + "/activities/m1"; r.Method != "POST" || r.Path != wantPath {
		t.Errorf("reply = %s %s, want POST %s", r.Method, r.Path, wantPath)
	}
	if r.Auth != "Bearer test-token" {
		t.Errorf("reply Authorization = %q", r.Auth)
	}
	if conv := r.Body["conversation"].(map[string]any)["id"]; conv != personalID {
		t.Errorf("reply conversation = %v", conv)
	}
	if r.Body["text"] != "réponse" || r.Body["replyToId"] != "m1" || r.Body["from"].(map[string]any)["id"] != botAccount {
		t.Errorf("reply body = %v", r.Body)
	}
	if empty := emptyFields(r.Body, ""); len(empty) > 0 {
		t.Errorf("reply has empty fields %v: %v", empty, r.Body)
	}
}

func TestCardReply(t *testing.T) {
	e := newEnv(t)
	card := &cards.Card{Title: "Oui", Buttons: []cards.Button{{Label: "Détails", Verb: "policy.details", Subject: "chatgpt"}}}
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) { return []bot.Reply{{Text: "Voici :", Card: card}}, nil }
	e.post(t, e.message("m1", "outils"), e.auth(t))
	replies := e.conn.activities()
	if len(replies) != 1 {
		t.Fatalf("%d replies, want 1", len(replies))
	}
	atts, _ := replies[0].Body["attachments"].([]any)
	if len(atts) != 1 {
		t.Fatalf("attachments = %v", replies[0].Body["attachments"])
	}
	att := atts[0].(map[string]any)
	content, _ := att["content"].(map[string]any)
	if att["contentType"] != "application/vnd.microsoft.card.adaptive" || content["type"] != "AdaptiveCard" || content["version"] != "1.5" {
		t.Errorf("attachment = %v", att)
	}
	if empty := emptyFields(replies[0].Body, ""); len(empty) > 0 {
		t.Errorf("reply has empty fields %v", empty)
	}
	if s := replies[0].Body["summary"]; s != "Voici :" {
		t.Errorf("summary = %v, want the text's first line", s)
	}
}

func TestActionSubmit(t *testing.T) {
	e := newEnv(t)
	a := e.message("m2", "")
	delete(a, "text")
	a["replyToId"] = "card-7"
	a["value"] = map[string]any{"verb": "review.reject", "subject": "42", "comment": "Pas d'EFVP", "count": 3, "msteams": map[string]any{}}
	e.post(t, a, e.auth(t))
	turns := e.handler.got()
	if len(turns) != 1 {
		t.Fatalf("%d turns", len(turns))
	}
	want := &bot.Action{Verb: "review.reject", Subject: "42", Values: map[string]string{"comment": "Pas d'EFVP"}, MessageID: "card-7"}
	if !reflect.DeepEqual(turns[0].Action, want) || turns[0].Text != "" {
		t.Errorf("action = %+v, text %q; want %+v", turns[0].Action, turns[0].Text, want)
	}
}

func TestReplaceUpdatesTheCard(t *testing.T) {
	e := newEnv(t)
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) {
		return []bot.Reply{{Card: &cards.Card{Title: "Refusée"}, Replace: true}, bot.Text("Décision enregistrée.")}, nil
	}
	a := e.message("m3", "")
	a["replyToId"] = "card-7"
	a["value"] = map[string]any{"verb": "review.reject", "subject": "42"}
	e.post(t, a, e.auth(t))
	got := e.conn.activities()
	if len(got) != 2 {
		t.Fatalf("%d calls, want an update and a post", len(got))
	}
	if got[0].Method != "PUT" || got[0].Path != "/amer/v3/conversations/"+personalID+"/activities/card-7" || got[0].Body["id"] != "card-7" {
		t.Errorf("update = %s %s %v", got[0].Method, got[0].Path, got[0].Body["id"])
	}
	if got[1].Method != "POST" || got[1].Body["text"] != "Décision enregistrée." {
		t.Errorf("post = %s %v", got[1].Method, got[1].Body["text"])
	}
}

func TestReplaceFallsBackToPost(t *testing.T) {
	e := newEnv(t)
	e.conn.fail = func(method, _ string) (int, map[string]string) {
		if method == "PUT" {
			return http.StatusNotFound, nil
		}
		return 0, nil
	}
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) {
		return []bot.Reply{{Card: &cards.Card{Title: "x"}, Replace: true}}, nil
	}
	a := e.message("m4", "")
	a["replyToId"] = "gone"
	a["value"] = map[string]any{"verb": "v"}
	e.post(t, a, e.auth(t))
	if got := e.conn.activities(); len(got) != 2 || got[1].Method != "POST" {
		t.Errorf("calls = %+v, want the failed PUT then a POST", got)
	}
}

func TestMentionStrippedInChannel(t *testing.T) {
	e := newEnv(t)
	a := inChannel(e.message("m5", "<at>Assistant IAG</at>&nbsp;aide <at>Luc</at>"))
	a["entities"] = []any{
		map[string]any{"type": "mention", "text": "<at>Assistant IAG</at>", "mentioned": map[string]any{"id": botAccount, "name": "Assistant IAG"}},
		map[string]any{"type": "mention", "text": "<at>Luc</at>", "mentioned": map[string]any{"id": "29:luc"}},
	}
	e.post(t, a, e.auth(t))
	turns := e.handler.got()
	if len(turns) != 1 {
		t.Fatalf("%d turns", len(turns))
	}
	if turns[0].Text != "aide Luc" {
		t.Errorf("text = %q, want %q", turns[0].Text, "aide Luc")
	}
	wantConv := bot.ConversationRef{Channel: bot.Teams, ID: channelID, ThreadID: "1700", Group: true,
		ServiceURL: e.serviceURL, TenantID: testTenant, BotID: botAccount}
	if turns[0].Conversation != wantConv {
		t.Errorf("conversation = %+v, want %+v", turns[0].Conversation, wantConv)
	}
	if r := e.conn.activities(); len(r) != 1 || r[0].Path != "/amer/v3/conversations/"+channelID+"%3Bmessageid=1700/activities/m5" {
		t.Errorf("reply calls = %+v, want one in the thread", r)
	}
}

func TestStripMentions(t *testing.T) {
	bot := []entity{{Type: "mention", Text: "<at>iagbot</at>"}}
	bot[0].Mentioned.ID = "28:b"
	for _, tc := range []struct {
		name, text, want string
		ents             []entity
	}{
		{"leading", "<at>iagbot</at> aide", "aide", bot},
		{"trailing", "aide <at>iagbot</at>\n", "aide", bot},
		{"other person kept", "<at>iagbot</at> est-ce que <at>Luc</at> peut", "est-ce que Luc peut", bot},
		{"no entity: tags unwrapped", "<at>iagbot</at> aide", "iagbot aide", nil},
		{"multi-line kept", "<at>iagbot</at> ligne 1\nligne 2", "ligne 1\nligne 2", bot},
		{"nbsp", "<at>iagbot</at>\u00a0aide", "aide", bot},
		{"plain", "aide", "aide", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stripMentions(tc.text, "28:b", tc.ents); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPrivateReplyInChannelGoesDirect(t *testing.T) {
	e := newEnv(t)
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "Votre demande n° 3", Private: true}, bot.Text("public")}, nil
	}
	e.post(t, inChannel(e.message("m6", "mes demandes")), e.auth(t))
	create := e.conn.requests("/v3/conversations")
	var created *connReq
	for i := range create {
		if strings.HasSuffix(create[i].Path, "/v3/conversations") {
			created = &create[i]
		}
	}
	if created == nil {
		t.Fatal("no conversation created for the private reply")
	}
	members, _ := created.Body["members"].([]any)
	if len(members) != 1 || members[0].(map[string]any)["id"] != userTeams || created.Body["tenantId"] != testTenant {
		t.Errorf("create conversation body = %v", created.Body)
	}
	var direct, public []string
	for _, r := range e.conn.activities() {
		if strings.Contains(r.Path, "a:direct-1") {
			direct = append(direct, r.Body["text"].(string))
		} else {
			public = append(public, r.Body["text"].(string))
		}
	}
	if !reflect.DeepEqual(direct, []string{"Votre demande n° 3"}) || !reflect.DeepEqual(public, []string{"public"}) {
		t.Errorf("direct %q, public %q", direct, public)
	}
	people, err := e.db.People(context.Background(), strings.ToLower(userEmail))
	if err != nil || len(people) != 1 || people[0].DirectRef == nil || people[0].DirectRef.ID != "a:direct-1" {
		t.Errorf("person after a private reply = %+v, %v; want the direct reference kept", people, err)
	}
}

func TestEngineErrorApologizes(t *testing.T) {
	e := newEnv(t)
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) { return nil, errors.New("database down") }
	m := e.message("m7", "aide")
	m["locale"] = "en-US"
	if got := e.post(t, m, e.auth(t)); got != http.StatusOK {
		t.Errorf("status %d", got)
	}
	r := e.conn.activities()
	if len(r) != 1 || r[0].Body["text"] != i18n.T(i18n.EN, "core.error") {
		t.Errorf("replies = %+v, want the English apology", r)
	}
}

func TestMemberEmailCached(t *testing.T) {
	e := newEnv(t)
	for _, id := range []string{"a", "b", "c"} {
		e.post(t, e.message(id, "aide"), e.auth(t))
	}
	if n := len(e.conn.requests("/members/")); n != 1 {
		t.Errorf("%d member lookups for one person, want 1", n)
	}
	for _, turn := range e.handler.got() {
		if turn.User.Email != userEmail {
			t.Errorf("email = %q", turn.User.Email)
		}
	}
}

func TestMemberLookupFailureStillAnswers(t *testing.T) {
	e := newEnv(t)
	e.conn.fail = func(_, path string) (int, map[string]string) {
		if strings.Contains(path, "/members/") {
			return http.StatusForbidden, nil
		}
		return 0, nil
	}
	e.post(t, e.message("m8", "aide"), e.auth(t))
	turns := e.handler.got()
	if len(turns) != 1 || turns[0].User.Email != "" || turns[0].User.Key(bot.Teams) != "teams:"+userAAD {
		t.Errorf("turns = %+v, want one without e-mail, keyed by the AAD id", turns)
	}
	if len(e.conn.activities()) != 1 {
		t.Error("no reply")
	}
}

func TestMemberCacheExpires(t *testing.T) {
	now := time.Unix(0, 0)
	mc := newMemberCache(time.Hour, func() time.Time { return now })
	mc.put("29:a", "a@x", time.Hour)
	if got, ok := mc.get("29:a"); !ok || got != "a@x" {
		t.Errorf("fresh entry = %q, %v", got, ok)
	}
	now = now.Add(time.Hour)
	if _, ok := mc.get("29:a"); ok {
		t.Error("expired entry still served")
	}
}
