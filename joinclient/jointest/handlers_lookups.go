package jointest

import (
	"fmt"
	"strings"

	"github.com/join-mcp/join-mcp/joinclient"
)

// The lookup lists are JOIN-wide reference data: the same for every company
// (tenant) and present even with Options.Empty. Ids are small and stable;
// sub-category ids are category*100+n so a parent id (1..6) can never pass as
// the sub-category a job's categoryId needs.

type label struct{ en, de string }

func (l label) in(lang string) string {
	if lang == "de" {
		return l.de
	}
	return l.en
}

type subCategoryDef struct {
	id   joinclient.ID
	name label
	slug string
}

type categoryDef struct {
	id   joinclient.ID
	name label
	slug string
	subs []subCategoryDef
}

// Two sub-categories deliberately repeat their parent's name ("Software
// Development" > "Software Development", "Design" > "Design"): JOIN does this
// and clients that build "parent / child" labels must cope.
var categories = []categoryDef{
	{1, label{"Software Development", "Softwareentwicklung"}, "software-development", []subCategoryDef{
		{101, label{"Backend Development", "Backend-Entwicklung"}, "backend-development"},
		{102, label{"Frontend Development", "Frontend-Entwicklung"}, "frontend-development"},
		{103, label{"DevOps & Infrastructure", "DevOps & Infrastruktur"}, "devops-infrastructure"},
		{104, label{"Software Development", "Softwareentwicklung"}, "software-development"},
	}},
	{2, label{"Design", "Design"}, "design", []subCategoryDef{
		{201, label{"Product Design", "Produktdesign"}, "product-design"},
		{202, label{"Design", "Design"}, "design"},
		{203, label{"UX Research", "UX-Research"}, "ux-research"},
	}},
	{3, label{"Sales", "Vertrieb"}, "sales", []subCategoryDef{
		{301, label{"Account Management", "Kundenbetreuung"}, "account-management"},
		{302, label{"Business Development", "Geschäftsentwicklung"}, "business-development"},
		{303, label{"Inside Sales", "Innendienst"}, "inside-sales"},
	}},
	{4, label{"Marketing & Communication", "Marketing & Kommunikation"}, "marketing-communication", []subCategoryDef{
		{401, label{"Online Marketing", "Online-Marketing"}, "online-marketing"},
		{402, label{"Content & Social Media", "Content & Social Media"}, "content-social-media"},
		{403, label{"PR & Communications", "PR & Unternehmenskommunikation"}, "pr-communications"},
	}},
	{5, label{"Engineering & Technology", "Ingenieurwesen & Technik"}, "engineering-technology", []subCategoryDef{
		{501, label{"Mechanical Engineering", "Maschinenbau"}, "mechanical-engineering"},
		{502, label{"Electrical Engineering", "Elektrotechnik"}, "electrical-engineering"},
		{503, label{"Robotics", "Robotik"}, "robotics"},
	}},
	{6, label{"Human Resources", "Personalwesen"}, "human-resources", []subCategoryDef{
		{601, label{"Recruiting", "Recruiting"}, "recruiting"},
		{602, label{"HR Administration", "Personalverwaltung"}, "hr-administration"},
	}},
}

type simpleDef struct {
	id   joinclient.ID
	name label
	slug string
}

var employmentTypes = []simpleDef{
	{1, label{"Full-time", "Vollzeit"}, "full-time"},
	{2, label{"Part-time", "Teilzeit"}, "part-time"},
	{3, label{"Internship", "Praktikum"}, "internship"},
	{4, label{"Working student", "Werkstudent"}, "working-student"},
	{5, label{"Freelance", "Freiberuflich"}, "freelance"},
	{6, label{"Temporary", "Befristet"}, "temporary"},
}

var seniorityLevels = []simpleDef{
	{1, label{"Student", "Student"}, "student"},
	{2, label{"Entry level", "Berufseinstieg"}, "entry-level"},
	{3, label{"Experienced", "Berufserfahren"}, "experienced"},
	{4, label{"Manager", "Manager"}, "manager"},
	{5, label{"Director", "Direktor"}, "director"},
}

// subCategoryProblem checks a job's categoryId; a parent category id gets a
// message listing its sub-categories so the caller can correct itself.
func subCategoryProblem(id joinclient.ID) string {
	for _, c := range categories {
		if c.id == id {
			ids := make([]string, len(c.subs))
			for i, s := range c.subs {
				ids[i] = s.id.String()
			}
			return fmt.Sprintf("categoryId %d is a category, not a sub-category; use one of its subCategories: %s", id, strings.Join(ids, ", "))
		}
		for _, s := range c.subs {
			if s.id == id {
				return ""
			}
		}
	}
	return fmt.Sprintf("categoryId %d is not a known sub-category id (see GET /categories)", id)
}

func knownID(list []simpleDef, id joinclient.ID) bool {
	for _, d := range list {
		if d.id == id {
			return true
		}
	}
	return false
}

func lookupName(list []simpleDef, id joinclient.ID) string {
	for _, d := range list {
		if d.id == id {
			return d.name.en
		}
	}
	return ""
}

func subCategoryName(id joinclient.ID) string {
	for _, c := range categories {
		for _, s := range c.subs {
			if s.id == id {
				return s.name.en
			}
		}
	}
	return ""
}

// language reads the lookup lists' language parameter: "de" gives German
// labels, any other two-letter code English (JOIN's other UI languages are
// not modelled), anything that is not two letters is a 400.
func (c *call) language() (string, bool) {
	raw, ok := c.query["language"]
	if !ok {
		return "en", true
	}
	v := strings.ToLower(raw[0])
	if len(v) != 2 || v[0] < 'a' || v[0] > 'z' || v[1] < 'a' || v[1] > 'z' {
		c.invalid(fmt.Sprintf("Query parameter language must be a two-letter ISO 639-1 code such as en or de, got %q", raw[0]))
		return "", false
	}
	if v != "de" {
		v = "en"
	}
	return v, true
}

type subCategoryJSON struct {
	ID   joinclient.ID `json:"id"`
	Name string        `json:"name"`
	Slug string        `json:"slug"`
}

type categoryJSON struct {
	ID            joinclient.ID     `json:"id"`
	Name          string            `json:"name"`
	Slug          string            `json:"slug"`
	SubCategories []subCategoryJSON `json:"subCategories"`
}

func handleListCategories(c *call) {
	if !c.allowQuery("language") {
		return
	}
	lang, ok := c.language()
	if !ok {
		return
	}
	out := make([]categoryJSON, 0, len(categories))
	for _, cat := range categories {
		cj := categoryJSON{ID: cat.id, Name: cat.name.in(lang), Slug: cat.slug, SubCategories: []subCategoryJSON{}}
		for _, s := range cat.subs {
			cj.SubCategories = append(cj.SubCategories, subCategoryJSON{s.id, s.name.in(lang), s.slug})
		}
		out = append(out, cj)
	}
	c.json(200, out)
}

func handleListEmploymentTypes(c *call) {
	if !c.allowQuery("language") {
		return
	}
	lang, ok := c.language()
	if !ok {
		return
	}
	type item struct {
		ID   joinclient.ID `json:"id"`
		Name string        `json:"name"`
		Slug string        `json:"slug"`
	}
	out := make([]item, 0, len(employmentTypes))
	for _, d := range employmentTypes {
		out = append(out, item{d.id, d.name.in(lang), d.slug})
	}
	c.json(200, out)
}

// Seniority levels have no slug in the one client that reads them.
func handleListSeniorityLevels(c *call) {
	if !c.allowQuery("language") {
		return
	}
	lang, ok := c.language()
	if !ok {
		return
	}
	type item struct {
		ID   joinclient.ID `json:"id"`
		Name string        `json:"name"`
	}
	out := make([]item, 0, len(seniorityLevels))
	for _, d := range seniorityLevels {
		out = append(out, item{d.id, d.name.in(lang)})
	}
	c.json(200, out)
}
