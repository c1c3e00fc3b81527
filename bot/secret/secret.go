// Package secret keeps credentials out of what iagbot prints: start-up errors, logs,
// --help and /readyz. Database URLs (IAGBOT_DB=postgres://user:password@host/db) and
// other URLs may carry a password in their user info or their query; Redact masks it
// wherever it appears in a text.
package secret

import (
	"context"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

// Mask replaces a secret's value.
const Mask = "xxxxx"

var (
	// urlRE finds URLs in free text: a scheme, "://", then up to a space or a quote.
	// The user info, up to its last "@", may hold quotes (a password "S3c'ret" needs
	// no escaping in a URL), so it is taken whole first.
	urlRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://(?:[^\s/@]*@)*[^\s"'<>` + "`" + `]+`)
	// kvRE finds key=value credentials in connection strings ("password=S3cret",
	// "password = 'S3 cret'"; libpq allows spaces around "=" and \' inside quotes).
	kvRE = regexp.MustCompile(`(?i)\b((?:ssl)?password|passwd|pwd|secret|token|api[_-]?key)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&;']+)`)
)

// secretParams are query parameters whose value is a credential.
var secretParams = []string{"password", "sslpassword", "passwd", "pwd", "secret", "token", "apikey", "api_key", "key", "sig", "signature"}

// Redact returns s with the password of every URL in it, credential query
// parameters and key=value credentials masked. Everything else is kept, so that an
// error still says which host or database it is about.
func Redact(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(s, "=") {
		return s
	}
	s = urlRE.ReplaceAllStringFunc(s, redactURL)
	return kvRE.ReplaceAllString(s, "${1}="+Mask)
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		// Not parseable: mask whatever sits between "://" and "@".
		if at := strings.LastIndex(raw, "@"); at > 0 {
			if i := strings.Index(raw, "://"); i >= 0 && i+3 < at {
				return raw[:i+3] + Mask + raw[at:]
			}
		}
		return raw
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), Mask)
		}
	}
	if u.RawQuery != "" {
		q := u.Query()
		changed := false
		for k := range q {
			for _, p := range secretParams {
				if strings.EqualFold(k, p) {
					q[k] = []string{Mask}
					changed = true
				}
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}

// Error wraps err so that its message is redacted; errors.Is and errors.As still see
// the original.
func Error(err error) error {
	if err == nil {
		return nil
	}
	return &redacted{err}
}

type redacted struct{ err error }

func (r *redacted) Error() string { return Redact(r.err.Error()) }
func (r *redacted) Unwrap() error { return r.err }

// Handler returns a slog.Handler that redacts the message and every string (and
// error) attribute before h sees them.
func Handler(h slog.Handler) slog.Handler { return &handler{h} }

type handler struct{ h slog.Handler }

func (r *handler) Enabled(ctx context.Context, l slog.Level) bool { return r.h.Enabled(ctx, l) }

func (r *handler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, Redact(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return r.h.Handle(ctx, out)
}

func (r *handler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = redactAttr(a)
	}
	return &handler{r.h.WithAttrs(red)}
}

func (r *handler) WithGroup(name string) slog.Handler { return &handler{r.h.WithGroup(name)} }

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Redact(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, x := range g {
			red[i] = redactAttr(x)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, Redact(err.Error()))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
