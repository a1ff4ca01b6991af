package gen

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kg/graph"
)

// key is the matching key of a name, the same fold the runtime uses.
func key(s string) string { return graph.NameKey(s) }

// fold strips diacritics; ok is false when the result is not ASCII (another
// script, or letters such as "ł" or "ß" that do not decompose).
func fold(s string) (string, bool) {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r >= 0x80 {
			switch r {
			case '’', 'ʻ', 'ʼ', '‘':
				r = '\''
			case '‐', '‑', '–':
				r = '-'
			default:
				return "", false
			}
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// words splits a key into its words.
func words(k string) []string { return strings.Fields(k) }

func isUpperWord(s string) bool {
	hasLetter := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			hasLetter = true
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return hasLetter
}

// isCode reports whether s is an all-capitals code of 2 to 4 letters, such as
// the IATA codes ("ALV", "PAR") that GeoNames lists among alternate names.
func isCode(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	n := 0
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
		n++
	}
	return n >= 2 && n <= 4
}

var smallWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true,
	"at": true, "to": true, "de": true, "del": true, "des": true, "du": true,
	"da": true, "do": true, "dos": true, "das": true, "la": true, "le": true,
	"les": true, "el": true, "et": true, "y": true, "a": true, "an": true,
	"by": true, "or": true, "with": true, "van": true, "von": true, "der": true,
	"den": true, "di": true, "al": true, "bin": true, "ibn": true, "bint": true,
	"upon": true, "sur": true, "am": true, "im": true,
}

// particles are lower-cased inside person names ("Bashar al-Assad").
var particles = map[string]bool{
	"al": true, "el": true, "bin": true, "ibn": true, "bint": true, "de": true,
	"del": true, "della": true, "di": true, "da": true, "dos": true, "das": true,
	"do": true, "du": true, "van": true, "von": true, "der": true, "den": true,
	"ter": true, "la": true, "le": true, "y": true, "e": true, "ould": true,
}

var romanNumerals = map[string]bool{"ii": true, "iii": true, "iv": true, "vi": true, "vii": true, "viii": true}

// recase turns an UPPER CASE name into a sensible mixed-case one:
// "VLADIMIR PUTIN" -> "Vladimir Putin", "BASHAR AL-ASAD" -> "Bashar al-Asad",
// "NORTH ATLANTIC TREATY ORGANIZATION" -> "North Atlantic Treaty Organization".
// Words in keep are kept in capitals (acronyms); so are dotted abbreviations,
// words with digits and, when person is false, words without vowels.
func recase(s string, person bool, keep map[string]bool) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = recaseWord(w, i == 0, person, keep)
	}
	return strings.Join(ws, " ")
}

func recaseWord(w string, first, person bool, keep map[string]bool) string {
	lw := strings.ToLower(w)
	bare := strings.Trim(lw, ".,()")
	switch {
	case keep[strings.ToUpper(strings.ReplaceAll(bare, ".", ""))] && !person:
		return w
	case strings.Count(w, ".") >= 2 || (len(w) == 2 && w[1] == '.'):
		return w // "U.S.", "U.A.E.", "R.K.", initials
	case strings.IndexFunc(w, unicode.IsDigit) >= 0:
		return w
	case romanNumerals[bare] && !first:
		return strings.ToUpper(w)
	case !first && smallWords[bare] && (!person || particles[bare]):
		return lw
	case !person && len(bare) >= 2 && len(bare) <= 5 && !strings.ContainsAny(bare, "aeiouy") && isLetters(bare):
		return w
	}
	parts := strings.Split(lw, "-")
	for j, p := range parts {
		if j > 0 && person && particles[p] {
			continue
		}
		if j == 0 && !first && person && particles[p] && len(parts) > 1 {
			continue // "al-Asad"
		}
		parts[j] = titleWord(p)
	}
	return strings.Join(parts, "-")
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// titleWord capitalizes a lower-case word: "o'brien" -> "O'Brien",
// "people's" -> "People's", "mcdonald" -> "McDonald".
func titleWord(p string) string {
	if p == "" {
		return p
	}
	rs := []rune(p)
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			up = false
			continue
		}
		if r == '\'' || r == '’' {
			// capitalize after an apostrophe unless it ends a possessive or
			// a short ending ("People's", "Côte d'Ivoire" keeps "d'").
			rest := rs[i+1:]
			up = len(rest) > 1 && !(i == 1 && (rs[0] == 'd' || rs[0] == 'D' || rs[0] == 'l' || rs[0] == 'L'))
			if i == 1 && (rs[0] == 'o' || rs[0] == 'O') {
				up = true
			}
			continue
		}
		if !unicode.IsLetter(r) {
			up = true
		}
	}
	s := string(rs)
	if len(s) > 3 && strings.HasPrefix(s, "Mc") {
		s = "Mc" + strings.ToUpper(s[2:3]) + s[3:]
	}
	return s
}

// stripThe removes a leading "The " unless what is left is a common word
// ("The Guardian" stays, "The European Union" -> "European Union").
func stripThe(s string) string {
	ls := strings.ToLower(s)
	if !strings.HasPrefix(ls, "the ") {
		return s
	}
	rest := strings.TrimSpace(s[4:])
	if rest == "" || stopWords[key(rest)] {
		return s
	}
	return rest
}

// initials of the words of an upper- or mixed-case name; withSmall keeps the
// initials of small words ("Republic of Korea" -> "ROK" with, "RK" without).
func initials(name string, withSmall bool) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.NewReplacer("-", " ", "'", "", ",", " ").Replace(name)) {
		lw := strings.ToLower(w)
		if smallWords[lw] && !withSmall {
			continue
		}
		if lw == "the" {
			continue
		}
		r := []rune(w)
		b.WriteRune(unicode.ToUpper(r[0]))
	}
	return b.String()
}

// cleanSpaces collapses runs of white space.
func cleanSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }
