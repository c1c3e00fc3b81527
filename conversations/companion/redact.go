package companion

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/conversations"
)

// Kinds of text redact masks.
const (
	maskEmail     = "email"
	maskPermCode  = "permanent-code"
	maskPhone     = "phone"
	maskSIN       = "sin"
	maskPostal    = "postal-code"
	maskDate      = "date"
	maskNumber    = "number"
	maskName      = "name"
	maxDescLength = 280 // runes kept of a description, after redaction
)

// patterns are what personal information looks like in a short description, most
// specific first: an e-mail before the digits in it, a permanent code (4 letters, 8
// digits) before a number, a phone number (10 digits) before a SIN (9).
var patterns = []struct {
	kind string
	re   *regexp.Regexp
}{
	{maskEmail, regexp.MustCompile(`[\p{L}0-9._%+-]+@[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)+`)},
	{maskPermCode, regexp.MustCompile(`\b[A-Za-z]{4}[ -]?\d{4}[ -]?\d{4}\b`)},
	{maskPhone, regexp.MustCompile(`(?:\+?1[ .-]?)?(?:\(\d{3}\)|\b\d{3})[ .-]?\d{3}[ .-]?\d{4}\b(?:\s*(?:poste|ext\.?|x)\s*\d+)?`)},
	{maskSIN, regexp.MustCompile(`\b\d{3}[ -]?\d{3}[ -]?\d{3}\b`)},
	{maskPostal, regexp.MustCompile(`\b[ABCEGHJ-NPRSTVXYabceghj-nprstvxy]\d[A-Za-z][ -]?\d[A-Za-z]\d\b`)},
	{maskDate, regexp.MustCompile(`\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b`)},
	{maskNumber, regexp.MustCompile(`\b\d{5,}\b`)},
}

// nameLike is a capitalised word, hyphenated or elided ("Marie-Ève", "d'Amélie").
var nameLike = regexp.MustCompile(`\p{Lu}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*`)

// redact masks in text what looks like personal information: e-mail addresses, phone
// numbers, permanent codes, social insurance numbers, postal codes, dates, long
// numbers, and every capitalised word that is not a common sentence opener, a system
// or an acronym the bot knows, since it may be a name. mark gives the marker of a
// kind ("[nom]"). It returns the redacted text, cut to maxDescLength, and the kind of
// every mask, in order. It errs on the side of masking: a lower-case name escapes it,
// which is why the bot asks for no names at all.
func redact(text string, mark func(kind string) string) (string, []string) {
	var kinds []string
	// Placeholders keep masked spans out of the later passes; markers come last.
	const open, shut = "\x00", "\x01"
	for i, p := range patterns {
		text = p.re.ReplaceAllStringFunc(text, func(string) string {
			kinds = append(kinds, p.kind)
			return open + string(rune('a'+i)) + shut
		})
	}
	text = nameLike.ReplaceAllStringFunc(text, func(w string) string {
		if head, rest, ok := cutElision(w); ok {
			if !startsUpper(rest) {
				return w
			}
			return head + nameMask(rest, &kinds, open, shut)
		}
		return nameMask(w, &kinds, open, shut)
	})
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == open[0] && i+2 < len(text) && text[i+2] == shut[0] {
			if k := int(text[i+1] - 'a'); k >= 0 && k < len(patterns) {
				b.WriteString(mark(patterns[k].kind))
			} else {
				b.WriteString(mark(maskName))
			}
			i += 2
			continue
		}
		b.WriteByte(text[i])
	}
	return truncate(strings.TrimSpace(b.String()), maxDescLength), kinds
}

func nameMask(w string, kinds *[]string, open, shut string) string {
	if keepWords[conversations.Fold(w)] {
		return w
	}
	*kinds = append(*kinds, maskName)
	return open + "n" + shut // 'n' is past the patterns: the name marker
}

// cutElision splits "d'Amélie" into "d'" and "Amélie"; ok is false without elision.
func cutElision(w string) (head, rest string, ok bool) {
	for _, ap := range []string{"'", "’"} {
		if i := strings.Index(w, ap); i > 0 && elisions[strings.ToLower(w[:i])] {
			return w[:i+len(ap)], w[i+len(ap):], true
		}
	}
	return "", "", false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

var elisions = wordSet("j", "l", "d", "c", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu")

// keepWords are capitalised words that are not names: sentence openers, days and
// months in English, acronyms, tools of the trade and the nouns a description of an
// incident starts with. Folded.
var keepWords = wordSet(
	"je", "il", "elle", "on", "nous", "vous", "ils", "elles", "le", "la", "les", "un", "une", "des", "du", "de",
	"ce", "cet", "cette", "ces", "ca", "cela", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre",
	"nos", "votre", "vos", "leur", "leurs", "et", "ou", "mais", "donc", "car", "puis", "ensuite", "alors", "quand",
	"lorsque", "si", "en", "dans", "par", "pour", "avec", "sans", "sur", "sous", "hier", "aujourd", "oui", "non",
	"oups", "bonjour", "merci", "desole", "desolee", "malheureusement", "accidentellement", "apres", "avant", "tout",
	"toute", "tous", "toutes", "aucun", "aucune", "qui", "que", "quoi", "ou", "comment", "pourquoi", "voici", "voila",
	"ai", "avais", "etait", "c est", "au", "aux", "ici", "ce matin", "plusieurs", "quelques", "certains", "certaines",
	"i", "we", "you", "he", "she", "they", "it", "the", "a", "an", "this", "that", "these", "those", "my", "our",
	"your", "his", "her", "their", "and", "but", "so", "or", "then", "when", "if", "in", "on", "at", "by", "for",
	"with", "without", "yesterday", "today", "oops", "sorry", "hello", "hi", "please", "thanks", "after", "before",
	"there", "here", "what", "how", "why", "who", "no", "yes", "unfortunately", "accidentally", "some", "several",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october", "november", "december",
	"ia", "iag", "ai", "genai", "sti", "codir", "codir in", "cprpsi", "efvp", "rh", "hr", "ti", "it", "pdf", "ok",
	"cssdgs", "maestro", "teams", "slack", "microsoft", "google", "openai", "excel", "word", "outlook", "powerpoint",
	"onenote", "forms", "copilot", "chatgpt", "gemini", "gpt", "mistral", "perplexity", "deepseek", "grok", "notebooklm",
	"mozaik", "gpi", "sharepoint", "onedrive", "nas", "sin", "tdah", "tsa", "adhd", "iep", "pi",
	// Nouns that open a sentence about an incident.
	"courriel", "email", "bulletin", "bulletins", "dossier", "dossiers", "note", "notes", "eleve", "eleves",
	"parent", "parents", "mere", "pere", "student", "students", "mother", "father", "enseignant", "enseignante",
	"teacher", "classe", "class", "ecole", "school", "direction", "tableau", "liste", "list", "fichier", "file",
	"document", "texte", "text", "message", "copie", "capture", "photo", "rapport", "report",
)

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
