package main

import (
	"strings"
	"testing"
)

// TestSecretsAreNeverPrinted: a database URL with a password, refused at start, is
// named in the error without its password; the same for --help and the other
// commands that name IAGBOT_DB.
func TestSecretsAreNeverPrinted(t *testing.T) {
	const pw = "S3cretPw"
	env := map[string]string{"IAGBOT_DB": "postgres://iagbot:" + pw + "@127.0.0.1:1/iagbot?connect_timeout=2",
		"IAGBOT_ADDR": "127.0.0.1:0", "MICROSOFT_APP_PASSWORD": pw, "SLACK_SIGNING_SECRET": pw}
	for _, args := range [][]string{{"serve"}, {"migrate", "status"}, {"purge"}, {"serve", "--help"}, {"--help"}, {"audit", "export", "--help"}} {
		code, out, errOut := runCLI(t, env, "", args...)
		if strings.Contains(out+errOut, pw) {
			t.Errorf("iagbot %s (exit %d) printed the password:\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
		if args[0] == "serve" && len(args) == 1 {
			if code == 0 || !strings.Contains(errOut, "postgres://iagbot:xxxxx@127.0.0.1:1/iagbot") {
				t.Errorf("serve: exit %d, stderr should name the redacted URL:\n%s", code, errOut)
			}
		}
	}
}
