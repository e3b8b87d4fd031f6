package jointest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSeed_Shape(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())

	assert.Equal(t, "Acme Robotics GmbH", st.Company())
	offices := st.Offices()
	require.Len(t, offices, 5)
	countries := map[string]int{}
	defaults := 0
	for _, o := range offices {
		countries[o.CountryISO]++
		assert.NotEmpty(t, o.StreetName)
		assert.NotEmpty(t, o.PostalCode)
		if o.IsDefault {
			defaults++
			assert.Equal(t, "Berlin", o.City)
		}
	}
	assert.Equal(t, map[string]int{"DE": 3, "AT": 1, "CH": 1}, countries)
	assert.Equal(t, 1, defaults)

	jobs := st.Jobs()
	require.Len(t, jobs, 12)
	status := map[string]int{}
	currencies := map[string]bool{}
	withExternal := 0
	workplaces := map[string]bool{}
	for _, j := range jobs {
		status[j.Status]++
		if j.Salary != nil {
			currencies[j.Salary.Currency] = true
		}
		if j.ExternalID != "" {
			withExternal++
		}
		workplaces[j.WorkplaceType] = true
		assert.Empty(t, subCategoryProblem(j.CategoryID), j.Title)
		assert.Contains(t, j.Description, "<", j.Title)
	}
	assert.Equal(t, map[string]int{"ONLINE": 6, "OFFLINE": 4, "ARCHIVED": 2}, status)
	assert.True(t, currencies["EUR"] && currencies["CHF"])
	assert.GreaterOrEqual(t, withExternal, 3)
	assert.Len(t, workplaces, 3)

	apps := st.Applications()
	assert.GreaterOrEqual(t, len(apps), 130)
	assert.Greater(t, len(st.ApplicationsForJob(3001)), 40, "paging matters for the backend job")
	states := map[string]int{}
	tagged := 0
	week := fixedNow.Add(-7 * 24 * time.Hour)
	recentByJob := map[joinclient.ID]int{}
	perCandidate := map[joinclient.ID]int{}
	for _, a := range apps {
		states[a.HiringState]++
		if len(a.Tags) > 0 {
			tagged++
		}
		if a.CreatedAt.After(week) {
			recentByJob[a.JobID]++
		}
		assert.False(t, a.CreatedAt.Before(fixedNow.Add(-61*24*time.Hour)), "created within ~60 days")
		assert.False(t, a.LastUpdatedAt.Before(a.CreatedAt))
		assert.False(t, a.LastUpdatedAt.After(fixedNow))
		perCandidate[a.CandidateID]++
		require.NotEmpty(t, a.AttachmentIDs)
		cv, ok := st.File(a.AttachmentIDs[0])
		require.True(t, ok)
		assert.Equal(t, "CV", cv.Type)
		assert.Equal(t, "application/pdf", cv.ContentType)
	}
	for _, state := range joinclient.HiringStateValues {
		assert.Positive(t, states[state], state)
	}
	for _, j := range jobs {
		if j.Status == "ONLINE" {
			assert.GreaterOrEqual(t, recentByJob[j.ID], 3, "%s has applications this week", j.Title)
		}
	}
	assert.InDelta(t, 40, tagged, 12)

	cands := st.Candidates()
	assert.InDelta(t, 112, len(cands), 10)
	twice := 0
	for _, n := range perCandidate {
		if n > 1 {
			twice++
		}
	}
	assert.GreaterOrEqual(t, twice, 3)

	withNotes := map[joinclient.ID]bool{}
	for _, n := range st.AllNotes() {
		withNotes[n.CandidateID] = true
		assert.NotEmpty(t, n.Author)
	}
	assert.InDelta(t, 30, len(withNotes), 8)

	types := map[string]int{}
	for _, f := range st.Files() {
		types[f.Type+" "+f.Name[strings.LastIndex(f.Name, "."):]]++
	}
	assert.Positive(t, types["COVER_LETTER .docx"])
	assert.Positive(t, types["COVER_LETTER .txt"])
	assert.Positive(t, types["JOIN_CV .pdf"])
}

func TestSeed_CandidatesLookReal(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	emails := map[string]bool{}
	nonASCII := 0
	for _, c := range st.Candidates() {
		e := strings.ToLower(c.Email)
		assert.True(t, strings.HasSuffix(e, "@example.com") || strings.HasSuffix(e, "@example.org"), e)
		assert.True(t, validEmail(c.Email), c.Email)
		assert.False(t, emails[e], "duplicate e-mail %s", e)
		emails[e] = true
		if c.Phone != "" {
			assert.True(t, validPhone(c.Phone), c.Phone)
			assert.True(t, strings.HasPrefix(c.Phone, "+"), c.Phone)
		}
		if strings.ContainsFunc(c.FirstName+c.LastName, func(r rune) bool { return r > 127 }) {
			nonASCII++
		}
	}
	assert.Positive(t, nonASCII, "names with diacritics exist")
}

func TestSeed_HostileContent(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	injected, zeroWidth, rlo := 0, 0, 0
	for _, a := range st.Applications() {
		if strings.Contains(a.CoverLetterText, "Ignore previous instructions") || strings.Contains(a.CoverLetterText, "erongI") {
			injected++
		}
		if strings.ContainsRune(a.CoverLetterText, '\u200b') {
			zeroWidth++
		}
		if strings.ContainsRune(a.CoverLetterText, '\u202e') {
			rlo++
		}
	}
	assert.GreaterOrEqual(t, injected, 3)
	assert.Positive(t, zeroWidth)
	assert.Positive(t, rlo)

	found := false
	for _, f := range st.Files() {
		if f.Type == "CV" && bytes.Contains(f.Data, []byte("ignore previous instructions")) {
			found = true
		}
	}
	assert.True(t, found, "one CV PDF carries an instruction aimed at screening models")
}

// TestSeed_Deterministic: two servers with the same clock hold identical data,
// documents included, and serve identical JSON apart from signed URLs.
func TestSeed_Deterministic(t *testing.T) {
	t.Parallel()
	a := newServer(t, Options{})
	b := newServer(t, Options{})
	sa, sb := a.Store(a.Token()), b.Store(b.Token())
	assert.Equal(t, sa.Offices(), sb.Offices())
	assert.Equal(t, sa.Jobs(), sb.Jobs())
	assert.Equal(t, sa.Candidates(), sb.Candidates())
	assert.Equal(t, sa.Applications(), sb.Applications())
	assert.Equal(t, sa.AllNotes(), sb.AllNotes())
	assert.Equal(t, sa.Files(), sb.Files())

	signed := regexp.MustCompile(`http://127\.0\.0\.1:\d+/files/([^?"]+)\?[^"]*`)
	for _, path := range []string{"/jobs?content=true", "/applications?pageSize=50&page=2", "/offices", "/candidates/50003/notes"} {
		_, ba := do(t, a, "GET", path, nil)
		_, bb := do(t, b, "GET", path, nil)
		assert.Equal(t, signed.ReplaceAllString(string(ba), "$1"), signed.ReplaceAllString(string(bb), "$1"), path)
	}

	// Another clock moves the timestamps, not the content.
	later := newServer(t, Options{Now: func() time.Time { return fixedNow.Add(30 * 24 * time.Hour) }})
	jl, _ := later.Store(later.Token()).Job(3001)
	j0, _ := sa.Job(3001)
	assert.Equal(t, j0.Title, jl.Title)
	assert.Equal(t, 30*24*time.Hour, jl.CreatedAt.Sub(j0.CreatedAt))
	c0, cl := sa.Candidates(), later.Store(later.Token()).Candidates()
	assert.Equal(t, c0[0].Email, cl[0].Email)
}

func TestSeed_TimestampsFollowTheRealClock(t *testing.T) {
	t.Parallel()
	s := NewServer(Options{})
	defer s.Close()
	st := s.Store(s.Token())
	recent := 0
	for _, a := range st.Applications() {
		if time.Since(a.CreatedAt) < 7*24*time.Hour {
			recent++
		}
	}
	assert.GreaterOrEqual(t, recent, 18)
}

// checkPDF verifies the structure a PDF reader relies on and returns the
// concatenated content streams.
func checkPDF(t *testing.T, name string, data []byte) string {
	t.Helper()
	require.True(t, bytes.HasPrefix(data, []byte("%PDF-1.4\n")), name)
	require.True(t, bytes.HasSuffix(data, []byte("%%EOF\n")), name)

	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(data)
	require.NotNil(t, m, name)
	xrefAt, _ := strconv.Atoi(string(m[1]))
	require.True(t, bytes.HasPrefix(data[xrefAt:], []byte("xref\n0 ")), name)

	var first, count int
	_, err := fmt.Sscanf(string(data[xrefAt:]), "xref\n%d %d\n", &first, &count)
	require.NoError(t, err)
	table := data[xrefAt:]
	table = table[bytes.IndexByte(table[5:], '\n')+6:]
	for i := 0; i < count; i++ {
		entry := string(table[i*20 : (i+1)*20])
		require.Len(t, entry, 20)
		if i == 0 {
			assert.Equal(t, "0000000000 65535 f \n", entry)
			continue
		}
		off, err := strconv.Atoi(entry[:10])
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(data[off:], []byte(fmt.Sprintf("%d 0 obj\n", i))), "%s: xref entry %d", name, i)
	}
	assert.Contains(t, string(data), fmt.Sprintf("/Size %d", count))

	var content strings.Builder
	streams := regexp.MustCompile(`(?s)<< /Length (\d+) >>\nstream\n(.*?)\nendstream`).FindAllSubmatch(data, -1)
	require.NotEmpty(t, streams, name)
	for _, s := range streams {
		n, _ := strconv.Atoi(string(s[1]))
		assert.Equal(t, n, len(s[2]), "%s: stream length", name)
		content.Write(s[2])
	}
	for _, op := range []string{"BT\n", " Tf\n", " Td\n", ") Tj\n", "ET\n"} {
		assert.Contains(t, content.String(), op, name)
	}
	assert.Contains(t, string(data), "/BaseFont /Helvetica /Encoding /WinAnsiEncoding")
	return content.String()
}

func TestFiles_PDFStructure(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	pdfs := 0
	for _, f := range st.Files() {
		if f.ContentType != "application/pdf" {
			continue
		}
		pdfs++
		content := checkPDF(t, f.Name, f.Data)
		if f.Type != "CV" {
			continue
		}
		app, _ := st.Application(f.ApplicationID)
		c, _ := st.Candidate(app.CandidateID)
		if !strings.ContainsFunc(c.FirstName+c.LastName, func(r rune) bool { return r > 127 || r == '\'' }) {
			assert.Contains(t, content, "("+c.FirstName+" "+c.LastName+") Tj", f.Name)
			assert.Contains(t, content, c.Email, f.Name)
		}
	}
	assert.Greater(t, pdfs, 130)

	// Long text wraps onto new pages rather than running off the page.
	var lines []pdfLine
	for i := range 150 {
		lines = append(lines, pdfLine{text: fmt.Sprintf("Line %d (with parentheses) and a backslash \\ and Müller – €", i)})
	}
	data := buildPDF("long", "me", fixedNow, lines)
	content := checkPDF(t, "long", data)
	assert.Regexp(t, `/Count [3-9] `, string(data))
	assert.Contains(t, content, `(Line 7 \(with parentheses\) and a backslash \\ and M\374ller \226 \200) Tj`)
}

func TestFiles_DOCXStructure(t *testing.T) {
	t.Parallel()
	s := newServer(t, Options{})
	st := s.Store(s.Token())
	docs := 0
	for _, f := range st.Files() {
		if !strings.HasSuffix(f.Name, ".docx") {
			continue
		}
		docs++
		zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
		require.NoError(t, err, f.Name)
		parts := map[string]string{}
		for _, zf := range zr.File {
			rc, err := zf.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			rc.Close()
			require.NoError(t, err, "%s: %s", f.Name, zf.Name)
			parts[zf.Name] = string(b)
		}
		for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
			require.Contains(t, parts, p, f.Name)
			assertWellFormed(t, parts[p])
		}
		text := docxText(t, parts["word/document.xml"])
		app, _ := st.Application(f.ApplicationID)
		c, _ := st.Candidate(app.CandidateID)
		assert.Contains(t, text, c.LastName, f.Name)
		assert.Equal(t, strings.ReplaceAll(app.CoverLetterText, "\n", ""), text, "the DOCX holds the cover letter")
	}
	assert.Positive(t, docs)
}

func assertWellFormed(t *testing.T, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		require.NoError(t, err)
	}
}

func docxText(t *testing.T, doc string) string {
	var b strings.Builder
	d := xml.NewDecoder(strings.NewReader(doc))
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String()
		}
		require.NoError(t, err)
		switch v := tok.(type) {
		case xml.StartElement:
			inText = v.Name.Local == "t"
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				b.Write(v)
			}
		}
	}
}

func TestASCIIFoldAndSlug(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Mueller-Luedenscheidt", asciiFold("Müller-Lüdenscheidt"))
	assert.Equal(t, "lukasz.wojcik", emailPart("Łukasz")+"."+emailPart("Wójcik"))
	assert.Equal(t, "oconnor", emailPart("O'Connor"))
	assert.Equal(t, "acme-robotics-gmbh", slugify("Acme Robotics GmbH"))
	assert.Equal(t, "backend-engineer-go", slugify("Backend Engineer (Go)"))
}
