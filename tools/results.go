package tools

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/join-mcp/join-mcp/joinclient"
)

func errorResult(msg string) *mcp.CallToolResult {
	return &mcp.CallToolResult{Content: []mcp.Content{mcp.NewTextContent(msg)}, IsError: true}
}

// structuredResult returns v as structuredContent plus the same JSON,
// compact, as text (the spec's SHOULD for clients without structured
// support). Over the byte budget it is cut down with a notice first.
func structuredResult(v any, budget int) *mcp.CallToolResult {
	data, err := json.Marshal(v)
	if err != nil {
		return errorResult("join-mcp could not encode the result: " + err.Error())
	}
	if len(data) > budget {
		data = fitBudget(data, budget)
	}
	// The bytes go out as they are: decoding them into a map only for mcp-go
	// to encode it again cost a third of a simple call.
	return &mcp.CallToolResult{
		Content:           []mcp.Content{mcp.NewTextContent(string(data))},
		StructuredContent: json.RawMessage(data),
	}
}

// fitBudget shrinks an over-budget JSON object. A list result keeps as many
// leading items as fit; any other result has its longest strings shortened.
// Either way "truncated" and "notice" tell the model what happened and how to
// get the rest. The shape stays valid for the tool's output schema.
func fitBudget(data []byte, budget int) []byte {
	var obj map[string]any
	if json.Unmarshal(data, &obj) != nil {
		return data
	}
	if items, ok := obj["items"].([]any); ok && len(items) > 0 {
		lo, hi := 0, len(items)
		for lo < hi { // largest prefix that fits
			mid := (lo + hi + 1) / 2
			obj["items"] = items[:mid]
			setNotice(obj, mid, len(items))
			if b, _ := json.Marshal(obj); len(b) <= budget {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		obj["items"] = items[:lo]
		setNotice(obj, lo, len(items))
		b, _ := json.Marshal(obj)
		return b
	}
	for limit := 20000; limit >= 200; limit /= 2 {
		mapStrings(obj, shortenTo(limit))
		obj["truncated"] = true
		obj["notice"] = fmt.Sprintf("Long text fields were cut to %d characters to keep this result under %d bytes.", limit, budget)
		if b, _ := json.Marshal(obj); len(b) <= budget {
			return b
		}
	}
	b, _ := json.Marshal(obj)
	return b
}

func setNotice(obj map[string]any, kept, total int) {
	obj["truncated"] = true
	obj["returned"] = kept
	obj["notice"] = fmt.Sprintf("Only the first %d of %d items fit in this result. Ask for a smaller pageSize (e.g. pageSize=%d) and page through, or leave out full=true.", kept, total, max(kept, 1))
}

// shortenTo cuts a string to limit characters with a visible marker.
func shortenTo(limit int) func(string) string {
	return func(s string) string {
		if r := []rune(s); len(r) > limit {
			return string(r[:limit]) + " …[truncated]"
		}
		return s
	}
}

// describeError words a failure so the model can correct itself: what went
// wrong, what is allowed, what to call instead.
func describeError(s spec, err error) string {
	var arg *joinclient.ArgError
	if errors.As(err, &arg) {
		return fmt.Sprintf("Invalid argument %s: %s.", arg.Field, arg.Problem)
	}
	if errors.Is(err, context.Canceled) {
		return "The call was cancelled before JOIN answered."
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return writeCaveat(s, "JOIN did not answer in time.")
	}
	if errors.Is(err, joinclient.ErrTooLarge) {
		return "The file is larger than the download limit of join-mcp; it was not downloaded."
	}
	var apiErr *joinclient.Error
	if !errors.As(err, &apiErr) {
		return writeCaveat(s, "Could not reach JOIN: "+redactURLs(err))
	}
	msg := apiErr.Message
	switch {
	case apiErr.StatusCode == http.StatusNotFound:
		return fmt.Sprintf("JOIN found nothing at %s (404: %s). Check the id; list tools such as join_list_jobs or join_list_applications return valid ids.", apiErr.Path, msg)
	case joinclient.IsUnauthorized(err):
		return fmt.Sprintf("JOIN rejected the API token (%d: %s). The token may be revoked or lack access; create a new one in JOIN under Settings → API credentials and set JOIN_API_TOKEN.", apiErr.StatusCode, msg)
	case joinclient.IsRateLimited(err):
		wait := "a little while"
		if apiErr.RetryAfter > 0 {
			wait = apiErr.RetryAfter.Round(1e9).String()
		}
		return fmt.Sprintf("JOIN's rate limit is exhausted; nothing was changed. Try again in %s.", wait)
	case joinclient.IsValidation(err):
		return fmt.Sprintf("JOIN refused the request (%d %s): %s. Nothing was changed; fix the arguments and call again.", apiErr.StatusCode, apiErr.Type, msg)
	default:
		return writeCaveat(s, fmt.Sprintf("JOIN failed with %d %s: %s.", apiErr.StatusCode, apiErr.Type, msg))
	}
}

// writeCaveat warns that a failed write may still have been applied: JOIN
// has no idempotency keys, so the model must check before repeating it.
func writeCaveat(s spec, msg string) string {
	if s.readOnly {
		return msg + " Retrying later may help."
	}
	return msg + " The change may or may not have been applied; read the current state before trying again."
}

// redactURLs drops the query of URLs in network errors: pre-signed file
// links carry their signature there, and it has no business in a result.
func redactURLs(err error) string {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err.Error()
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return ue.Op + " " + ue.Err.Error()
	}
	u.RawQuery, u.User = "", nil
	return fmt.Sprintf("%s %s: %v", ue.Op, u.Redacted(), ue.Err)
}
