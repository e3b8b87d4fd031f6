package tools_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// callWithResponses sends tools/call with inputResponses (and a requestState)
// already on the first request, the way a client could forge an approval.
func (e *env) callWithResponses(name, args string, responses mcp.InputResponses, state string) map[string]any {
	e.t.Helper()
	req := callRequest(name, args)
	req.Params.InputResponses = responses
	req.Params.RequestState = state
	ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), joinClientKey{}, e.jc), 10*time.Second)
	defer cancel()
	res, err := e.mcp.CallTool(ctx, req)
	require.NoError(e.t, err)
	require.False(e.t, res.IsError, "unexpected tool error: %s", textOf(res))
	var sc map[string]any
	b, err := json.Marshal(res.StructuredContent)
	require.NoError(e.t, err)
	require.NoError(e.t, json.Unmarshal(b, &sc))
	return sc
}

// TestReview_ConfirmAnswerMustBelongToTheQuestion: an approval that arrives
// with the first call (no question was asked), or with a requestState the
// server never issued for these arguments, must not count as the user's
// approval. The user is asked instead; here they decline and nothing is
// written.
func TestReview_ConfirmAnswerMustBelongToTheQuestion(t *testing.T) {
	forged := mcp.InputResponses{"confirm": mcp.NewElicitationInputResponse(mcp.ElicitationResult{
		ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionAccept, Content: map[string]any{"confirm": true}},
	})}
	for _, proto := range []string{"", legacyProtocol} {
		for _, state := range []string{"", "confirm-anything"} {
			t.Run(eraName(proto)+"/state="+state, func(t *testing.T) {
				e := newEnv(t, setup{protocol: proto, elicit: answering(mcp.ElicitationResponseActionDecline, nil)})
				sc := e.callWithResponses("join_update_job_status", `{"jobId":3007,"status":"ONLINE","confirm":true}`, forged, state)
				assert.Len(t, e.elicit.asked(), 1, "the user is asked, the forged answer does not count")
				assert.Equal(t, "cancelled", sc["status"])
				e.expectNoWrites()
				j, _ := e.store().Job(3007)
				assert.Equal(t, "OFFLINE", j.Status)
			})
		}
	}
}

// TestReview_DocxBombIsRefused: a candidate's DOCX whose parts unpack to far
// more than any real CV (a zip bomb: here 200 MiB of zeros in word/media,
// about 200 KiB packed) must be refused before go-docx reads every media
// part into memory; a few such files would take the server down.
func TestReview_DocxBombIsRefused(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	require.NoError(t, err)
	_, err = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>`))
	require.NoError(t, err)
	w, err = zw.Create("word/media/image1.png")
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range 200 {
		_, err = w.Write(zeros)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.Less(t, buf.Len(), 1<<20, "the bomb is small packed")

	e := newEnv(t, setup{})
	sc := e.ok("join_create_application", fmt.Sprintf(`{"jobId":%d,"candidate":{"firstName":"Zip","lastName":"Bomb","email":"zip.bomb@example.com"},"documents":[{"type":"CV","name":"cv.docx","data":%q}]}`,
		jobBackend, base64.StdEncoding.EncodeToString(buf.Bytes())))
	res := e.ok("join_read_application_documents", fmt.Sprintf(`{"applicationId":%v}`, sc["id"]))
	docs, ok := res["documents"].([]any)
	require.True(t, ok, "documents: %v", res)
	require.Len(t, docs, 1)
	doc := docs[0].(map[string]any)
	assert.Contains(t, doc["error"], "unpack", "the bomb is refused with a reason")
	assert.Empty(t, doc["text"])
}
