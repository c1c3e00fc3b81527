package record

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name (-update rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update ./bot/record creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the rendering (go test -update ./bot/record if intended); got:\n%s", path, got)
	}
}

var t0 = time.Date(2026, 9, 1, 14, 5, 0, 0, time.UTC)

// fixture is request 12, approved by CODIR-IN's majority with a condition, after
// consulting the SPOA (answered before) and the SGC (answered after the decision).
func fixture(lang i18n.Lang) Input {
	sub := t0
	decided := t0.Add(3 * time.Hour)
	answers := map[requests.Tag]requests.Answer{}
	set := func(tag requests.Tag, v string) { answers[tag] = requests.Answer{Value: v} }
	set(requests.TagSystemName, "ChatGPT Édu")
	set(requests.TagSystemVendor, "OpenAI")
	set(requests.TagSystemKind, "public")
	set(requests.TagHosting, "canada")
	set(requests.TagUses, "summary,translation")
	set(requests.TagPersonalData, "no")
	set(requests.TagAutomatedDecision, "no")
	set(requests.TagEFVPStatus, "done")
	set(requests.TagEFVPDate, "2026-08-15")
	r := requests.Request{ID: 12, RequesterKey: "marie.tremblay@cssdgs.gouv.qc.ca", RequesterName: "Marie Tremblay",
		Lang: "fr", Status: requests.Approved, Round: 1, SystemName: "ChatGPT Édu", SubmittedAt: &sub, DecidedAt: &decided,
		Answers: answers}
	vote := func(key, name string, ch workflow.Choice, comment string, at time.Duration, conds ...workflow.Condition) workflow.Vote {
		return workflow.Vote{RequestID: 12, Round: 1, Stage: requests.CODIRReview, VoterKey: key, VoterName: name, Choice: ch,
			Comment: comment, Conditions: conds, At: t0.Add(at)}
	}
	ans := func(d time.Duration) *time.Time { x := t0.Add(d); return &x }
	labels := map[string]string{"summary": "Synthèse", "translation": "Traduction"}
	if lang == i18n.EN {
		labels = map[string]string{"summary": "Summary", "translation": "Translation"}
	}
	cond := workflow.Condition{Kind: workflow.CondOther, TextFR: "Relire chaque traduction « mot à mot » avant diffusion; œuvres citées.",
		TextEN: "Proofread every translation before release."}
	return Input{Lang: lang, Request: r, UseLabel: func(id string) string { return labels[id] },
		Decisions: []workflow.Decision{{RequestID: 12, Round: 1, Stage: requests.CODIRReview, Decision: workflow.Approve,
			ActorKey: "chantal.codir@cssdgs.gouv.qc.ca", ActorName: "Chantal Codir", Comment: "Conforme à la procédure; à suivre.",
			At: decided}},
		Votes: []workflow.Vote{
			vote("chantal.codir@cssdgs.gouv.qc.ca", "Chantal Codir", workflow.ChoiceReject, "Trop tôt.", time.Hour),
			vote("jean.codir@cssdgs.gouv.qc.ca", "François Bélanger", workflow.ChoiceApprove, "", 2*time.Hour),
			vote("chantal.codir@cssdgs.gouv.qc.ca", "Chantal Codir", workflow.ChoiceConditions, "Conforme à la procédure; à suivre.", 3*time.Hour, cond),
		},
		Consultations: []workflow.Consultation{
			{ID: 1, RequestID: 12, Round: 1, Stage: requests.CODIRReview, Role: config.RoleSPOA, AskedByKey: "chantal.codir@cssdgs.gouv.qc.ca",
				AskedByName: "Chantal Codir", AskedAt: t0.Add(10 * time.Minute), Opinion: workflow.Favourable, ByKey: "paul.spoa@cssdgs.gouv.qc.ca",
				ByName: "Paul Côté", AnsweredAt: ans(time.Hour)},
			{ID: 2, RequestID: 12, Round: 1, Stage: requests.CODIRReview, Role: config.RoleSGC, AskedByKey: "chantal.codir@cssdgs.gouv.qc.ca",
				AskedByName: "Chantal Codir", AskedAt: t0.Add(20 * time.Minute), Question: "Droit d'auteur des textes résumés ?",
				Opinion: workflow.Reserved, Text: "Vérifier les licences des œuvres; l'équité d'accès « pour tous » est à préciser.",
				ByKey: "sophie.sgc@cssdgs.gouv.qc.ca", ByName: "Sophie Gagnon", AnsweredAt: ans(26 * time.Hour)},
		},
		Ruling: &Ruling{Uses: []UseRule{{Use: labels["summary"], Rule: "permitted"},
			{Use: labels["translation"], Rule: "restricted", Conditions: cond.Text(lang)}},
			Hosting: "canada", EFVPNextReview: "2027-08-15", Training: []string{"2026-09-15", "2026-09-22"}, Deployment: "2026-10-01",
			Conditions: []string{workflow.Condition{Kind: workflow.CondDisclosure}.Text(lang)}},
	}
}

// TestGoldenRecords: the record of the fixture in every format (French) and in
// Markdown in English, byte for byte.
func TestGoldenRecords(t *testing.T) {
	fr := Build(fixture(i18n.FR))
	golden(t, "record.fr.md", Markdown(fr))
	js, err := JSON(fr)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "record.fr.json", js)
	pdf, err := PDF(fr)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "record.fr.pdf", pdf)
	golden(t, "record.fr.message.txt", []byte(Message(fr)+"\n"))
	en := Build(fixture(i18n.EN))
	golden(t, "record.en.md", Markdown(en))
	pdfEN, err := PDF(en)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "record.en.pdf", pdfEN)
}

// TestRecordSaysTheOpinionCameAfter: the SGC's opinion, given a day after CODIR-IN
// approved, is marked as such; the SPOA's, given before, is not.
func TestRecordSaysTheOpinionCameAfter(t *testing.T) {
	rec := Build(fixture(i18n.FR))
	if len(rec.Opinions) != 2 || rec.Opinions[0].AfterDecision || !rec.Opinions[1].AfterDecision {
		t.Fatalf("opinions = %+v; want the SPOA's before, the SGC's after", rec.Opinions)
	}
	md := string(Markdown(rec))
	for _, want := range []string{"donné après la décision : le comité a statué sans cet avis", "donné avant la décision",
		"Chantal Codir — chantal.codir@cssdgs.gouv.qc.ca : approuver avec conditions", "5.1.1, 5.1.2, 5.1.3, 5.1.4, 6.1, 6.3.1, 6.3.2, 6.3.3, 8"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "Trop tôt") {
		t.Errorf("a replaced vote shows in the record:\n%s", md)
	}
	// JSON carries the same facts as codes.
	var back map[string]any
	js, _ := JSON(rec)
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	ops := back["opinions"].([]any)
	if sgc := ops[1].(map[string]any); sgc["role"] != "sgc" || sgc["after_decision"] != true || sgc["opinion"] != "reserved" {
		t.Errorf("JSON SGC opinion = %v", sgc)
	}
}

// TestOpenStageHidesVoteContent: while a stage is open, its votes show who voted,
// not what.
func TestOpenStageHidesVoteContent(t *testing.T) {
	in := fixture(i18n.FR)
	in.Request.Status, in.Request.DecidedAt, in.Decisions = requests.CODIRReview, nil, nil
	rec := Build(in)
	last := rec.Stages[len(rec.Stages)-1]
	if last.Decided || len(last.Votes) != 2 || last.Votes[0].Choice != "" || last.Votes[0].Comment != "" {
		t.Fatalf("open stage = %+v; want two votes without content", last)
	}
	if md := string(Markdown(rec)); strings.Contains(md, "Conforme") || !strings.Contains(md, "a voté") {
		t.Errorf("open stage's votes leak their content:\n%s", md)
	}
}

// TestPDFIsDeterministicAndAccented: the same record gives the same bytes, and the
// text extracted from the PDF holds French's accents and quotes.
func TestPDFIsDeterministicAndAccented(t *testing.T) {
	rec := Build(fixture(i18n.FR))
	a, err := PDF(rec)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PDF(rec)
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of one record differ")
	}
	text := pdfText(t, a)
	for _, want := range []string{"Registre de décision — demande n° 12 — ChatGPT Édu", "Établi à la date du", "après la décision",
		"Côté", "« pour tous »", "œuvres", "à préciser", "Réservé", "François", "après"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q; text:\n%s", want, text)
		}
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20260902")) {
		t.Errorf("creation date is not the record's date")
	}
}

func TestCP1252(t *testing.T) {
	for in, want := range map[string]string{"é è à ç œ « » —": "é è à ç œ « » —", "Đặng ő": "?ang o", "a\nb": "a b"} {
		got, _ := charmap.Windows1252.NewDecoder().String(cp1252(in))
		if got != want {
			t.Errorf("cp1252(%q) = %q, want %q", in, got, want)
		}
	}
}

// pdfText extracts the strings shown by the PDF's text operators (Tj) from its
// Flate-compressed content streams, decoded from Windows-1252: enough to read back
// what fpdf wrote with a standard font.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	streams := regexp.MustCompile(`(?s)/Filter /FlateDecode /Length \d+>>\nstream\n(.*?)\nendstream`).FindAllSubmatch(pdf, -1)
	if len(streams) == 0 {
		t.Fatal("no compressed stream in the PDF")
	}
	var out strings.Builder
	tj := regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj`)
	for _, s := range streams {
		zr, err := zlib.NewReader(bytes.NewReader(s[1]))
		if err != nil {
			continue // a font or image stream
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			continue
		}
		for _, m := range tj.FindAllSubmatch(raw, -1) {
			dec, _ := charmap.Windows1252.NewDecoder().Bytes(unescapePDF(m[1]))
			out.Write(dec)
			out.WriteByte('\n')
		}
	}
	return out.String()
}

// unescapePDF undoes a PDF literal string's backslash escapes.
func unescapePDF(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			out = append(out, b[i])
			continue
		}
		i++
		switch c := b[i]; {
		case c == 'n':
			out = append(out, '\n')
		case c == 'r':
			out = append(out, '\r')
		case c >= '0' && c <= '7':
			v := 0
			for k := 0; k < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
				v = v*8 + int(b[i]-'0')
				i++
			}
			i--
			out = append(out, byte(v))
		default:
			out = append(out, c)
		}
	}
	return out
}

// TestPDFReadByPoppler reads the golden PDF back with Poppler's pdftotext, a real PDF
// reader, when it is installed (Debian: poppler-utils); the test above checks the same
// without it.
func TestPDFReadByPoppler(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	pdf, err := PDF(Build(fixture(i18n.FR)))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Registre de décision — demande n° 12 — ChatGPT Édu", "François Bélanger", "« pour tous »",
		"œuvres", "donné après la décision", "2/2"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext output lacks %q:\n%s", want, out)
		}
	}
}
