package privacy

import (
	"slices"
	"testing"

	"github.com/cssdgs/iagbot/bot/audit"
)

func TestIncidentEntry(t *testing.T) {
	for _, tc := range []struct {
		name        string
		inc         Incident
		id          uint
		wantComment string
	}{
		{"kinds in order", Incident{ReporterKey: "k1", System: "chatgpt", DataKinds: []string{"grades", "health"},
			OccurredAt: "2026-11-30", Description: "J'ai collé les notes de Léa"}, 4,
			"system=chatgpt; kinds=grades,health; occurred=2026-11-30"},
		{"no kind, unknown time", Incident{ReporterKey: "k2", System: "other-1", OccurredAt: "unknown"}, 12,
			"system=other-1; kinds=; occurred=unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := IncidentEntry(tc.inc, tc.id, "Reporter")
			want := audit.Entry{ActorKey: tc.inc.ReporterKey, ActorName: "Reporter", Action: AuditIncidentReport,
				To: "reported", Comment: tc.wantComment, Sections: []string{"3.3", "8"}}
			want.Subject = "incident:" + map[uint]string{4: "4", 12: "12"}[tc.id]
			if e.ActorKey != want.ActorKey || e.ActorName != want.ActorName || e.Action != want.Action || e.Subject != want.Subject ||
				e.To != want.To || e.Comment != want.Comment || !slices.Equal(e.Sections, want.Sections) {
				t.Errorf("IncidentEntry = %+v, want %+v", e, want)
			}
		})
	}
}
