package joinclient

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// AttachmentsService downloads application files. Whether JOIN answers these
// endpoints with the bytes, a redirect or JSON holding a pre-signed URL is not
// documented, so all three are handled.
type AttachmentsService struct{ c *Client }

// File is a downloaded attachment.
type File struct {
	ID          ID
	Name        string
	Type        string // CV, COVER_LETTER, ... when JOIN says so
	ContentType string
	Size        int64
	Data        []byte
}

// Get downloads the attachment with this id (GET /attachments/{id}).
func (s *AttachmentsService) Get(ctx context.Context, id ID) (*File, *Response, error) {
	return s.byID(ctx, OpGetAttachment, "attachmentId", id)
}

// GetApplicationFile downloads an application file (GET /applicationFiles/{id}).
func (s *AttachmentsService) GetApplicationFile(ctx context.Context, id ID) (*File, *Response, error) {
	return s.byID(ctx, OpGetApplicationFile, "fileId", id)
}

func (s *AttachmentsService) byID(ctx context.Context, op Operation, field string, id ID) (*File, *Response, error) {
	if err := checkID(field, id); err != nil {
		return nil, nil, err
	}
	u := *s.c.baseURL
	u.Path = strings.TrimRight(u.Path, "/") + RouteFor(op).Expand(id)
	f, resp, err := s.fetch(ctx, &u, &File{ID: id})
	return f, resp, err
}

// Download fetches a pre-signed attachment URL as found in an application's
// attachments[].url. The token is only sent if the URL is on the API host.
func (s *AttachmentsService) Download(ctx context.Context, rawURL string) (*File, *Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return nil, nil, &ArgError{Field: "url", Problem: "must be an absolute URL"}
	}
	if err := s.allowed(u); err != nil {
		return nil, nil, err
	}
	return s.fetch(ctx, u, &File{})
}

// sameOrigin reports whether u is on the configured API scheme+host+port: the
// only place the JOIN token may go.
func (s *AttachmentsService) sameOrigin(u *url.URL) bool {
	b := s.c.baseURL
	return strings.EqualFold(u.Scheme, b.Scheme) && strings.EqualFold(u.Host, b.Host)
}

// allowed permits https anywhere (pre-signed storage URLs) and plain http
// only on the API's own origin (a local fake or proxy).
func (s *AttachmentsService) allowed(u *url.URL) error {
	if u.Scheme == "https" || s.sameOrigin(u) {
		return nil
	}
	return &ArgError{Field: "url", Problem: fmt.Sprintf("refusing to download over %s from %s: only https or the API host", u.Scheme, u.Host)}
}

const maxHops = 5

func (s *AttachmentsService) fetch(ctx context.Context, u *url.URL, meta *File) (*File, *Response, error) {
	for hop := 0; ; hop++ {
		if hop > maxHops {
			return nil, nil, fmt.Errorf("joinclient: more than %d redirects fetching an attachment", maxHops)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, nil, err
		}
		req.Header.Set("User-Agent", s.c.userAgent)
		if s.sameOrigin(u) {
			req.Header.Set("Authorization", s.c.token)
		}
		resp, body, err := s.c.send(req, sendOptions{idempotent: true, limit: s.c.maxDownload + 1, redirects: true})
		if err != nil {
			return nil, resp, err
		}
		if resp.StatusCode >= 300 {
			next, err := u.Parse(resp.Header.Get("Location"))
			if err != nil || resp.Header.Get("Location") == "" {
				return nil, resp, fmt.Errorf("joinclient: redirect %d without a usable Location", resp.StatusCode)
			}
			if err := s.allowed(next); err != nil {
				return nil, resp, err
			}
			u = next
			continue
		}
		ctype := resp.Header.Get("Content-Type")
		if mt, _, _ := mime.ParseMediaType(ctype); mt == "application/json" {
			var ref struct {
				ID          ID     `json:"id"`
				URL         string `json:"url"`
				Name        string `json:"name"`
				Type        string `json:"type"`
				ContentType string `json:"contentType"`
			}
			if err := json.Unmarshal(body, &ref); err != nil || ref.URL == "" {
				return nil, resp, fmt.Errorf("joinclient: attachment answer is JSON without a url")
			}
			next, err := u.Parse(ref.URL)
			if err != nil {
				return nil, resp, fmt.Errorf("joinclient: attachment url: %w", err)
			}
			if err := s.allowed(next); err != nil {
				return nil, resp, err
			}
			meta.ID = max(meta.ID, ref.ID)
			meta.Name, meta.Type = cmp.Or(meta.Name, ref.Name), cmp.Or(meta.Type, ref.Type)
			meta.ContentType = cmp.Or(meta.ContentType, ref.ContentType)
			u = next
			continue
		}
		if int64(len(body)) > s.c.maxDownload {
			return nil, resp, fmt.Errorf("%w (%d bytes)", ErrTooLarge, s.c.maxDownload)
		}
		f := *meta
		f.Data, f.Size = body, int64(len(body))
		if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
			f.Name = params["filename"]
		}
		if f.Name == "" {
			f.Name = u.Path
		}
		f.Name = baseName(f.Name)
		if ctype == "" || strings.HasPrefix(ctype, "application/octet-stream") {
			ctype = cmp.Or(f.ContentType, http.DetectContentType(body))
		}
		f.ContentType = ctype
		return &f, resp, nil
	}
}

// baseName keeps only the last element of a server-supplied file name, so a
// caller that saves File.Name cannot be steered into another directory
// ("../../x", "..\\x"); "" when nothing usable is left.
func baseName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	switch name {
	case ".", "..", "/":
		return ""
	}
	return name
}
