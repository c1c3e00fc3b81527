// Package text is the one place where iagbot reads free text, in French and English:
//
//   - folding: Fold (case, accents, ligatures « œ » → "oe"), Compact (letters and digits
//     only, for ids) and FoldWords (punctuation to single spaces, for command phrases);
//   - words: Tokenize (elisions « l' », « qu' » cut off, English possessives, negations,
//     function words) and the Snowball stems phrase matching compares;
//   - dates: FindDates reads absolute dates (ISO, « 1er mai 2027 », "May 1, 2027",
//     day/month/year) and relative ones (« hier », « il y a 3 jours », "in 2 weeks"), in
//     the caller's zone (Toronto for America/Toronto);
//   - personal information: one Detector finds what identifies a person (e-mail, phone,
//     permanent code, SIN, postal code, dates, grades, names) as spans, and Redact masks
//     exactly those spans, so that whatever is detected is absent from the redacted text.
//     Lexicon holds the words that signal a category of personal or confidential data
//     (health, youth protection, grades…), which the verdict engine matches by stems.
//
// Verdicts (bot/policy), incidents (conversations/incident),
// dialogs (conversations/annexe) and storage ids (Fold, Compact) all use it.
package text
