package connector

import (
	"bytes"
	"encoding/json"
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
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	tree, _ = prune(tree)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if tree == nil {
		// The whole value was empty; "{}" is still a valid request body.
		tree = map[string]any{}
	}
	if err := enc.Encode(tree); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// prune returns the pruned value and whether anything is left of it.
func prune(v any) (any, bool) {
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
	default: // json.Number, bool
		return x, true
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
