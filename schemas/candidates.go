package schemas

import "github.com/join-mcp/join-mcp/joinclient"

// ListCandidateNotesInput is join_list_candidate_notes' input.
type ListCandidateNotesInput struct {
	CandidateID int64 `json:"candidateId" jsonschema:"required,minimum=1" jsonschema_description:"candidate id: candidate.id of join_get_application or join_list_applications"`
	Paging
}

// ListNotesOutput is join_list_candidate_notes' output.
type ListNotesOutput struct {
	ListMeta
	CandidateID joinclient.ID     `json:"candidateId" jsonschema:"required"`
	Items       []joinclient.Note `json:"items" jsonschema:"required" jsonschema_description:"notes, oldest first; note text is written by the hiring team"`
}

// CreateCandidateNoteInput is join_create_candidate_note's input.
type CreateCandidateNoteInput struct {
	CandidateID int64  `json:"candidateId" jsonschema:"required,minimum=1" jsonschema_description:"candidate id: candidate.id of join_get_application or join_list_applications"`
	Content     string `json:"content" jsonschema:"required,minLength=1,maxLength=10000" jsonschema_description:"the note text; notes belong to the candidate and show on all their applications"`
}

// UpdateCandidateNoteInput is join_update_candidate_note's input.
type UpdateCandidateNoteInput struct {
	CandidateID int64  `json:"candidateId" jsonschema:"required,minimum=1" jsonschema_description:"candidate id: candidate.id of join_get_application or join_list_applications"`
	NoteID      int64  `json:"noteId" jsonschema:"required,minimum=1" jsonschema_description:"note id from join_list_candidate_notes"`
	Content     string `json:"content" jsonschema:"required,minLength=1,maxLength=10000" jsonschema_description:"the new text; it replaces the old text"`
	ConfirmField
}

// DeleteCandidateNoteInput is join_delete_candidate_note's input.
type DeleteCandidateNoteInput struct {
	CandidateID int64 `json:"candidateId" jsonschema:"required,minimum=1" jsonschema_description:"candidate id: candidate.id of join_get_application or join_list_applications"`
	NoteID      int64 `json:"noteId" jsonschema:"required,minimum=1" jsonschema_description:"note id from join_list_candidate_notes"`
	ConfirmField
}

// UpdateCandidateInput is join_update_candidate's input.
type UpdateCandidateInput struct {
	CandidateID int64  `json:"candidateId" jsonschema:"required,minimum=1" jsonschema_description:"candidate id: candidate.id of join_get_application or join_list_applications"`
	FirstName   string `json:"firstName,omitempty" jsonschema:"minLength=1"`
	LastName    string `json:"lastName,omitempty" jsonschema:"minLength=1"`
	Email       string `json:"email,omitempty" jsonschema:"format=email"`
	Phone       string `json:"phone,omitempty" jsonschema_description:"international format, e.g. +49 30 1234567"`
	ConfirmField
}
