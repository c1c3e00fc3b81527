package text

import (
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Strength says how surely a finding identifies a person.
type Strength int

// Strengths, weakest first. The redactor masks every finding whatever its strength;
// verdicts count only Strong ones.
const (
	// Masked spans say nothing alone but are masked to be safe: a capitalised word
	// opening a sentence, an unknown acronym, a long number.
	Masked Strength = iota
	// Weak spans may identify someone: a lone capitalised word in mid-sentence, a
	// date, a grade without a person.
	Weak
	// Strong spans identify someone: an e-mail, a phone number, a permanent code, a
	// name after « l'élève » or of two words.
	Strong
)

// Finding is a span of a text that may identify a person.
type Finding struct {
	Kind Kind
	// Start and End are byte offsets in the text searched.
	Start, End int
	Strength   Strength
}

// emailPattern is an e-mail address, accented letters included ("josée.roy@école.ca").
const emailPattern = `[\p{L}\p{M}\p{N}._%+'-]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)*\.\p{L}{2,}`

var (
	emailRe      = regexp.MustCompile(emailPattern)
	wholeEmailRe = regexp.MustCompile(`^(?:` + emailPattern + `)$`)
)

// FindEmail returns the first e-mail address in s, or "": the detector's own rule,
// for the dialogs that ask for someone's address.
func FindEmail(s string) string { return emailRe.FindString(s) }

// IsEmail reports whether s, trimmed, is one e-mail address and nothing else.
func IsEmail(s string) bool { return wholeEmailRe.MatchString(strings.TrimSpace(s)) }

// literal are personal data written out, most specific first: an e-mail before the
// digits in it, a permanent code (4 letters, 8 digits, however grouped) before a
// number, a phone number (10 digits) before a SIN (9). They run on the raw text;
// letters include combining accents, so "josée.roy@…" is one e-mail.
var literal = []struct {
	kind Kind
	re   *regexp.Regexp
}{
	{KindEmail, emailRe},
	// Code permanent (Québec student id): TREJ12059801, TREJ 1205 9801, ROYJ 120598 01.
	{KindCodePermanent, regexp.MustCompile(`(?i)\b[a-z]{4}[ -]?(?:\d{8}|\d{4}[ -]\d{4}|\d{6}[ -]\d{2}|\d{2}[ -]\d{2}[ -]\d{2}[ -]\d{2})\b`)},
	// North American numbers: 450-555-1234, (450) 555-1234, +1 450 555 1234,
	// 1-800-555-1234, 450.555.1234, 4505551234, with « poste 12 », "ext. 12", "#12".
	{KindPhone, regexp.MustCompile(`(?i)(?:\+1[ .-]?(?:\(\d{3}\) ?|\d{3}[ .-]?)|(?:\b1[ .-]?)?(?:\(\d{3}\) ?|\b\d{3}[ .-]?))\d{3}[ .-]?\d{4}\b(?:\s*(?:poste|post\.|p\.|ext\.?|extension|x|#)\s*\d{1,5}\b)?`)},
	// SIN / NAS: nine digits, grouped 3-3-3 or not.
	{KindSIN, regexp.MustCompile(`\b\d{3}[ -]?\d{3}[ -]?\d{3}\b`)},
	// A local number without its area code: 555-1234.
	{KindPhone, regexp.MustCompile(`\b\d{3}-\d{4}\b`)},
	// Canadian postal code: H2X 1Y4 (letters D, F, I, O, Q, U never appear).
	{KindPostalCode, regexp.MustCompile(`(?i)\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b`)},
	// A street address: 123 rue Principale, 4560, boul. Saint-Jean, 12 Main Street.
	{KindAddress, regexp.MustCompile(`\b\d{1,5}(?:-\d{1,4})?,?\s+(?i:rue|avenue|av\.|boulevard|boul\.|blvd\.?|chemin|ch\.|rang|mont[ée]e|route|place|croissant|impasse|terrasse|street|road|drive|lane|crescent|court)\s+(?:de la |de l'|de l’|du |des |de |d'|d’|la |le |the )?[\p{L}\p{N}][\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,2}`)},
	{KindAddress, regexp.MustCompile(`\b\d{1,5}\s+(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,3}(?i:street|st\.|road|rd\.|avenue|ave\.?|drive|dr\.|boulevard|blvd\.?|lane|crescent|court|way)`)},
}

// grade is a result: 45 %, 17/20, 8,5 sur 10. It is read after dates, so that
// 04/03/2012 is a date.
var grade = regexp.MustCompile(`(?i)\b\d{1,3}(?:[.,]\d{1,2})?\s?(?:%|/\s?\d{1,3}\b|sur\s\d{1,3}\b|out of\s\d{1,3}\b)`)

// Detector finds personal information in text. Its rules are the redactor's rules:
// Redact masks exactly what Find returns. It is immutable and safe for concurrent use.
type Detector struct {
	// known are folded words (and their stems) that are not names although
	// capitalised: tools, vendors, keywords, common proper nouns.
	known, knownStems map[string]bool
}

// NewDetector returns a detector that also knows the words of the given phrases (tool
// and vendor names, keywords) as words that are not names.
func NewDetector(phrases ...string) *Detector {
	d := &Detector{known: map[string]bool{}, knownStems: map[string]bool{}}
	for w := range notNames {
		d.known[w] = true
	}
	for _, p := range phrases {
		for _, t := range Tokenize(p) {
			d.known[t.Fold] = true
			// Stems let « Rédige » be known from the keyword « rédiger »; short stems
			// would hide names ("juli" is both July and Julie).
			for _, s := range Stems(t.Lower, t.Fold)[1:] {
				if len(s) >= 5 {
					d.knownStems[s] = true
				}
			}
		}
	}
	return d
}

// Known reports whether a word, folded, is one the detector never takes for a name.
func (d *Detector) Known(fold string) bool { return d.known[fold] }

func (d *Detector) isKnown(t Token) bool {
	if d.known[t.Fold] || StopWords[t.Fold] || personNouns[t.Fold] {
		return true
	}
	for _, s := range Stems(t.Lower, t.Fold)[1:] {
		if d.knownStems[s] {
			return true
		}
	}
	return false
}

// Find returns the spans of s that may identify a person, in order, without overlap.
func (d *Detector) Find(s string) []Finding { return d.FindTokens(s, Tokenize(s)) }

// FindTokens is Find for a text already tokenised (toks = Tokenize(s)). Text with
// invisible characters (« 450\u200b555 1234 ») or letters that look like Latin ones
// (a Cyrillic « о ») is searched in its plain form, and the findings mapped back.
func (d *Detector) FindTokens(s string, toks []Token) []Finding {
	if plain, at, changed := Plain(s); changed {
		fs := d.find(plain, Tokenize(plain))
		for i := range fs {
			fs[i].Start, fs[i].End = at[fs[i].Start], at[fs[i].End]
		}
		return fs
	}
	return d.find(s, toks)
}

func (d *Detector) find(s string, toks []Token) []Finding {
	var out []Finding
	digits := strings.ContainsFunc(s, unicode.IsDigit)
	for _, p := range literal {
		// Every pattern needs a digit, or an "@": most questions skip them all.
		if p.kind == KindEmail && strings.IndexByte(s, '@') < 0 || p.kind != KindEmail && !digits {
			continue
		}
		for _, loc := range p.re.FindAllStringIndex(s, -1) {
			if !overlapsFinding(out, loc[0], loc[1]) {
				out = append(out, Finding{Kind: p.kind, Start: loc[0], End: loc[1], Strength: Strong})
			}
		}
	}
	for i, f := range out {
		if (f.Kind == KindPhone || f.Kind == KindEmail) && publicContact(s, toks, f, out) {
			out[i].Strength = Masked // the school's own number or address, on a poster
		}
	}
	if digits {
		out = d.dates(s, toks, out)
		for _, loc := range grade.FindAllStringIndex(s, -1) {
			if !overlapsFinding(out, loc[0], loc[1]) {
				// A result says something of a person only when one is named (below).
				out = append(out, Finding{Kind: KindGrades, Start: loc[0], End: loc[1], Strength: Weak})
			}
		}
	}
	out = d.names(s, toks, out)
	if digits {
		// Any other long number: a file number, a year.
		for _, t := range toks {
			if countDigits(s[t.Start:t.End]) >= 4 && !overlapsFinding(out, t.Start, t.End) {
				out = append(out, Finding{Kind: KindNumber, Start: t.Start, End: t.End, Strength: Masked})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	// A grade is strong when a person is named in the same text.
	if Strongest(out, KindName) == Strong {
		for i := range out {
			if out[i].Kind == KindGrades {
				out[i].Strength = Strong
			}
		}
	}
	return out
}

// dates adds the written dates: of birth when introduced as such (strong), other
// dates weak. Relative dates (« hier ») identify no one.
func (d *Detector) dates(s string, toks []Token, out []Finding) []Finding {
	for _, dt := range FindDates(s, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		if dt.Form == DateRelative || overlapsFinding(out, dt.Start, dt.End) {
			continue
		}
		f := Finding{Kind: KindDate, Start: dt.Start, End: dt.End, Strength: Weak}
		if bornBefore(toks, dt.Start) {
			f.Kind, f.Strength = KindBirthDate, Strong
		}
		out = append(out, f)
	}
	return out
}

// bornBefore reports a birth word among the four words before offset at: « née le »,
// « date de naissance : », "born on", "DOB".
func bornBefore(toks []Token, at int) bool {
	n := 0
	for i := len(toks) - 1; i >= 0 && n < 4; i-- {
		if toks[i].Start >= at {
			continue
		}
		if birthWords[toks[i].Fold] {
			return true
		}
		n++
	}
	return false
}

// Strongest returns the strongest strength of the findings of kind k, -1 when none.
func Strongest(fs []Finding, k Kind) Strength {
	best := Strength(-1)
	for _, f := range fs {
		if f.Kind == k && f.Strength > best {
			best = f.Strength
		}
	}
	return best
}

// Redact returns s with every finding replaced by mark(kind). Findings must come from
// Find on the same s.
func Redact(s string, fs []Finding, mark func(Kind) string) string {
	if len(fs) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pos := 0
	for _, f := range fs {
		if f.Start < pos {
			continue
		}
		b.WriteString(s[pos:f.Start])
		b.WriteString(mark(f.Kind))
		pos = f.End
	}
	b.WriteString(s[pos:])
	return b.String()
}

// Redact finds and masks in one call.
func (d *Detector) Redact(s string, mark func(Kind) string) (string, []Finding) {
	fs := d.Find(s)
	return Redact(s, fs, mark), fs
}

func overlapsFinding(fs []Finding, from, to int) bool {
	for _, f := range fs {
		if from < f.End && to > f.Start {
			return true
		}
	}
	return false
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// publicContact reports a phone number or an e-mail address of the organisation
// rather than of a person: introduced by « l'école », « le secrétariat », "the school
// office" among the six words before it, or an e-mail to a service (« secretariat@ »,
// "info@").
func publicContact(s string, toks []Token, f Finding, all []Finding) bool {
	if f.Kind == KindEmail {
		local, _, _ := strings.Cut(s[f.Start:f.End], "@")
		return serviceMailboxes[Fold(local)]
	}
	n := 0
	for i := len(toks) - 1; i >= 0 && n < 6; i-- {
		if toks[i].Start >= f.Start || overlapsFinding(all, toks[i].Start, toks[i].End) {
			continue
		}
		if personNouns[toks[i].Fold] || onePerson[toks[i].Fold] {
			return false // « le cellulaire de la mère de l'élève »
		}
		if publicPlaces[toks[i].Fold] {
			return true
		}
		n++
	}
	return false
}

var (
	publicPlaces     = set("ecole", "school", "secretariat", "reception", "accueil", "bureau", "office", "centre", "organisme", "cssdgs", "service", "services", "direction", "administration", "info", "information", "general", "generale", "main", "affiche", "poster", "site", "web")
	serviceMailboxes = set("info", "information", "secretariat", "reception", "accueil", "direction", "admin", "administration", "communications", "service", "services", "support", "soutien", "aide", "help", "contact", "ti", "it", "rh", "hr", "noreply", "no-reply", "bureau", "office")
)
