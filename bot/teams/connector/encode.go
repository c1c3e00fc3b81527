package connector

import (
	"bytes"
	"encoding/json"
	"reflect"
	"unicode/utf8"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

// appendActivity appends the JSON MarshalPruned gives for a, in one pass and without
// reflection, when a has only the fields a bot's message sets (type, id, text, text
// format, summary, from, recipient, conversation id, reply-to id, attachments of
// encoded JSON content); ok is false for any other activity, which MarshalPruned then
// encodes. TestAppendActivityAsPruned holds the two to the same bytes.
//
// Reflection only checks that the other fields are zero, without copying a.
func appendActivity(dst []byte, a *schema.Activity) (out []byte, ok bool) {
	if !messageOnly(a) {
		return dst, false
	}
	for _, at := range a.Attachments {
		raw, isRaw := at.Content.(json.RawMessage)
		if !isRaw || raw == nil || at.ContentURL != "" || at.Name != "" || at.ThumbnailURL != "" {
			return dst, false
		}
	}
	e := objEncoder{out: append(dst, '{')}
	if n := len(a.Attachments); n > 0 {
		e.key("attachments")
		e.out = append(e.out, '[')
		for i, at := range a.Attachments {
			if i > 0 {
				e.out = append(e.out, ',')
			}
			var ok bool
			if e.out, ok = appendAttachment(e.out, at); !ok {
				return dst, false
			}
		}
		e.out = append(e.out, ']')
	}
	if keep(a.Conversation.ID) {
		e.key("conversation")
		e.out = append(e.out, `{"id":`...)
		e.out = appendString(e.out, a.Conversation.ID)
		e.out = append(e.out, '}')
	}
	e.account("from", a.From)
	e.str("id", a.ID)
	e.account("recipient", a.Recipient)
	e.str("replyToId", a.ReplyToID)
	e.str("summary", a.Summary)
	e.str("text", a.Text)
	e.str("textFormat", string(a.TextFormat))
	e.str("type", string(a.Type))
	if len(e.out) == len(dst)+1 {
		return append(dst, "{}"...), true // MarshalPruned's body for an empty value
	}
	return append(e.out, '}'), true
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

// appendAttachment writes {"content":…,"contentType":…}: content copied as it is
// ("content" is opaque to the pruning), compacted, with its object members sorted.
func appendAttachment(dst []byte, at schema.Attachment) ([]byte, bool) {
	raw := at.Content.(json.RawMessage)
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return dst, false
	}
	in := compact.Bytes()
	if bytes.Equal(in, []byte("null")) {
		// Pruned as a null opaque value; an attachment left with only its content
		// type is rare enough for the general path.
		return dst, false
	}
	dst = append(dst, `{"content":`...)
	w := walker{in: in, out: dst}
	w.value(false)
	dst = w.out
	if keep(at.ContentType) {
		dst = append(dst, `,"contentType":`...)
		dst = appendString(dst, at.ContentType)
	}
	return append(dst, '}'), true
}

// sizeHint is about the length of a message's JSON, so that it is written without
// growing its buffer.
func sizeHint(a *schema.Activity) int {
	n := 256 + len(a.Text) + len(a.Text)/8 + len(a.Summary) + len(a.From.Name)
	for _, at := range a.Attachments {
		if raw, ok := at.Content.(json.RawMessage); ok {
			n += len(raw) + 64
		}
	}
	return n
}

// objEncoder writes an object's members, comma-separated, in the order called
// (appendActivity calls them in key order, as MarshalPruned sorts them).
type objEncoder struct {
	out   []byte
	count int
}

func (e *objEncoder) key(k string) {
	if e.count > 0 {
		e.out = append(e.out, ',')
	}
	e.count++
	e.out = append(e.out, '"')
	e.out = append(e.out, k...)
	e.out = append(e.out, '"', ':')
}

func (e *objEncoder) str(k, v string) {
	if keep(v) {
		e.key(k)
		e.out = appendString(e.out, v)
	}
}

// account writes {"id":…,"name":…} without its empty members, nothing when both are.
func (e *objEncoder) account(k string, a schema.ChannelAccount) {
	id, name := keep(a.ID), keep(a.Name)
	if !id && !name {
		return
	}
	e.key(k)
	e.out = append(e.out, '{')
	if id {
		e.out = append(e.out, `"id":`...)
		e.out = appendString(e.out, a.ID)
	}
	if name {
		if id {
			e.out = append(e.out, ',')
		}
		e.out = append(e.out, `"name":`...)
		e.out = appendString(e.out, a.Name)
	}
	e.out = append(e.out, '}')
}

// keep reports whether MarshalPruned keeps a string: not empty, and not the text of a
// zero timestamp.
func keep(s string) bool { return s != "" && !isZeroTime(s) }

const hexDigits = "0123456789abcdef"

// plain are the bytes a JSON string holds as they are: ASCII from space on, but the
// quote and the backslash.
var plain = func() (t [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// appendString writes s as encoding/json does with HTML escaping off: quotes,
// backslashes and control characters escaped, invalid UTF-8 as U+FFFD, U+2028 and
// U+2029 escaped.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
