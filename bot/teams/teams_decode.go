package teams

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

// unmarshalInbound is json.Unmarshal(data, in) in one pass: encoding/json checks the
// whole body, then decodes it by reflection, which was most of the channel's own CPU
// on a message. The activity's strings and accounts are read here; the rarer values
// (entities, membersAdded, value) go to encoding/json, each on its own bytes.
// FuzzDecodeAsEncodingJSON holds it to encoding/json's results: the same fields, case-
// insensitive keys, duplicates merged, the same strings (U+FFFD for invalid UTF-8),
// and an error for any input encoding/json refuses.
func unmarshalInbound(data []byte, in *inbound) error {
	d := decoder{data: data}
	d.ws()
	if d.peek() == 'n' {
		if !d.literal("null") {
			return errSyntax
		}
	} else if err := d.object(func(key []byte) error { return d.inboundField(key, in) }); err != nil {
		return err
	}
	d.ws()
	if d.pos != len(d.data) {
		return errSyntax
	}
	return nil
}

var (
	errSyntax = errors.New("teams: activity is not valid JSON")
	errType   = errors.New("teams: activity field of the wrong type")
)

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

type decoder struct {
	data  []byte
	pos   int
	depth int
}

func (d *decoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next byte, 0 at the end.
func (d *decoder) peek() byte {
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

func (d *decoder) literal(lit string) bool {
	if !strings.HasPrefix(string(d.data[d.pos:min(len(d.data), d.pos+len(lit))]), lit) {
		return false
	}
	d.pos += len(lit)
	return true
}

// object reads an object at pos, calling field for each member with pos on its value
// (after the colon and spaces); field must consume the value.
func (d *decoder) object(field func(key []byte) error) error {
	if d.peek() != '{' {
		return errType
	}
	if d.depth++; d.depth > maxDepth {
		return errSyntax
	}
	d.pos++
	d.ws()
	if d.peek() == '}' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		d.ws()
		key, err := d.key()
		if err != nil {
			return errSyntax
		}
		d.ws()
		if d.peek() != ':' {
			return errSyntax
		}
		d.pos++
		d.ws()
		if err := field(key); err != nil {
			return err
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return nil
		default:
			return errSyntax
		}
	}
}

// str reads a string value into *s; null leaves it as it is.
func (d *decoder) str(s *string) error {
	switch d.peek() {
	case '"':
		v, err := d.string()
		if err != nil {
			return err
		}
		*s = v
		return nil
	case 'n':
		if d.literal("null") {
			return nil
		}
		return errSyntax
	}
	return d.mismatch()
}

// mismatch skips a value of the wrong type: errType if it is valid JSON.
func (d *decoder) mismatch() error {
	if err := d.skip(); err != nil {
		return err
	}
	return errType
}

// into reads an object value with fields; null leaves it as it is.
func (d *decoder) into(fields func(key []byte) error) error {
	switch d.peek() {
	case '{':
		return d.object(fields)
	case 'n':
		if d.literal("null") {
			return nil
		}
		return errSyntax
	}
	return d.mismatch()
}

// delegate hands the value at pos to encoding/json, decoding into v as Unmarshal
// does a field (merging into what is there, null for a map or slice making it nil).
func (d *decoder) delegate(v any) error {
	start := d.pos
	if err := d.skip(); err != nil {
		return err
	}
	if err := json.Unmarshal(d.data[start:d.pos], v); err != nil {
		return errType
	}
	return nil
}

// is reports whether a key names the field whose JSON name is name: encoding/json
// matches names case-insensitively (bytes.EqualFold's folding).
func is(key []byte, name string) bool {
	if string(key) == name {
		return true
	}
	if len(key) != len(name) {
		for _, c := range key {
			if c >= utf8.RuneSelf { // "ſ" and "K" fold to ASCII letters
				return bytes.EqualFold(key, []byte(name))
			}
		}
		return false
	}
	for i, c := range key {
		if c >= utf8.RuneSelf {
			return bytes.EqualFold(key, []byte(name))
		}
		if lower(c) != lower(name[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func (d *decoder) inboundField(key []byte, in *inbound) error {
	switch {
	case is(key, "type"):
		return d.str((*string)(&in.Type))
	case is(key, "id"):
		return d.str(&in.ID)
	case is(key, "serviceUrl"):
		return d.str(&in.ServiceURL)
	case is(key, "channelId"):
		return d.str(&in.ChannelID)
	case is(key, "from"):
		return d.into(func(k []byte) error { return d.account(k, &in.From) })
	case is(key, "conversation"):
		return d.into(func(k []byte) error { return d.conversation(k, &in.Conversation) })
	case is(key, "recipient"):
		return d.into(func(k []byte) error { return d.account(k, &in.Recipient) })
	case is(key, "membersAdded"):
		return d.delegate(&in.MembersAdded)
	case is(key, "locale"):
		return d.str(&in.Locale)
	case is(key, "text"):
		return d.str(&in.Text)
	case is(key, "entities"):
		return d.entities(&in.Entities)
	case is(key, "channelData"):
		return d.into(func(k []byte) error {
			if is(k, "tenant") {
				return d.into(func(k []byte) error {
					if is(k, "id") {
						return d.str(&in.ChannelData.Tenant.ID)
					}
					return d.skip()
				})
			}
			return d.skip()
		})
	case is(key, "replyToId"):
		return d.str(&in.ReplyToID)
	case is(key, "value"):
		return d.delegate(&in.Value)
	case is(key, "name"):
		return d.str(&in.Name)
	}
	return d.skip()
}

func (d *decoder) account(key []byte, a *schema.ChannelAccount) error {
	switch {
	case is(key, "id"):
		return d.str(&a.ID)
	case is(key, "name"):
		return d.str(&a.Name)
	case is(key, "aadObjectId"):
		return d.str(&a.AadObjectID)
	case is(key, "role"):
		return d.str((*string)(&a.Role))
	}
	return d.skip()
}

func (d *decoder) conversation(key []byte, c *schema.ConversationAccount) error {
	switch {
	case is(key, "isGroup"):
		switch d.peek() {
		case 't', 'f':
			if d.literal("true") {
				c.IsGroup = true
				return nil
			}
			if d.literal("false") {
				c.IsGroup = false
				return nil
			}
			return errSyntax
		case 'n':
			if d.literal("null") {
				return nil
			}
			return errSyntax
		}
		return d.mismatch()
	case is(key, "conversationType"):
		return d.str(&c.ConversationType)
	case is(key, "tenantId"):
		return d.str(&c.TenantID)
	case is(key, "id"):
		return d.str(&c.ID)
	case is(key, "name"):
		return d.str(&c.Name)
	case is(key, "aadObjectId"):
		return d.str(&c.AadObjectID)
	case is(key, "role"):
		return d.str((*string)(&c.Role))
	}
	return d.skip()
}

// skip checks and passes the value at pos.
func (d *decoder) skip() error {
	switch c := d.peek(); {
	case c == '{':
		return d.object(func([]byte) error { return d.skip() })
	case c == '[':
		if d.depth++; d.depth > maxDepth {
			return errSyntax
		}
		d.pos++
		d.ws()
		if d.peek() == ']' {
			d.pos++
			d.depth--
			return nil
		}
		for {
			d.ws()
			if err := d.skip(); err != nil {
				return err
			}
			d.ws()
			switch d.peek() {
			case ',':
				d.pos++
			case ']':
				d.pos++
				d.depth--
				return nil
			default:
				return errSyntax
			}
		}
	case c == '"':
		return d.skipString()
	case c == 't':
		return d.lit("true")
	case c == 'f':
		return d.lit("false")
	case c == 'n':
		return d.lit("null")
	case c == '-' || '0' <= c && c <= '9':
		return d.number()
	}
	return errSyntax
}

func (d *decoder) lit(s string) error {
	if d.literal(s) {
		return nil
	}
	return errSyntax
}

// number passes a number as JSON writes them: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *decoder) number() error {
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && '0' <= d.data[d.pos] && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	if d.peek() == '-' {
		d.pos++
	}
	switch c := d.peek(); {
	case c == '0':
		d.pos++
	case '1' <= c && c <= '9':
		digits()
	default:
		return errSyntax
	}
	if d.peek() == '.' {
		d.pos++
		if digits() == 0 {
			return errSyntax
		}
	}
	if c := d.peek(); c == 'e' || c == 'E' {
		d.pos++
		if c := d.peek(); c == '+' || c == '-' {
			d.pos++
		}
		if digits() == 0 {
			return errSyntax
		}
	}
	return nil
}

// key reads a member name: the literal's own bytes when it has no escape (no copy),
// else its value.
func (d *decoder) key() ([]byte, error) {
	if d.peek() != '"' {
		return nil, errSyntax
	}
	start := d.pos + 1
	for i := start; i < len(d.data); i++ {
		c := d.data[i]
		if c == '"' {
			d.pos = i + 1
			return d.data[start:i], nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break // escapes, errors, UTF-8 to check: the general way
		}
	}
	s, err := d.string()
	return []byte(s), err
}

// skipString checks and passes a string literal.
func (d *decoder) skipString() error {
	d.pos++ // '"'
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; {
		case c == '"':
			d.pos++
			return nil
		case c == '\\':
			if d.pos+1 >= len(d.data) {
				return errSyntax
			}
			switch d.data[d.pos+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				d.pos += 2
			case 'u':
				if d.pos+6 > len(d.data) || hex4(d.data[d.pos+2:d.pos+6]) < 0 {
					return errSyntax
				}
				d.pos += 6
			default:
				return errSyntax
			}
		case c < 0x20:
			return errSyntax
		default:
			d.pos++
		}
	}
	return errSyntax
}

// entities reads the entities array into *s as encoding/json decodes a slice: into
// the elements already there (a repeated key merges), the length set to the array's,
// an empty array as an empty slice, null as nil.
func (d *decoder) entities(s *[]entity) error {
	switch d.peek() {
	case 'n':
		if !d.literal("null") {
			return errSyntax
		}
		*s = nil
		return nil
	case '[':
	default:
		return d.mismatch()
	}
	if d.depth++; d.depth > maxDepth {
		return errSyntax
	}
	d.pos++
	d.ws()
	v, i := *s, 0
	if d.peek() == ']' {
		d.pos++
	} else {
		for {
			d.ws()
			if i >= cap(v) {
				v = slices.Grow(v, 1)
			}
			if i >= len(v) {
				v = v[:i+1]
			}
			e := &v[i]
			err := d.into(func(k []byte) error {
				switch {
				case is(k, "type"):
					return d.str(&e.Type)
				case is(k, "text"):
					return d.str(&e.Text)
				case is(k, "mentioned"):
					return d.into(func(k []byte) error {
						if is(k, "id") {
							return d.str(&e.Mentioned.ID)
						}
						return d.skip()
					})
				case is(k, "locale"):
					return d.str(&e.Locale)
				}
				return d.skip()
			})
			if err != nil {
				return err
			}
			i++
			d.ws()
			if d.peek() == ',' {
				d.pos++
				continue
			}
			if d.peek() != ']' {
				return errSyntax
			}
			d.pos++
			break
		}
	}
	d.depth--
	if i < len(v) {
		v = v[:i]
	}
	if i == 0 {
		v = []entity{}
	}
	*s = v
	return nil
}

// string reads a string literal at pos and returns its value as encoding/json
// unquotes it.
func (d *decoder) string() (string, error) {
	if d.peek() != '"' {
		return "", errSyntax
	}
	d.pos++
	start := d.pos
	// Most strings are plain: no escape, valid UTF-8.
	plain := true
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			s := d.data[start:d.pos]
			d.pos++
			if plain || utf8.Valid(s) {
				return string(s), nil
			}
			return unquote(s)
		case c == '\\':
			return d.escaped(start)
		case c < 0x20:
			return "", errSyntax
		case c >= utf8.RuneSelf:
			plain = false
		}
		d.pos++
	}
	return "", errSyntax
}

// escaped finishes a string with escapes that started at start.
func (d *decoder) escaped(start int) (string, error) {
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; {
		case c == '"':
			s := d.data[start:d.pos]
			d.pos++
			return unquote(s)
		case c == '\\':
			if d.pos+1 >= len(d.data) {
				return "", errSyntax
			}
			switch d.data[d.pos+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				d.pos += 2
			case 'u':
				if d.pos+6 > len(d.data) || hex4(d.data[d.pos+2:d.pos+6]) < 0 {
					return "", errSyntax
				}
				d.pos += 6
			default:
				return "", errSyntax
			}
		case c < 0x20:
			return "", errSyntax
		default:
			d.pos++
		}
	}
	return "", errSyntax
}

// hex4 is the value of four hex digits, -1 if they are not.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquote decodes the checked contents s of a string literal as encoding/json does:
// escapes, surrogate pairs (a lone surrogate is U+FFFD), invalid UTF-8 as U+FFFD.
func unquote(s []byte) (string, error) {
	b := make([]byte, 0, len(s)+2*utf8.UTFMax)
	for r := 0; r < len(s); {
		switch c := s[r]; {
		case c == '\\':
			switch e := s[r+1]; e {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				rr := hex4(s[r+2:])
				r += 6
				if utf16.IsSurrogate(rr) {
					if r+6 <= len(s) && s[r] == '\\' && s[r+1] == 'u' {
						if dec := utf16.DecodeRune(rr, hex4(s[r+2:])); dec != unicode.ReplacementChar {
							r += 6
							b = utf8.AppendRune(b, dec)
							continue
						}
					}
					rr = unicode.ReplacementChar
				}
				b = utf8.AppendRune(b, rr)
				continue
			default: // '"', '\\', '/'
				b = append(b, e)
			}
			r += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			if rr == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, unicode.ReplacementChar)
			} else {
				b = append(b, s[r:r+size]...)
			}
			r += size
		}
	}
	return string(b), nil
}
