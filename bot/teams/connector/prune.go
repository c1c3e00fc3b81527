package connector

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

// opaqueKeys hold caller-defined payloads (card content, channel data,
// action values): they are copied verbatim, because in an Adaptive Card an
// empty string, false or an empty array can be meaningful.
var opaqueKeys = map[string]bool{"content": true, "channelData": true, "value": true}

// MarshalActivity is json.Marshal for an activity, minus the empty values
// msbotbuilder-go's schema emits despite omitempty (zero timestamps and
// expiration, {} for unset struct fields such as from, relatesTo,
// suggestedActions, semanticAction) which the Bot Framework protocol
// schema rejects. See [MarshalPruned].
func MarshalActivity(a schema.Activity) ([]byte, error) { return MarshalPruned(a) }

// MarshalPruned marshals v to JSON and then removes, recursively, every
// null, empty string, zero RFC 3339 timestamp, empty object and empty
// array, and object members or array elements that become empty that way.
// Values under the keys "content", "channelData" and "value" are kept as
// they are. Numbers keep their exact text. HTML characters are not escaped,
// so Teams mention markup (<at>…</at>) stays readable on the wire.
func MarshalPruned(v any) ([]byte, error) {
	// A bot's messages, most of what a bot sends, are written directly.
	switch a := v.(type) {
	case schema.Activity:
		if out, ok := appendActivity(make([]byte, 0, sizeHint(&a)), &a); ok {
			return out, nil
		}
	case *schema.Activity:
		if a != nil {
			if out, ok := appendActivity(make([]byte, 0, sizeHint(a)), a); ok {
				return out, nil
			}
		}
	}
	return marshalPruned(v)
}

// marshalPruned is MarshalPruned for any value.
func marshalPruned(v any) ([]byte, error) {
	// One encoding pass, then one walk over its bytes: the tree of maps this used to
	// decode into and encode again was a tenth of a Teams turn's CPU.
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	w := walker{in: bytes.TrimSuffix(raw.Bytes(), []byte("\n")), out: make([]byte, 0, raw.Len())}
	if !w.value(true) {
		// The whole value was empty; "{}" is still a valid request body.
		return []byte("{}"), nil
	}
	return w.out, nil
}

// walker copies compact JSON from in to out, sorting object members by key (as
// encoding a map does) and, when pruning, leaving out the empty values MarshalPruned
// removes. in is the output of encoding/json, so it is valid and has no spaces.
type walker struct {
	in, out []byte
	pos     int
}

// value copies the value at pos and reports whether anything of it was kept; when
// nothing was, out is as it was before.
func (w *walker) value(pruning bool) bool {
	switch c := w.in[w.pos]; c {
	case '{':
		return w.object(pruning)
	case '[':
		return w.array(pruning)
	case '"':
		end := w.stringEnd(w.pos)
		lit := w.in[w.pos:end]
		w.pos = end
		if pruning && (len(lit) == 2 || isZeroTime(string(lit[1:len(lit)-1]))) {
			return false
		}
		w.out = append(w.out, lit...)
		return true
	case 'n':
		w.pos += len("null")
		if pruning {
			return false
		}
		w.out = append(w.out, "null"...)
		return true
	default: // number, true, false: copied as they are
		end := w.pos
		for end < len(w.in) && !bytes.ContainsRune([]byte(",]}"), rune(w.in[end])) {
			end++
		}
		w.out = append(w.out, w.in[w.pos:end]...)
		w.pos = end
		return true
	}
}

// member is an object member already copied to out[from:to], keyed for sorting.
type member struct {
	key      string
	from, to int
}

func (w *walker) object(pruning bool) bool {
	start := len(w.out)
	w.out = append(w.out, '{')
	w.pos++ // {
	var members []member
	sorted := true
	for w.in[w.pos] != '}' {
		keyEnd := w.stringEnd(w.pos)
		rawKey := w.in[w.pos:keyEnd]
		key := string(rawKey[1 : len(rawKey)-1])
		if bytes.IndexByte(rawKey, '\\') >= 0 {
			json.Unmarshal(rawKey, &key) // valid: encoding/json wrote it
		}
		w.pos = keyEnd + 1 // the key and ':'
		from := len(w.out)
		w.out = append(w.out, rawKey...)
		w.out = append(w.out, ':')
		opaque := pruning && opaqueKeys[key]
		kept := false
		if opaque && w.in[w.pos] == 'n' {
			w.pos += len("null") // an opaque payload that is null is left out too
		} else {
			kept = w.value(pruning && !opaque) || opaque
		}
		if kept {
			if n := len(members); n > 0 && members[n-1].key > key {
				sorted = false
			}
			members = append(members, member{key, from, len(w.out)})
			w.out = append(w.out, ',')
		} else {
			w.out = w.out[:from]
		}
		if w.in[w.pos] == ',' {
			w.pos++
		}
	}
	w.pos++ // }
	if len(members) == 0 && pruning {
		w.out = w.out[:start]
		return false
	}
	if !sorted {
		w.sortMembers(start+1, members)
	}
	if len(members) > 0 {
		w.out = w.out[:len(w.out)-1] // the last ','
	}
	w.out = append(w.out, '}')
	return true
}

// sortMembers rewrites out from at on, where members lie each followed by ',', in
// key order.
func (w *walker) sortMembers(at int, members []member) {
	slices.SortStableFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
	tail := make([]byte, 0, len(w.out)-at)
	for _, m := range members {
		tail = append(tail, w.out[m.from:m.to]...)
		tail = append(tail, ',')
	}
	w.out = append(w.out[:at], tail...)
}

func (w *walker) array(pruning bool) bool {
	start := len(w.out)
	w.out = append(w.out, '[')
	w.pos++ // [
	n := 0
	for w.in[w.pos] != ']' {
		if w.value(pruning) {
			w.out = append(w.out, ',')
			n++
		}
		if w.in[w.pos] == ',' {
			w.pos++
		}
	}
	w.pos++ // ]
	if n == 0 && pruning {
		w.out = w.out[:start]
		return false
	}
	if n > 0 {
		w.out = w.out[:len(w.out)-1]
	}
	w.out = append(w.out, ']')
	return true
}

// stringEnd returns the index just past the string literal starting at i.
func (w *walker) stringEnd(i int) int {
	for i++; ; i++ {
		switch w.in[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
}

// isZeroTime reports whether s is an RFC 3339 timestamp of time.Time{},
// which is what a zero time.Time field marshals to.
func isZeroTime(s string) bool {
	if len(s) < len("0001-01-01T00:00:00Z") || s[4] != '-' {
		return false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return err == nil && t.IsZero()
}
