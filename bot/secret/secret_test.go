package secret

import (
	"bytes"
	"errors"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://iagbot:S3cretPw@127.0.0.1:1/iagbot", "postgres://iagbot:xxxxx@127.0.0.1:1/iagbot"},
		{"IAGBOT_DB=postgres://iagbot:S3cretPw@db/iagbot?sslmode=require: dial error", "IAGBOT_DB=postgres://iagbot:xxxxx@db/iagbot?sslmode=require: dial error"},
		{"postgresql://u:p%40ss@h/d?password=Other", "postgresql://u:xxxxx@h/d?password=xxxxx"},
		{"host=db user=iagbot password=S3cretPw dbname=iagbot", "host=db user=iagbot password=xxxxx dbname=iagbot"},
		{"https://hooks.example/x?token=abc&lang=fr", "https://hooks.example/x?lang=fr&token=xxxxx"},
		{"postgres://iagbot@db/iagbot", "postgres://iagbot@db/iagbot"},
		{"iagbot.db", "iagbot.db"},
		// A quote in the password, spaces around "=", an escaped quote inside quotes.
		{"IAGBOT_DB=postgres://iagbot:S3c'retPw@db/iagbot: refused", "IAGBOT_DB=postgres://iagbot:xxxxx@db/iagbot: refused"},
		{"host=db password = S3cretPw dbname=iagbot", "host=db password=xxxxx dbname=iagbot"},
		{`host=db password='S3\'cretPw x' dbname=iagbot`, "host=db password=xxxxx dbname=iagbot"},
		{"https://slack.com/api/", "https://slack.com/api/"},
	} {
		got := Redact(tc.in)
		if got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if strings.Contains(got, "cretPw") || strings.Contains(got, "abc&") {
			t.Errorf("Redact(%q) keeps the secret: %q", tc.in, got)
		}
	}
}

func TestErrorKeepsTheChain(t *testing.T) {
	err := Error(errors.Join(errors.New("open postgres://a:S3cretPw@h/d"), fs.ErrNotExist))
	if strings.Contains(err.Error(), "S3cretPw") || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Error = %q (Is ErrNotExist: %v)", err, errors.Is(err, fs.ErrNotExist))
	}
}

func TestHandler(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(Handler(slog.NewJSONHandler(&buf, nil))).With("db", "postgres://a:S3cretPw@h/d")
	log.Error("open postgres://a:S3cretPw@h/d failed", "error", errors.New("dial postgres://a:S3cretPw@h/d"),
		slog.Group("g", "url", "https://x/?token=S3cretPw"))
	if strings.Contains(buf.String(), "S3cretPw") || !strings.Contains(buf.String(), Mask) {
		t.Fatalf("log keeps the secret: %s", buf.String())
	}
}
