package policy

import (
	"fmt"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/text"
)

// benchInventory is the test inventory grown to 200 systems and 50 uses: the sizes
// the issue sets for the performance target.
func benchInventory(t testing.TB) *inventory.Inventory {
	inv := testEngine(t).Inventory().Clone()
	subjects := []string{"géographie", "histoire", "chimie", "physique", "musique", "théâtre", "robotique",
		"philosophie", "économie", "biologie", "éthique", "littérature", "astronomie", "cuisine"}
	for i := len(inv.Uses); i < 50; i++ {
		s := subjects[i%len(subjects)]
		inv.Uses = append(inv.Uses, inventory.Use{
			ID:    fmt.Sprintf("generated-%d", i),
			Label: inventory.Text{FR: "Usage " + s, EN: "Use " + s},
			Keywords: inventory.Keywords{
				FR: []string{fmt.Sprintf("atelier de %s niveau %d", s, i), "projet de " + s, s + " appliquée"},
				EN: []string{fmt.Sprintf("%s workshop level %d", s, i), s + " project"},
			},
		})
	}
	rules := []inventory.Rule{inventory.Permitted, inventory.Restricted, inventory.Forbidden, ""}
	for i := len(inv.Systems); i < 200; i++ {
		s := inventory.System{ID: fmt.Sprintf("outil-%03d", i), Name: fmt.Sprintf("Outil Pédago %03d", i),
			Aliases: []string{fmt.Sprintf("pedago%03d", i), fmt.Sprintf("assistant classe %03d", i)},
			Kind:    inventory.Kinds[i%2], Hosting: inventory.Hostings[i%3], Status: inventory.Statuses[i%3]}
		for j, u := range inv.Uses {
			switch rules[(i+j)%4] {
			case inventory.Permitted:
				s.Permitted = append(s.Permitted, u.ID)
			case inventory.Restricted:
				s.Restricted = append(s.Restricted, inventory.Restriction{Use: u.ID, Conditions: inventory.Text{FR: "Sans nom.", EN: "No names."}})
			case inventory.Forbidden:
				s.Forbidden = append(s.Forbidden, u.ID)
			}
		}
		inv.Systems = append(inv.Systems, s)
	}
	if err := inv.Validate(); err != nil {
		t.Fatal(err)
	}
	return inv
}

func benchQuestions() []string {
	qs := make([]string, 0, len(questions)+20)
	for _, c := range questions {
		qs = append(qs, c.q)
	}
	for i := 0; i < 20; i++ {
		qs = append(qs, fmt.Sprintf("Puis-je utiliser l'Outil Pédago %03d pour résumer les notes de réunion de l'équipe ?", 10+i*9),
			fmt.Sprintf("Can I use pedago%03d for a robotics workshop level 12 with my class?", 10+i*9))
	}
	return qs
}

// BenchmarkEvaluate measures one evaluation on 200 systems × 50 uses (target: under
// 100 µs per question on one core: go test -bench Evaluate -cpu 1 ./bot/policy).
func BenchmarkEvaluate(b *testing.B) {
	e := NewEngine(benchInventory(b))
	qs := benchQuestions()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Evaluate(qs[i%len(qs)], i18n.FR)
	}
}

// BenchmarkEvaluateColdStems is the same with the stem cache emptied before each
// question: the worst case, every word stemmed anew.
func BenchmarkEvaluateColdStems(b *testing.B) {
	e := NewEngine(benchInventory(b))
	qs := benchQuestions()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text.ClearStemCache()
		e.Evaluate(qs[i%len(qs)], i18n.FR)
	}
}

// BenchmarkNewEngine measures rebuilding the indexes after an inventory change.
func BenchmarkNewEngine(b *testing.B) {
	inv := benchInventory(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		NewEngine(inv)
	}
}

func TestBenchInventoryAnswers(t *testing.T) {
	e := NewEngine(benchInventory(t))
	r := e.Evaluate("Puis-je utiliser l'Outil Pédago 100 pour un projet de robotique ?", i18n.FR)
	if r.SystemID != "outil-100" || r.UseID == "" {
		t.Errorf("generated inventory: %+v", r)
	}
}
