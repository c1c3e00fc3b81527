package blockkit_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/cssdgs/iagbot/cards/cardstest"
	"github.com/slack-go/slack"
)

func viewJSON(t *testing.T, v *slack.ModalViewRequest) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestModalGolden renders the sample form page as a modal and as a message: both
// within Slack's limits, both kept as golden files.
func TestModalGolden(t *testing.T) {
	f := cardstest.SampleForm()
	v, err := blockkit.Modal(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := blockkit.CheckView(v); err != nil {
		t.Errorf("CheckView: %v", err)
	}
	if got := blockkit.Len(v.Title.Text); got > blockkit.MaxViewTitle {
		t.Errorf("title of %d characters", got)
	}
	if v.PrivateMetadata != "annexe.form.next|12:usages" || v.CallbackID != blockkit.ModalCallbackID {
		t.Errorf("metadata %q, callback %q", v.PrivateMetadata, v.CallbackID)
	}
	cardstest.Golden(t, filepath.Join("..", "testdata", "blockkit"), "form_modal.json", viewJSON(t, v))
	blocks, _, err := blockkit.RenderMessage("", f.Card())
	if err != nil {
		t.Fatal(err)
	}
	if err := blockkit.CheckLimits(blocks); err != nil {
		t.Errorf("CheckLimits: %v", err)
	}
	got, err := blockkit.JSON(blocks)
	if err != nil {
		t.Fatal(err)
	}
	cardstest.Golden(t, filepath.Join("..", "testdata", "blockkit"), "form_message.json", got)
}

// TestModalErrors keys each field's error by its block_id, the form's on the first.
func TestModalErrors(t *testing.T) {
	f := cardstest.SampleForm()
	got := blockkit.ModalErrors(f)
	if len(got) != 1 || got[blockkit.ModalBlockID("a1.requester.intended_use")] != "Au moins 10 caractères, s'il vous plaît." {
		t.Errorf("ModalErrors = %v", got)
	}
	f.Error = "Corrigez les champs signalés."
	if got := blockkit.ModalErrors(f); len(got) != 1 {
		t.Errorf("page error beside a field's = %v, want the field's only", got)
	}
	for i := range f.Inputs {
		f.Inputs[i].Error = ""
	}
	if got := blockkit.ModalErrors(f); len(got) != 1 || got[blockkit.ModalBlockID("a1.system.uses")] != f.Error {
		t.Errorf("page error alone = %v, want it on the first field", got)
	}
	f.Error = ""
	if got := blockkit.ModalErrors(f); got != nil {
		t.Errorf("no errors = %v, want nil", got)
	}
}

// TestModalValues reads back every kind of field from a view_submission state.
func TestModalValues(t *testing.T) {
	v, err := blockkit.Modal(cardstest.SampleForm())
	if err != nil {
		t.Fatal(err)
	}
	state := &slack.BlockActionStates{Values: map[string]map[string]slack.BlockAction{}}
	for _, b := range v.Blocks.BlockSet {
		in, ok := b.(*slack.InputBlock)
		if !ok {
			continue
		}
		var a slack.BlockAction
		id := ""
		switch e := in.Element.(type) {
		case *slack.MultiSelectBlockElement:
			id, a = e.ActionID, slack.BlockAction{Type: "multi_static_select", SelectedOptions: []slack.OptionBlockObject{*e.Options[0], *e.Options[2]}}
		case *slack.SelectBlockElement:
			id, a = e.ActionID, slack.BlockAction{Type: "static_select", SelectedOption: *e.Options[0]}
		case *slack.PlainTextInputBlockElement:
			id, a = e.ActionID, slack.BlockAction{Type: "plain_text_input", Value: "typed " + e.ActionID}
		case *slack.DatePickerBlockElement:
			id, a = e.ActionID, slack.BlockAction{Type: "datepicker", SelectedDate: "2027-02-01"}
		case *slack.CheckboxGroupsBlockElement:
			id, a = e.ActionID, slack.BlockAction{Type: "checkboxes"}
		default:
			t.Fatalf("element %T", e)
		}
		state.Values[in.BlockID] = map[string]slack.BlockAction{id: a}
	}
	got := blockkit.Values(state)
	want := map[string]string{"a1.system.uses": "summary,drafting", "a1.system.kind": "public",
		"a1.requester.intended_use": "typed a1.requester.intended_use", "a1.requester.training.deployment_date": "2027-02-01",
		"sti_part": cards.ToggleOff, "a1.system.supervisor": "typed a1.system.supervisor"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("Values[%q] = %q, want %q", k, got[k], w)
		}
	}
}

// TestCheckView finds each of a modal's own limits broken.
func TestCheckView(t *testing.T) {
	long := strings.Repeat("x", 25)
	in := slack.NewInputBlock("in.a", pt("A"), nil, slack.NewPlainTextInputBlockElement(nil, "a"))
	var many []slack.Block
	for range 101 {
		many = append(many, slack.NewDividerBlock())
	}
	for _, tc := range []struct {
		name string
		v    *slack.ModalViewRequest
		want string
	}{
		{"title", &slack.ModalViewRequest{Type: slack.VTModal, Title: pt(long)}, "title: 25 characters"},
		{"submit", &slack.ModalViewRequest{Type: slack.VTModal, Title: pt("T"), Submit: pt(long)}, "submit: 25"},
		{"no submit", &slack.ModalViewRequest{Type: slack.VTModal, Title: pt("T"), Blocks: slack.Blocks{BlockSet: []slack.Block{in}}}, "needs a submit"},
		{"metadata", &slack.ModalViewRequest{Type: slack.VTModal, Title: pt("T"), PrivateMetadata: strings.Repeat("m", 3001)}, "private_metadata: 3001"},
		{"blocks", &slack.ModalViewRequest{Type: slack.VTModal, Title: pt("T"), Blocks: slack.Blocks{BlockSet: many}}, "101 blocks, at most 100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := blockkit.CheckView(tc.v)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("CheckView = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestModalCutsToFit keeps a form of many sections within 100 blocks, its fields and
// buttons whole.
func TestModalCutsToFit(t *testing.T) {
	f := cardstest.SampleForm()
	for range 120 {
		f.Sections = append(f.Sections, cards.Section{Text: "Paragraphe"})
	}
	v, err := blockkit.Modal(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := blockkit.CheckView(v); err != nil {
		t.Fatal(err)
	}
	inputs := 0
	for _, b := range v.Blocks.BlockSet {
		if _, ok := b.(*slack.InputBlock); ok {
			inputs++
		}
	}
	if inputs != len(f.Inputs) {
		t.Errorf("%d inputs kept, want %d", inputs, len(f.Inputs))
	}
}
