package workflow

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
)

var admin = audit.Actor{Key: "k-admin", Name: "Admin"}

func TestStatusChange(t *testing.T) {
	for _, tc := range []struct {
		from, to   string
		wantAction string
		wantErr    error // nil, bot.ErrConflict, or errInvalid for a refused status
	}{
		{"approved", "suspended", AuditSuspend, nil},
		{"approved", "withdrawn", AuditWithdraw, nil},
		{"suspended", "approved", AuditRestore, nil},
		{"withdrawn", "approved", AuditRestore, nil},
		{"suspended", "withdrawn", AuditWithdraw, nil},
		{"suspended", "suspended", "", bot.ErrConflict},
		{"approved", "approved", "", bot.ErrConflict},
		{"approved", "deleted", "", errInvalid},
		{"approved", "", "", errInvalid},
		{"approved", "Suspended", "", errInvalid},
	} {
		c := StatusChange{SystemID: "chatgpt", Status: tc.to, Reason: "audit", By: admin}
		e, err := c.Plan(tc.from)
		if !matches(err, tc.wantErr) {
			t.Errorf("%s → %s: err %v, want %v", tc.from, tc.to, err, tc.wantErr)
			continue
		}
		if (c.Valid() != nil) != (tc.wantErr == errInvalid) {
			t.Errorf("%s: Valid() = %v", tc.to, c.Valid())
		}
		if err != nil {
			continue
		}
		want := audit.Entry{ActorKey: "k-admin", ActorName: "Admin", Action: tc.wantAction, Subject: "system:chatgpt",
			From: tc.from, To: tc.to, Comment: "audit", Sections: []string{"6.1", "8"}}
		if !sameEntry(e, want) {
			t.Errorf("%s → %s: entry %+v, want %+v", tc.from, tc.to, e, want)
		}
	}
}

func TestUseRuleChange(t *testing.T) {
	restricted := UseRule{Rule: "restricted", ConditionsFR: "sans nom", ConditionsEN: "no name"}
	for _, tc := range []struct {
		name           string
		old            UseRule
		listed         bool
		rule, fr, en   string
		wantErr        error
		wantFR, wantEN string // the conditions kept
		wantFrom       string
	}{
		{"new permitted use", UseRule{}, false, "permitted", "", "", nil, "", "", ""},
		{"permitted drops conditions", UseRule{}, false, "permitted", "x", "y", nil, "", "", ""},
		{"forbidden drops conditions", restricted, true, "forbidden", "x", "y", nil, "", "", "restricted"},
		{"restricted needs French", UseRule{}, false, "restricted", "", "no name", errInvalid, "", "", ""},
		{"restricted needs English", UseRule{}, false, "restricted", "sans nom", "", errInvalid, "", "", ""},
		{"restricted with both", UseRule{Rule: "permitted"}, true, "restricted", "sans nom", "no name", nil, "sans nom", "no name", "permitted"},
		{"same conditions twice", restricted, true, "restricted", "sans nom", "no name", bot.ErrConflict, "", "", ""},
		{"other conditions", restricted, true, "restricted", "sans nom ni photo", "no name nor photo", nil, "sans nom ni photo", "no name nor photo", "restricted"},
		{"same rule twice", UseRule{Rule: "permitted"}, true, "permitted", "", "", bot.ErrConflict, "", "", ""},
		{"empty removes", UseRule{Rule: "permitted"}, true, "", "", "", nil, "", "", "permitted"},
		{"removing an unlisted use", UseRule{}, false, "", "", "", bot.ErrConflict, "", "", ""},
		{"unknown rule", UseRule{}, false, "allowed", "", "", errInvalid, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := UseRuleChange{SystemID: "chatgpt", UseID: "lesson-planning", Rule: tc.rule, ConditionsFR: tc.fr,
				ConditionsEN: tc.en, Reason: "CODIR-IN", By: admin}
			got, e, err := c.Plan(tc.old, tc.listed)
			if !matches(err, tc.wantErr) {
				t.Fatalf("err %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got.ConditionsFR != tc.wantFR || got.ConditionsEN != tc.wantEN || got.Removes() != (tc.rule == "") {
				t.Errorf("change %+v, want conditions %q/%q", got, tc.wantFR, tc.wantEN)
			}
			want := audit.Entry{ActorKey: "k-admin", ActorName: "Admin", Action: AuditUseRule,
				Subject: "system:chatgpt/use:lesson-planning", From: tc.wantFrom, To: tc.rule, Comment: "CODIR-IN",
				Sections: []string{"6.1", "8"}}
			if !sameEntry(e, want) {
				t.Errorf("entry %+v, want %+v", e, want)
			}
		})
	}
}

func TestReclassification(t *testing.T) {
	yes, no := true, false
	before := System{ID: "brisk", Kind: "public", Hosting: "foreign", Vendor: "Brisk", Open: &no}
	for _, tc := range []struct {
		name        string
		set         Classification
		wantErr     error
		wantTo      string // the classification after, as String
		wantFrom    string // the entry's From and To: the kinds
		wantToKind  string
		wantChanges string
	}{
		{"to private", Classification{Kind: "private"}, nil,
			"kind=private, open=no, specialized=-, vendor=Brisk, hosting=foreign", "public", "private",
			"kind: public → private, open: no → no, specialized: - → -, vendor: Brisk → Brisk, hosting: foreign → foreign"},
		{"hosting and open", Classification{Hosting: "canada", Open: &yes}, nil,
			"kind=public, open=yes, specialized=-, vendor=Brisk, hosting=canada", "public", "public",
			"kind: public → public, open: no → yes, specialized: - → -, vendor: Brisk → Brisk, hosting: foreign → canada"},
		{"already so", Classification{Kind: "public", Hosting: "foreign"}, bot.ErrConflict, "", "", "", ""},
		{"nothing set", Classification{}, bot.ErrConflict, "", "", "", ""},
		{"unknown kind", Classification{Kind: "semi"}, errInvalid, "", "", "", ""},
		{"unknown hosting", Classification{Hosting: "usa"}, errInvalid, "", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Reclassification{SystemID: "brisk", Set: tc.set, Reason: "DPA reçue", By: admin}
			from, to, e, err := r.Plan(before)
			if !matches(err, tc.wantErr) {
				t.Fatalf("err %v, want %v", err, tc.wantErr)
			}
			if errors.Is(err, bot.ErrConflict) {
				if from.String() != ClassificationOf(before).String() {
					t.Errorf("from on conflict = %s", from)
				}
			}
			if err != nil {
				return
			}
			if from.String() != ClassificationOf(before).String() || to.String() != tc.wantTo {
				t.Errorf("from %s to %s, want to %s", from, to, tc.wantTo)
			}
			want := audit.Entry{ActorKey: "k-admin", ActorName: "Admin", Action: AuditReclassify, Subject: "system:brisk",
				From: tc.wantFrom, To: tc.wantToKind, Comment: "DPA reçue — " + tc.wantChanges, Sections: []string{"6.1", "8"}}
			if !sameEntry(e, want) {
				t.Errorf("entry %+v, want %+v", e, want)
			}
		})
	}
}

// errInvalid stands for a refusal of the change itself (not a conflict).
var errInvalid = errors.New("invalid")

func matches(err, want error) bool {
	switch want {
	case nil:
		return err == nil
	case errInvalid:
		return err != nil && !errors.Is(err, bot.ErrConflict) && !errors.Is(err, bot.ErrNotFound)
	}
	return errors.Is(err, want)
}

func sameEntry(a, b audit.Entry) bool {
	return a.ActorKey == b.ActorKey && a.ActorName == b.ActorName && a.Action == b.Action && a.Subject == b.Subject &&
		a.From == b.From && a.To == b.To && a.Comment == b.Comment && slices.Equal(a.Sections, b.Sections) &&
		!strings.Contains(a.Comment, "%!")
}
