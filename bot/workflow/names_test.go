package workflow

import (
	"slices"
	"testing"
)

func TestProposedAliases(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"MagicSchool AI (version gratuite pour enseignants)", []string{"MagicSchool AI", "MagicSchool"}},
		{"Brisk Teaching", nil},
		{"Khanmigo IA", []string{"Khanmigo"}},
		{"Mistral Le Chat 2.1 beta", []string{"Mistral Le Chat 2.1", "Mistral Le Chat"}},
		{"ChatGPT Édu", nil},
		{"Gamma AI [bêta]", []string{"Gamma AI", "Gamma"}},
		{"AI", nil},
		{"Diffit (for teachers)", []string{"Diffit"}},
	} {
		if got := ProposedAliases(tc.name); !slices.Equal(got, tc.want) {
			t.Errorf("ProposedAliases(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestNameMatch(t *testing.T) {
	names := []string{"chatgpt", "ChatGPT", "chat gpt"}
	for _, tc := range []struct {
		typed       string
		exact, typo bool
	}{
		{"ChatGPT", true, false},
		{"Chat-GPT", true, false},
		{"chatgtp", false, true},
		{"chatgpu", false, true},
		{"chatgptx", false, true},
		{"chagpt", false, true},
		{"chtgtp", false, false},
		{"Claude", false, false},
		{"", false, false},
	} {
		exact, typo := NameMatch(tc.typed, names)
		if exact != tc.exact || typo != tc.typo {
			t.Errorf("NameMatch(%q) = %v, %v; want %v, %v", tc.typed, exact, typo, tc.exact, tc.typo)
		}
	}
	if _, typo := NameMatch("gama", []string{"gamma"}); typo {
		t.Error("a name under five letters matches only exactly")
	}
}
