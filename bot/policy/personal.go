package policy

import "github.com/cssdgs/iagbot/bot/text"

// PIIKind is a category of personal information (3.6) or confidential data that must
// not go into a public system (6.2); the categories and their words live in bot/text.
type PIIKind = text.Kind

// The categories, in the order answers list them.
const (
	PIIName          = text.KindName
	PIIGrades        = text.KindGrades
	PIIStudentFile   = text.KindStudentFile
	PIISupportPlan   = text.KindSupportPlan
	PIIHealth        = text.KindHealth
	PIIPhoto         = text.KindPhoto
	PIIAddress       = text.KindAddress
	PIIPhone         = text.KindPhone
	PIIEmail         = text.KindEmail
	PIIBirthDate     = text.KindBirthDate
	PIICodePermanent = text.KindCodePermanent
	PIISIN           = text.KindSIN
	PIIPostalCode    = text.KindPostalCode
	PIIHRFile        = text.KindHRFile
	PIIConfidential  = text.KindConfidential
	PIIPersonalInfo  = text.KindPersonalInfo
)

// PIIKinds lists every category in display order.
var PIIKinds = text.Kinds

// placeholders replace personal data in the redacted form of a question; they are
// French, the organisation's language, so that logs read the same whoever asked.
var placeholders = map[PIIKind]string{
	PIIName: "[nom]", PIIEmail: "[courriel]", PIIPhone: "[téléphone]",
	PIICodePermanent: "[code permanent]", PIISIN: "[NAS]", PIIPostalCode: "[code postal]",
	PIIBirthDate: "[date de naissance]", PIIGrades: "[note]", text.KindDate: "[date]",
	text.KindNumber: "[nombre]",
}

func placeholder(k PIIKind) string {
	if p, ok := placeholders[k]; ok {
		return p
	}
	return "[" + string(k) + "]"
}

// knownCapitalised are capitalised words that are not people's names, besides the
// tool, system and vendor names the engine adds and the detector's own list.
var knownCapitalised = []string{"pdf", "chat", "sae", "pfeq"}
