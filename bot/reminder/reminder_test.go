package reminder

import "testing"

// TestKinds is what a recipient may do with each kind of reminder, and how it goes out.
func TestKinds(t *testing.T) {
	for _, tc := range []struct {
		kind                     Kind
		snooze, stop, aggregated bool
	}{
		{EFVP, true, false, false},
		{EFVPLate, true, false, true},
		{Training, true, true, false},
		{Untrained, true, false, true},
		{Review, true, false, true},
		{ReviewLate, true, false, true},
		{ReviewAway, true, false, true},
		{Risk, true, false, false},
		{Digest, false, false, false},
		{Draft, true, true, false},
		{DraftClose, false, false, false},
		{Gate, false, false, false},
		{"unknown", false, false, false},
	} {
		if tc.kind.Snoozable() != tc.snooze || tc.kind.Stoppable() != tc.stop || tc.kind.Aggregated() != tc.aggregated {
			t.Errorf("%s: snooze %v stop %v aggregated %v, want %v %v %v", tc.kind, tc.kind.Snoozable(), tc.kind.Stoppable(),
				tc.kind.Aggregated(), tc.snooze, tc.stop, tc.aggregated)
		}
	}
}

func TestParseKey(t *testing.T) {
	for _, tc := range []struct {
		key                            string
		kind                           Kind
		subject, occurrence, recipient string
		ok                             bool
	}{
		{"efvp|system:chatgpt|2027-05-01/7|alice@example.org", EFVP, "system:chatgpt", "2027-05-01/7", "alice@example.org", true},
		{"daily|2026-12-02|-|role:codir-in", Gate, "2026-12-02", "-", "role:codir-in", true},
		{"review|request:4|codir_review/1|a|b", Review, "request:4", "codir_review/1", "a|b", true},
		{"review|request:4|x", "", "", "", "", false},
		{"", "", "", "", "", false},
	} {
		k, s, o, r, ok := ParseKey(tc.key)
		if k != tc.kind || s != tc.subject || o != tc.occurrence || r != tc.recipient || ok != tc.ok {
			t.Errorf("ParseKey(%q) = %q %q %q %q %v", tc.key, k, s, o, r, ok)
		}
	}
}
