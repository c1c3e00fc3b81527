package slack

import "testing"

func TestPlainText(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		drop     []string
		want     string
	}{
		{"bot mention dropped", "<@UBOT> aide", []string{"UBOT"}, "aide"},
		{"other mention kept", "<@UBOT> demande pour <@U42>", []string{"UBOT"}, "demande pour @U42"},
		{"labelled mention", "avec <@U42|marie>", nil, "avec @marie"},
		{"channel", "dans <#C1|general>", nil, "dans #general"},
		{"special", "<!here> réunion", nil, "@here réunion"},
		{"link with label", "voir <https://x.ca/p|la procédure>", nil, "voir la procédure"},
		{"bare link", "<https://x.ca/p>", nil, "https://x.ca/p"},
		{"mail", "<mailto:a@b.ca|a@b.ca>", nil, "a@b.ca"},
		{"entities", "a &lt; b &amp;&amp; c &gt; d", nil, "a < b && c > d"},
		{"unbalanced", "3 < 4", nil, "3 < 4"},
		{"escaped markup stays text", "&lt;@U1&gt;", nil, "<@U1>"},
		{"lines kept", "un\ndeux", nil, "un\ndeux"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := plainText(tc.in, tc.drop); got != tc.want {
				t.Errorf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
