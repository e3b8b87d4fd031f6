package jointest

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/join-mcp/join-mcp/joinclient"
)

// Candidates have no read endpoint in JOIN: candidate data is read through
// applications. Notes belong to the candidate, not to one application.

// noteJSON is the wire shape of a note; author is an extra the client's
// model does not know.
type noteJSON struct {
	ID            joinclient.ID `json:"id"`
	Content       string        `json:"content"`
	Author        string        `json:"author"`
	CreatedAt     string        `json:"createdAt"`
	LastUpdatedAt string        `json:"lastUpdatedAt"`
}

func toNoteJSON(n Note) noteJSON {
	return noteJSON{ID: n.ID, Content: n.Content, Author: n.Author, CreatedAt: timestamp(n.CreatedAt), LastUpdatedAt: timestamp(n.LastUpdatedAt)}
}

// apiNoteAuthor is the author of notes written through the API; JOIN shows
// API writes under the token's integration rather than a person.
const apiNoteAuthor = "API"

const maxNoteRunes = 10000

// An updated candidate shows in all their applications, and those count as
// updated for updatedAtGte polling.
func handleUpdateCandidate(c *call) {
	var in candidateInput
	if !c.allowQuery() || !c.decode(&in) {
		return
	}
	if in == (candidateInput{}) {
		c.invalid("Request body contains no fields to update; accepted fields: firstName, lastName, email, phone")
		return
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	cand := found(c, st.candidates, "candidateId", "Candidate")
	if cand == nil {
		return
	}
	draft := *cand
	if msg := applyCandidateInput(&draft, &in, ""); msg != "" {
		c.invalid(msg)
		return
	}
	if other := st.candidateByEmail(draft.Email); other != nil && other.ID != cand.ID {
		c.invalid(fmt.Sprintf("email %s is already used by another candidate", draft.Email))
		return
	}
	now := st.clock()
	draft.LastUpdatedAt = now
	*cand = draft
	for _, a := range st.applications {
		if a.CandidateID == cand.ID {
			a.LastUpdatedAt = now
		}
	}
	c.idResponse(http.StatusOK, cand.ID)
}

func handleListNotes(c *call) {
	if !c.allowQuery("page", "pageSize") {
		return
	}
	page, size, ok := c.pagination()
	if !ok {
		return
	}
	st := c.st
	st.mu.RLock()
	defer st.mu.RUnlock()
	if found(c, st.candidates, "candidateId", "Candidate") == nil {
		return
	}
	notes := paginate(st.notesOf(c.id("candidateId")), page, size)
	out := make([]noteJSON, 0, len(notes))
	for _, n := range notes {
		out = append(out, toNoteJSON(n))
	}
	c.json(http.StatusOK, out)
}

type noteInput struct {
	Content *string `json:"content"`
}

func (c *call) noteContent() (string, bool) {
	var in noteInput
	if !c.allowQuery() || !c.decode(&in) {
		return "", false
	}
	if in.Content == nil {
		c.invalid("Field \"content\" is required")
		return "", false
	}
	if strings.TrimSpace(*in.Content) == "" {
		c.invalid("content must not be empty")
		return "", false
	}
	if n := len([]rune(*in.Content)); n > maxNoteRunes {
		c.invalid(fmt.Sprintf("content must be at most %d characters, got %d", maxNoteRunes, n))
		return "", false
	}
	return *in.Content, true
}

func handleCreateNote(c *call) {
	content, ok := c.noteContent()
	if !ok {
		return
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	if found(c, st.candidates, "candidateId", "Candidate") == nil {
		return
	}
	now := st.clock()
	n := &Note{ID: st.newID(kindNote), CandidateID: c.id("candidateId"), Content: content, Author: apiNoteAuthor, CreatedAt: now, LastUpdatedAt: now}
	st.notes[n.ID] = n
	c.idResponse(http.StatusCreated, n.ID)
}

// note finds a note of the path's candidate; a note of another candidate is
// as unknown as a missing one. st.mu must be held.
func (c *call) note() *Note {
	st := c.st
	if found(c, st.candidates, "candidateId", "Candidate") == nil {
		return nil
	}
	n := st.notes[c.id("noteId")]
	if n == nil || n.CandidateID != c.id("candidateId") {
		c.notFound(fmt.Sprintf("Note %d not found for candidate %d", c.id("noteId"), c.id("candidateId")))
		return nil
	}
	return n
}

func handleUpdateNote(c *call) {
	content, ok := c.noteContent()
	if !ok {
		return
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	n := c.note()
	if n == nil {
		return
	}
	n.Content = content
	n.LastUpdatedAt = st.clock()
	c.idResponse(http.StatusOK, n.ID)
}

func handleDeleteNote(c *call) {
	if !c.allowQuery() || !c.noBody() {
		return
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	n := c.note()
	if n == nil {
		return
	}
	delete(st.notes, n.ID)
	c.noContent()
}
