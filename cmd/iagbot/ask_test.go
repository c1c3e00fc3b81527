package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/inventory"
)

// callCmd runs one of this file's subcommands directly, with a database in a
// temporary folder, and returns its outputs and error.
func callCmd(t *testing.T, env map[string]string, fn func(context.Context, Env, []string) error, args ...string) (out, errOut string, err error) {
	t.Helper()
	var outb, errb bytes.Buffer
	e := newEnv(strings.NewReader(""), &outb, &errb, func(k string) string { return env[k] })
	err = fn(context.Background(), e, args)
	return outb.String(), errb.String(), err
}

// sampleFile writes the embedded sample inventory to a file.
func sampleFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "inventaire.yaml")
	if err := os.WriteFile(path, inventory.SampleYAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAskJSONContract(t *testing.T) {
	inv := sampleFile(t)
	env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}
	out, errOut, err := callCmd(t, env, runAsk, "--inventory", inv, "--json", "Puis-je mettre les notes de mes élèves dans ChatGPT ?")
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, errOut)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var got map[string]any
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value:\n%s", out)
	}
	keys := []string{"verdict", "system", "tool", "use", "personal_data", "sections", "message"}
	if len(got) != len(keys) {
		t.Errorf("keys = %v, want exactly %v", got, keys)
	}
	for _, k := range keys {
		if _, ok := got[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	if got["verdict"] != "forbidden" || got["system"] != "chatgpt" || got["tool"] != "ChatGPT" || got["personal_data"] != true {
		t.Errorf("got %v", got)
	}
	if s, _ := got["sections"].([]any); len(s) == 0 || s[0] != "6.2" {
		t.Errorf("sections = %v", got["sections"])
	}
	if msg, _ := got["message"].(string); !strings.Contains(msg, "Non, c'est interdit") {
		t.Errorf("message = %q", msg)
	}
	if strings.Contains(errOut, "notes de mes élèves") {
		t.Error("the question was written to stderr")
	}
}

func TestAskTextLanguageAndFlagsAnywhere(t *testing.T) {
	inv := sampleFile(t)
	env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}
	// Flags after the question; the answer follows the question's language.
	out, _, err := callCmd(t, env, runAsk, "Can", "I", "use", "Copilot", "to", "summarize", "an", "article?", "--inventory", inv)
	if err != nil || !strings.Contains(out, "Yes, this is allowed.") {
		t.Fatalf("ask = %v\n%s", err, out)
	}
	// --lang forces the language of the answer.
	out, _, err = callCmd(t, env, runAsk, "--inventory", inv, "--lang", "en", "Puis-je utiliser Claude ?")
	if err != nil || !strings.Contains(out, "Claude is not a GenAI system approved") {
		t.Fatalf("ask --lang en = %v\n%s", err, out)
	}
	// Without a question, or with a bad language: usage errors.
	if _, _, err := callCmd(t, env, runAsk, "--inventory", inv); !errors.Is(err, errUsage) {
		t.Errorf("no question = %v", err)
	}
	if _, _, err := callCmd(t, env, runAsk, "--lang", "de", "ChatGPT ?"); !errors.Is(err, errUsage) {
		t.Errorf("--lang de = %v", err)
	}
	if _, errOut, err := callCmd(t, env, runAsk, "--help"); !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut, "--inventory") {
		t.Errorf("--help = %v: %s", err, errOut)
	}
}

func TestAskInvalidInventoryFails(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nuses: []\nsystems:\n  - id: x\n    name: X\n    kind: cloud\n    hosting: quebec\n    status: approved\n    permitted: [nope]\n"), 0o600)
	env := map[string]string{"IAGBOT_DB": filepath.Join(dir, "a.db")}
	out, errOut, err := callCmd(t, env, runAsk, "--inventory", bad, "--json", "ChatGPT ?")
	if err == nil || out != "" {
		t.Fatalf("invalid inventory = %v, out %q", err, out)
	}
	for _, want := range []string{bad + `:6: kind "cloud" is not one of public, private`, bad + `:9: unknown use id "nope"`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if _, _, err := callCmd(t, env, runAsk, "--inventory", filepath.Join(dir, "missing.yaml"), "ChatGPT ?"); err == nil {
		t.Error("unreadable inventory accepted")
	}
	// Through the command line, the exit code is non-zero.
	if code, _, _ := runCLIAsk(t, env, "--inventory", bad, "ChatGPT ?"); code == 0 {
		t.Error("exit code 0 for an invalid inventory")
	}
}

// runCLIAsk runs "iagbot ask" through the same error handling as main, whether or
// not main's command table lists it yet.
func runCLIAsk(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	out, errOut, err := callCmd(t, env, runAsk, args...)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0, out, errOut
	case errors.Is(err, errUsage):
		return 2, out, errOut
	}
	return 1, out, errOut + err.Error()
}

func TestAskUsesTheDatabaseInventory(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"IAGBOT_DB": filepath.Join(dir, "a.db")}
	small := filepath.Join(dir, "small.yaml")
	os.WriteFile(small, []byte(`version: 1
uses:
  - {id: summary, label: {fr: Synthèse, en: Summary}, keywords: {fr: [résumer], en: [summarize]}, disclosure: {fr: la synthèse, en: summarizing}}
systems:
  - {id: gemini, name: Google Gemini, kind: public, hosting: foreign, status: approved, permitted: [summary]}
`), 0o600)
	if _, errOut, err := callCmd(t, env, runInventory, "import", small); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	code, out, errOut := runCLIAsk(t, env, "--json", "Can I use Gemini to summarize a report?")
	var got askJSON
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("ask = %d %s %s", code, out, errOut)
	}
	if got.Verdict != "permitted" || got.System != "gemini" || got.Use != "summary" {
		t.Errorf("from the database: %+v", got)
	}
}

// TestAskJSONDoubt: "doubt": true is added only to an answer given in doubt.
func TestAskJSONDoubt(t *testing.T) {
	inv := sampleFile(t)
	env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}
	for q, want := range map[string]bool{
		"Puis-je utiliser Copilot pour résumer un texte sur la santé mentale ?": true,
		"Puis-je utiliser Copilot pour résumer un texte ?":                      false,
	} {
		out, errOut, err := callCmd(t, env, runAsk, "--inventory", inv, "--json", q)
		if err != nil {
			t.Fatalf("ask: %v\n%s", err, errOut)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		d, present := got["doubt"]
		if present != want || (want && d != true) {
			t.Errorf("%q: doubt = %v (present %v), want %v", q, d, present, want)
		}
		if want && got["verdict"] != "restricted" {
			t.Errorf("%q: verdict %v, want restricted", q, got["verdict"])
		}
	}
}

// TestAskQuestionStartingWithDash: everything after the flags is the question, even a
// pasted form line starting with "-"; one JSON object, exit 0.
func TestAskQuestionStartingWithDash(t *testing.T) {
	inv := sampleFile(t)
	env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}
	for _, args := range [][]string{
		{"--inventory", inv, "--json", "- Outil : Copilot. Usage : résumer un texte."},
		{"--inventory", inv, "--json", "--", "- Outil : Copilot. Usage : résumer un texte."},
		{"--json", "- Outil : Copilot.", "-Usage", ": résumer un texte.", "--inventory", inv},
		{"--inventory=" + inv, "-json", "- Outil : Copilot. Usage : résumer un texte."},
	} {
		out, errOut, err := callCmd(t, env, runAsk, args...)
		if err != nil {
			t.Fatalf("ask %q: %v\n%s", args, err, errOut)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("ask %q: not one JSON object: %v\n%s", args, err, out)
		}
		if got["tool"] == "" || got["verdict"] == "" {
			t.Errorf("ask %q: %v", args, got)
		}
	}
}
