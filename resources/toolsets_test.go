package resources_test

import (
	"context"
	"sort"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/joinclient/jointest"
	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/tools"
)

// Resources follow the toolsets: data hidden by --toolsets or --tools is not
// readable through a resource either.
func TestResourcesFollowToolsets(t *testing.T) {
	fake := jointest.NewServer(jointest.Options{})
	t.Cleanup(fake.Close)
	jc, err := joinclient.New(fake.Token(), joinclient.WithBaseURL(fake.URL()), joinclient.WithRateLimit(0, 0))
	require.NoError(t, err)
	for _, tc := range []struct {
		filter    tools.Filter
		fixed     []string
		templates []string
	}{
		{tools.Filter{Toolsets: []string{"jobs"}}, nil, []string{"join://jobs/{jobId}"}},
		{tools.Filter{Toolsets: []string{"lookups", "offices"}}, []string{"join://lookups/categories", "join://lookups/employment-types", "join://lookups/seniority-levels", "join://offices"}, nil},
		{tools.Filter{Tools: []string{"join_get_application"}}, nil, []string{"join://applications/{applicationId}"}},
		{tools.Filter{Toolsets: []string{"attachments"}}, nil, []string{"join://applications/{applicationId}/documents/{documentId}"}},
	} {
		srv, err := mcpserver.NewServer(mcpserver.Config{Version: "test", Filter: tc.filter, Deps: tools.Deps{
			Client: func(context.Context) (*joinclient.Client, error) { return jc, nil }, Logger: zerolog.Nop(),
		}})
		require.NoError(t, err)
		c, err := client.NewInProcessClient(srv.MCP)
		require.NoError(t, err)
		ctx := context.Background()
		require.NoError(t, c.Start(ctx))
		_, err = c.Initialize(ctx, mcp.InitializeRequest{})
		require.NoError(t, err)

		fixed, err := c.ListResources(ctx, mcp.ListResourcesRequest{})
		require.NoError(t, err)
		var uris []string
		for _, r := range fixed.Resources {
			uris = append(uris, r.URI)
		}
		sort.Strings(uris)
		require.Equal(t, tc.fixed, uris, "fixed resources for %+v", tc.filter)

		templates, err := c.ListResourceTemplates(ctx, mcp.ListResourceTemplatesRequest{})
		require.NoError(t, err)
		var tmpls []string
		for _, r := range templates.ResourceTemplates {
			tmpls = append(tmpls, r.URITemplate.Raw())
		}
		require.Equal(t, tc.templates, tmpls, "templates for %+v", tc.filter)

		if len(tc.templates) == 0 || tc.templates[0] != "join://applications/{applicationId}" {
			_, err = c.ReadResource(ctx, mcp.ReadResourceRequest{Params: mcp.ReadResourceParams{URI: "join://applications/70001"}})
			require.Error(t, err, "applications must not be readable without the applications toolset (%+v)", tc.filter)
		}
		_ = c.Close()
	}
}
