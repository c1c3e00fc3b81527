package privacy

import (
	"slices"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
)

// TestErasurePolicy is what a person may have erased and what is kept (5.1.8, 5.1.9).
func TestErasurePolicy(t *testing.T) {
	want := map[Record]Fate{
		Channels: Remove, Dialogs: Remove, Drafts: Remove, Reminders: Remove, Deliveries: Remove,
		IncidentLinks:     Unlink,
		SubmittedRequests: Keep, Trainings: Keep, OwnedSystems: Keep, AuditEntries: Keep, ReviewWork: Keep,
	}
	policy := ErasurePolicy()
	got := map[Record]Fate{}
	for _, r := range policy {
		if _, twice := got[r.Record]; twice {
			t.Errorf("%s ruled twice", r.Record)
		}
		got[r.Record] = r.Fate
	}
	for rec, fate := range want {
		if got[rec] != fate {
			t.Errorf("%s: fate %d, want %d", rec, got[rec], fate)
		}
	}
	if len(got) != len(want) {
		t.Errorf("policy rules %d records, want %d", len(got), len(want))
	}
	// Submitted requests are counted as kept once the drafts are gone.
	drafts := slices.IndexFunc(policy, func(r ErasureRule) bool { return r.Record == Drafts })
	kept := slices.IndexFunc(policy, func(r ErasureRule) bool { return r.Record == SubmittedRequests })
	if drafts > kept {
		t.Errorf("drafts at %d, after the submitted requests at %d", drafts, kept)
	}
}

// TestErasureSetAndEntry checks that each record lands in its own count, that Plan
// agrees with the policy on what is removed and kept, and the audit entry's counts.
func TestErasureSetAndEntry(t *testing.T) {
	var e Erasure
	for i, r := range ErasurePolicy() {
		e.Set(r.Record, i+1)
	}
	want := Erasure{Drafts: 1, People: 2, Dialogs: 3, Reminders: 4, Deliveries: 5, Incidents: 6,
		KeptRequests: 7, KeptTrainings: 8, KeptSystems: 9, KeptAudit: 10, KeptReviewWork: 11}
	if e != want {
		t.Fatalf("Set gives %+v, want %+v", e, want)
	}
	if e.Removed() != 1+2+3+4+5+6 {
		t.Errorf("Removed = %d", e.Removed())
	}
	d := PersonData{Channels: make([]SeenChannel, 2), Dialogs: make([]string, 3), Reminders: 4, Deliveries: 5,
		Incidents: make([]Incident, 6), Requests: []RequestBrief{{Submitted: false}, {Submitted: true}, {Submitted: true}},
		Trainings: 8, OwnedSystems: 9, AuditEntries: 10, ReviewWork: 11}
	if p := d.Plan(); p != (Erasure{Drafts: 1, People: 2, Dialogs: 3, Reminders: 4, Deliveries: 5, Incidents: 6,
		KeptRequests: 2, KeptTrainings: 8, KeptSystems: 9, KeptAudit: 10, KeptReviewWork: 11}) {
		t.Errorf("Plan = %+v", p)
	}
	entry := e.Entry("alice@example.org")
	if entry.ActorKey != "alice@example.org" || entry.Action != AuditErasure || entry.Subject != "person" ||
		entry.Comment != "removed people=2 dialogs=3 drafts=1 reminders=4 deliveries=5 incident_links=6; kept requests=7 trainings=8 systems=9 review_work=11" ||
		!slices.Equal(entry.Sections, []string{"5.1.9"}) {
		t.Errorf("Entry = %+v", entry)
	}
}

func TestRetentionPlan(t *testing.T) {
	now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, tc := range []struct {
		name       string
		r          Retention
		wantDrafts time.Time
		wantRefs   time.Time
	}{
		{"keep forever", Retention{}, time.Time{}, time.Time{}},
		{"a year of drafts, two of references", Retention{ClosedDrafts: 365 * day, ConversationRefs: 730 * day},
			now.Add(-365 * day), now.Add(-730 * day)},
		{"references only", Retention{ConversationRefs: 30 * day}, time.Time{}, now.Add(-30 * day)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.r.Plan(now)
			if !p.DraftsBefore.Equal(tc.wantDrafts) || !p.RefsBefore.Equal(tc.wantRefs) {
				t.Errorf("drafts before %v, refs before %v; want %v, %v", p.DraftsBefore, p.RefsBefore, tc.wantDrafts, tc.wantRefs)
			}
			wantStatuses := []requests.Status(nil)
			if tc.r.ClosedDrafts > 0 {
				wantStatuses = []requests.Status{requests.Closed, requests.Cancelled}
			}
			if !slices.Equal(p.DraftStatuses, wantStatuses) {
				t.Errorf("draft statuses %v, want %v", p.DraftStatuses, wantStatuses)
			}
			if !p.DialogsBefore.Equal(now.Add(-30 * day)) {
				t.Errorf("dialogs before %v", p.DialogsBefore)
			}
			if p.Entry.ActorKey != "system" || p.Entry.Action != "data.purge" || p.Entry.Subject != "retention" ||
				!slices.Equal(p.Entry.Sections, []string{"Annexe 1 (DNG)"}) {
				t.Errorf("entry %+v", p.Entry)
			}
		})
	}
}
