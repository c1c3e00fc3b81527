package annexe_test

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/requests"
)

// TestHostingOpenSpecializedAnswers: step 3's follow-ups (« 3 b » hosting, « 3 c » open,
// « 3 d » specialized) read numbers and words in French and English; « je sais pas »
// leaves them to the STI; anything else is asked again.
func TestHostingOpenSpecializedAnswers(t *testing.T) {
	for _, tc := range []struct {
		say    string
		tag    requests.Tag
		want   string
		forSTI bool
	}{
		{"1", requests.TagHosting, requests.HostingQuebec, false},
		{"au Québec", requests.TagHosting, requests.HostingQuebec, false},
		{"Québec", requests.TagHosting, requests.HostingQuebec, false},
		{"2", requests.TagHosting, requests.HostingCanada, false},
		{"in Canada", requests.TagHosting, requests.HostingCanada, false},
		{"au Canada", requests.TagHosting, requests.HostingCanada, false},
		{"3", requests.TagHosting, requests.HostingForeign, false},
		{"aux États-Unis", requests.TagHosting, requests.HostingForeign, false},
		{"hors Canada", requests.TagHosting, requests.HostingForeign, false},
		{"outside Canada", requests.TagHosting, requests.HostingForeign, false},
		{"in the US", requests.TagHosting, requests.HostingForeign, false},
		{"je sais pas", requests.TagHosting, "", true},
		{"I don't know", requests.TagHosting, "", true},
		{"oui", requests.TagSystemOpen, requests.Yes, false},
		{"no", requests.TagSystemOpen, requests.No, false},
		{"2", requests.TagSystemOpen, requests.No, false},
		{"je ne sais pas", requests.TagSystemOpen, "", true},
		{"yes", requests.TagSystemSpecialized, requests.Yes, false},
		{"1", requests.TagSystemSpecialized, requests.Yes, false},
		{"non", requests.TagSystemSpecialized, requests.No, false},
		{"not sure", requests.TagSystemSpecialized, "", true},
	} {
		t.Run(string(tc.tag)+"/"+tc.say, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.fill("alice", 2)
			e.r.Say("privé sécurisé").Want("Étape 3 b de 35")
			for _, tag := range []requests.Tag{requests.TagHosting, requests.TagSystemOpen, requests.TagSystemSpecialized} {
				say := "1"
				if tag == tc.tag {
					say = tc.say
				}
				e.r.Say(say)
			}
			e.done()
			got := e.draftOf("terminal:alice").Answers[tc.tag]
			if got.Value != tc.want || got.ForSTI != tc.forSTI {
				t.Errorf("%q → %+v, want %q (ForSTI %v)", tc.say, got, tc.want, tc.forSTI)
			}
		})
	}
	t.Run("anything else is asked again", func(t *testing.T) {
		e := newEnv(t)
		e.fill("alice", 2)
		e.r.Say("privé sécurisé").Want("Étape 3 b de 35", "1. Québec", "2. Canada (hors Québec)", "3. Hors Canada")
		e.r.Say("sur la lune").Want("Répondez par le numéro d'un des choix (1 à 3)", "Étape 3 b de 35")
		e.r.Say("in English please").Want("Step 3 b of 35")
		e.r.Say("in Canada").Want("Step 3 c of 35", "Is the system open")
		e.r.Say("retour").Want("Step 3 of 35")
		e.done()
	})
}
