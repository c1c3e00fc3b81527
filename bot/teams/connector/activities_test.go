package connector

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

func TestActivityEndpoints(t *testing.T) {
	const conv = "19:abc@thread.tacv2;messageid=42"
	const convPath = "/emea/v3/conversations/19:abc@thread.tacv2%3Bmessageid=42"
	msg := schema.Activity{Type: schema.Message, Text: "hi"}
	tests := []struct {
		name       string
		call       func(c *Client, su string) (string, error)
		wantMethod string
		wantPath   string
		wantID     string // returned id
		wantBodyID string // "id" in the request body
	}{
		{"send", func(c *Client, su string) (string, error) { return c.SendActivity(context.Background(), su, conv, msg) },
			"POST", convPath + "/activities", "act-1", ""},
		{"reply", func(c *Client, su string) (string, error) {
			return c.ReplyToActivity(context.Background(), su, conv, "1:parent", msg)
		}, "POST", convPath + "/activities/1:parent", "act-1", ""},
		{"update", func(c *Client, su string) (string, error) {
			return "", c.UpdateActivity(context.Background(), su, conv, "1:act", msg)
		}, "PUT", convPath + "/activities/1:act", "", "1:act"},
		{"delete", func(c *Client, su string) (string, error) {
			return "", c.DeleteActivity(context.Background(), su, conv, "1:act")
		}, "DELETE", convPath + "/activities/1:act", "", ""},
		{"create conversation", func(c *Client, su string) (string, error) {
			r, err := c.CreateConversation(context.Background(), su, schema.ConversationParameters{
				Bot: schema.ChannelAccount{ID: "28:bot"}, Members: []schema.ChannelAccount{{ID: "29:user"}},
				TenantID: "tenant", ChannelData: map[string]interface{}{"tenant": map[string]interface{}{"id": "tenant"}},
			})
			if err != nil {
				return "", err
			}
			return r.ID, nil
		}, "POST", "/emea/v3/conversations", "act-1", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, nil)
			got, err := tc.call(e.client, e.conn.srv.URL+"/emea/")
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if got != tc.wantID {
				t.Errorf("returned id = %q, want %q", got, tc.wantID)
			}
			r := e.conn.requests()[0]
			if r.method != tc.wantMethod || r.path != tc.wantPath {
				t.Errorf("request = %s %s, want %s %s", r.method, r.path, tc.wantMethod, tc.wantPath)
			}
			if r.auth != "Bearer tok-1" {
				t.Errorf("Authorization = %q, want %q", r.auth, "Bearer tok-1")
			}
			if tc.wantBodyID != "" {
				var body struct{ ID string }
				_ = json.Unmarshal(r.body, &body)
				if body.ID != tc.wantBodyID {
					t.Errorf("body id = %q, want %q", body.ID, tc.wantBodyID)
				}
			}
		})
	}
}

func TestInvalidArguments(t *testing.T) {
	e := newEnv(t, nil)
	su := e.conn.srv.URL
	tests := []struct {
		name       string
		serviceURL string
		conv       string
		want       error
	}{
		{"empty conversation", su, "", ErrInvalidArgument},
		{"dot-dot conversation", su, "..", ErrInvalidArgument},
		{"relative service URL", "/v3", "c", ErrInvalidArgument},
		{"ftp service URL", "ftp://host/", "c", ErrInvalidArgument},
		{"garbage service URL", "http://[::1", "c", ErrInvalidArgument},
		{"token over plain http", "http://smba.example.test/", "c", ErrInsecureURL},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.client.SendActivity(context.Background(), tc.serviceURL, tc.conv, schema.Activity{Type: schema.Message})
			if !errors.Is(err, tc.want) {
				t.Fatalf("SendActivity() error = %v, want %v", err, tc.want)
			}
		})
	}
	if got := e.conn.hits.Load() + e.token.hits.Load(); got != 0 {
		t.Errorf("requests made = %d, want 0", got)
	}
}

func TestEmulatorModeSendsNoToken(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.AppID, c.AppPassword = "", "" })
	if e.client.Authenticated() {
		t.Fatal("Authenticated() = true without app id")
	}
	if _, err := e.client.SendActivity(context.Background(), e.conn.srv.URL, "conv", schema.Activity{Type: schema.Message}); err != nil {
		t.Fatalf("SendActivity: %v", err)
	}
	if got := e.conn.requests()[0].auth; got != "" {
		t.Errorf("Authorization = %q, want none", got)
	}
	if got := e.token.hits.Load(); got != 0 {
		t.Errorf("token hits = %d, want 0", got)
	}
}

func TestNewConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"password without app id", Config{AppPassword: "x"}},
		{"plain http token URL", Config{AppID: "a", TokenURL: "http://login.example.test/token"}},
		{"relative token URL", Config{AppID: "a", TokenURL: "/token"}},
		{"negative attempts", Config{MaxAttempts: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.cfg); !errors.Is(err, ErrConfig) {
				t.Fatalf("New() error = %v, want ErrConfig", err)
			}
		})
	}
}
