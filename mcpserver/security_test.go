package mcpserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/join-mcp/join-mcp/mcpserver"
)

// endpointCheck is one request per HTTP endpoint, to see which layer
// answers: 403 from a guard, anything else means the guard let it through.
type endpointCheck struct {
	name, method, path, body string
}

var endpoints = []endpointCheck{
	{"POST /mcp", http.MethodPost, "/mcp", initializeBody},
	{"GET /sse", http.MethodGet, "/sse", ""},
	{"POST /message", http.MethodPost, "/message", initializeBody}, // no sessionId: mcp-go answers 400
}

func (e endpointCheck) send(t *testing.T, r *rig, headers map[string]string) rawResult {
	t.Helper()
	if e.body == "" {
		return do(t, e.method, r.url(e.path), nil, headers)
	}
	return do(t, e.method, r.url(e.path), strings.NewReader(e.body), headers)
}

// wantThrough asserts the request passed the guards: each endpoint then
// answers its own way (200 initialize, 200 stream, 400 missing sessionId).
func (e endpointCheck) wantThrough(t *testing.T, res rawResult, why string) {
	t.Helper()
	switch e.path {
	case "/message":
		assert.Equal(t, http.StatusBadRequest, res.status, "%s %s: %s", e.name, why, res.body)
		assert.Contains(t, res.body, "sessionId", "%s %s: mcp-go's own answer", e.name, why)
	default:
		assert.Equal(t, http.StatusOK, res.status, "%s %s: %s", e.name, why, res.body)
	}
}

func TestOriginCheck(t *testing.T) {
	t.Parallel()
	plain := newRig(t, rigConfig{}, true)
	withList := newRig(t, rigConfig{http: mcpserver.HTTPOptions{AllowedOrigins: []string{"https://app.example.com"}}}, true)
	anyOrigin := newRig(t, rigConfig{http: mcpserver.HTTPOptions{AllowedOrigins: []string{"*"}}}, true)

	for _, e := range endpoints {
		t.Run(e.name, func(t *testing.T) {
			for _, origin := range []string{"https://evil.example", "null", "http://localhost.evil.example", "file://localhost", "https://app.example.com.evil.example"} {
				res := e.send(t, plain, map[string]string{"Origin": origin})
				assert.Equal(t, http.StatusForbidden, res.status, "Origin %s", origin)
				msg := errorMessage(t, res)
				assert.Contains(t, msg, "origin "+origin+" is not allowed", "the 403 names the origin")
				assert.Contains(t, msg, "--allowed-origins", "the 403 says how to allow it")
			}
			// Header bytes that are not UTF-8 still give a JSON error body.
			res := e.send(t, plain, map[string]string{"Origin": "https://bad\xffhost\t.example"})
			assert.Equal(t, http.StatusForbidden, res.status)
			errorMessage(t, res)
			// Not on the list of the server that has one.
			res = e.send(t, withList, map[string]string{"Origin": "https://other.example.com"})
			assert.Equal(t, http.StatusForbidden, res.status)

			e.wantThrough(t, e.send(t, plain, nil), "without Origin")
			for _, origin := range []string{"http://localhost:3000", "http://127.0.0.1:6274", "http://[::1]:8080", "https://localhost"} {
				e.wantThrough(t, e.send(t, plain, map[string]string{"Origin": origin}), "loopback Origin "+origin)
			}
			e.wantThrough(t, e.send(t, withList, map[string]string{"Origin": "https://app.example.com"}), "listed Origin")
			e.wantThrough(t, e.send(t, withList, map[string]string{"Origin": "http://localhost:3000"}), "loopback Origin next to a list")
			e.wantThrough(t, e.send(t, anyOrigin, map[string]string{"Origin": "https://anything.example"}), `Origin with "*"`)
		})
	}
}

// mcp-go guards against DNS rebinding itself: on a loopback listener a Host
// that is not localhost or a loopback IP answers 403, on every MCP endpoint.
func TestHostCheckOnLoopback(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigConfig{}, true)
	for _, e := range endpoints {
		for _, host := range []string{"evil.example", "evil.example:8080", "127.0.0.1.nip.io"} {
			res := e.send(t, r, map[string]string{"Host": host})
			assert.Equal(t, http.StatusForbidden, res.status, "%s with Host %s: %s", e.name, host, res.body)
			assert.Contains(t, res.body, "invalid Host header", "%s: mcp-go's guard answers", e.name)
		}
		for _, host := range []string{"localhost", "localhost:8080", "127.0.0.1:9", "[::1]:8080"} {
			e.wantThrough(t, e.send(t, r, map[string]string{"Host": host}), "Host "+host)
		}
	}
	// /healthz is ours and carries no data; mcp-go's guard does not cover it.
	res := do(t, http.MethodGet, r.url("/healthz"), nil, map[string]string{"Host": "evil.example"})
	assert.Equal(t, http.StatusOK, res.status)
}

func TestBearerAuth(t *testing.T) {
	t.Parallel()
	const secret = "s3cret-http-token"
	r := newRig(t, rigConfig{http: mcpserver.HTTPOptions{AuthToken: secret}}, true)

	for _, e := range endpoints {
		for name, auth := range map[string]string{
			"missing":        "",
			"wrong":          "Bearer nope",
			"basic":          "Basic x",
			"prefix only":    "Bearer ",
			"token, no type": secret,
			"longer":         "Bearer " + secret + "x",
		} {
			headers := map[string]string{}
			if auth != "" {
				headers["Authorization"] = auth
			}
			res := e.send(t, r, headers)
			assert.Equal(t, http.StatusUnauthorized, res.status, "%s, %s Authorization", e.name, name)
			assert.Equal(t, `Bearer realm="join-mcp"`, res.header.Get("WWW-Authenticate"), "%s, %s", e.name, name)
			assert.Contains(t, errorMessage(t, res), "Authorization: Bearer", "the 401 says what to send")
			assert.NotContains(t, res.body, secret, "the 401 never echoes the token")
		}
		e.wantThrough(t, e.send(t, r, map[string]string{"Authorization": "Bearer " + secret}), "with the right token")
		// The scheme is case-insensitive (RFC 9110 11.1).
		e.wantThrough(t, e.send(t, r, map[string]string{"Authorization": "bearer " + secret}), "with a lower-case scheme")
	}

	res := do(t, http.MethodPost, r.url("/mcp"), strings.NewReader(initializeBody), map[string]string{"Authorization": "Bearer " + secret})
	require.Equal(t, http.StatusOK, res.status)
	assert.Contains(t, res.body, `"serverInfo"`)

	health := do(t, http.MethodGet, r.url("/healthz"), nil, nil)
	assert.Equal(t, http.StatusOK, health.status, "/healthz needs no token")
	assert.JSONEq(t, `{"status":"ok"}`, health.body)

	// A real client with the token works end to end, in both eras.
	for _, era := range eras {
		cs := connect(t, r.ts.URL, clientConfig{protocol: era, headers: map[string]string{"Authorization": "Bearer " + secret}})
		assert.Contains(t, toolNames(t, cs), "join_list_jobs", era)
		_, err := tryConnect(t, r.ts.URL, clientConfig{protocol: era, headers: map[string]string{"Authorization": "Bearer wrong"}})
		assert.Error(t, err, "%s client with a wrong token", era)
	}
}
