package annexe

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
)

func TestFindDates(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    string // stored dates, comma-separated; empty when bad
		bad     string // message id when refused
		numeric bool
	}{
		{"3 mars 2027", "2027-03-03", "", false},
		{"1er avril 2027", "2027-04-01", "", false},
		{"le lundi 3 mai 2027", "2027-05-03", "", false},
		{"2027-03-03", "2027-03-03", "", false},
		{"2027/3/3", "2027-03-03", "", false},
		{"March 3, 2027", "2027-03-03", "", false},
		{"Sept. 14th 2027", "2027-09-14", "", false},
		{"3 March 2027", "2027-03-03", "", false},
		{"03/03/2027", "2027-03-03", "", true},
		{"04.05.2027", "2027-05-04", "", true},
		{"3 février 2027, 10 fév 2027 et 2027-02-17", "2027-02-03,2027-02-10,2027-02-17", "", false},
		{"March 3, 2027; March 10, 2027", "2027-03-03,2027-03-10", "", false},
		{"", "", "", false},
		{"demain", "", "annexe.error.date.unrecognised", false},
		{"3 mars", "", "annexe.error.date.unrecognised", false},
		{"30 février 2027", "", "annexe.error.date.invalid", false},
		{"13/13/2027", "", "annexe.error.date.invalid", false},
		{"3 mars 1927", "", "annexe.error.date.range", false},
		{"3 mars 2027 vers 9 h", "", "annexe.error.date.unrecognised", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			found, bad := findDates(tc.in)
			if tc.bad != "" {
				if bad == nil || bad.id != tc.bad {
					t.Fatalf("findDates(%q) = %v, %v; want %s", tc.in, found, bad, tc.bad)
				}
				return
			}
			if bad != nil {
				t.Fatalf("findDates(%q) refused: %s %v", tc.in, bad.id, bad.data)
			}
			var got []string
			numeric := false
			for _, f := range found {
				got = append(got, f.t.Format("2006-01-02"))
				numeric = numeric || f.numeric
			}
			if g := strings.Join(got, ","); g != tc.want || numeric != tc.numeric {
				t.Errorf("findDates(%q) = %s (numeric %v), want %s (numeric %v)", tc.in, g, numeric, tc.want, tc.numeric)
			}
		})
	}
}

func TestParseInterval(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		bad  string
	}{
		{"90", 90, ""},
		{"90 jours", 90, ""},
		{"aux 6 mois", 180, ""},
		{"tous les trois mois", 90, ""},
		{"every 2 weeks", 14, ""},
		{"une fois par an", 365, ""},
		{"annuellement", 365, ""},
		{"Quarterly", 91, ""},
		{"à chaque étape", 91, ""},
		{"chaque trimestre", 91, ""},
		{"deux fois par année", 182, ""},
		{"à chaque rentrée", 365, ""},
		{"1 an", 365, ""},
		{"semestriel", 182, ""},
		{"par an", 365, ""},
		{"3", 0, "annexe.error.interval.range"},
		{"tous les 5 ans", 0, "annexe.error.interval.range"},
		{"souvent", 0, "annexe.error.interval"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, bad := parseInterval(tc.in)
			switch {
			case tc.bad != "" && (bad == nil || bad.id != tc.bad):
				t.Errorf("parseInterval(%q) = %d, %v; want %s", tc.in, got, bad, tc.bad)
			case tc.bad == "" && (bad != nil || got != tc.want):
				t.Errorf("parseInterval(%q) = %d, %v; want %d", tc.in, got, bad, tc.want)
			}
		})
	}
}

func TestReadUses(t *testing.T) {
	catalog := []Choice{{ID: "summary", Label: "Synthèse"}, {ID: "writing", Label: "Rédaction et révision"}, {ID: "translation", Label: "Traduction"}}
	for _, tc := range []struct {
		name    string
		catalog []Choice
		in      string
		want    string
		notes   int
		bad     string
	}{
		{"numbers", catalog, "1, 3", "summary,translation", 0, ""},
		{"labels without accents", catalog, "synthese; traduction", "summary,translation", 0, ""},
		{"a label with et is one use", catalog, "Rédaction et révision", "writing", 0, ""},
		{"and separates otherwise", catalog, "synthèse et planification de cours", "summary,planification de cours", 1, ""},
		{"ids and duplicates", catalog, "summary, 1, Synthèse", "summary", 0, ""},
		{"a list's last item keeps its and", catalog, "tutoring students in math, and traduction", "tutoring students in math,translation", 1, ""},
		{"et after a comma", catalog, "synthèse, et traduction", "summary,translation", 0, ""},
		{"number out of range", catalog, "4", "", 0, "annexe.error.uses.number"},
		{"free text without a catalogue", nil, "rédaction de courriels, synthèse", "rédaction de courriels,synthèse", 0, ""},
		{"numbers need a catalogue", nil, "2", "", 0, "annexe.error.uses.words"},
		{"nothing", catalog, " , ; ", "", 0, "annexe.error.empty"},
		{"label too long", nil, strings.Repeat("x", 81), "", 0, "annexe.error.uses.too_long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, notes, bad, _ := readUses(tc.catalog, nil, tc.in)
			if tc.bad != "" {
				if bad == nil || bad.id != tc.bad {
					t.Errorf("readUses(%q) = %q, %v; want %s", tc.in, got, bad, tc.bad)
				}
				return
			}
			if bad != nil || got != tc.want || len(notes) != tc.notes {
				t.Errorf("readUses(%q) = %q, %d notes, %v; want %q, %d notes", tc.in, got, len(notes), bad, tc.want, tc.notes)
			}
		})
	}
}

func TestQuestionLike(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Puis-je utiliser ChatGPT pour résumer un texte ?", true},
		{"Est-ce que Copilot est approuvé?", true},
		{"Can I use Gemini for lesson plans?", true},
		{"may I enter student names?", true},
		{"Puis-je utiliser ChatGPT", false},          // no question mark: an answer
		{"ChatGPT Edu?", false},                      // an unsure answer, not a question
		{"Réduire le temps de préparation ?", false}, // idem
	} {
		if got := questionLike(tc.in); got != tc.want {
			t.Errorf("questionLike(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	d, _ := parseStored("2027-03-01")
	for _, tc := range []struct {
		lang i18n.Lang
		want string
	}{{i18n.FR, "1er mars 2027"}, {i18n.EN, "March 1, 2027"}} {
		if got := formatDate(tc.lang, d); got != tc.want {
			t.Errorf("formatDate(%s) = %q, want %q", tc.lang, got, tc.want)
		}
	}
}
