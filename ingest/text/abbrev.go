package text

import "unicode/utf8"

// abbrKind says whether a word followed by a period is an abbreviation, and
// whether such an abbreviation may end a sentence.
type abbrKind uint8

const (
	abbrNone   abbrKind = iota // not an abbreviation: the period is a token
	abbrNever                  // keeps its period, never ends a sentence ("Mr.", "e.g.")
	abbrMay                    // keeps its period, may end a sentence ("Inc.", "U.S.")
	abbrNumber                 // keeps its period only before a number ("No. 5")
)

// abbreviations maps a word (without its final period) to its kind. The
// lookup is case-sensitive; an all-capital word of three or more letters is
// also looked up in title case ("SEPT." as "Sept.").
var abbreviations = map[string]abbrKind{}

func init() {
	never := []string{
		// titles and ranks
		"Mr", "Mrs", "Ms", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs",
		"Gen", "Gens", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cdr", "Adm", "Brig", "Sgt",
		"Cpl", "Pvt", "Pfc", "Spc", "Ens", "Lieut", "Sen", "Sens", "Rep", "Reps", "Gov",
		"Govs", "Pres", "Supt", "Insp", "Det", "Rev", "Fr", "Hon", "Rt", "Amb", "Atty",
		"Msgr", "Asst", "Sec", "Secy", "Mt", "Ft",
		// Latin and reference abbreviations that introduce something
		"e.g", "i.e", "vs", "v", "cf", "viz", "ca", "approx", "appx", "incl", "esp", "resp",
		"est",
	}
	may := []string{
		// companies and organizations
		"Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Assn", "Dept", "Div", "Univ", "Inst",
		"Intl", "Natl", "Govt", "Mfg", "dept", "govt",
		// name suffixes
		"Jr", "Sr", "Esq",
		// months and days (not Sat., Sun., Mon.: words of their own too often)
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
		// streets and places
		"St", "Sts", "Ave", "Blvd", "Rd", "Sq", "Hwy", "Pkwy", "Ct",
		// US states in AP style
		"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
		"Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont",
		"Neb", "Nebr", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash",
		"Wis", "Wyo",
		// others that often close a sentence
		"etc", "al", "ed", "eds", "lbs", "oz", "a.m", "p.m", "A.M", "P.M",
	}
	number := []string{"No", "Nos", "Nr", "Vol", "Vols", "Art", "Fig", "Figs", "p", "pp", "no", "nos", "vol", "ext", "Ext"}
	for _, w := range never {
		abbreviations[w] = abbrNever
	}
	for _, w := range may {
		abbreviations[w] = abbrMay
	}
	for _, w := range number {
		abbreviations[w] = abbrNumber
	}
}

// abbrevKind classifies w, a word that is followed by a period.
func abbrevKind(w string) abbrKind {
	if len(w) == 0 || len(w) > 16 {
		return abbrNone
	}
	if k, ok := abbreviations[w]; ok {
		return k
	}
	if len(w) >= 3 && len(w) <= 8 && isAllUpperASCII(w) {
		var buf [8]byte
		buf[0] = w[0]
		for i := 1; i < len(w); i++ {
			buf[i] = w[i] + ('a' - 'A')
		}
		if k, ok := abbreviations[string(buf[:len(w)])]; ok {
			return k
		}
	}
	// A single capital letter is an initial ("J.").
	r, size := utf8.DecodeRuneInString(w)
	if size == len(w) {
		if isUpperRune(r) {
			return abbrMay
		}
		return abbrNone
	}
	if isDottedInitials(w) {
		return abbrMay
	}
	return abbrNone
}

// isDottedInitials reports whether w is letters in dot-separated groups of at
// most two ("U.S", "J.K", "a.m", "Ph.D", "U.S.A"), with at least one dot.
func isDottedInitials(w string) bool {
	seg, dots := 0, 0
	for _, r := range w {
		switch {
		case r == '.':
			if seg == 0 {
				return false
			}
			seg = 0
			dots++
		case isLetterRune(r):
			seg++
			if seg > 2 {
				return false
			}
		default:
			return false
		}
	}
	return dots > 0 && seg > 0
}

func isAllUpperASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// isClitic reports whether w (the letters after an apostrophe) is one of the
// clitics PTB splits off: 's 'm 'd 'll 're 've, in any case.
func isClitic(w string) bool {
	switch len(w) {
	case 1:
		switch w[0] | 0x20 {
		case 's', 'm', 'd':
			return true
		}
	case 2:
		a, b := w[0]|0x20, w[1]|0x20
		return a == 'l' && b == 'l' || a == 'r' && b == 'e' || a == 'v' && b == 'e'
	}
	return false
}

// starters are words that typically begin a sentence. After an abbreviation
// that may end a sentence ("U.S.", "Inc."), one of them ends the sentence.
var starters = map[string]struct{}{}

func init() {
	for _, w := range []string{
		"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
		"Their", "Our", "My", "Your", "This", "That", "These", "Those", "There", "Here",
		"But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "If", "When", "While",
		"After", "Before", "As", "However", "Meanwhile", "Also", "Then", "Now", "Some",
		"Many", "Most", "All", "Both", "Each", "Such", "What", "Why", "How", "Who",
		"Where", "Since", "Although", "Though", "Despite", "Still", "Last", "According",
		"Another", "Earlier", "Later", "Today", "Yesterday", "Instead", "Indeed",
		"Moreover", "Furthermore", "Thus", "Nevertheless", "By", "From", "With",
		"During", "Several", "Not", "Mr.", "Mrs.", "Ms.", "THE", "HE", "IT", "THEY",
	} {
		starters[w] = struct{}{}
	}
}
