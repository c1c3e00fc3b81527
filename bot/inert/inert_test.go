package inert

import "testing"

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"OpenAI", "OpenAI"},
		{`=HYPERLINK("https://evil.example/x","OpenAI")`, `'=HYPERLINK("https://evil.example/x","OpenAI")`},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"\n=1", "'\n=1"},
		{"＝HYPERLINK(\"https://evil.example/x\")", "'＝HYPERLINK(\"https://evil.example/x\")"},
		{"＠SUM(A1)", "'＠SUM(A1)"},
		{"é=1", "é=1"},
		{"a=1", "a=1"},
		{"", ""},
	} {
		if got := Cell(tc.in); got != tc.want {
			t.Errorf("Cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Microsoft Copilot", "Microsoft Copilot"},
		{"[clic](https://evil.example)", `\[clic\](https://evil.example)`},
		{"![x](https://evil.example/p.png)", `\!\[x\](https://evil.example/p.png)`},
		{"**gras** _it_ `code`", "\\*\\*gras\\*\\* \\_it\\_ \\`code\\`"},
		{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
		{"a | b\nc", `a \| b c`},
		{"R&D", "R&amp;D"},
		{"# titre", `\# titre`},
	} {
		if got := Markdown(tc.in); got != tc.want {
			t.Errorf("Markdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
