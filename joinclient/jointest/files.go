package jointest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Small but genuine documents, built in Go so no binary fixtures are needed:
// PDF 1.4 with uncompressed text (pdftotext and Go PDF readers extract it),
// DOCX as a real OOXML zip. Both are deterministic for the same input.

// pdfLine is one line of a PDF document.
type pdfLine struct {
	text string
	size float64 // font size in points; 0 means 10.5
	bold bool
	gap  float64 // extra space before the line, in points
}

const (
	pdfPageWidth  = 595 // A4 in points
	pdfPageHeight = 842
	pdfMargin     = 56
	pdfWrapAt     = 92 // characters per line at 10.5 pt Helvetica
)

// buildPDF lays the lines out top to bottom on as many A4 pages as needed.
// Objects: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, 5 info, then
// a page and its content stream per page. The xref offsets are the byte
// positions of each "n 0 obj".
func buildPDF(title, author string, created time.Time, lines []pdfLine) []byte {
	var pages []*bytes.Buffer
	var page *bytes.Buffer
	y := 0.0
	for _, l := range wrapPDFLines(lines) {
		size := l.size
		if size == 0 {
			size = 10.5
		}
		lead := size*1.4 + l.gap
		if page == nil || y-lead < pdfMargin {
			page = &bytes.Buffer{}
			pages = append(pages, page)
			y = pdfPageHeight - pdfMargin + size*0.4 // first baseline
			lead = size * 1.4
		}
		y -= lead
		font := "F1"
		if l.bold {
			font = "F2"
		}
		fmt.Fprintf(page, "BT\n/%s %s Tf\n%d %s Td\n(%s) Tj\nET\n", font, pdfNum(size), pdfMargin, pdfNum(y), pdfText(l.text))
	}
	if len(pages) == 0 {
		pages = append(pages, &bytes.Buffer{})
	}

	var out bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 6+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	obj(fmt.Sprintf("<< /Title (%s) /Author (%s) /Creator (join-mcp jointest) /Producer (join-mcp jointest) /CreationDate (D:%s) >>",
		pdfText(asciiFold(title)), pdfText(asciiFold(author)), created.UTC().Format("20060102150405Z")))
	for i, p := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>",
			pdfPageWidth, pdfPageHeight, 7+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", p.Len(), p.String()))
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return out.Bytes()
}

func pdfNum(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// wrapPDFLines breaks long lines at spaces; continuation lines keep the style
// but not the gap.
func wrapPDFLines(lines []pdfLine) []pdfLine {
	var out []pdfLine
	for _, l := range lines {
		limit := pdfWrapAt
		if l.size > 0 {
			limit = int(float64(pdfWrapAt) * 10.5 / l.size)
		}
		parts := wrapText(l.text, limit)
		for i, p := range parts {
			nl := l
			nl.text = p
			if i > 0 {
				nl.gap = 0
			}
			out = append(out, nl)
		}
	}
	return out
}

func wrapText(s string, limit int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	indent := s[:len(s)-len(strings.TrimLeft(s, " "))]
	var out []string
	cur := indent
	for _, w := range words {
		if utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) > limit && strings.TrimSpace(cur) != "" {
			out = append(out, cur)
			cur = indent + "  "
		}
		if strings.TrimSpace(cur) != "" {
			cur += " "
		}
		cur += w
	}
	return append(out, cur)
}

// cp1252 maps the characters WinAnsiEncoding has outside Latin-1.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, 'Š': 0x8a, 'Œ': 0x8c, 'Ž': 0x8e,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'™': 0x99, 'š': 0x9a, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}

// pdfText encodes s for a PDF string literal in WinAnsiEncoding: bytes above
// 0x7f as octal escapes, other characters folded to ASCII, invisible
// formatting characters dropped (the Type1 fonts cannot show them).
func pdfText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r >= 0xa0 && r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		case cp1252[r] != 0:
			fmt.Fprintf(&b, "\\%03o", cp1252[r])
		case isInvisible(r):
		default:
			if f, ok := foldTable[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteByte('?')
			}
		}
	}
	return b.String()
}

func isInvisible(r rune) bool {
	return (r >= 0x200b && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2060 && r <= 0x2064) || r == 0xfeff || r == '\t' || r == '\n' || r == '\r'
}

// foldTable spells letters as ASCII for e-mail addresses, file names and
// slugs (German style for umlauts), and for PDF text outside WinAnsi.
var foldTable = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'Ä': "Ae", 'Ö': "Oe", 'Ü': "Ue", 'ß': "ss",
	'á': "a", 'à': "a", 'â': "a", 'ã': "a", 'å': "a", 'ą': "a", 'ă': "a", 'æ': "ae",
	'Á': "A", 'À': "A", 'Â': "A", 'Å': "A", 'Ą': "A",
	'ç': "c", 'ć': "c", 'č': "c", 'Ç': "C", 'Ć': "C", 'Č': "C",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ę': "e", 'ě': "e", 'É': "E", 'È': "E",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i", 'İ': "I", 'Í': "I",
	'ł': "l", 'Ł': "L", 'ñ': "n", 'ń': "n", 'Ñ': "N",
	'ó': "o", 'ò': "o", 'ô': "o", 'õ': "o", 'ø': "o", 'ő': "o", 'Ó': "O", 'Ø': "O",
	'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'Ś': "S", 'Š': "S", 'Ş': "S",
	'ú': "u", 'ù': "u", 'û': "u", 'ů': "u", 'ű': "u", 'Ú': "U",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z", 'Ż': "Z", 'Ž': "Z",
	'ğ': "g", 'Ğ': "G", 'ț': "t", 'Ț': "T", 'đ': "d", 'Đ': "D",
	'’': "'", '‘': "'", '“': "\"", '”': "\"", '–': "-", '—': "-", '…': "...", '€': "EUR",
}

// asciiFold spells s in ASCII (see foldTable); unknown characters are
// dropped.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case foldTable[r] != "":
			b.WriteString(foldTable[r])
		}
	}
	return b.String()
}

// buildDOCX writes a minimal but valid WordprocessingML document: one
// paragraph per element of paragraphs ("" gives an empty line).
func buildDOCX(title, author string, created time.Time, paragraphs []string) []byte {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	doc.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range paragraphs {
		if p == "" {
			doc.WriteString(`<w:p/>`)
			continue
		}
		doc.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		doc.WriteString(xmlEscape(p))
		doc.WriteString(`</w:t></w:r></w:p>`)
	}
	doc.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`)

	stamp := created.UTC().Format("2006-01-02T15:04:05Z")
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", doc.String()},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + xmlEscape(title) + `</dc:title><dc:creator>` + xmlEscape(author) + `</dc:creator>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>` +
			`</cp:coreProperties>`},
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts {
		// A fixed timestamp keeps the archive byte-identical across runs.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: created.UTC()})
		if err != nil {
			panic("jointest: building docx: " + err.Error())
		}
		_, _ = w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		panic("jointest: building docx: " + err.Error())
	}
	return out.Bytes()
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
