package teams

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
)

// added is a conversationUpdate adding members to the conversation of a message.
func added(a map[string]any, id string, members ...string) map[string]any {
	a["type"], a["id"] = "conversationUpdate", id
	delete(a, "text")
	var m []any
	for _, id := range members {
		m = append(m, map[string]any{"id": id})
	}
	a["membersAdded"] = m
	return a
}

func TestWelcomeOnceAndReferenceStored(t *testing.T) {
	e := newEnv(t)
	update := func(id string) map[string]any {
		a := added(e.message("", ""), id, botAccount)
		a["locale"] = "en-US"
		return a
	}
	// Redelivered, then a second genuine update for the same conversation.
	for _, id := range []string{"u1", "u1", "u2"} {
		if got := e.post(t, update(id), e.auth(t)); got != http.StatusOK {
			t.Fatalf("status %d", got)
		}
	}
	got := e.conn.activities()
	if len(got) != 1 {
		t.Fatalf("%d welcomes, want 1", len(got))
	}
	if got[0].Path != "/amer/v3/conversations/"+personalID+"/activities" || got[0].Body["text"] != markdown(i18n.T(i18n.EN, "teams.welcome")) {
		t.Errorf("welcome = %s %v", got[0].Path, got[0].Body["text"])
	}
	if empty := emptyFields(got[0].Body, ""); len(empty) > 0 {
		t.Errorf("welcome has empty fields %v", empty)
	}
	if n := len(e.handler.got()); n != 0 {
		t.Errorf("engine called %d times for an install", n)
	}
	people, err := e.db.People(context.Background(), strings.ToLower(userEmail))
	if err != nil || len(people) != 1 || people[0].DirectRef == nil {
		t.Fatalf("people = %+v, %v", people, err)
	}
	want := bot.ConversationRef{Channel: bot.Teams, ID: personalID, UserID: userAAD, ServiceURL: e.serviceURL,
		TenantID: testTenant, BotID: botAccount}
	if *people[0].DirectRef != want {
		t.Errorf("stored reference = %+v, want %+v", *people[0].DirectRef, want)
	}

	// A restarted bot (another channel on the same database) does not welcome again.
	again := newEnv(t, func(c *Config) { c.Store = e.db })
	again.serviceURL = e.serviceURL
	if got := again.post(t, update("u3"), again.auth(t)); got != http.StatusOK {
		t.Fatalf("status %d", got)
	}
	if n := len(again.conn.activities()) + len(e.conn.activities()); n != 1 {
		t.Errorf("%d welcomes after a restart, want still 1", n)
	}
}

func TestWelcomeCases(t *testing.T) {
	for _, tc := range []struct {
		name     string
		activity func(e *env) map[string]any
		wantPath string // "" for no welcome
		wantText string
	}{
		{"team install, in the team's channel, French by default", func(e *env) map[string]any {
			a := added(inChannel(e.message("", "")), "t1", botAccount)
			a["conversation"].(map[string]any)["id"] = channelID
			delete(a, "locale")
			return a
		}, "/amer/v3/conversations/" + channelID + "/activities", i18n.T(i18n.FR, "teams.welcome.group")},
		{"a person joins a team: no welcome", func(e *env) map[string]any {
			return added(inChannel(e.message("", "")), "t2", "29:newcomer")
		}, "", ""},
		{"locale from the client info", func(e *env) map[string]any {
			a := added(e.message("", ""), "t3", botAccount)
			delete(a, "locale")
			a["entities"] = []any{map[string]any{"type": "clientInfo", "locale": "en-CA"}}
			return a
		}, "/amer/v3/conversations/" + personalID + "/activities", i18n.T(i18n.EN, "teams.welcome")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.post(t, tc.activity(e), e.auth(t))
			got := e.conn.activities()
			if tc.wantPath == "" {
				if len(got) != 0 {
					t.Errorf("unexpected welcome %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Path != tc.wantPath || got[0].Body["text"] != markdown(tc.wantText) {
				t.Errorf("welcome = %+v, want %s %q", got, tc.wantPath, tc.wantText)
			}
		})
	}
}
