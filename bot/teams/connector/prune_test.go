package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

func TestMarshalPruned(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"zero activity", schema.Activity{}, `{}`},
		{"bare message", schema.Activity{Type: schema.Message, Text: "hi"}, `{"text":"hi","type":"message"}`},
		{"real timestamp kept", schema.Activity{Type: schema.Message, Timestamp: t0}, `{"timestamp":"2025-03-01T12:00:00Z","type":"message"}`},
		{"zero time in another zone", map[string]any{"t": time.Time{}.In(time.FixedZone("X", -5*3600)), "k": 1}, `{"k":1}`},
		{"nested empties", map[string]any{"a": map[string]any{"b": []any{map[string]any{}, "", nil}}, "c": false, "d": 0}, `{"c":false,"d":0}`},
		{"big number exact", map[string]any{"n": uint64(12345678901234567890)}, `{"n":12345678901234567890}`},
		{"html not escaped", schema.Activity{Text: "<at>Bot</at> & co"}, `{"text":"<at>Bot</at> & co"}`},
		{"opaque content kept verbatim", schema.Attachment{ContentType: "application/vnd.microsoft.card.adaptive",
			Content: map[string]any{"type": "AdaptiveCard", "body": []any{}, "title": "", "isVisible": false}},
			`{"content":{"body":[],"isVisible":false,"title":"","type":"AdaptiveCard"},"contentType":"application/vnd.microsoft.card.adaptive"}`},
		{"opaque value and channelData kept", schema.Activity{Value: map[string]interface{}{"answer": ""},
			ChannelData: map[string]interface{}{"notification": map[string]interface{}{"alert": false}}},
			`{"channelData":{"notification":{"alert":false}},"value":{"answer":""}}`},
		{"conversation parameters", schema.ConversationParameters{Members: []schema.ChannelAccount{{ID: "29:u"}}},
			`{"members":[{"id":"29:u"}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MarshalPruned(tc.in)
			if err != nil {
				t.Fatalf("MarshalPruned: %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("MarshalPruned() = %s, want %s", got, tc.want)
			}
		})
	}
	if _, err := MarshalPruned(map[string]any{"f": func() {}}); err == nil {
		t.Error("MarshalPruned(func) error = nil, want an error")
	}
}

// realReply is shaped like what msbotbuilder-go's TurnContext.SendActivity
// builds for a reply: every unset struct field of schema.Activity marshals
// to {} or a zero time without pruning.
func realReply() schema.Activity {
	return schema.Activity{
		Type:         schema.Message,
		ServiceURL:   "https://smba.trafficmanager.net/emea/",
		ChannelID:    "msteams",
		From:         schema.ChannelAccount{ID: "28:bot", Name: "IAG"},
		Recipient:    schema.ChannelAccount{ID: "29:user", AadObjectID: "aad"},
		Conversation: schema.ConversationAccount{ID: "a:1", ConversationType: "personal", TenantID: "t"},
		ReplyToID:    "1:parent",
		Text:         "Bonjour <at>Alice</at>",
		TextFormat:   "markdown",
		Entities:     []schema.Entity{{Type: "mention"}, {}},
		Attachments: []schema.Attachment{{ContentType: "application/vnd.microsoft.card.adaptive",
			Content: map[string]any{"type": "AdaptiveCard", "version": "1.5", "body": []any{}, "fallbackText": ""}}},
	}
}

func TestSentBodyHasNoEmptyFields(t *testing.T) {
	e := newEnv(t, nil)
	if _, err := e.client.SendActivity(context.Background(), e.conn.srv.URL, "a:1", realReply()); err != nil {
		t.Fatalf("SendActivity: %v", err)
	}
	r := e.conn.requests()[0]
	if r.contentType != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", r.contentType)
	}
	body := decodeJSON(t, r.body)
	for _, bad := range []string{"timestamp", "localTimestamp", "expiration", "relatesTo", "suggestedActions", "semanticAction"} {
		if _, ok := body.(map[string]any)[bad]; ok {
			t.Errorf("body has %q: %s", bad, r.body)
		}
	}
	checkNoEmpty(t, "$", body)
	content := body.(map[string]any)["attachments"].([]any)[0].(map[string]any)["content"].(map[string]any)
	if _, ok := content["body"]; !ok {
		t.Errorf("card content lost its empty body array: %v", content)
	}
}

// checkNoEmpty fails on any null, "", zero timestamp, {} or [] outside the
// opaque payload keys.
func checkNoEmpty(t *testing.T, path string, v any) {
	t.Helper()
	switch x := v.(type) {
	case nil:
		t.Errorf("%s is null", path)
	case string:
		if x == "" || strings.HasPrefix(x, "0001-01-01") {
			t.Errorf("%s is empty or zero time: %q", path, x)
		}
	case map[string]any:
		if len(x) == 0 {
			t.Errorf("%s is {}", path)
		}
		for k, el := range x {
			if !opaqueKeys[k] {
				checkNoEmpty(t, path+"."+k, el)
			}
		}
	case []any:
		if len(x) == 0 {
			t.Errorf("%s is []", path)
		}
		for _, el := range x {
			checkNoEmpty(t, path+"[]", el)
		}
	}
}

// referencePruned is the straightforward MarshalPruned: encode, decode into a tree,
// prune the tree, encode it again (sorted keys). The one-pass walk must agree with it.
func referencePruned(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		t.Fatal(err)
	}
	var prune func(v any) (any, bool)
	prune = func(v any) (any, bool) {
		switch x := v.(type) {
		case nil:
			return nil, false
		case string:
			return x, x != "" && !isZeroTime(x)
		case map[string]any:
			for k, val := range x {
				if opaqueKeys[k] {
					if val == nil {
						delete(x, k)
					}
					continue
				}
				if p, ok := prune(val); ok {
					x[k] = p
				} else {
					delete(x, k)
				}
			}
			return x, len(x) > 0
		case []any:
			out := x[:0]
			for _, el := range x {
				if p, ok := prune(el); ok {
					out = append(out, p)
				}
			}
			return out, len(out) > 0
		}
		return v, true
	}
	if tree, _ = prune(tree); tree == nil {
		tree = map[string]any{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tree); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// TestMarshalPrunedAgreesWithTree: real replies, cards with nested structs, escapes,
// nulls inside opaque payloads and unsorted struct fields give the same bytes as the
// tree-based pruning.
func TestMarshalPrunedAgreesWithTree(t *testing.T) {
	type card struct {
		Type    string `json:"type"`
		Body    []any  `json:"body"`
		Actions []any  `json:"actions,omitempty"`
		Msg     string `json:"msg"`
	}
	reply := realReply()
	withCard := realReply()
	withCard.Attachments = []schema.Attachment{{ContentType: "application/vnd.microsoft.card.adaptive",
		Content: card{Type: "AdaptiveCard", Body: []any{map[string]any{"z": nil, "a": "x\"y\\\u2028<>&é", "m": []any{}}}, Msg: ""}}}
	withCard.ChannelData = map[string]any{"tenant": map[string]any{"id": "t"}, "a": nil}
	withCard.Value = nil
	withCard.Entities = []schema.Entity{{Type: "mention"}, {}}
	for i, v := range []any{reply, withCard, schema.Activity{}, []any{nil, "", map[string]any{"k": []any{0, false, nil}}},
		map[string]any{"value": nil, "content": map[string]any{"b": 1, "a": nil}}} {
		got, err := MarshalPruned(v)
		if err != nil {
			t.Fatal(err)
		}
		if want := referencePruned(t, v); string(got) != want {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
