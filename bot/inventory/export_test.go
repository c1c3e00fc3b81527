package inventory

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

// TestYAMLRoundTrip checks the export contract: what WriteYAML writes, Parse reads back
// unchanged, and writing it again gives the same bytes.
func TestYAMLRoundTrip(t *testing.T) {
	good, err := parseFile(t, "testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, inv := range map[string]*Inventory{"sample": Sample(), "good": good} {
		t.Run(name, func(t *testing.T) {
			var first bytes.Buffer
			if err := inv.WriteYAML(&first); err != nil {
				t.Fatal(err)
			}
			back, err := Parse(bytes.NewReader(first.Bytes()))
			if err != nil {
				t.Fatalf("re-import: %v\n%s", err, first.String())
			}
			if !reflect.DeepEqual(back, inv) {
				t.Errorf("round trip changed the inventory:\n%+v\nwant\n%+v", back, inv)
			}
			var second bytes.Buffer
			if err := back.WriteYAML(&second); err != nil {
				t.Fatal(err)
			}
			if first.String() != second.String() {
				t.Errorf("second export differs:\n%s\n---\n%s", first.String(), second.String())
			}
		})
	}
}

func TestCloneIsDeep(t *testing.T) {
	inv := Sample()
	c := inv.Clone()
	if !reflect.DeepEqual(c, inv) {
		t.Fatal("clone differs")
	}
	c.Systems[0].Permitted[0] = "x"
	*c.Systems[0].Open = true
	c.Uses[0].Keywords.FR[0] = "x"
	if inv.Systems[0].Permitted[0] == "x" || *inv.Systems[0].Open || inv.Uses[0].Keywords.FR[0] == "x" {
		t.Error("clone shares memory with the original")
	}
}

func TestWriteCSV(t *testing.T) {
	inv := Sample()
	for _, lang := range []string{"fr", "en"} {
		var b bytes.Buffer
		if err := inv.WriteCSV(&b, lang); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		for _, s := range inv.Systems {
			n := len(s.Permitted) + len(s.Restricted) + len(s.Forbidden)
			if n == 0 {
				n = 1
			}
			rows += n
		}
		if len(recs) != rows+1 {
			t.Errorf("%s: %d records, want %d", lang, len(recs), rows+1)
		}
		head := strings.Join(recs[0], ",")
		wantHead := map[string]string{"fr": "Système", "en": "System"}[lang]
		if !strings.Contains(head, wantHead) {
			t.Errorf("%s header = %q", lang, head)
		}
	}
	var b bytes.Buffer
	_ = inv.WriteCSV(&b, "fr")
	if !strings.Contains(b.String(), "copilot-chat,Microsoft Copilot Chat,public,Microsoft,Canada,approuvé,2026-04-15,2027-04-15,feedback,Rétroaction sur les travaux d'élèves,restreint,") {
		t.Errorf("CSV lacks the restricted feedback row of Copilot Chat:\n%s", b.String())
	}
}

func TestWriteMarkdown(t *testing.T) {
	inv := Sample()
	inv.Systems[0].Name = "Pipe | Name"
	var fr, en bytes.Buffer
	if err := inv.WriteMarkdown(&fr, "fr"); err != nil {
		t.Fatal(err)
	}
	if err := inv.WriteMarkdown(&en, "en"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| Système | Type | Fournisseur | Hébergement | Statut |", "| Commentaires de bulletin | interdit |", `Pipe \| Name`, "privé sécurisé", "art. 6.1"} {
		if !strings.Contains(fr.String(), want) {
			t.Errorf("French Markdown lacks %q", want)
		}
	}
	for _, want := range []string{"| System | Kind | Vendor | Hosting | Status |", "| Report card comments | forbidden |", "s. 6.1"} {
		if !strings.Contains(en.String(), want) {
			t.Errorf("English Markdown lacks %q", want)
		}
	}
}
