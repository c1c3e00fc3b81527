package blockkit_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/blockkit"
)

func TestMrkdwn(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"bold", "**Oui**, permis", "*Oui*, permis"},
		{"two bolds", "**a** et **b**", "*a* et *b*"},
		{"italic kept", "_Copilot_", "_Copilot_"},
		{"escapes", "<!channel> & <https://x|y>", "&lt;!channel&gt; &amp; &lt;https://x|y&gt;"},
		{"list", "Conditions :\n- une\n  - deux", "Conditions :\n• une\n  • deux"},
		{"dash inside line kept", "6.2 - 6.3", "6.2 - 6.3"},
		{"unclosed bold kept", "**ouvert", "**ouvert"},
		{"crlf", "a\r\nb", "a\nb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := blockkit.Mrkdwn(tc.in); got != tc.want {
				t.Errorf("Mrkdwn(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "abc", 3, "abc"},
		{"cut", "abcdef", 4, "abc…"},
		{"trailing space dropped", "ab cdef", 4, "ab…"},
		{"accents count once", "éééé", 4, "éééé"},
		{"emoji count twice", "👍👍👍", 5, "👍👍…"},
		{"entity not split", "ab &amp; cd", 6, "ab…"},
		{"whole entity kept", "&amp;&amp;", 6, "&amp;…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := blockkit.Truncate(tc.in, tc.max)
			if got != tc.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
			if blockkit.Len(got) > tc.max {
				t.Errorf("Truncate(%q, %d) is %d long", tc.in, tc.max, blockkit.Len(got))
			}
		})
	}
}

func TestSplit(t *testing.T) {
	para := strings.Repeat("mot ", 10) // 40 characters
	for _, tc := range []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"empty", "\n\n", 10, nil},
		{"fits", "a\n\nb", 10, []string{"a\n\nb"}},
		{"at paragraph", strings.TrimSpace(para) + "\n\n" + strings.TrimSpace(para), 50, []string{strings.TrimSpace(para), strings.TrimSpace(para)}},
		{"at space", "aaaa bbbb cccc", 10, []string{"aaaa bbbb", "cccc"}},
		{"long word", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"entity kept whole", "ab&amp;cd", 5, []string{"ab", "&amp;", "cd"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := blockkit.Split(tc.in, tc.max)
			if strings.Join(got, "¶") != strings.Join(tc.want, "¶") {
				t.Errorf("Split(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
		})
	}
}

// TestSplitKeepsEverything checks, on a long text, that chunks fit and that nothing
// but the whitespace at the cuts is lost.
func TestSplitKeepsEverything(t *testing.T) {
	in := strings.Repeat("Une phrase & des <annexes>, avec des accents é.\n", 300)
	in = blockkit.Mrkdwn(in)
	chunks := blockkit.Split(in, blockkit.MaxSectionText)
	if len(chunks) < 2 {
		t.Fatalf("Split gave %d chunks, want several", len(chunks))
	}
	for i, c := range chunks {
		if n := blockkit.Len(c); n > blockkit.MaxSectionText {
			t.Errorf("chunk %d is %d long", i, n)
		}
	}
	if got, want := strings.Join(strings.Fields(strings.Join(chunks, " ")), " "), strings.Join(strings.Fields(in), " "); got != want {
		t.Errorf("chunks lost text: %d words, want %d", len(strings.Fields(got)), len(strings.Fields(want)))
	}
}

// TestHostileCardTextStaysInert: what a requester types into a card's title and facts
// can never become a Slack link, mention or broadcast (Slack mrkdwn needs < > for
// those, and they are escaped everywhere).
func TestHostileCardTextStaysInert(t *testing.T) {
	hostile := "<https://evil.example/phish|Cliquez ici pour approuver> <!channel> <@U123> [lien](https://evil.example) & co"
	c := &cards.Card{Title: "Demande n° 7 : " + hostile, Subtitle: hostile,
		Sections: []cards.Section{{Heading: hostile, Facts: []cards.Fact{{Label: "Système", Value: hostile}},
			Checklist: []cards.Check{{Label: hostile}}}},
		Footer: hostile}
	blocks, err := blockkit.Render(c)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(blocks)
	var texts []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			// plain_text (the header) is never parsed by Slack; mrkdwn is.
			if s, ok := x["text"].(string); ok && x["type"] == "mrkdwn" {
				texts = append(texts, s)
			}
			for _, el := range x {
				walk(el)
			}
		case []any:
			for _, el := range x {
				walk(el)
			}
		}
	}
	var doc any
	json.Unmarshal(raw, &doc)
	walk(doc)
	if len(texts) < 4 {
		t.Fatalf("only %d texts in %s", len(texts), raw)
	}
	for _, s := range texts {
		if strings.ContainsAny(s, "<>") || strings.Contains(strings.ReplaceAll(s, "&amp;", ""), "& ") {
			t.Errorf("unescaped text %q", s)
		}
	}
}
