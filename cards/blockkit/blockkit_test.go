package blockkit_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/cssdgs/iagbot/cards/cardstest"
	"github.com/slack-go/slack"
)

func reviewCard() *cards.Card {
	return &cards.Card{
		Title:    "Demande n° 42 — ChatGPT Edu",
		Subtitle: "En examen par le **STI** depuis le 2026-09-01",
		Sections: []cards.Section{
			{Heading: "Usage prévu", Text: "Résumer des **textes administratifs**.\n\n- sans données personnelles\n- avec révision humaine"},
			{Facts: []cards.Fact{{Label: "Système", Value: "ChatGPT Edu"}, {Label: "Hébergement", Value: "Canada <AWS & co>"}}},
			{Heading: "Conditions (6.2)", Checklist: []cards.Check{{Label: "Formation suivie", Met: true}, {Label: "EFVP à jour"}}},
		},
		Inputs: []cards.Input{
			{ID: "comment", Label: "Commentaire", Placeholder: "Motif de la décision", Multiline: true, Required: true},
			{ID: "stage", Label: "Étape suivante", Value: "codir", Choices: []cards.Choice{{Value: "codir", Label: "CODIR-IN"}, {Value: "cprpsi", Label: "Comité PRP"}}},
		},
		Buttons: []cards.Button{
			{Label: "Approuver", Verb: "review.approve", Subject: "42", Style: cards.StylePrimary, Needs: []string{"comment"}},
			{Label: "Refuser", Verb: "review.reject", Subject: "42", Style: cards.StyleDanger, Needs: []string{"comment"}},
			{Label: "Demander des changements", Verb: "review.changes", Subject: "42"},
		},
		Footer:        "Procédure 30-02, art. 6.3.3",
		Details:       []cards.Section{{Heading: "Annexe 1", Text: "Réponses complètes"}},
		DetailsButton: &cards.Button{Label: "Voir le détail", Verb: "request.details", Subject: "42"},
	}
}

func longCard() *cards.Card {
	c := &cards.Card{
		Title:   strings.Repeat("Très long titre ", 20),
		Buttons: []cards.Button{{Label: strings.Repeat("Bouton ", 20), Verb: "policy.more", Subject: "x"}},
		Footer:  "Pied de carte",
	}
	c.Sections = append(c.Sections, cards.Section{Heading: "Texte", Text: strings.Repeat("Une phrase de la procédure & ses <annexes>. ", 160)})
	var facts []cards.Fact
	for i := range 23 {
		facts = append(facts, cards.Fact{Label: "Élément " + string(rune('A'+i)), Value: strings.Repeat("v", 2100)})
	}
	c.Sections = append(c.Sections, cards.Section{Facts: facts})
	for range 60 {
		c.Sections = append(c.Sections, cards.Section{Text: "Section répétée"})
	}
	return c
}

// TestGolden renders cards and messages and compares them with the golden files
// (go test -update rewrites them). Every golden message must be within Slack's limits.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		card *cards.Card
	}{
		{"review", "", reviewCard()},
		{"details_inline", "", &cards.Card{Title: "Outil approuvé", Details: []cards.Section{{Heading: "Détails", Text: "Montrés sans bouton"}}}},
		{"text_reply", "**Oui**, vous pouvez utiliser _Copilot_ :\n\n- sans données personnelles\n- en citant l'outil\n\nVoir 6.2 <procédure> & annexe.", nil},
		{"text_and_card", "Voici votre demande :", &cards.Card{Title: "Demande n° 7", Buttons: []cards.Button{{Label: "Reprendre", Verb: "request.resume", Subject: "7"}}}},
		{"long", "", longCard()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks, fallback, err := blockkit.RenderMessage(tc.text, tc.card)
			if err != nil {
				t.Fatalf("RenderMessage: %v", err)
			}
			if err := blockkit.CheckLimits(blocks); err != nil {
				t.Errorf("CheckLimits: %v", err)
			}
			if fallback == "" {
				t.Errorf("fallback text is empty")
			}
			got, err := blockkit.JSON(blocks)
			if err != nil {
				t.Fatal(err)
			}
			cardstest.Golden(t, filepath.Join("..", "testdata", "blockkit"), tc.name+".json", got)
		})
	}
}

// TestLongCardKeepsButtons checks how a card too long for one message is cut: its
// last sections give way to an ellipsis, its buttons and footer stay.
func TestLongCardKeepsButtons(t *testing.T) {
	blocks, err := blockkit.Render(longCard())
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != blockkit.MaxBlocks {
		t.Errorf("len(blocks) = %d, want %d", len(blocks), blockkit.MaxBlocks)
	}
	if _, ok := blocks[len(blocks)-2].(*slack.ActionBlock); !ok {
		t.Errorf("second-to-last block = %T, want the buttons", blocks[len(blocks)-2])
	}
	ell, ok := blocks[len(blocks)-4].(*slack.ContextBlock)
	if !ok || ell.ContextElements.Elements[0].(*slack.TextBlockObject).Text != blockkit.Ellipsis {
		t.Errorf("block before the divider = %#v, want the ellipsis", blocks[len(blocks)-4])
	}
	h := blocks[0].(*slack.HeaderBlock)
	// The cut may drop a space before the ellipsis, hence the one-character leeway.
	if got := blockkit.Len(h.Text.Text); got > blockkit.MaxHeaderText || got < blockkit.MaxHeaderText-1 || !strings.HasSuffix(h.Text.Text, blockkit.Ellipsis) {
		t.Errorf("header = %d characters (%q), want %d ending with …", got, h.Text.Text, blockkit.MaxHeaderText)
	}
}

func TestRenderRefuses(t *testing.T) {
	many := make([]cards.Input, 60)
	for i := range many {
		many[i] = cards.Input{ID: "in" + strings.Repeat("x", i)}
	}
	for _, tc := range []struct {
		name string
		card cards.Card
		want error
	}{
		{"button without verb", cards.Card{Title: "t", Buttons: []cards.Button{{Label: "Go"}}}, blockkit.ErrInvalid},
		{"verb with separator", cards.Card{Title: "t", Buttons: []cards.Button{{Label: "Go", Verb: "a|b"}}}, blockkit.ErrInvalid},
		{"input without id", cards.Card{Title: "t", Inputs: []cards.Input{{Label: "x"}}}, blockkit.ErrInvalid},
		{"subject too long", cards.Card{Title: "t", Buttons: []cards.Button{{Label: "Go", Verb: "a.b", Subject: strings.Repeat("s", 2000)}}}, blockkit.ErrTooLarge},
		{"choice value too long", cards.Card{Title: "t", Inputs: []cards.Input{{ID: "c", Choices: []cards.Choice{{Value: strings.Repeat("v", 151)}}}}}, blockkit.ErrTooLarge},
		{"too many inputs", cards.Card{Title: "t", Inputs: many}, blockkit.ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := blockkit.Render(&tc.card)
			if !errors.Is(err, tc.want) {
				t.Errorf("Render error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestEmptyMessageHasNoBlocks(t *testing.T) {
	blocks, fallback, err := blockkit.RenderMessage("  \n", nil)
	if err != nil || len(blocks) != 0 || fallback != "" {
		t.Errorf("RenderMessage(blank) = %d blocks, %q, %v; want none", len(blocks), fallback, err)
	}
}

// TestValuesRoundTrip plays Slack's part: the state of a block_actions payload is keyed
// by the block_id and action_id of the rendered inputs.
func TestValuesRoundTrip(t *testing.T) {
	blocks, err := blockkit.Render(reviewCard())
	if err != nil {
		t.Fatal(err)
	}
	state := &slack.BlockActionStates{Values: map[string]map[string]slack.BlockAction{
		"other_block": {"x": {Type: "plain_text_input", Value: "ignored"}},
	}}
	for _, b := range blocks {
		in, ok := b.(*slack.InputBlock)
		if !ok {
			continue
		}
		switch e := in.Element.(type) {
		case *slack.PlainTextInputBlockElement:
			state.Values[in.BlockID] = map[string]slack.BlockAction{e.ActionID: {Type: "plain_text_input", Value: "Conforme à 6.2"}}
		case *slack.SelectBlockElement:
			state.Values[in.BlockID] = map[string]slack.BlockAction{e.ActionID: {Type: "static_select", SelectedOption: *e.Options[1]}}
		}
	}
	got := blockkit.Values(state)
	want := map[string]string{"comment": "Conforme à 6.2", "stage": "cprpsi"}
	if len(got) != len(want) || got["comment"] != want["comment"] || got["stage"] != want["stage"] {
		t.Errorf("Values = %v, want %v", got, want)
	}
	if got := blockkit.Values(nil); len(got) != 0 {
		t.Errorf("Values(nil) = %v, want empty", got)
	}
}

func TestButtonValue(t *testing.T) {
	for _, tc := range []struct {
		value, verb, subject string
		ok                   bool
	}{
		{blockkit.ButtonValue("review.approve", "42"), "review.approve", "42", true},
		{blockkit.ButtonValue("help.more", ""), "help.more", "", true},
		{blockkit.ButtonValue("a.b", "x|y"), "a.b", "x|y", true},
		{"no separator", "", "", false},
		{"|subject", "", "", false},
	} {
		t.Run(tc.value, func(t *testing.T) {
			verb, subject, ok := blockkit.ParseButtonValue(tc.value)
			if ok != tc.ok || (ok && (verb != tc.verb || subject != tc.subject)) {
				t.Errorf("ParseButtonValue(%q) = %q, %q, %v; want %q, %q, %v", tc.value, verb, subject, ok, tc.verb, tc.subject, tc.ok)
			}
		})
	}
}

// FuzzRender checks that whatever the content, Render does not panic and what it
// returns is within Slack's limits.
func FuzzRender(f *testing.F) {
	f.Add("Titre", "**gras** & <lien>", "Libellé", "valeur", 3)
	f.Add(strings.Repeat("é", 300), strings.Repeat("a ", 4000), strings.Repeat("*", 80), "", 40)
	f.Add("", "&amp&lt;\n\n- x", "", strings.Repeat("👍", 1500), 0)
	f.Fuzz(func(t *testing.T, title, text, label, value string, n int) {
		n = min(max(n, 0), 120)
		c := &cards.Card{Title: title, Subtitle: text, Footer: value}
		for range n {
			c.Sections = append(c.Sections, cards.Section{Heading: label, Text: text, Facts: []cards.Fact{{Label: label, Value: value}}})
		}
		c.Buttons = []cards.Button{{Label: label, Verb: "v.x", Subject: value}}
		blocks, err := blockkit.Render(c)
		if err != nil {
			if !errors.Is(err, blockkit.ErrTooLarge) {
				t.Fatalf("Render: %v", err)
			}
			return
		}
		if err := blockkit.CheckLimits(blocks); err != nil {
			t.Fatalf("CheckLimits: %v", err)
		}
	})
}
