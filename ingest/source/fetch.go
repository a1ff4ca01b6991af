package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// acceptHeader says which content kg can read, best first.
const acceptHeader = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/json;q=0.9, application/x-ndjson;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"

// readURL downloads an http(s):// URL and reads it in the format its
// Content-Type, its path's extension or its content says.
func (r *reader) readURL(ctx context.Context, rawURL string) error {
	in := input{name: rawURL, src: rawURL, url: rawURL}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		if err == nil {
			err = errors.New("no host")
		}
		return r.fail(ctx, rawURL, 0, fmt.Errorf("bad URL: %w", pathErr(unwrapURLError(err))))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return r.fail(ctx, rawURL, 0, fmt.Errorf("bad URL: %w", unwrapURLError(err)))
	}
	req.Header.Set("User-Agent", r.opts.UserAgent)
	req.Header.Set("Accept", acceptHeader)
	resp, err := r.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() {
			return r.fail(ctx, rawURL, 0, fmt.Errorf("download timed out: %w", ue.Err))
		}
		return r.fail(ctx, rawURL, 0, fmt.Errorf("download: %w", unwrapURLError(err)))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return r.fail(ctx, rawURL, 0, fmt.Errorf("download: HTTP %s", resp.Status))
	}
	if resp.ContentLength > r.opts.MaxBytes {
		return r.fail(ctx, rawURL, 0, tooLarge(resp.ContentLength, r.opts.MaxBytes))
	}
	in.contentType = resp.Header.Get("Content-Type")
	body := &limitedReader{r: resp.Body, n: r.opts.MaxBytes, limit: r.opts.MaxBytes}
	br := bufio.NewReaderSize(body, 64<<10)
	if r.opts.Format == Auto {
		head, err := br.Peek(sniffLen)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return r.fail(ctx, rawURL, 0, fmt.Errorf("download: %w", err))
		}
		in.format = contentTypeFormat(in.contentType, head)
		if ext := urlPathFormat(u.Path); ext != Auto && (in.format == Auto || in.format == Text) {
			in.format = ext // text/plain is what many servers say about any file
		}
	}
	size := resp.ContentLength
	if size < 0 {
		size = -1
	}
	err = r.readStream(ctx, in, br, size)
	if err == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// unwrapURLError drops the "Get "URL":" prefix, since messages name the URL already.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
