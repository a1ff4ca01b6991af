package text

import "strings"

// Norm returns tok with typographic punctuation in the ASCII forms of
// CoNLL-2003 and the Penn Treebank: ’ and ‘ become ', “ ” « » become ",
// … becomes ..., — becomes -- and – becomes -. Tokens with nothing to change
// are returned as they are, without allocating; so are the common clitics
// ("’s" -> "'s", "n’t" -> "n't").
func Norm(tok string) string {
	switch tok {
	case "’", "‘":
		return "'"
	case "“", "”", "«", "»":
		return `"`
	case "…":
		return "..."
	case "—":
		return "--"
	case "–":
		return "-"
	case "’s":
		return "'s"
	case "’S":
		return "'S"
	case "n’t":
		return "n't"
	case "N’T":
		return "N'T"
	case "’re":
		return "'re"
	case "’ve":
		return "'ve"
	case "’ll":
		return "'ll"
	case "’m":
		return "'m"
	case "’d":
		return "'d"
	}
	if strings.IndexByte(tok, 0xe2) < 0 { // the runes replaced inside words are all U+20xx
		return tok
	}
	return normReplacer.Replace(tok)
}

var normReplacer = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "…", "...")
