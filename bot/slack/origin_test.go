package slack_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"

	slackbot "github.com/cssdgs/iagbot/bot/slack"
)

// ours are the options of a channel that knows its workspace and app.
var ours = slackbot.Options{SigningSecret: secret, TeamID: "T1", AppID: "AIAGBOT"}

// TestOtherWorkspacesAndAppsAreIgnored: a request correctly signed (one signing secret
// answers for every installation of the app) but from another workspace, org or app,
// or from a channel shared with another organisation, is acknowledged and never
// reaches the engine; the same request from our workspace and app does.
func TestOtherWorkspacesAndAppsAreIgnored(t *testing.T) {
	type req struct {
		team, app, enterprise, userTeam string
		shared                          bool
	}
	for _, tc := range []struct {
		name string
		r    req
		want int // turns
	}{
		{"ours", req{team: "T1", app: "AIAGBOT"}, 1},
		{"other workspace", req{team: "TEVILCORP", app: "AIAGBOT"}, 0},
		{"other app", req{team: "T1", app: "AOTHERAPP"}, 0},
		{"no app", req{team: "T1"}, 0},
		{"other org", req{team: "T1", app: "AIAGBOT", enterprise: "EEVIL"}, 0},
		{"external person", req{team: "T1", app: "AIAGBOT", userTeam: "TEXTERNAL"}, 0},
		{"shared channel", req{team: "T1", app: "AIAGBOT", shared: true}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, kind := range []string{"event", "command", "interaction"} {
				if tc.r.shared && kind != "event" {
					continue // Slack flags shared channels on events
				}
				e := newEnv(t, ours)
				var resp *http.Response
				switch kind {
				case "event":
					ev := dm("enregistrer ce canal pour CODIR-IN")
					if tc.r.userTeam != "" {
						ev["user_team"] = tc.r.userTeam
					}
					cb := eventCallback("Ev-"+tc.name, ev)
					cb["team_id"], cb["api_app_id"] = tc.r.team, tc.r.app
					if tc.r.enterprise != "" {
						cb["enterprise_id"] = tc.r.enterprise
					}
					if tc.r.shared {
						cb["is_ext_shared_channel"] = true
					}
					resp = e.postEvent(cb)
				case "command":
					f := command(e, "demandes à examiner")
					f.Set("team_id", tc.r.team)
					f.Set("api_app_id", tc.r.app)
					if tc.r.enterprise != "" {
						f.Set("enterprise_id", tc.r.enterprise)
					}
					if tc.r.userTeam != "" {
						continue // a command names no author's workspace
					}
					resp = e.postForm("/slack/commands", f)
				case "interaction":
					p := map[string]any{"type": "block_actions", "trigger_id": "trig1", "api_app_id": tc.r.app,
						"team": map[string]any{"id": tc.r.team}, "user": map[string]any{"id": "U1", "team_id": tc.r.team},
						"container": map[string]any{"type": "message", "channel_id": "D1", "message_ts": "1.1"},
						"actions":   []map[string]any{{"type": "button", "action_id": "a", "value": "review.approve|1:1:codir_review"}}}
					if tc.r.userTeam != "" {
						p["user"].(map[string]any)["team_id"] = tc.r.userTeam
					}
					if tc.r.enterprise != "" {
						p["enterprise"] = map[string]any{"id": tc.r.enterprise}
					}
					data, _ := json.Marshal(p)
					resp = e.postForm("/slack/interactivity", url.Values{"payload": {string(data)}})
				}
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: status %d, want 200", kind, resp.StatusCode)
				}
				e.drain()
				if got := len(e.engine.Turns()); got != tc.want {
					t.Errorf("%s: %d turns reached the engine, want %d", kind, got, tc.want)
				}
			}
		})
	}
}

// TestForeignInteractionOfAnyTypeIsRefused: the origin is checked before the type, so
// that a modal's submission or a shortcut from another workspace is refused (and
// counted) like a button, whatever handles that type later.
func TestForeignInteractionOfAnyTypeIsRefused(t *testing.T) {
	for _, typ := range []string{"view_submission", "shortcut", "block_actions"} {
		var foreign atomic.Int32 // Observe runs on the server's goroutine
		opts := ours
		opts.Observe = func(o string) {
			if o == "foreign" {
				foreign.Add(1)
			}
		}
		e := newEnv(t, opts)
		p := map[string]any{"type": typ, "trigger_id": "trig1", "api_app_id": "AIAGBOT",
			"team": map[string]any{"id": "TEVILCORP"}, "user": map[string]any{"id": "U1", "team_id": "TEVILCORP"},
			"view": map[string]any{"callback_id": "x"}}
		data, _ := json.Marshal(p)
		if resp := e.postForm("/slack/interactivity", url.Values{"payload": {string(data)}}); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, want 200", typ, resp.StatusCode)
		}
		e.drain()
		if foreign.Load() != 1 {
			t.Errorf("%s from another workspace: counted foreign %d times, want 1", typ, foreign.Load())
		}
	}
}
