package tools

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

// A network error on a pre-signed download must not hand the link's
// signature to the model.
func TestRedactURLsDropsQueryAndUserinfo(t *testing.T) {
	err := &url.Error{Op: "Get", URL: "https://user:pw@files.example.com/cv.pdf?X-Amz-Signature=secret&expires=1", Err: errors.New("connection reset")}
	got := redactURLs(err)
	for _, leak := range []string{"secret", "X-Amz", "pw", "user"} {
		if strings.Contains(got, leak) {
			t.Fatalf("redacted error %q still contains %q", got, leak)
		}
	}
	if !strings.Contains(got, "files.example.com/cv.pdf") || !strings.Contains(got, "connection reset") {
		t.Fatalf("redacted error lost the useful part: %q", got)
	}
}
