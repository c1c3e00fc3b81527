package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

// messages are activities as the Teams channel sends them, and their edge cases.
func messages() []schema.Activity {
	card := json.RawMessage(`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"é <b>&</b>","wrap":true},` +
		`{"z":null,"a":"","m":[]}],"actions":[],"$schema":"http://adaptivecards.io/schemas/adaptive-card.json"}`)
	spaced := json.RawMessage("{ \"b\" : [ 1 , 2 ],\n\t\"a\" : { } }")
	odd := "quote\" back\\ nl\n cr\r tab\t bell\a nul\x00 bad\xff\xfe ls\u2028 ps\u2029 <at>x</at> & é 😀"
	from := schema.ChannelAccount{ID: "28:bot", Name: "Assistant IAG"}
	return []schema.Activity{
		{},
		{Type: schema.Message},
		{Type: schema.Message, Text: "**Réponse**\n\n- un\n- deux", TextFormat: schema.MARKDOWN, From: from,
			Conversation: schema.ConversationAccount{ID: "a:1"}, Recipient: schema.ChannelAccount{ID: "29:u"}, ReplyToID: "1700000000000"},
		{Type: schema.Message, Text: odd, Summary: odd, From: schema.ChannelAccount{Name: odd}},
		{Type: schema.Message, ID: "act-1", Text: "0001-01-01T00:00:00Z", Summary: "", From: schema.ChannelAccount{ID: "0001-01-01T00:00:00Z"}},
		{Type: schema.Message, Summary: "Demande 12", From: from, Conversation: schema.ConversationAccount{ID: "19:c@thread.tacv2;messageid=1"},
			Attachments: []schema.Attachment{{ContentType: "application/vnd.microsoft.card.adaptive", Content: card}}},
		{Type: schema.Message, Attachments: []schema.Attachment{{Content: spaced}, {ContentType: "x", Content: json.RawMessage(`[]`)},
			{ContentType: "y", Content: json.RawMessage(`"s"`)}, {Content: json.RawMessage(`{}`)}}},
	}
}

// TestAppendActivityAsPruned: the direct encoding of a message is the general
// MarshalPruned's JSON, and the tree pruning's, and is used for the channel's messages.
// Only the order of keys inside attachment content may differ: sorted, the bytes are
// the same.
func TestAppendActivityAsPruned(t *testing.T) {
	for i, a := range messages() {
		got, ok := appendActivity(nil, &a)
		if !ok {
			t.Errorf("case %d: not encoded directly", i)
			continue
		}
		want, err := marshalPruned(a)
		if err != nil {
			t.Fatal(err)
		}
		if !sameJSON(t, got, want) {
			t.Errorf("case %d: not the same JSON:\n got %s\nwant %s", i, got, want)
		}
		if sorted := sortKeys(got); !bytes.Equal(sorted, want) {
			t.Errorf("case %d, keys sorted:\n got %s\nwant %s", i, sorted, want)
		}
		// The tree holds invalid UTF-8 as U+FFFD itself, not escaped.
		if ref := referencePruned(t, a); string(sortKeys(got)) != ref && !bytes.Contains(got, []byte(`\ufffd`)) {
			t.Errorf("case %d:\n got %s\n ref %s", i, got, ref)
		}
		if pub, err := MarshalPruned(&a); err != nil || !bytes.Equal(pub, got) {
			t.Errorf("case %d: MarshalPruned(&a) = %s, %v", i, pub, err)
		}
	}
}

// sameJSON reports whether a and b decode to the same value, numbers as their text.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	decode := func(data []byte) any {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		return v
	}
	return reflect.DeepEqual(decode(a), decode(b))
}

// sortKeys is compact JSON with its object members in key order, as MarshalPruned
// writes them.
func sortKeys(in []byte) []byte {
	w := walker{in: in}
	w.value(false)
	return w.out
}

// TestAppendActivityLeavesOthers: any other field, or content that is not encoded
// JSON, goes the general way.
func TestAppendActivityLeavesOthers(t *testing.T) {
	for i, a := range []schema.Activity{
		realReply(),
		{Type: schema.Message, ChannelData: map[string]any{"notification": map[string]any{"alert": true}}},
		{Type: schema.Message, From: schema.ChannelAccount{ID: "28:b", Role: "bot"}},
		{Type: schema.Message, Conversation: schema.ConversationAccount{ID: "a:1", TenantID: "t"}},
		{Type: schema.Message, Value: map[string]any{"a": 1}},
		{Type: schema.Message, Attachments: []schema.Attachment{{Content: map[string]any{"a": 1}}}},
		{Type: schema.Message, Attachments: []schema.Attachment{{Content: json.RawMessage(nil)}}},
		{Type: schema.Message, Attachments: []schema.Attachment{{Content: json.RawMessage(`null`)}}},
		{Type: schema.Message, Attachments: []schema.Attachment{{Name: "f", Content: json.RawMessage(`{}`)}}},
	} {
		if _, ok := appendActivity(nil, &a); ok {
			t.Errorf("case %d encoded directly", i)
		}
		got, err := MarshalPruned(a)
		if want := referencePruned(t, a); err != nil || string(got) != want {
			t.Errorf("case %d: MarshalPruned = %s, %v; want %s", i, got, err, want)
		}
	}
	if _, err := MarshalPruned(schema.Activity{Attachments: []schema.Attachment{{Content: json.RawMessage(`{"a":`)}}}); err == nil {
		t.Error("invalid content: error = nil")
	}
}

// FuzzAppendActivityStrings: text, summary and names of any bytes are escaped as
// MarshalPruned escapes them (HTML as it is, U+2028 and U+2029 escaped, invalid UTF-8
// as U+FFFD), so the connector gets the same bytes and the same strings.
func FuzzAppendActivityStrings(f *testing.F) {
	for _, s := range []string{"", "abc", "\"\\\n\r\t\b\f\x01\x1f\x7f", "\xff\xc3", "\u2028\u2029", "<at>x</at> & é😀", "a\xe2\x80",
		"0001-01-01T00:00:00Z"} {
		f.Add(s, "Demande 12")
	}
	f.Fuzz(func(t *testing.T, text, name string) {
		a := schema.Activity{Type: schema.Message, Text: text, Summary: name + text, From: schema.ChannelAccount{ID: "28:bot", Name: name},
			Recipient: schema.ChannelAccount{Name: text}, Conversation: schema.ConversationAccount{ID: name}}
		got, ok := appendActivity(nil, &a)
		if !ok {
			t.Fatal("not encoded directly")
		}
		want, err := marshalPruned(a)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("text %q, name %q:\n got %s\nwant %s", text, name, got, want)
		}
		if !sameJSON(t, got, want) {
			t.Errorf("text %q, name %q: not the same strings:\n got %s\nwant %s", text, name, got, want)
		}
	})
}

// BenchmarkMarshalReply encodes a Teams text reply.
//
//	go test ./bot/teams/connector -run '^$' -bench MarshalReply -benchmem -cpu 1
func BenchmarkMarshalReply(b *testing.B) {
	a := messages()[2]
	a.Text = strings.Repeat("Un usage permis avec conditions : ne copiez aucun renseignement personnel. ", 8)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MarshalPruned(a); err != nil {
			b.Fatal(err)
		}
	}
}

// canned answers every request at once, without a network: the token endpoint's
// answer, else an activity id.
type canned struct{}

func (canned) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	body := `{"id":"act-1"}`
	if r.URL.Path == "/token" {
		body = bftest.TokenJSON("tok")
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

// BenchmarkReplyToActivity is the client's work for one Teams text reply: URL, body,
// request, token, answer; the network is a stub.
//
//	go test ./bot/teams/connector -run '^$' -bench ReplyToActivity -benchmem -cpu 1
func BenchmarkReplyToActivity(b *testing.B) {
	c, err := New(Config{AppID: testAppID, AppPassword: testSecret, TokenURL: "http://127.0.0.1:1/token", MaxAttempts: 1,
		HTTPClient: &http.Client{Transport: canned{}}}) // the attempt's own deadline, as with New's client
	if err != nil {
		b.Fatal(err)
	}
	a := messages()[2]
	a.Text = strings.Repeat("Un usage permis avec conditions : ne copiez aucun renseignement personnel. ", 8)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.ReplyToActivity(ctx, "https://smba.trafficmanager.net/amer/", "a:1Xk9-personal_chat", "1733140000000", a); err != nil {
			b.Fatal(err)
		}
	}
}
