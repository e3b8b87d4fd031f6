package jointest

// Static content of the demo data. Everything here is fictional; e-mail
// addresses use example.com and example.org only.

// companyNames: tenant 0 is the default company; further tenants get the
// next names so isolation tests can tell them apart.
var companyNames = []string{
	"Acme Robotics GmbH",
	"Bergmann Logistik AG",
	"Nordlicht Media GmbH",
	"Alpenglanz Software AG",
	"Kranich Energie GmbH",
}

type officeDef struct {
	label, street, number, postal, city, country string
	isDefault                                    bool
}

var officeDefs = []officeDef{
	{"HQ Berlin", "Invalidenstraße", "117", "10115", "Berlin", "DE", true},
	{"Munich", "Leopoldstraße", "28a", "80802", "Munich", "DE", false},
	{"Hamburg", "Große Elbstraße", "145", "22767", "Hamburg", "DE", false},
	{"Vienna", "Mariahilfer Straße", "77", "1060", "Vienna", "AT", false},
	{"Zurich", "Hardstrasse", "201", "8005", "Zurich", "CH", false},
}

// recruiters are the company's JOIN users, visible as job contacts and note
// authors.
var recruiters = []Contact{
	{Name: "Lena Hoffmann", Email: "lena.hoffmann@example.com", Position: "Senior Talent Acquisition Manager"},
	{Name: "Tobias Richter", Email: "tobias.richter@example.com", Position: "VP Engineering"},
	{Name: "Mehmet Aydın", Email: "mehmet.aydin@example.com", Position: "Recruiter"},
	{Name: "Claire Dubois", Email: "claire.dubois@example.com", Position: "Head of Sales DACH"},
}

type jobDef struct {
	title      string
	status     string
	office     int // index into officeDefs
	workplace  string
	remote     string
	employment int64
	seniority  int64
	category   int64
	lang       string
	externalID string
	salary     *Salary
	contact    int // index into recruiters
	ageDays    float64
	endDays    float64 // OFFLINE/ARCHIVED: went offline this many days ago
	neverOpen  bool
	apps       int
	family     string
	questions  []Question
	desc       string // HTML; {company} is replaced
}

func eur(from, to float64, freq string, shown bool) *Salary {
	return &Salary{From: &from, To: &to, Currency: "EUR", Frequency: freq, IsShownOnJobAd: shown}
}

func chf(from, to float64, freq string, shown bool) *Salary {
	s := eur(from, to, freq, shown)
	s.Currency = "CHF"
	return s
}

// jobDefs are the 12 demo jobs (ids 3001..3012 for the default tenant): six
// ONLINE, four OFFLINE (one a never-published draft), two ARCHIVED. The
// backend job has more than 40 applications so paging matters.
var jobDefs = []jobDef{
	{
		title: "Backend Engineer (Go)", status: "ONLINE", office: 0, workplace: "HYBRID",
		employment: 1, seniority: 3, category: 101, lang: "en", externalID: "ATS-ENG-2026-014",
		salary: eur(65000, 85000, "PER_YEAR", true), contact: 1, ageDays: 75, apps: 44, family: "backend",
		questions: []Question{
			{Name: "When could you start at the earliest?", Type: "TEXT", Required: true},
			{Name: "Do you need a visa or work permit to work in Germany?", Type: "TEXT", Options: []string{"Yes", "No"}, Required: true},
		},
		desc: `<h2>About {company}</h2>
<p>{company} builds autonomous mobile robots for warehouses and hospitals. Our fleet software moves more than two million parcels a day across Europe.</p>
<h3>Your mission</h3>
<ul>
<li>Design and build Go services for fleet orchestration, telemetry ingestion and the public customer API</li>
<li>Own services end to end: design docs, code, reviews, on-call (one week in six)</li>
<li>Work with the robotics team on the protocol between robots and the cloud</li>
</ul>
<h3>What you bring</h3>
<ul>
<li>3+ years of professional backend development, at least one of them in Go</li>
<li>Solid PostgreSQL and messaging (NATS, Kafka or similar) experience</li>
<li>Good English; German is a plus, not a requirement</li>
</ul>
<h3>What we offer</h3>
<ul>
<li>€65,000 – €85,000 gross per year, plus virtual shares</li>
<li>Hybrid: two office days a week in Berlin-Mitte, 30 days of vacation</li>
<li>€1,500 yearly learning budget and visa/relocation support</li>
</ul>`,
	},
	{
		title: "Junior Product Designer", status: "ONLINE", office: 2, workplace: "ONSITE",
		employment: 1, seniority: 2, category: 201, lang: "en",
		salary: eur(42000, 50000, "PER_YEAR", true), contact: 0, ageDays: 40, apps: 14, family: "design",
		desc: `<p>Our operators control hundreds of robots from one screen. Help us make that screen calm, clear and fast.</p>
<h3>What you will do</h3>
<ul>
<li>Design flows for the fleet dashboard and the mobile maintenance app, from sketches to Figma prototypes</li>
<li>Join user interviews in warehouses across Northern Germany</li>
<li>Grow our design system together with two senior designers</li>
</ul>
<h3>About you</h3>
<ul>
<li>A portfolio that shows your process, not only the final screens</li>
<li>First experience (internship or 1–2 years) in product or UX design</li>
<li>Curiosity about industrial users and their work</li>
</ul>
<p>Based in our Hamburg office at the Elbe, with a very good coffee machine.</p>`,
	},
	{
		title: "Sales Manager DACH", status: "ONLINE", office: 1, workplace: "HYBRID",
		employment: 1, seniority: 4, category: 302, lang: "en", externalID: "ATS-SAL-2026-003",
		salary: eur(70000, 90000, "PER_YEAR", false), contact: 3, ageDays: 55, apps: 13, family: "sales",
		questions: []Question{{Name: "What is your salary expectation (EUR gross per year, incl. variable)?", Type: "TEXT"}},
		desc: `<h2>Sales Manager DACH (m/f/d)</h2>
<p>You will own new business with logistics and healthcare customers in Germany, Austria and Switzerland.</p>
<ul>
<li>Build and run a pipeline of mid-market and enterprise accounts</li>
<li>Lead pilots together with our solutions engineers</li>
<li>Negotiate multi-year fleet contracts</li>
</ul>
<h3>Requirements</h3>
<ul>
<li>5+ years of B2B sales of technical products (automation, SaaS or hardware)</li>
<li>Business-fluent German and English</li>
<li>Willingness to travel about 40% of your time</li>
</ul>
<p>OTE with a 70/30 split, company car or BahnCard 100, hybrid from Munich.</p>`,
	},
	{
		title: "Werkstudent Marketing (m/w/d)", status: "ONLINE", office: 0, workplace: "HYBRID",
		employment: 4, seniority: 1, category: 401, lang: "de",
		salary: eur(15, 17, "PER_HOUR", true), contact: 2, ageDays: 30, apps: 16, family: "marketing",
		questions: []Question{
			{Name: "Wie viele Stunden pro Woche kannst du arbeiten?", Type: "TEXT", Required: true},
			{Name: "An welcher Hochschule bist du eingeschrieben?", Type: "TEXT", Required: true},
		},
		desc: `<h2>Werkstudent Marketing (m/w/d) – 16 bis 20 Stunden pro Woche</h2>
<p>Du studierst Marketing, Kommunikation oder BWL und willst echte Verantwortung? Bei {company} unterstützt du unser Marketing-Team in Berlin.</p>
<h3>Deine Aufgaben</h3>
<ul>
<li>Planung und Erstellung von Inhalten für LinkedIn und unseren Blog</li>
<li>Pflege unserer Website (Webflow) und Auswertung von Kampagnen</li>
<li>Organisation von Messeauftritten, z. B. LogiMAT in Stuttgart</li>
</ul>
<h3>Dein Profil</h3>
<ul>
<li>Immatrikuliert an einer deutschen Hochschule, noch mindestens 12 Monate</li>
<li>Sehr gute Deutsch- und gute Englischkenntnisse</li>
<li>Erste Erfahrung mit Canva, Google Analytics oder HubSpot ist ein Plus</li>
</ul>
<p>15–17 € pro Stunde, flexible Arbeitszeiten, Homeoffice nach Absprache.</p>`,
	},
	{
		title: "Site Reliability Engineer", status: "ONLINE", office: 0, workplace: "REMOTE", remote: "COUNTRY",
		employment: 1, seniority: 3, category: 103, lang: "en",
		salary: eur(75000, 95000, "PER_YEAR", false), contact: 1, ageDays: 50, apps: 11, family: "sre",
		desc: `<p>Keep more than 3,000 robots and the cloud behind them running. Remote within Germany.</p>
<h3>Responsibilities</h3>
<ul>
<li>Run our Kubernetes platform on AWS (EKS) and the edge clusters in customer sites</li>
<li>Improve observability: Prometheus, Grafana, OpenTelemetry</li>
<li>Automate everything with Terraform and Go</li>
</ul>
<h3>You have</h3>
<ul>
<li>Production experience with Kubernetes and at least one public cloud</li>
<li>A calm head during incidents and a habit of writing blameless post-mortems</li>
</ul>`,
	},
	{
		title: "Robotics Software Engineer (C++/ROS 2)", status: "ONLINE", office: 4, workplace: "ONSITE",
		employment: 1, seniority: 3, category: 503, lang: "en", externalID: "ATS-ROB-2026-007",
		salary: chf(110000, 135000, "PER_YEAR", true), contact: 1, ageDays: 65, apps: 9, family: "robotics",
		questions: []Question{{Name: "Which ROS versions have you used in production?", Type: "TEXT"}},
		desc: `<h2>Robotics Software Engineer (C++/ROS 2) – Zurich</h2>
<p>Our Zurich team writes the navigation stack that lets robots share narrow aisles with people.</p>
<ul>
<li>Develop localisation and path planning in modern C++ (17/20) on ROS 2</li>
<li>Test on real robots in our lab and in simulation (Gazebo, Isaac Sim)</li>
<li>Profile and optimise code running on embedded Linux</li>
</ul>
<h3>Profile</h3>
<ul>
<li>MSc or PhD in robotics, computer science or similar</li>
<li>Strong C++, good Python, solid maths (state estimation, optimisation)</li>
</ul>
<p>CHF 110,000 – 135,000 per year, relocation package, 25 days vacation.</p>`,
	},
	{
		title: "Mechatroniker/in für Service und Inbetriebnahme", status: "OFFLINE", office: 1, workplace: "ONSITE",
		employment: 1, seniority: 3, category: 502, lang: "de",
		salary: eur(3400, 4100, "PER_MONTH", true), contact: 0, ageDays: 110, endDays: 35, apps: 7, family: "mechatronics",
		desc: `<h2>Mechatroniker/in (m/w/d) für Service und Inbetriebnahme</h2>
<p>Du nimmst unsere Roboterflotten bei Kunden in Süddeutschland in Betrieb und sorgst dafür, dass sie laufen.</p>
<ul>
<li>Inbetriebnahme, Wartung und Fehlersuche an mobilen Robotern</li>
<li>Austausch von Baugruppen, Dokumentation im Ticketsystem</li>
<li>Schulung des Kundenpersonals vor Ort</li>
</ul>
<h3>Das bringst du mit</h3>
<ul>
<li>Abgeschlossene Ausbildung als Mechatroniker/in oder Elektroniker/in</li>
<li>Führerschein Klasse B und Reisebereitschaft (ca. 50 %)</li>
</ul>`,
	},
	{
		title: "Frontend Developer (React, freelance)", status: "OFFLINE", office: 0, workplace: "REMOTE", remote: "ANYWHERE",
		employment: 5, seniority: 3, category: 102, lang: "en",
		salary: eur(600, 750, "PER_DAY", false), contact: 1, ageDays: 90, endDays: 20, apps: 7, family: "frontend",
		desc: `<p>Six-month freelance project, fully remote: rebuild the customer portal in React and TypeScript.</p>
<ul>
<li>React 18, TypeScript, TanStack Query, Playwright</li>
<li>Close work with our designers and two in-house frontend engineers</li>
<li>Start as soon as possible, 4–5 days per week</li>
</ul>`,
	},
	{
		title: "Customer Success Manager Austria", status: "OFFLINE", office: 3, workplace: "HYBRID",
		employment: 1, seniority: 3, category: 301, lang: "en",
		salary: eur(48000, 58000, "PER_YEAR", true), contact: 3, ageDays: 100, endDays: 40, apps: 5, family: "csm",
		desc: `<p>Be the trusted partner of our Austrian customers after go-live, from our Vienna office.</p>
<ul>
<li>Onboard new customers and run quarterly business reviews</li>
<li>Spot expansion opportunities together with Sales</li>
<li>Bring customer feedback to Product</li>
</ul>
<p>Fluent German and English required. Austrian collective agreement applies; we pay above it.</p>`,
	},
	{
		title: "Praktikum Maschinenbau (Konstruktion)", status: "OFFLINE", office: 1, workplace: "ONSITE",
		employment: 3, seniority: 1, category: 501, lang: "de",
		salary: eur(1600, 1600, "PER_MONTH", true), contact: 0, ageDays: 6, neverOpen: true, apps: 0, family: "mecheng",
		desc: `<h2>Praktikum Maschinenbau – Konstruktion (6 Monate)</h2>
<p>ENTWURF – noch nicht veröffentlicht. Unterstütze unser Hardware-Team in München bei der Konstruktion der nächsten Robotergeneration.</p>
<ul>
<li>CAD-Konstruktion in SolidWorks, Toleranzanalysen</li>
<li>Aufbau und Test von Prototypen</li>
</ul>`,
	},
	{
		title: "Head of People", status: "ARCHIVED", office: 0, workplace: "HYBRID",
		employment: 1, seniority: 5, category: 601, lang: "en",
		contact: 0, ageDays: 170, endDays: 45, apps: 4, family: "hr",
		desc: `<p>Build the people function of a 180-person scale-up: recruiting, development, culture and HR operations.</p>
<ul>
<li>Lead a team of five (recruiting and people operations)</li>
<li>Introduce a career framework and a fair compensation model</li>
</ul>`,
	},
	{
		title: "Office Coordinator Zurich (Teilzeit 60%)", status: "ARCHIVED", office: 4, workplace: "ONSITE",
		employment: 2, seniority: 2, category: 602, lang: "de",
		salary: chf(32, 36, "PER_HOUR", false), contact: 2, ageDays: 140, endDays: 50, apps: 2, family: "office",
		desc: `<h2>Office Coordinator (60 %) in Zürich</h2>
<p>Du bist die gute Seele unseres Büros in Zürich-West.</p>
<ul>
<li>Empfang, Post, Bestellungen und Event-Organisation</li>
<li>Unterstützung der Personaladministration</li>
</ul>`,
	},
}

// familyDef drives CVs, cover letters and answers for one kind of job.
type familyDef struct {
	group    string // candidates may apply across jobs of the same group
	headline []string
	roles    []string
	skills   []string
	degrees  []string
	bullets  []string
	motives  []string
}

var families = map[string]familyDef{
	"backend": {
		group:    "tech",
		headline: []string{"Backend Engineer", "Software Engineer (Go)", "Senior Software Developer", "Backend Developer"},
		roles:    []string{"Backend Engineer", "Software Engineer", "Go Developer", "Java Developer", "Platform Engineer"},
		skills:   []string{"Go", "PostgreSQL", "Kafka", "NATS", "gRPC", "Docker", "Kubernetes", "Redis", "REST API design", "Java", "Python", "Terraform", "OpenTelemetry", "Event sourcing", "AWS"},
		degrees:  []string{"M.Sc. Computer Science", "B.Sc. Computer Science", "B.Sc. Business Informatics", "B.Eng. Software Engineering"},
		bullets: []string{
			"Built a Go service ingesting 40k events per second into PostgreSQL and Kafka",
			"Reduced p99 latency of the order API from 900 ms to 120 ms",
			"Migrated a PHP monolith to six Go services without downtime",
			"Introduced contract tests and cut production incidents by a third",
			"Mentored two junior developers and ran the backend guild",
			"Designed the public REST API used by 300+ B2B customers",
		},
		motives: []string{
			"Robots moving millions of parcels are exactly the kind of real-world system I want to build software for.",
			"I have followed your engineering blog for a while, especially the post about your telemetry pipeline.",
			"After five years of e-commerce backends I want my code to move physical things.",
		},
	},
	"sre": {
		group:    "tech",
		headline: []string{"Site Reliability Engineer", "DevOps Engineer", "Platform Engineer"},
		roles:    []string{"DevOps Engineer", "SRE", "System Administrator", "Cloud Engineer"},
		skills:   []string{"Kubernetes", "AWS", "Terraform", "Prometheus", "Grafana", "Go", "Python", "Ansible", "Linux", "ArgoCD", "Helm", "PostgreSQL"},
		degrees:  []string{"B.Sc. Computer Science", "Fachinformatiker Systemintegration (IHK)", "M.Sc. Distributed Systems"},
		bullets: []string{
			"Ran 40 Kubernetes clusters across three regions with 99.95% availability",
			"Cut cloud costs by 28% with rightsizing and spot instances",
			"Built the on-call process, runbooks and SLOs for 25 services",
			"Moved CI/CD from Jenkins to GitHub Actions and ArgoCD",
		},
		motives: []string{
			"Running software on robots in customer sites is a reliability problem I have not solved yet, and that excites me.",
			"Your remote-in-Germany setup fits my life perfectly.",
		},
	},
	"frontend": {
		group:    "tech",
		headline: []string{"Frontend Developer", "Freelance React Developer", "UI Engineer"},
		roles:    []string{"Frontend Developer", "Freelance Developer", "Web Developer"},
		skills:   []string{"React", "TypeScript", "Next.js", "TanStack Query", "Playwright", "CSS", "Storybook", "Vite", "GraphQL", "Accessibility"},
		degrees:  []string{"B.Sc. Media Informatics", "Self-taught (frontend bootcamp)", "B.A. Communication Design"},
		bullets: []string{
			"Rebuilt a customer portal in React and TypeScript for 50k monthly users",
			"Raised Lighthouse accessibility score from 62 to 98",
			"Set up visual regression tests with Playwright and Storybook",
		},
		motives: []string{"I am available from next month for 5 days a week and have rebuilt two B2B portals in the last year."},
	},
	"robotics": {
		group:    "tech",
		headline: []string{"Robotics Software Engineer", "Robotics Engineer", "Perception Engineer"},
		roles:    []string{"Robotics Engineer", "Research Assistant", "Software Engineer Autonomy", "PhD Researcher"},
		skills:   []string{"C++17", "ROS 2", "Python", "SLAM", "Path planning", "Gazebo", "Eigen", "Linux", "CUDA", "Kalman filters", "Nav2"},
		degrees:  []string{"M.Sc. Robotics, Systems and Control", "PhD in Robotics", "M.Sc. Mechatronics"},
		bullets: []string{
			"Implemented a lidar-based localisation running at 50 Hz on an ARM board",
			"Ported a navigation stack from ROS 1 to ROS 2 Humble",
			"Published two papers on multi-robot path planning (ICRA, IROS)",
		},
		motives: []string{"Navigating narrow aisles shared with people is the problem I worked on during my PhD."},
	},
	"design": {
		group:    "design",
		headline: []string{"Junior Product Designer", "UX/UI Designer", "Product Designer"},
		roles:    []string{"UX Design Intern", "Junior UI Designer", "Working Student UX", "Product Designer"},
		skills:   []string{"Figma", "Prototyping", "User interviews", "Design systems", "Usability testing", "Adobe Illustrator", "HTML/CSS basics", "Miro"},
		degrees:  []string{"B.A. Interaction Design", "B.A. Communication Design", "M.A. UX Design"},
		bullets: []string{
			"Redesigned the onboarding flow of a B2B app, raising activation by 18%",
			"Ran 12 user interviews with warehouse staff for my thesis",
			"Built a component library in Figma with 60+ components",
		},
		motives: []string{
			"Designing for people who use software standing in a warehouse is a challenge I would love to take on.",
			"My bachelor thesis was about dashboards for industrial operators.",
		},
	},
	"sales": {
		group:    "business",
		headline: []string{"Sales Manager", "Senior Account Executive", "Key Account Manager"},
		roles:    []string{"Account Executive", "Key Account Manager", "Sales Manager", "Business Development Manager"},
		skills:   []string{"B2B sales", "Salesforce", "MEDDICC", "Negotiation", "Pipeline management", "Enterprise accounts", "HubSpot", "Solution selling"},
		degrees:  []string{"B.A. Business Administration", "Diplom-Kaufmann", "M.Sc. International Management"},
		bullets: []string{
			"Closed €2.4M new ARR in 2025 (132% of quota)",
			"Opened the Swiss market with five enterprise logos",
			"Built the partner channel with three system integrators",
		},
		motives: []string{"I have sold automation into logistics for six years and know most of the decision makers in DACH."},
	},
	"csm": {
		group:    "business",
		headline: []string{"Customer Success Manager", "Account Manager"},
		roles:    []string{"Customer Success Manager", "Account Manager", "Implementation Consultant"},
		skills:   []string{"Onboarding", "QBRs", "Churn prevention", "Gainsight", "Salesforce", "German", "Stakeholder management"},
		degrees:  []string{"B.A. Business Administration", "Mag. Wirtschaftswissenschaften"},
		bullets:  []string{"Kept net revenue retention at 118% for a portfolio of 45 accounts", "Onboarded 20 customers in the first year"},
		motives:  []string{"I live in Vienna and would love to help your Austrian customers succeed."},
	},
	"marketing": {
		group:    "business",
		headline: []string{"Studium Marketing & Kommunikation", "Student Marketing (B.A.)", "Werkstudent Marketing"},
		roles:    []string{"Werkstudent Social Media", "Praktikant Marketing", "Aushilfe Eventmarketing"},
		skills:   []string{"Canva", "LinkedIn", "Instagram", "Google Analytics", "Copywriting", "HubSpot", "Webflow", "Excel"},
		degrees:  []string{"B.A. Kommunikationswissenschaft (laufend)", "B.Sc. BWL (laufend)", "M.A. Marketing Management (laufend)"},
		bullets:  []string{"Betreuung des Instagram-Kanals eines Start-ups (8k Follower)", "Organisation eines Messestands auf der IFA", "Erstellung von Newslettern in HubSpot"},
		motives: []string{
			"Robotik finde ich spannend, seit ich eure Roboter auf der LogiMAT gesehen habe.",
			"Ich möchte neben dem Studium Marketing in einem Tech-Unternehmen lernen.",
		},
	},
	"mechatronics": {
		group:    "engineering",
		headline: []string{"Mechatroniker", "Servicetechniker", "Elektroniker für Automatisierungstechnik"},
		roles:    []string{"Servicetechniker", "Mechatroniker", "Inbetriebnehmer"},
		skills:   []string{"SPS (Siemens S7)", "Fehlerdiagnose", "Elektrische Messtechnik", "Pneumatik", "Führerschein B", "Schaltpläne", "Kundenservice"},
		degrees:  []string{"Ausbildung Mechatroniker (IHK)", "Ausbildung Elektroniker für Automatisierungstechnik", "Staatlich geprüfter Techniker Mechatronik"},
		bullets:  []string{"Inbetriebnahme von Fördertechnik in 30+ Logistikzentren", "Wartung und Reparatur von FTS-Flotten", "Schulung von Kundenpersonal"},
		motives:  []string{"Ich arbeite seit sieben Jahren im Service für Intralogistik und möchte jetzt mit mobilen Robotern arbeiten."},
	},
	"mecheng": {
		group:    "engineering",
		headline: []string{"Student Maschinenbau"},
		roles:    []string{"Werkstudent Konstruktion"},
		skills:   []string{"SolidWorks", "CATIA", "MATLAB", "Technisches Zeichnen"},
		degrees:  []string{"B.Sc. Maschinenbau (laufend)"},
		bullets:  []string{"Konstruktion einer Greiferbaugruppe im Studienprojekt"},
		motives:  []string{"Ich suche ein Pflichtpraktikum in der Konstruktion."},
	},
	"hr": {
		group:    "people",
		headline: []string{"People & Culture Lead", "HR Director", "Head of HR"},
		roles:    []string{"Head of People", "HR Business Partner", "Talent Acquisition Lead"},
		skills:   []string{"People strategy", "Compensation & benefits", "Career frameworks", "Labour law (DE)", "Personio", "Leadership development"},
		degrees:  []string{"M.A. Human Resource Management", "Diplom in Psychologie", "M.Sc. Organisational Psychology"},
		bullets:  []string{"Scaled the people team of a fintech from 40 to 320 employees", "Introduced transparent salary bands and a career framework"},
		motives:  []string{"Building a people function from scratch is what I enjoy most."},
	},
	"office": {
		group:    "people",
		headline: []string{"Office Manager", "Office Coordinator", "Kaufmännische Assistenz"},
		roles:    []string{"Empfang und Office", "Assistenz der Geschäftsleitung", "Office Coordinator"},
		skills:   []string{"MS Office", "Organisation", "Eventplanung", "Abacus", "Deutsch/Englisch/Französisch"},
		degrees:  []string{"KV-Lehre (EFZ)", "Kaufmännische Ausbildung"},
		bullets:  []string{"Organisation von Firmenevents mit bis zu 200 Gästen", "Verwaltung von Bestellungen und Lieferanten"},
		motives:  []string{"Ich suche eine Teilzeitstelle in Zürich-West."},
	},
}

// culture groups keep names, phone numbers and languages plausible.
type culture struct {
	weight int
	first  []string
	last   []string
	native string
	abroad []string // cities for candidates who would relocate
	phone  string   // country calling code when living abroad
	unis   []string
}

var cultures = []culture{
	{30, []string{"Lena", "Jonas", "Sophie", "Maximilian", "Hannah", "Felix", "Marie", "Lukas", "Anna", "Paul", "Johanna", "Niklas", "Clara", "Moritz", "Leonie", "Tobias", "Katharina", "Jan", "Franziska", "Sebastian", "Zoë", "Till"},
		[]string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Krause", "Vogel", "Jäger", "Lehmann", "Schmidt-Hansen", "Große"},
		"German", nil, "", []string{"TU Berlin", "Humboldt-Universität zu Berlin", "TU München", "KIT Karlsruhe", "RWTH Aachen", "Universität Hamburg", "HTW Berlin", "Hochschule München"}},
	{6, []string{"Florian", "Verena", "Matthias", "Theresa", "Stefan", "Katrin", "Lorenz"},
		[]string{"Gruber", "Huber", "Bauer", "Pichler", "Steiner", "Moser", "Brunner", "Hofer"},
		"German", nil, "", []string{"TU Wien", "Universität Wien", "WU Wien", "FH Technikum Wien"}},
	{5, []string{"Reto", "Corinne", "Urs", "Andrea", "Nadine", "Beat", "Seraina"},
		[]string{"Keller", "Meier", "Frei", "Baumgartner", "Widmer", "Brändli", "Gerber"},
		"Swiss German", nil, "", []string{"ETH Zürich", "Universität Zürich", "ZHAW Winterthur", "EPFL"}},
	{8, []string{"Elif", "Emre", "Aylin", "Mehmet", "Zeynep", "Can", "Deniz", "Burak", "Selin", "Kerem"},
		[]string{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Arslan", "Doğan", "Koç", "Aksoy"},
		"Turkish", []string{"Istanbul", "Izmir"}, "+90", []string{"Boğaziçi University", "TU Berlin", "Universität Duisburg-Essen", "ODTÜ Ankara"}},
	{6, []string{"Łukasz", "Agnieszka", "Katarzyna", "Piotr", "Marta", "Tomasz", "Zofia", "Michał"},
		[]string{"Nowak", "Wójcik", "Mazur", "Krawczyk", "Kaczmarek", "Woźniak", "Zając"},
		"Polish", []string{"Wrocław", "Kraków", "Poznań"}, "+48", []string{"Politechnika Wrocławska", "AGH Kraków", "Uniwersytet Warszawski"}},
	{5, []string{"Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Luca", "Martina"},
		[]string{"Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Esposito"},
		"Italian", []string{"Milan", "Turin", "Bologna"}, "+39", []string{"Politecnico di Milano", "Università di Bologna", "Politecnico di Torino"}},
	{5, []string{"Lucía", "Javier", "Carmen", "Diego", "Sofía", "Alejandro", "Valentina", "Mateo"},
		[]string{"García", "Martínez", "López", "Fernández", "Rodríguez", "Sánchez", "Morales", "Navarro"},
		"Spanish", []string{"Madrid", "Barcelona", "Valencia"}, "+34", []string{"Universidad Politécnica de Madrid", "Universitat de Barcelona", "Universidad de Granada"}},
	{3, []string{"João", "Beatriz", "Rafael", "Camila", "Thiago", "Larissa"},
		[]string{"Silva", "Santos", "Oliveira", "Souza", "Costa", "Almeida"},
		"Portuguese", []string{"São Paulo", "Lisbon", "Porto"}, "+351", []string{"Universidade de São Paulo", "Universidade do Porto", "Instituto Superior Técnico"}},
	{8, []string{"Priya", "Arjun", "Ananya", "Rahul", "Kavya", "Vikram", "Sneha", "Rohan", "Aditi", "Karthik"},
		[]string{"Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Krishnan", "Desai", "Banerjee"},
		"Hindi", []string{"Bengaluru", "Pune", "Hyderabad"}, "+91", []string{"IIT Madras", "IIT Bombay", "BITS Pilani", "TU München", "RWTH Aachen"}},
	{4, []string{"Wei", "Jing", "Hao", "Xin", "Mei", "Lei", "Yan"},
		[]string{"Wang", "Li", "Zhang", "Liu", "Chen", "Huang", "Zhou"},
		"Mandarin", []string{"Shanghai", "Shenzhen"}, "+86", []string{"Tsinghua University", "Zhejiang University", "TU Dresden"}},
	{3, []string{"Minh", "Linh", "Thu", "Quang", "Hoa", "Duc"},
		[]string{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"},
		"Vietnamese", nil, "", []string{"HTW Berlin", "TU Dresden", "Hanoi University of Science and Technology"}},
	{5, []string{"Omar", "Layla", "Yusuf", "Amira", "Karim", "Nour", "Hassan", "Rania"},
		[]string{"Haddad", "Al-Masri", "Khalil", "Nasser", "Saleh", "Mansour", "Farouk"},
		"Arabic", []string{"Cairo", "Amman", "Dubai"}, "+20", []string{"American University in Cairo", "German Jordanian University", "TU Berlin"}},
	{4, []string{"Chinedu", "Amara", "Kwame", "Adaeze", "Tunde", "Folake", "Wanjiru", "Kofi"},
		[]string{"Okafor", "Adeyemi", "Mensah", "Okonkwo", "Balogun", "Owusu", "Kamau", "Eze"},
		"Yoruba", []string{"Lagos", "Accra", "Nairobi"}, "+234", []string{"University of Lagos", "University of Ghana", "University of Nairobi", "Universität Stuttgart"}},
	{5, []string{"Oksana", "Dmytro", "Iryna", "Andriy", "Olena", "Taras"},
		[]string{"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk"},
		"Ukrainian", nil, "", []string{"Kyiv Polytechnic Institute", "Lviv Polytechnic", "Universität Leipzig"}},
	{3, []string{"Björn", "Astrid", "Lars", "Ingrid", "Mikkel", "Freja"},
		[]string{"Lindqvist", "Johansson", "Nielsen", "Andersen", "Håkansson", "Eriksson"},
		"Swedish", []string{"Stockholm", "Copenhagen"}, "+46", []string{"KTH Stockholm", "DTU Copenhagen", "Chalmers"}},
	{4, []string{"Camille", "Théo", "Chloé", "Hugo", "Léa", "Antoine"},
		[]string{"Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Rousseau"},
		"French", []string{"Lyon", "Paris"}, "+33", []string{"École Polytechnique", "INSA Lyon", "Sorbonne Université"}},
	{3, []string{"Eleni", "Nikos", "Dimitra", "Giorgos", "Sofia"},
		[]string{"Papadopoulos", "Georgiou", "Nikolaidis", "Konstantinou"},
		"Greek", []string{"Athens", "Thessaloniki"}, "+30", []string{"National Technical University of Athens", "Aristotle University of Thessaloniki"}},
	{5, []string{"Siobhan", "Liam", "Aoife", "Connor", "Emily", "James", "Charlotte", "Oliver"},
		[]string{"O'Connor", "Murphy", "Kelly", "Walsh", "Thompson", "Clarke", "Hughes", "Bennett"},
		"English", []string{"Dublin", "London", "Manchester"}, "+44", []string{"Trinity College Dublin", "University of Manchester", "Imperial College London"}},
	{2, []string{"Ji-woo", "Min-jun", "Seo-yeon"},
		[]string{"Kim", "Park", "Choi"},
		"Korean", []string{"Seoul"}, "+82", []string{"KAIST", "Seoul National University"}},
	{2, []string{"Yuki", "Haruto", "Sakura", "Kenji"},
		[]string{"Tanaka", "Sato", "Suzuki", "Nakamura"},
		"Japanese", []string{"Tokyo", "Osaka"}, "+81", []string{"University of Tokyo", "Tokyo Institute of Technology"}},
}

var dachCities = []string{"Berlin", "Berlin", "Berlin", "Hamburg", "Munich", "Munich", "Leipzig", "Cologne", "Frankfurt am Main", "Potsdam", "Vienna", "Graz", "Zurich", "Basel", "Stuttgart", "Dresden", "Hanover"}

// employers are fictional companies for CV work histories.
var employers = []string{
	"Bytefabrik GmbH", "Nordstern Software AG", "Helios Logistics SE", "Kiezkind Apps GmbH", "Spreewerk Digital",
	"Datenschmiede GmbH", "Lumen Health GmbH", "Brightline Payments", "Alpina Versicherung AG", "Rheinmetrik AG",
	"Falkenhorst Automotive", "Quellwerk Energy GmbH", "Packwise GmbH", "Mosaic Retail Group", "Tessera Labs",
	"Fördertechnik Huber KG", "Intralog Systems GmbH", "Vireo Mobility", "Kaskade Media", "Hafenblick Consulting",
}

type sourceDef struct {
	product string
	premium bool
	source  string
	weight  int
}

var sourceDefs = []sourceDef{
	{"JOIN Career Page", false, "ORGANIC", 22},
	{"LinkedIn", true, "JOB_BOARDS", 14},
	{"LinkedIn (Limited)", false, "JOB_BOARDS", 9},
	{"indeed (Limited)", false, "JOB_BOARDS", 14},
	{"Indeed", true, "JOB_BOARDS", 5},
	{"StepStone", true, "JOB_BOARDS", 8},
	{"XING", false, "JOB_BOARDS", 6},
	{"Glassdoor", false, "JOB_BOARDS", 4},
	{"Referral", false, "REFERRALS", 7},
	{"Bundesagentur für Arbeit", false, "JOB_BOARDS", 3},
	{"Instagram", false, "SOCIAL_MEDIA", 3},
	{"Talent-Sourcing", false, "SOURCING_TOOLS", 2},
}

var tagPool = []string{
	"Top candidate", "Talent pool", "Needs visa", "Relocation", "Referral", "German B2+",
	"Remote only", "Interview scheduled", "Follow up", "Overqualified", "Second round",
}

// Note texts by situation; {skill}, {lead}, {salary} and {date} are filled in.
var noteTexts = map[string][]string{
	"ACTIVE": {
		"Phone screen (25 min): clear communicator, solid {skill} background. Next: technical interview with {lead}.",
		"Technical interview went well. Strong on {skill}, a bit thin on testing. Invite to team day.",
		"Candidate prefers contact by e-mail; not available for calls before 10:00.",
		"Reference check with previous manager scheduled for Thursday.",
	},
	"REJECTED": {
		"Rejected after first interview: salary expectation ({salary}) well above budget.",
		"Not enough hands-on experience with {skill}. Added to talent pool for junior roles.",
		"Withdrew – accepted another offer.",
		"No work permit and not eligible for the EU Blue Card at this salary. Sent a friendly rejection.",
	},
	"OFFER": {
		"Offer sent: {salary}, start {date}. Candidate asked for two more days to decide.",
		"Verbal yes on the phone 🎉 waiting for the signed contract.",
	},
	"HIRED": {
		"Signed contract received ✅ Start date {date}. Onboarding buddy: {lead}.",
		"Laptop ordered, welcome mail sent.",
	},
	"APPLIED": {
		"Looks promising at first glance – {skill} and relevant industry experience.",
		"Referred by Jonas (Platform team).",
	},
}
