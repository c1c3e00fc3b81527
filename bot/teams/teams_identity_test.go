package teams

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// TestForeignActivitiesHaveNoEffect: a valid Bot Framework token proves the activity
// came through the Bot Framework, not from Teams in the school's tenant (Web Chat and
// Direct Line reach the same endpoint). Such activities get 200 and change nothing:
// no turn, no call to their service URL, no context kept for proactive messages.
func TestForeignActivitiesHaveNoEffect(t *testing.T) {
	var evilHits atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		evilHits.Add(1)
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(evil.Close)
	for _, tc := range []struct {
		name   string
		mutate func(a map[string]any)
	}{
		{"directline channel", func(a map[string]any) { a["channelId"] = "directline" }},
		{"webchat channel", func(a map[string]any) { a["channelId"] = "webchat" }},
		{"emulator channel", func(a map[string]any) { a["channelId"] = "emulator" }},
		{"other tenant", func(a map[string]any) {
			a["conversation"].(map[string]any)["tenantId"] = "evil-tenant"
			a["channelData"] = map[string]any{"tenant": map[string]any{"id": "evil-tenant"}}
		}},
		{"tenants disagree", func(a map[string]any) {
			a["channelData"] = map[string]any{"tenant": map[string]any{"id": "evil-tenant"}}
		}},
		{"no tenant", func(a map[string]any) {
			delete(a["conversation"].(map[string]any), "tenantId")
			delete(a, "channelData")
		}},
		{"no aad object id", func(a map[string]any) {
			a["from"] = map[string]any{"id": "29:admin-by-platform-id", "name": "Admin"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			// The token is valid for the activity's channel and service URL: the key is
			// endorsed for every channel, as the Bot Framework's shared keys are.
			k := teamsKey(t, "k1")
			k.Endorsements = []string{"msteams", "directline", "webchat", "emulator"}
			e.keys.SetKeys(k)
			a := e.message("f1", "enregistrer ce canal pour CODIR-IN")
			tc.mutate(a)
			e.serviceURL = evil.URL + "/"
			a["serviceUrl"] = e.serviceURL
			a = inChannel(a)
			tc.mutate(a)
			if got := e.post(t, a, e.auth(t)); got != http.StatusOK {
				t.Fatalf("status %d, want 200 with no effect", got)
			}
			if n := len(e.handler.got()); n != 0 {
				t.Fatalf("%d turns reached the engine, want none", n)
			}
			if n := evilHits.Load(); n != 0 {
				t.Fatalf("%d calls to the activity's service URL, want none", n)
			}
			if s := e.ch.proactive(); s.serviceURL == e.serviceURL {
				t.Fatalf("the foreign service URL %q was kept for proactive messages", s.serviceURL)
			}
		})
	}
}

// TestTeamsActivityOfTheTenantIsProcessed is the control of the test above.
func TestTeamsActivityOfTheTenantIsProcessed(t *testing.T) {
	e := newEnv(t)
	if got := e.post(t, inChannel(e.message("ok1", "bonjour")), e.auth(t)); got != http.StatusOK {
		t.Fatalf("status %d", got)
	}
	if n := len(e.handler.got()); n != 1 {
		t.Fatalf("%d turns, want 1", n)
	}
}

func TestNewRequiresTheTenantWithAValidator(t *testing.T) {
	e := newEnv(t)
	cfg := e.ch.cfg
	cfg.TenantID = ""
	if _, err := New(cfg); err == nil {
		t.Fatal("New accepted a token validator without a tenant")
	}
}
