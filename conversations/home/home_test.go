package home

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

func TestEFVPDue(t *testing.T) {
	today := inventory.Date{Year: 2027, Month: 3, Day: 1}
	tr := func(id string, data ...any) string { return i18n.T(i18n.FR, id, data...) }
	for _, tc := range []struct {
		name string
		e    inventory.EFVP
		want string
	}{
		{"revision ahead", inventory.EFVP{NextReview: inventory.Date{Year: 2027, Month: 5, Day: 1}}, "EFVP à réviser le 2027-05-01"},
		{"revision today", inventory.EFVP{NextReview: today}, "EFVP à réviser le 2027-03-01"},
		{"revision past", inventory.EFVP{NextReview: inventory.Date{Year: 2027, Month: 2, Day: 10}}, "⚠ EFVP à réviser depuis le 2027-02-10"},
		{"planned", inventory.EFVP{Planned: inventory.Date{Year: 2027, Month: 4, Day: 2}}, "EFVP prévue le 2027-04-02"},
		{"none", inventory.EFVP{}, "aucune EFVP consignée"},
	} {
		if got := efvp(tr, tc.e, today); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
