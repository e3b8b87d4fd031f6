package tools

import (
	"context"
	"fmt"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/schemas"
)

func candidateTools(d Deps) []Tool {
	writeOut := schemas.OutputSchema[schemas.WriteResult]()
	return []Tool{
		typed(d, spec{
			name: "join_list_candidate_notes", title: "List candidate notes", toolset: "candidates",
			description: "List the hiring team's notes on a candidate (notes belong to the candidate, across all their applications).",
			readOnly:    true, idempotent: true, output: schemas.OutputSchema[schemas.ListNotesOutput](),
		}, listCandidateNotes),
		typed(d, spec{
			name: "join_create_candidate_note", title: "Add candidate note", toolset: "candidates",
			description: "Add a note to a candidate; the hiring team sees it on all the candidate's applications.",
			output:      writeOut,
		}, createCandidateNote),
		typed(d, spec{
			name: "join_update_candidate_note", title: "Edit candidate note", toolset: "candidates",
			description: "Replace the text of a note. Needs confirm=true; without it, returns a preview with the old and new text.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, updateCandidateNote),
		typed(d, spec{
			name: "join_delete_candidate_note", title: "Delete candidate note", toolset: "candidates",
			description: "Delete a note for good. Needs confirm=true; without it, returns a preview of the note.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, deleteCandidateNote),
		typed(d, spec{
			name: "join_update_candidate", title: "Update candidate", toolset: "candidates",
			description: "Change a candidate's name, e-mail or phone; only the given fields change, on all their applications. Needs confirm=true; without it, returns a preview.",
			destructive: true, idempotent: true, confirm: true, output: writeOut,
		}, updateCandidate),
	}
}

func listCandidateNotes(ctx context.Context, c *call, in schemas.ListCandidateNotesInput) (any, error) {
	lo := pageOf(in.Paging)
	notes, _, err := c.client.Candidates.ListNotes(ctx, joinclient.ID(in.CandidateID), lo)
	if err != nil {
		return nil, err
	}
	for i := range notes {
		notes[i].Content = cleanText(notes[i].Content)
	}
	return schemas.ListNotesOutput{ListMeta: listMeta(lo, len(notes)), CandidateID: joinclient.ID(in.CandidateID), Items: nonNil(notes)}, nil
}

func createCandidateNote(ctx context.Context, c *call, in schemas.CreateCandidateNoteInput) (any, error) {
	res, _, err := c.client.Candidates.CreateNote(ctx, joinclient.ID(in.CandidateID), in.Content)
	if err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, ID: res.ID, Message: fmt.Sprintf("Added note %d to candidate %d.", res.ID, in.CandidateID)}, nil
}

// findNote reads the candidate's notes to show the current text in a preview;
// JOIN has no single-note read endpoint.
func findNote(ctx context.Context, c *call, candidateID, noteID joinclient.ID) (*joinclient.Note, error) {
	for n, err := range c.client.Candidates.AllNotes(ctx, candidateID, joinclient.ListOptions{MaxPages: 20}) {
		if err != nil {
			return nil, err
		}
		if n.ID == noteID {
			return &n, nil
		}
	}
	return nil, &joinclient.ArgError{Field: "noteId", Problem: fmt.Sprintf("candidate %d has no note %d; join_list_candidate_notes lists their notes", candidateID, noteID)}
}

func updateCandidateNote(ctx context.Context, c *call, in schemas.UpdateCandidateNoteInput) (any, error) {
	cid, nid := joinclient.ID(in.CandidateID), joinclient.ID(in.NoteID)
	note, err := findNote(ctx, c, cid, nid)
	if err != nil {
		return nil, err
	}
	p := schemas.Preview{
		Action:  fmt.Sprintf("Replace the text of note %d on candidate %d.", nid, cid),
		Request: fmt.Sprintf("PATCH /candidates/%d/notes/%d", cid, nid),
		Changes: []schemas.Change{{Field: "content", From: note.Content, To: in.Content}},
	}
	if stop := gate(ctx, c, in.Confirm, p); stop != nil {
		return stop, nil
	}
	if _, _, err := c.client.Candidates.UpdateNote(ctx, cid, nid, in.Content); err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, ID: nid, Message: fmt.Sprintf("Updated note %d on candidate %d.", nid, cid)}, nil
}

func deleteCandidateNote(ctx context.Context, c *call, in schemas.DeleteCandidateNoteInput) (any, error) {
	cid, nid := joinclient.ID(in.CandidateID), joinclient.ID(in.NoteID)
	note, err := findNote(ctx, c, cid, nid)
	if err != nil {
		return nil, err
	}
	p := schemas.Preview{
		Action:   fmt.Sprintf("Delete note %d on candidate %d.", nid, cid),
		Request:  fmt.Sprintf("DELETE /candidates/%d/notes/%d", cid, nid),
		Current:  note,
		Warnings: []string{"Deleting cannot be undone."},
	}
	if stop := gate(ctx, c, in.Confirm, p); stop != nil {
		return stop, nil
	}
	if _, err := c.client.Candidates.DeleteNote(ctx, cid, nid); err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, ID: nid, Message: fmt.Sprintf("Deleted note %d on candidate %d.", nid, cid)}, nil
}

func updateCandidate(ctx context.Context, c *call, in schemas.UpdateCandidateInput) (any, error) {
	cid := joinclient.ID(in.CandidateID)
	req := &joinclient.UpdateCandidateRequest{FirstName: in.FirstName, LastName: in.LastName, Email: in.Email, Phone: in.Phone}
	if *req == (joinclient.UpdateCandidateRequest{}) {
		return nil, &joinclient.ArgError{Field: "candidateId", Problem: "no field to change was given; pass at least one of firstName, lastName, email, phone"}
	}
	// JOIN has no candidate read endpoint, so the preview lists the new values;
	// the current ones are in join_get_application's candidate.
	p := schemas.Preview{
		Action:   fmt.Sprintf("Update candidate %d on all their applications.", cid),
		Request:  fmt.Sprintf("PATCH /candidates/%d", cid),
		Changes:  diff(nil, req),
		Warnings: []string{"JOIN cannot show a candidate on its own; compare with the candidate in join_get_application before confirming."},
	}
	if stop := gate(ctx, c, in.Confirm, p); stop != nil {
		return stop, nil
	}
	if _, _, err := c.client.Candidates.Update(ctx, cid, req); err != nil {
		return nil, err
	}
	return &schemas.WriteResult{Status: schemas.StatusDone, ID: cid, Message: fmt.Sprintf("Updated candidate %d.", cid)}, nil
}
