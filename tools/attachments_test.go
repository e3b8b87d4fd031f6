package tools_test

import (
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// resourceOf returns the embedded resource of a file result.
func resourceOf(t *testing.T, res *mcp.CallToolResult) mcp.ResourceContents {
	t.Helper()
	var found []mcp.ResourceContents
	for _, c := range res.Content {
		if r, ok := mcp.AsEmbeddedResource(c); ok {
			found = append(found, r.Resource)
		}
	}
	require.Len(t, found, 1, "a file result carries exactly one embedded resource")
	return found[0]
}

func TestFileTools(t *testing.T) {
	tests := []struct {
		tool, param, path, uri string
	}{
		{"join_get_attachment", "attachmentId", "/attachments/%d", "join://attachments/%d"},
		{"join_get_application_file", "fileId", "/applicationFiles/%d", "join://applicationFiles/%d"},
	}
	for _, tc := range tests {
		t.Run(tc.tool, func(t *testing.T) {
			e := newEnv(t, setup{})

			t.Run("pdf", func(t *testing.T) {
				e := e.in(t)
				f := findFile(t, e.store(), "application/pdf")
				e.fake.ResetRequests()
				res := e.call(tc.tool, fmt.Sprintf(`{%q:%d}`, tc.param, f.ID))
				require.False(t, res.IsError, textOf(res))
				assert.Equal(t, []string{"GET " + fmt.Sprintf(tc.path, f.ID)}, e.sent())
				assert.Len(t, e.fake.FileRequests(), 1, "the bytes come from the pre-signed URL")

				sc := res.StructuredContent.(map[string]any)
				assert.EqualValues(t, f.ID, sc["id"])
				assert.Equal(t, f.Name, sc["name"])
				if tc.tool == "join_get_application_file" {
					assert.Equal(t, f.Type, sc["type"], "the file endpoint's metadata names the type")
				}
				assert.Equal(t, "application/pdf", sc["contentType"])
				assert.EqualValues(t, len(f.Data), sc["size"])
				assert.Equal(t, fmt.Sprintf(tc.uri, f.ID), sc["uri"])
				assert.NotContains(t, sc, "text", "binary files are not inlined as text")

				blob, ok := resourceOf(t, res).(mcp.BlobResourceContents)
				require.True(t, ok, "a PDF is a blob resource")
				assert.Equal(t, "application/pdf", blob.MIMEType)
				assert.Equal(t, sc["uri"], blob.URI)
				data, err := base64.StdEncoding.DecodeString(blob.Blob)
				require.NoError(t, err)
				assert.Equal(t, f.Data, data, "the bytes are the fake's file")
				assert.Equal(t, "%PDF-", string(data[:5]))
			})

			t.Run("text", func(t *testing.T) {
				e := e.in(t)
				f := findFile(t, e.store(), "text/plain")
				res := e.call(tc.tool, fmt.Sprintf(`{%q:%d}`, tc.param, f.ID))
				require.False(t, res.IsError, textOf(res))
				sc := res.StructuredContent.(map[string]any)
				assert.Equal(t, f.ContentType, sc["contentType"])
				assert.NotEmpty(t, sc["text"], "text files are also returned as text")

				text, ok := resourceOf(t, res).(mcp.TextResourceContents)
				require.True(t, ok, "a text file is a text resource")
				assert.Equal(t, f.ContentType, text.MIMEType)
				assert.Equal(t, string(f.Data), text.Text)
			})

			t.Run("unknown id", func(t *testing.T) {
				e := e.in(t)
				e.fake.ResetRequests()
				msg := e.fails(tc.tool, fmt.Sprintf(`{%q:999999}`, tc.param))
				assert.True(t, contains(msg, "404", fmt.Sprintf(tc.path, 999999), "Check the id"), msg)
				assert.Equal(t, []string{"GET " + fmt.Sprintf(tc.path, 999999)}, e.sent())
			})
		})
	}
}
