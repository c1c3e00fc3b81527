package inventory

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func parseFile(t *testing.T, name string) (*Inventory, error) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Parse(f)
}

func TestParseGood(t *testing.T) {
	inv, err := parseFile(t, "testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := false
	want := &Inventory{
		Version: 1,
		Uses: []Use{
			{ID: "summary", Label: Text{"Synthèse", "Summary"}, Keywords: Keywords{FR: []string{"résumer", "synthèse"}, EN: []string{"summarize", "summary"}}},
			{ID: "grading", Label: Text{"Correction", "Grading"}, Keywords: Keywords{FR: []string{"corriger"}}},
			{ID: "parent-communication", Label: Text{"Communication aux parents", "Parent communication"}, Keywords: Keywords{EN: []string{"email to parents"}}},
		},
		Systems: []System{{
			ID: "copilot-chat", Name: "Microsoft Copilot Chat", Aliases: []string{"copilot", "copilot chat"},
			Kind: Public, Open: &f, Specialized: &f, Vendor: "Microsoft", Hosting: Canada, Status: Approved,
			EFVP:      EFVP{Done: Date{2026, 5, 1}, NextReview: Date{2027, 5, 1}},
			Permitted: []string{"summary"},
			Restricted: []Restriction{{Use: "parent-communication",
				Conditions: Text{"Sans renseignement personnel.", "No personal information."}}},
			Forbidden: []string{"grading"},
		}},
	}
	if !reflect.DeepEqual(inv, want) {
		t.Errorf("Parse(good.yaml) =\n%+v\nwant\n%+v", inv, want)
	}
	r, c, ok := inv.Systems[0].RuleFor("parent-communication")
	if !ok || r != Restricted || c.In("en") != "No personal information." {
		t.Errorf("RuleFor = %v %v %v", r, c, ok)
	}
	if _, _, ok := inv.Systems[0].RuleFor("translation"); ok {
		t.Error("RuleFor(unlisted) reported ok")
	}
}

// TestParseReportsEveryProblem checks that one run reports all the problems of a file,
// each at the right line.
func TestParseReportsEveryProblem(t *testing.T) {
	_, err := parseFile(t, "testdata/bad.yaml")
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want *ValidationError", err)
	}
	want := []struct {
		line int
		msg  string
	}{
		{1, "version 2 is not supported"},
		{6, `duplicate use id "summary" (first at line 3)`},
		{7, `label.en of use "summary" is missing`},
		{9, `use id "Bad Id" must be lower-case`},
		{12, "automated_decision must be true or false"},
		{17, `kind "publik" is not one of public, private`},
		{20, "is not a date"},
		{21, `unknown use id "grading" in system "copilot-chat"`},
		{22, `use "summary" is listed twice for system "copilot-chat" (also line 21)`},
		{24, `name "ChatGPT" is already a name or alias of system "copilot-chat" (line 16)`},
		{27, `hosting "mars" is not one of`},
		{28, `status "aproved" is not one of`},
		{29, `unknown field "colour"`},
		{32, `conditions.en of restricted use "summary" is missing`},
		{33, `duplicate system id "chatgpt" (first at line 23)`},
		{33, `name of system "chatgpt" is missing`},
	}
	got := ve.Problems
	for _, w := range want {
		found := false
		for _, p := range got {
			if p.Line == w.line && strings.Contains(p.Msg, w.msg) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("missing problem at line %d: %q", w.line, w.msg)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(want), err)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Line < got[i-1].Line {
			t.Errorf("problems not sorted by line: %v", got)
		}
	}
}

func TestParseSyntaxAndShape(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		line           int
	}{
		{"empty", "", "the file is empty", 1},
		{"not yaml", "version: 1\nuses: [\n", "not valid YAML", 2},
		{"not a mapping", "- 1\n- 2\n", "must be a mapping", 1},
		{"missing parts", "version: 1\n", "uses is missing", 1},
		{"missing version", "uses: []\nsystems: []\n", "version is missing", 1},
		{"version text", "version: one\nuses: []\nsystems: []\n", "whole number", 1},
		{"uses not list", "version: 1\nuses: {a: 1}\nsystems: []\n", "uses must be a list", 2},
		{"duplicate key", "version: 1\nversion: 1\nuses: []\nsystems: []\n", `field "version" is given twice`, 2},
		{"alias noise", "version: 1\nuses: []\nsystems:\n  - {id: a, name: A, kind: public, hosting: quebec, status: approved, aliases: [\"--\"]}\n", "has no letters or digits", 4},
		{"next before done", "version: 1\nuses: []\nsystems:\n  - id: a\n    name: A\n    kind: public\n    hosting: quebec\n    status: approved\n    efvp: {done: 2026-05-01, next_review: 2025-05-01}\n", "is before efvp.done", 9},
		{"no keywords", "version: 1\nuses:\n  - id: a\n    label: {fr: A, en: A}\nsystems: []\n", `use "a" has no keywords`, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.in))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v", err)
			}
			for _, p := range ve.Problems {
				if strings.Contains(p.Msg, tc.want) {
					if p.Line != tc.line {
						t.Errorf("%q at line %d, want %d", p.Msg, p.Line, tc.line)
					}
					return
				}
			}
			t.Errorf("no problem containing %q in:\n%v", tc.want, err)
		})
	}
}

func TestValidateInMemory(t *testing.T) {
	inv := Sample()
	if err := inv.Validate(); err != nil {
		t.Fatal(err)
	}
	inv.Systems[0].Kind = "cloud"
	inv.Systems[1].Aliases = append(inv.Systems[1].Aliases, "Co-Pilot")
	err := inv.Validate()
	if err == nil || !strings.Contains(err.Error(), `kind "cloud"`) || !strings.Contains(err.Error(), `alias "Co-Pilot"`) {
		t.Errorf("Validate = %v", err)
	}
	if strings.Contains(err.Error(), "line ") {
		t.Errorf("in-memory problems carry lines: %v", err)
	}
}

func TestSample(t *testing.T) {
	inv := Sample()
	if len(inv.Uses) < 20 || len(inv.Systems) < 6 {
		t.Fatalf("sample too small: %d uses, %d systems", len(inv.Uses), len(inv.Systems))
	}
	if !strings.Contains(string(SampleYAML()), "EXEMPLE") {
		t.Error("sample is not marked as example data")
	}
	seen := map[Status]bool{}
	private := false
	for _, s := range inv.Systems {
		seen[s.Status] = true
		private = private || (s.Kind == Private && s.Hosting == Quebec && s.Status == Approved)
	}
	if !private || !seen[Suspended] || !seen[Withdrawn] {
		t.Errorf("sample lacks a private Québec system, a suspended or a withdrawn one")
	}
	for _, id := range []string{"copilot-chat", "chatgpt"} {
		if s := inv.System(id); s == nil || s.Kind != Public {
			t.Errorf("sample: %s missing or not public (3.9)", id)
		}
	}
	auto := 0
	for _, u := range inv.Uses {
		if u.AutomatedDecision {
			auto++
		}
	}
	if auto < 3 {
		t.Errorf("sample has %d automated-decision uses, want 3+", auto)
	}
	// Sample returns a copy: changing one must not change the next.
	inv.Systems[0].Name = "changed"
	if Sample().Systems[0].Name == "changed" {
		t.Error("Sample shares state")
	}
}
