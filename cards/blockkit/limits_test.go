package blockkit_test

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/slack-go/slack"
)

func md(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}
func pt(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

func buttons(n int) []slack.BlockElement {
	var els []slack.BlockElement
	for i := range n {
		els = append(els, slack.NewButtonBlockElement("b"+strings.Repeat("x", i), "v", pt("B")))
	}
	return els
}

func TestCheckLimits(t *testing.T) {
	fields := func(n, size int) []*slack.TextBlockObject {
		var fs []*slack.TextBlockObject
		for range n {
			fs = append(fs, md(strings.Repeat("f", size)))
		}
		return fs
	}
	var fiftyOne []slack.Block
	for range 51 {
		fiftyOne = append(fiftyOne, slack.NewDividerBlock())
	}
	for _, tc := range []struct {
		name   string
		blocks []slack.Block
		want   string // in the error; "" means valid
	}{
		{"valid", []slack.Block{
			slack.NewHeaderBlock(pt(strings.Repeat("h", 150))),
			slack.NewSectionBlock(md(strings.Repeat("s", 3000)), fields(10, 2000), nil),
			slack.NewContextBlock("", md("c")),
			slack.NewActionBlock("", buttons(25)...),
			slack.NewInputBlock("in", pt("Label"), nil, slack.NewPlainTextInputBlockElement(pt("p"), "i1")),
		}, ""},
		{"too many blocks", fiftyOne, "51 blocks"},
		{"long header", []slack.Block{slack.NewHeaderBlock(pt(strings.Repeat("h", 151)))}, "blocks[0].text: 151 characters"},
		{"long section", []slack.Block{slack.NewSectionBlock(md(strings.Repeat("s", 3001)), nil, nil)}, "blocks[0].text: 3001"},
		{"emoji counted twice", []slack.Block{slack.NewSectionBlock(md(strings.Repeat("👍", 1501)), nil, nil)}, "3002 characters"},
		{"empty section", []slack.Block{slack.NewSectionBlock(nil, nil, nil)}, "neither text nor fields"},
		{"empty text", []slack.Block{slack.NewSectionBlock(md(""), nil, nil)}, "empty text"},
		{"eleven fields", []slack.Block{slack.NewSectionBlock(nil, fields(11, 1), nil)}, "fields: 11 items"},
		{"long field", []slack.Block{slack.NewSectionBlock(nil, fields(1, 2001), nil)}, "fields[0]: 2001"},
		{"26 buttons", []slack.Block{slack.NewActionBlock("", buttons(26)...)}, "elements: 26 items"},
		{"long button text", []slack.Block{slack.NewActionBlock("", slack.NewButtonBlockElement("a", "v", pt(strings.Repeat("b", 76))))}, "text: 76"},
		{"long button value", []slack.Block{slack.NewActionBlock("", slack.NewButtonBlockElement("a", strings.Repeat("v", 2001), pt("b")))}, "value: 2001"},
		{"repeated action id", []slack.Block{slack.NewActionBlock("", slack.NewButtonBlockElement("a", "v", pt("b")), slack.NewButtonBlockElement("a", "v", pt("c")))}, `"a" repeated`},
		{"repeated block id", []slack.Block{slack.NewDividerBlock(), &slack.DividerBlock{Type: slack.MBTDivider, BlockID: "x"}, &slack.DividerBlock{Type: slack.MBTDivider, BlockID: "x"}}, `block_id: "x" repeated`},
		{"long placeholder", []slack.Block{slack.NewInputBlock("", pt("L"), nil, slack.NewPlainTextInputBlockElement(pt(strings.Repeat("p", 151)), "i"))}, "placeholder: 151"},
		{"long option", []slack.Block{slack.NewInputBlock("", pt("L"), nil, slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "s",
			slack.NewOptionBlockObject(strings.Repeat("v", 151), pt(strings.Repeat("o", 76)), nil)))}, "options[0].text: 76"},
		{"unknown block", []slack.Block{slack.NewImageBlock("https://x/y.png", "alt", "", nil)}, "unchecked block type"},
		{"empty context", []slack.Block{slack.NewContextBlock("")}, "elements: empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := blockkit.CheckLimits(tc.blocks)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CheckLimits = %v, want nil", err)
			case tc.want != "" && err == nil:
				t.Errorf("CheckLimits = nil, want an error with %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("CheckLimits = %v, want an error with %q", err, tc.want)
			}
		})
	}
}
