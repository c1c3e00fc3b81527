package record

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// PDF renders rec as an A4 PDF document. The output depends on the record alone: the
// document's creation and modification dates are rec.IssuedAt, and fpdf writes no
// random identifier, so the same record gives the same bytes (a golden file).
//
// The text is set in Helvetica, one of the PDF standard fonts every reader has (no
// font file to embed or license), in its Windows-1252 encoding, which holds every
// character of French: é è à ç œ « » and the typographic dashes and quotes. A
// character outside it is written without its accent when it has one (« ő » as
// « o »), else as « ? ».
func PDF(rec Record) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	issued := rec.IssuedAt
	if issued.IsZero() {
		issued = time.Unix(0, 0).UTC() // fpdf would take the clock's time
	}
	pdf.SetCreationDate(issued)
	pdf.SetModificationDate(issued)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetMargins(20, 18, 20)
	pdf.SetAutoPageBreak(true, 18)
	bl := blocks(rec)
	pdf.SetTitle(bl[0].label+" — "+bl[0].value, true)
	pdf.SetAuthor("iagbot", false)
	pdf.SetCreator("iagbot", false)
	pdf.SetProducer("iagbot", false)
	pdf.SetLang(string(rec.Lang))
	footer := cp1252(bl[0].label + " — " + bl[0].value)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont("Helvetica", "", 8)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(0, 5, footer, "", 0, "L", false, 0, "")
		pdf.SetX(-40)
		pdf.CellFormat(20, 5, fmt.Sprintf("%d/{nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AliasNbPages("")
	pdf.AddPage()
	colon := sep(rec.Lang)
	for _, b := range bl {
		switch b.kind {
		case title:
			pdf.SetFont("Helvetica", "B", 15)
			pdf.MultiCell(0, 7, cp1252(b.label+" — "+b.value), "", "L", false)
			pdf.Ln(2)
		case heading:
			pdf.Ln(3)
			pdf.SetFont("Helvetica", "B", 12.5)
			pdf.MultiCell(0, 6.5, cp1252(b.label), "B", "L", false)
			pdf.Ln(1.5)
		case subheading:
			pdf.Ln(1.5)
			pdf.SetFont("Helvetica", "B", 10.5)
			pdf.MultiCell(0, 5.5, cp1252(b.label), "", "L", false)
		case para:
			pdf.SetFont("Helvetica", "", 10)
			text := b.label
			if b.value != "" {
				text += " " + b.value
			}
			pdf.MultiCell(0, 5, cp1252(text), "", "L", false)
			pdf.Ln(1)
		case fact:
			pdf.SetFont("Helvetica", "B", 10)
			pdf.Write(5, cp1252(b.label+colon))
			pdf.SetFont("Helvetica", "", 10)
			pdf.Write(5, cp1252(b.value))
			pdf.Ln(5.5)
		case item, entry:
			indent := 0.0
			if b.kind == item {
				indent = 4
			}
			pdf.SetFont("Helvetica", "", 10)
			left, _, _, _ := pdf.GetMargins()
			pdf.SetLeftMargin(left + indent + 4)
			pdf.SetX(left + indent)
			pdf.Write(5, cp1252("• "+b.label+b.value))
			pdf.SetLeftMargin(left)
			pdf.Ln(5.5)
		}
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		return nil, fmt.Errorf("record PDF: %w", err)
	}
	return out.Bytes(), nil
}

// cp1252 is s in Windows-1252, the encoding of fpdf's standard fonts. Control
// characters become spaces; a character the encoding lacks loses its accent, or
// becomes « ? ».
func cp1252(s string) string {
	enc := charmap.Windows1252
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			b.WriteByte(' ')
			continue
		}
		if c, ok := enc.EncodeRune(r); ok {
			b.WriteByte(c)
			continue
		}
		base := '?'
		for _, d := range norm.NFD.String(string(r)) {
			if c, ok := enc.EncodeRune(d); ok && !unicode.Is(unicode.Mn, d) {
				base = rune(c)
				break
			}
		}
		b.WriteByte(byte(base))
	}
	return b.String()
}
