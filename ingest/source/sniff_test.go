package source

import "testing"

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want Format
	}{
		{"", Text},
		{"Plain words.", Text},
		{"  {\"text\": 1}", JSONL},
		{"[{}]", JSONL},
		{`{"version": "https://jsonfeed.org/version/1", "items": []}`, RSS},
		{"<rss version=\"2.0\">", RSS},
		{"<?xml version=\"1.0\"?>\n<!-- generator -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", RSS},
		{"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">", RSS},
		{"\xef\xbb\xbf<?xml version=\"1.0\"?><rss>", RSS},
		{"<!DOCTYPE html><html>", HTML},
		{"<html><body>", HTML},
		{"<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"><html>", HTML},
		{"<?xml version=\"1.0\"?><catalog>", HTML},
		{"<p>A fragment</p>", HTML},
		{"<?xml unterminated", HTML},
		{"\xff\xfe<\x00r\x00s\x00s\x00>\x00", RSS},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("Sniff(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestContentTypeFormat(t *testing.T) {
	tests := []struct {
		ct, head string
		want     Format
	}{
		{"text/html; charset=utf-8", "", HTML},
		{"application/rss+xml", "", RSS},
		{"application/atom+xml", "", RSS},
		{"application/xml", "<rss>", RSS},
		{"text/xml", "<html>", HTML},
		{"application/json", "[]", JSONL},
		{"application/x-ndjson", "{}", JSONL},
		{"text/plain", "<html>", Text},
		{"application/octet-stream", "", Auto},
		{"", "", Auto},
	}
	for _, tt := range tests {
		if got := contentTypeFormat(tt.ct, []byte(tt.head)); got != tt.want {
			t.Errorf("contentTypeFormat(%q, %q) = %s, want %s", tt.ct, tt.head, got, tt.want)
		}
	}
}
