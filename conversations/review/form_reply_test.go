package review

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/cssdgs/iagbot/cards/cardstest"
)

// TestGoldenModals renders the review forms (the approval form, with problems and for
// a system already in the inventory, and the STI's items) as the Slack modals they
// open in, within Slack's limits for a view, and keeps them as golden files beside
// their cards. The modal's submission is the card's button: same verb and subject.
func TestGoldenModals(t *testing.T) {
	all := goldenCards()
	for _, name := range []string{"form", "form_problems", "form_existing", "sti_form"} {
		t.Run(name, func(t *testing.T) {
			c := all[name]
			reply := formReply(i18n.FR, c, true)
			if reply.Card != c || !reply.Private || !reply.Replace || reply.Form == nil {
				t.Fatalf("reply = %+v", reply)
			}
			v, err := blockkit.Modal(reply.Form)
			if err != nil {
				t.Fatal(err)
			}
			if err := blockkit.CheckView(v); err != nil {
				t.Errorf("CheckView: %v", err)
			}
			if want := blockkit.ButtonValue(c.Buttons[0].Verb, c.Buttons[0].Subject); v.PrivateMetadata != want {
				t.Errorf("metadata %q, want the card's button %q", v.PrivateMetadata, want)
			}
			errs := blockkit.ModalErrors(reply.Form)
			for _, in := range c.Inputs {
				if in.Error != "" && errs[blockkit.ModalBlockID(in.ID)] != in.Error {
					t.Errorf("%s: modal error %q, want %q", in.ID, errs[blockkit.ModalBlockID(in.ID)], in.Error)
				}
			}
			if name == "form_problems" && len(errs) == 0 {
				t.Errorf("a form with problems has no field error")
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(buf.String(), "— ⚠") {
				t.Errorf("a problem is still in a label")
			}
			cardstest.Golden(t, goldenDir, name+".modal.json", buf.Bytes())
		})
	}
}
