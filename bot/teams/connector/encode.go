package connector

import (
	"bytes"
	stdjson "encoding/json"
	"reflect"

	"github.com/infracloudio/msbotbuilder-go/schema"
	json "github.com/segmentio/encoding/json"
)

// wireMessage is the JSON of a bot's message with omitempty, which schema.Activity
// lacks: encoding it skips the general path's encoding of every field and pruning.
// Fields are in key order, so the body is MarshalPruned's but for the order of keys
// inside attachment content, which the connector does not care about.
type wireMessage struct {
	Attachments  []wireAttachment `json:"attachments,omitempty"`
	Conversation *wireID          `json:"conversation,omitempty"`
	From         *wireAccount     `json:"from,omitempty"`
	ID           string           `json:"id,omitempty"`
	Recipient    *wireAccount     `json:"recipient,omitempty"`
	ReplyToID    string           `json:"replyToId,omitempty"`
	Summary      string           `json:"summary,omitempty"`
	Text         string           `json:"text,omitempty"`
	TextFormat   string           `json:"textFormat,omitempty"`
	Type         string           `json:"type,omitempty"`

	// What the pointers above point to, allocated with the message.
	conversation    wireID
	from, recipient wireAccount
}

type wireID struct {
	ID string `json:"id"`
}

type wireAccount struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

type wireAttachment struct {
	Content     json.RawMessage `json:"content"`
	ContentType string          `json:"contentType,omitempty"`
}

// appendActivity appends the JSON MarshalPruned gives for a, as a wireMessage, when a
// has only the fields a bot's message sets (type, id, text, text format, summary,
// from, recipient, conversation id, reply-to id, attachments of encoded JSON
// content); ok is false for any other activity, which MarshalPruned then encodes.
// TestAppendActivityAsPruned holds the two to the same JSON.
//
// Reflection only checks that the other fields are zero, without copying a.
func appendActivity(dst []byte, a *schema.Activity) (out []byte, ok bool) {
	if !messageOnly(a) {
		return dst, false
	}
	w := &wireMessage{ID: kept(a.ID), ReplyToID: kept(a.ReplyToID), Summary: kept(a.Summary), Text: kept(a.Text),
		TextFormat: kept(string(a.TextFormat)), Type: kept(string(a.Type))}
	if len(a.Attachments) > 0 {
		w.Attachments = make([]wireAttachment, len(a.Attachments))
		for i, at := range a.Attachments {
			raw, isRaw := at.Content.(stdjson.RawMessage)
			if !isRaw || raw == nil || at.ContentURL != "" || at.Name != "" || at.ThumbnailURL != "" {
				return dst, false
			}
			// Compacted as MarshalPruned does (the library copies raw JSON as it is
			// when not escaping HTML), which also checks it.
			var compact bytes.Buffer
			if stdjson.Compact(&compact, raw) != nil || bytes.Equal(compact.Bytes(), []byte("null")) {
				// Invalid, for MarshalPruned to report; or pruned as a null opaque
				// value, leaving an attachment with only its content type, rare
				// enough for the general path.
				return dst, false
			}
			w.Attachments[i] = wireAttachment{Content: compact.Bytes(), ContentType: kept(at.ContentType)}
		}
	}
	if id := kept(a.Conversation.ID); id != "" {
		w.conversation.ID = id
		w.Conversation = &w.conversation
	}
	w.From = account(&w.from, a.From)
	w.Recipient = account(&w.recipient, a.Recipient)
	// HTML not escaped, as in MarshalPruned, so mention markup (<at>…</at>) stays
	// readable; content was checked above.
	out, err := json.Append(dst, w, json.TrustRawMessage)
	if err != nil {
		return dst, false
	}
	return out, true
}

// account fills *to with a's id and name and returns it, nil when both are pruned.
func account(to *wireAccount, a schema.ChannelAccount) *wireAccount {
	*to = wireAccount{ID: kept(a.ID), Name: kept(a.Name)}
	if *to == (wireAccount{}) {
		return nil
	}
	return to
}

// messageOnly reports whether a has no field but those appendActivity writes, with
// only the id and name of its accounts and the id of its conversation.
func messageOnly(a *schema.Activity) bool {
	v := reflect.ValueOf(a).Elem()
	for _, i := range otherFields {
		if !v.Field(i).IsZero() {
			return false
		}
	}
	return a.From.AadObjectID == "" && a.From.Role == "" && a.Recipient.AadObjectID == "" && a.Recipient.Role == "" &&
		a.Conversation == schema.ConversationAccount{ID: a.Conversation.ID}
}

// otherFields are the indexes of schema.Activity's fields appendActivity does not
// write; a field a new schema version adds is one of them.
var otherFields = func() []int {
	written := map[string]bool{"Type": true, "ID": true, "Text": true, "TextFormat": true, "Summary": true,
		"ReplyToID": true, "From": true, "Recipient": true, "Conversation": true, "Attachments": true}
	t := reflect.TypeFor[schema.Activity]()
	var idx []int
	for i := range t.NumField() {
		if !written[t.Field(i).Name] {
			idx = append(idx, i)
		}
	}
	return idx
}()

// sizeHint is about the length of a message's JSON, so that it is written without
// growing its buffer.
func sizeHint(a *schema.Activity) int {
	n := 256 + len(a.Text) + len(a.Text)/8 + len(a.Summary) + len(a.From.Name)
	for _, at := range a.Attachments {
		if raw, ok := at.Content.(stdjson.RawMessage); ok {
			n += len(raw) + 64
		}
	}
	return n
}

// kept is s if MarshalPruned keeps it, else "" (left out by omitempty).
func kept(s string) string {
	if keep(s) {
		return s
	}
	return ""
}

// keep reports whether MarshalPruned keeps a string: not empty, and not the text of a
// zero timestamp.
func keep(s string) bool { return s != "" && !isZeroTime(s) }
