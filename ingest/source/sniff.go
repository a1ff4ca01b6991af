package source

import (
	"bytes"
	"mime"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// extFormats maps file extensions to formats.
var extFormats = map[string]Format{
	".txt": Text, ".text": Text, ".md": Text, ".markdown": Text,
	".html": HTML, ".htm": HTML, ".xhtml": HTML,
	".json": JSONL, ".jsonl": JSONL, ".ndjson": JSONL,
	".xml": RSS, ".rss": RSS, ".atom": RSS,
}

// extFormat is the format a file name's extension says, or Auto.
func extFormat(name string) Format {
	if f, ok := extFormats[strings.ToLower(filepath.Ext(name))]; ok {
		return f
	}
	return Auto
}

// urlPathFormat is the format the extension of a URL's path says, or Auto.
func urlPathFormat(p string) Format {
	if f, ok := extFormats[strings.ToLower(path.Ext(p))]; ok {
		return f
	}
	return Auto
}

// knownExtensions lists the extensions Read recognises, sorted.
func knownExtensions() []string {
	exts := make([]string, 0, len(extFormats))
	for e := range extFormats {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	return exts
}

// contentTypeFormat is the format a Content-Type says, or Auto. head, the
// start of the body, tells an XML feed from XHTML.
func contentTypeFormat(contentType string, head []byte) Format {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return Auto
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return HTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return RSS
	case "application/xml", "text/xml":
		if Sniff(head) == HTML {
			return HTML
		}
		return RSS
	case "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq":
		if Sniff(head) == RSS { // a JSON Feed served as plain JSON
			return RSS
		}
		return JSONL
	case "text/plain", "text/markdown":
		return Text
	}
	return Auto
}

// Sniff guesses a format from the first bytes of content: a feed's root
// element (<rss>, <feed>, <rdf:RDF>, possibly after an XML declaration) means
// RSS, other markup HTML, '{' or '[' JSON Lines (a JSON Feed is RSS), and
// anything else plain text.
func Sniff(head []byte) Format {
	head, _ = fromBOM(head)
	head = bytes.TrimLeft(head, " \t\r\n\f\v")
	if len(head) == 0 {
		return Text
	}
	switch head[0] {
	case '{', '[':
		if bytes.Contains(head, []byte("jsonfeed.org/version/")) {
			return RSS
		}
		return JSONL
	case '<':
		return sniffMarkup(head)
	}
	return Text
}

// sniffMarkup looks past an XML declaration, comments and a doctype at the
// root element.
func sniffMarkup(b []byte) Format {
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f\v")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return HTML
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return HTML
			}
			b = b[i+3:]
		case len(b) >= 2 && b[0] == '<' && b[1] == '!':
			i := bytes.IndexByte(b, '>')
			if i < 0 || bytes.Contains(bytes.ToLower(b[:i]), []byte("html")) {
				return HTML
			}
			b = b[i+1:]
		default:
			if len(b) == 0 || b[0] != '<' {
				return HTML
			}
			end := 1
			for end < len(b) && isNameByte(b[end]) {
				end++
			}
			switch strings.ToLower(string(b[1:end])) {
			case "rss", "feed", "rdf:rdf", "rdf":
				return RSS
			}
			return HTML
		}
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '-' || c == '_' || c == '.'
}
