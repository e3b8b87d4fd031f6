package joinclient

import (
	"context"
	"iter"
	"net/url"
	"strings"
)

// CandidatesService covers /candidates: the candidate's own data and the
// notes on them. JOIN has no candidate read endpoint; candidates are read
// through their applications.
type CandidatesService struct{ c *Client }

// UpdateCandidateRequest changes the set fields of a candidate.
type UpdateCandidateRequest struct {
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
	Email     string `json:"email,omitempty"`
	Phone     string `json:"phone,omitempty"`
}

// Update changes a candidate's name, e-mail or phone.
func (s *CandidatesService) Update(ctx context.Context, id ID, req *UpdateCandidateRequest) (*IDResponse, *Response, error) {
	if err := checkID("candidateId", id); err != nil {
		return nil, nil, err
	}
	if req == nil || *req == (UpdateCandidateRequest{}) {
		return nil, nil, &ArgError{Field: "candidate", Problem: "no field to update was given"}
	}
	if req.Email != "" {
		if err := checkEmail("email", req.Email); err != nil {
			return nil, nil, err
		}
	}
	return s.c.idCall(ctx, OpUpdateCandidate, []ID{id}, req)
}

// MaxNoteLength bounds a note's content.
const MaxNoteLength = 10000

func checkNote(content string) error {
	if err := checkRequired("content", content); err != nil {
		return err
	}
	if len([]rune(content)) > MaxNoteLength {
		return &ArgError{Field: "content", Problem: "is longer than 10000 characters"}
	}
	return nil
}

// ListNotes returns one page of a candidate's notes.
func (s *CandidatesService) ListNotes(ctx context.Context, candidateID ID, opts ListOptions) ([]Note, *Response, error) {
	if err := checkID("candidateId", candidateID); err != nil {
		return nil, nil, err
	}
	if err := opts.check(); err != nil {
		return nil, nil, err
	}
	q := url.Values{}
	opts.addTo(q)
	var notes []Note
	resp, err := s.c.call(ctx, OpListCandidateNotes, []ID{candidateID}, q, nil, &notes)
	return notes, resp, err
}

// AllNotes iterates over all of a candidate's notes.
func (s *CandidatesService) AllNotes(ctx context.Context, candidateID ID, opts ListOptions) iter.Seq2[Note, error] {
	return paginate(ctx, opts, func(ctx context.Context, lo ListOptions) ([]Note, *Response, error) {
		return s.ListNotes(ctx, candidateID, lo)
	})
}

// CreateNote adds a note to a candidate.
func (s *CandidatesService) CreateNote(ctx context.Context, candidateID ID, content string) (*IDResponse, *Response, error) {
	if err := checkID("candidateId", candidateID); err != nil {
		return nil, nil, err
	}
	if err := checkNote(content); err != nil {
		return nil, nil, err
	}
	return s.c.idCall(ctx, OpCreateCandidateNote, []ID{candidateID}, map[string]string{"content": strings.TrimSpace(content)})
}

// UpdateNote replaces a note's content.
func (s *CandidatesService) UpdateNote(ctx context.Context, candidateID, noteID ID, content string) (*IDResponse, *Response, error) {
	if err := checkID("candidateId", candidateID); err != nil {
		return nil, nil, err
	}
	if err := checkID("noteId", noteID); err != nil {
		return nil, nil, err
	}
	if err := checkNote(content); err != nil {
		return nil, nil, err
	}
	return s.c.idCall(ctx, OpUpdateCandidateNote, []ID{candidateID, noteID}, map[string]string{"content": strings.TrimSpace(content)})
}

// DeleteNote removes a note.
func (s *CandidatesService) DeleteNote(ctx context.Context, candidateID, noteID ID) (*Response, error) {
	if err := checkID("candidateId", candidateID); err != nil {
		return nil, err
	}
	if err := checkID("noteId", noteID); err != nil {
		return nil, err
	}
	return s.c.call(ctx, OpDeleteCandidateNote, []ID{candidateID, noteID}, nil, nil, nil)
}
