package schemas

import (
	"github.com/invopop/jsonschema"

	"github.com/join-mcp/join-mcp/joinclient"
)

// Write statuses.
const (
	StatusDone              = "done"
	StatusNeedsConfirmation = "needs_confirmation"
	StatusCancelled         = "cancelled"
)

// WriteResult is the output of every tool that changes JOIN data. Without
// confirmation it carries a preview and status needs_confirmation; nothing
// was sent to JOIN then.
type WriteResult struct {
	Status      string        `json:"status" jsonschema:"required,enum=done,enum=needs_confirmation,enum=cancelled" jsonschema_description:"done: applied (or nothing to change). needs_confirmation: nothing changed; show the preview, call again with confirm=true if the user agrees. cancelled: the user declined."`
	Message     string        `json:"message" jsonschema:"required"`
	ID          joinclient.ID `json:"id,omitempty" jsonschema_description:"id of the created or changed object"`
	CandidateID joinclient.ID `json:"candidateId,omitempty" jsonschema_description:"candidate id of a created application"`
	Preview     *Preview      `json:"preview,omitempty"`
}

// Preview shows exactly what a write would do.
type Preview struct {
	Action   string   `json:"action" jsonschema_description:"what would happen, in one sentence"`
	Request  string   `json:"request" jsonschema_description:"the JOIN API call that would be made"`
	Current  any      `json:"current,omitempty" jsonschema_description:"the current state, when JOIN can be read"`
	Changes  []Change `json:"changes,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Change is one field before and after.
type Change struct {
	Field string `json:"field"`
	From  any    `json:"from,omitempty"`
	To    any    `json:"to,omitempty"`
}

// ConfirmField documents the confirm flag every gated tool shares; embed it.
type ConfirmField struct {
	Confirm bool `json:"confirm,omitempty" jsonschema_description:"true applies the change; without it nothing is sent to JOIN and you get a preview to show the user"`
}

// Paging is the paging part of every list input.
type Paging struct {
	Page     int `json:"page,omitempty" jsonschema:"minimum=1" jsonschema_description:"page number, from 1 (default 1)"`
	PageSize int `json:"pageSize,omitempty" jsonschema:"minimum=1,maximum=50" jsonschema_description:"items per page, 1-50 (default 20)"`
}

// ListMeta is the paging part of every list result.
type ListMeta struct {
	Page      int    `json:"page" jsonschema:"required"`
	PageSize  int    `json:"pageSize" jsonschema:"required"`
	Returned  int    `json:"returned" jsonschema:"required" jsonschema_description:"number of items in this result"`
	HasMore   bool   `json:"hasMore" jsonschema:"required" jsonschema_description:"true when the next page may hold more items"`
	Truncated bool   `json:"truncated,omitempty" jsonschema_description:"true when items were left out to stay under the size budget"`
	Notice    string `json:"notice,omitempty"`
}

// anyJSON is a schema for a value of any JSON type, spelled out as one
// branch per type: a bare `true` schema or a type array is rejected or
// dropped by strict schema consumers.
func anyJSON(description string) *jsonschema.Schema {
	s := &jsonschema.Schema{Description: description}
	for _, t := range []string{"string", "number", "boolean", "array", "object", "null"} {
		s.AnyOf = append(s.AnyOf, &jsonschema.Schema{Type: t})
	}
	return s
}

// JSONSchemaExtend types the preview's free-form current state.
func (Preview) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Properties.Set("current", &jsonschema.Schema{
		Type: "object", AdditionalProperties: jsonschema.TrueSchema,
		Description: "the current state, when JOIN can be read",
	})
}

// JSONSchemaExtend types a change's before and after values.
func (Change) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Properties.Set("from", anyJSON("the current value, when known"))
	s.Properties.Set("to", anyJSON("the new value"))
}
