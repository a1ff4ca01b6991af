package source

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// fromBOM removes a byte order mark, turning UTF-16 into UTF-8. It reports
// whether there was one (the content is then known to be Unicode).
func fromBOM(data []byte) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return data[len(bomUTF8):], true
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return data, false
		}
		return out, true
	}
	return data, false
}

// binarySample is how much of a file looksBinary inspects.
const binarySample = 8192

// looksBinary reports whether data is not text: it holds a NUL byte or more
// than a tenth of control characters in its first 8 KiB.
func looksBinary(data []byte) bool {
	if len(data) > binarySample {
		data = data[:binarySample]
	}
	ctrl := 0
	for _, c := range data {
		switch {
		case c == 0:
			return true
		case c == '\t', c == '\n', c == '\r', c == '\f', c == '\v', c == 0x1b:
		case c < 0x20, c == 0x7f:
			ctrl++
		}
	}
	return ctrl*10 > len(data)
}

// decodeText turns data into a UTF-8 string. Valid UTF-8 is taken as it is
// (servers often label UTF-8 as ISO-8859-1); otherwise a charset named in
// contentType is honoured; otherwise bytes that are not valid UTF-8 are
// either replaced (when the rest is clearly UTF-8) or the whole is decoded
// as Windows-1252, with a warning naming the source.
func decodeText(data []byte, contentType, name string) (string, []string) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	if label := charsetParam(contentType); label != "" && !isUTF8Label(label) {
		if enc, _ := charset.Lookup(label); enc != nil {
			if out, err := enc.NewDecoder().Bytes(data); err == nil {
				return string(out), nil
			}
		}
	}
	return decodeUTF8(data, name)
}

// decodeUTF8 is decodeText without a declared charset.
func decodeUTF8(data []byte, name string) (string, []string) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	if mostlyUTF8(data) {
		bad := countInvalidUTF8(data)
		return strings.ToValidUTF8(string(data), "\uFFFD"),
			[]string{fmt.Sprintf("%s: %d byte(s) not valid UTF-8, replaced by U+FFFD", name, bad)}
	}
	return decodeWindows1252(data), []string{fmt.Sprintf("%s: not valid UTF-8, decoded as Windows-1252", name)}
}

func decodeWindows1252(data []byte) string {
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil { // cannot happen: every byte has a meaning in Windows-1252
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(out)
}

// mostlyUTF8 reports whether data, which is not valid UTF-8, still looks
// like UTF-8 with a few damaged bytes: it has at least four well-formed
// multi-byte characters for each invalid byte.
func mostlyUTF8(data []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			multi++
		}
		i += size
	}
	return multi >= 4*bad
}

func countInvalidUTF8(data []byte) int {
	bad := 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return bad
}

// charsetParam returns the charset parameter of a Content-Type, or "".
func charsetParam(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

func isUTF8Label(label string) bool {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "unicode-1-1-utf-8":
		return true
	}
	return false
}
