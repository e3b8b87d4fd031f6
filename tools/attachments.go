package tools

import (
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/schemas"
)

func attachmentTools(d Deps) []Tool {
	out := schemas.OutputSchema[schemas.FileOutput]()
	return []Tool{
		typed(d, spec{
			name: "join_get_attachment", title: "Download attachment", toolset: "attachments",
			description: "Download an application's file (CV, cover letter, ...) by attachment id from join_get_application. Returns the file as an embedded resource with its name, type and size; text files also as text.",
			readOnly:    true, idempotent: true, output: out,
		}, func(ctx context.Context, c *call, in schemas.AttachmentIDInput) (any, error) {
			f, _, err := c.client.Attachments.Get(ctx, joinclient.ID(in.AttachmentID))
			if err != nil {
				return nil, err
			}
			return fileResult(f, fmt.Sprintf("join://attachments/%d", in.AttachmentID), c.deps.maxResultBytes()), nil
		}),
		typed(d, spec{
			name: "join_get_application_file", title: "Download application file", toolset: "attachments",
			description: "Download an application file by file id (attachments[].id of join_get_application) through JOIN's application file endpoint. Returns an embedded resource with name, type and size; text files also as text.",
			readOnly:    true, idempotent: true, output: out,
		}, func(ctx context.Context, c *call, in schemas.ApplicationFileIDInput) (any, error) {
			f, _, err := c.client.Attachments.GetApplicationFile(ctx, joinclient.ID(in.FileID))
			if err != nil {
				return nil, err
			}
			return fileResult(f, fmt.Sprintf("join://applicationFiles/%d", in.FileID), c.deps.maxResultBytes()), nil
		}),
	}
}

func isText(contentType string, data []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return (strings.HasPrefix(mt, "text/") || mt == "application/json") && utf8.Valid(data)
}

// fileResult returns the bytes as an embedded blob resource (text files also
// as a text resource and in structuredContent.text).
func fileResult(f *joinclient.File, uri string, budget int) *mcp.CallToolResult {
	out := schemas.FileOutput{ID: f.ID, Name: f.Name, Type: f.Type, ContentType: f.ContentType, Size: f.Size, URI: uri}
	var resources []mcp.Content
	if isText(f.ContentType, f.Data) {
		text := string(f.Data)
		if len(text) > budget/2 {
			cut := budget / 2
			for cut > 0 && !utf8.RuneStart(text[cut]) { // never split a character
				cut--
			}
			text = text[:cut] + " …[truncated]"
		}
		out.Text = cleanText(text) // the file itself stays as it is in the resource
		resources = append(resources, mcp.NewEmbeddedResource(mcp.TextResourceContents{URI: uri, MIMEType: f.ContentType, Text: string(f.Data)}))
	} else {
		resources = append(resources, mcp.NewEmbeddedResource(mcp.BlobResourceContents{URI: uri, MIMEType: f.ContentType, Blob: base64.StdEncoding.EncodeToString(f.Data)}))
	}
	result := structuredResult(out, budget)
	result.Content = append(result.Content, resources...)
	return result
}
