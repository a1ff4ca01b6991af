package timex

import (
	"strings"
	"time"
)

// Reading the context of an expression: the tense of its sentence, and the
// resolution of underspecified dates ("Friday", "Sept. 30", "March")
// against the DCT in the direction the tense gives.

// Tense directions.
const (
	past    = -1
	unknown = 0
	future  = 1
)

// tense guesses whether the sentence around words [i, j) speaks of the
// past or the future, from the nearest tense marker: "will", "'ll",
// "going to", "plans to", "expected to" look forward; "was", "said",
// "had", verbs in -ed and irregular past forms look back. Markers before
// the expression weigh more: in "said it will vote Friday" the nearest
// verb group rules.
func (p *parser) tense(i, j int) int {
	s := p.words[i].sent
	// Look at most tenseWindow words away: a clause, and linear time on
	// texts that never end a sentence.
	lo := i
	for lo > 0 && p.words[lo-1].sent == s && i-lo < tenseWindow {
		lo--
	}
	hi := min(p.sentEnd[s], j+tenseWindow)
	for k := i - 1; k >= lo; k-- {
		if t := p.marker(k); t != unknown {
			return t
		}
	}
	for k := j; k < hi; k++ {
		if p.reporting(k) {
			continue
		}
		if t := p.marker(k); t != unknown {
			return t
		}
	}
	return unknown
}

// tenseWindow is how far from an expression tense markers are sought.
const tenseWindow = 40

// reporting reports a verb of saying, which after an expression tells when
// the news was told, not when the event happens.
func (p *parser) reporting(k int) bool {
	switch w := &p.words[k]; {
	case w.eq("said"), w.eq("says"), w.eq("told"), w.eq("added"), w.eq("announced"), w.eq("reported"), w.eq("stated"):
		return true
	}
	return false
}

// marker is the tense that word k marks, if any.
func (p *parser) marker(k int) int {
	w := &p.words[k]
	if w.kind != wWord || len(w.s) < 2 {
		return unknown
	}
	s := w.key
	t, ok := tenseWords[s]
	if !ok {
		if n := len(s); n > 4 && s[n-2] == 'e' && s[n-1] == 'd' && !notPastEd[s] {
			t, ok = past, true
		}
	}
	if !ok {
		return unknown
	}
	if t == future && (s == "going" || s == "set" || s == "plans" || s == "plan" || s == "schedule") && !(k+1 < len(p.words) && strings.EqualFold(p.words[k+1].s, "to")) {
		return unknown
	}
	if t == future && (s == "scheduled" || s == "due" || s == "expected" || s == "slated" || s == "set") {
		// "had been scheduled to expire Friday", "was due to arrive Monday"
		for b := k - 1; b >= 0 && b >= k-2 && p.words[b].sent == w.sent; b-- {
			if pw := &p.words[b]; pw.eq("was") || pw.eq("were") || pw.eq("had") {
				return past
			}
		}
	}
	if t == past && !auxiliary[s] {
		// A participle after "be", "to" or a modal is no past: "will be
		// held", "is expected", "to be named".
		for b := k - 1; b >= 0 && b >= k-3 && p.words[b].sent == w.sent; b-- {
			pw := &p.words[b]
			if pw.eq("still") || pw.eq("not") || pw.eq("n't") || pw.eq("also") || pw.eq("already") || pw.eq("just") {
				continue
			}
			if beForms[pw.key] {
				return unknown
			}
			break
		}
	}
	return t
}

// beForms make passives and infinitives of the participles after them.
var beForms = map[string]bool{"be": true, "is": true, "are": true, "am": true, "'s": true, "'re": true, "being": true,
	"to": true, "will": true, "would": true, "can": true, "could": true, "should": true, "may": true, "might": true, "must": true,
	"shall": true, "'ll": true, "get": true, "gets": true}

// auxiliary are the past markers that are verbs of their own right.
var auxiliary = map[string]bool{"was": true, "were": true, "had": true, "did": true, "has": true, "have": true, "said": true, "told": true, "ago": true, "yesterday": true, "earlier": true}

var tenseWords = map[string]int{}

// notPastEd are words in -ed that are not past forms, or that look forward.
var notPastEd = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`will 'll wo shall going gonna scheduled schedule slated
		upcoming plans plan planning intends intend expects expect expected due tomorrow
		aims hopes hope would`) {
		tenseWords[w] = future
	}
	for _, w := range strings.Fields(`must should soon set`) {
		tenseWords[w] = future
	}
	for _, w := range strings.Fields(`was were had did said told ago yesterday earlier
		went came met began begun told took taken made gave given saw seen left fell fallen rose risen
		won lost sold bought held led paid sent spent struck thought knew known found got became
		brought ran spoke spoken wrote written broke broken chose chosen drove flew grew grown kept meant
		felt heard stood understood sank shot fought caught taught built dealt fled forgot hid hung
		laid lit rode rang sang sat slept slid sought stole stuck swore swept threw thrown tore wore
		withdrew withdrawn woke drew drawn ate fed bled bent bet bound clung crept dug fled flung forbade
		forgave froze frozen mistook overcame overtook paid proved quit shook shaken shone showed shown
		shrank slew spun sprang stank stung strode strove swam swung arose awoke beaten became befell
		beheld bore borne has have`) {
		tenseWords[w] = past
	}
	for _, w := range strings.Fields(`need needed indeed speed feed seed bleed breed creed greed
		hundred united limited unlimited red bed shed wed fed led bred sped weed heed deed
		proposed scheduled expected anticipated intended projected slated hoped
		supposed designed aimed prepared poised set-up based concerned interested related
		unexpected detailed advanced ed`) {
		notPastEd[w] = true
	}
}

// dctTime is the DCT as a time.
func (p *parser) dctTime() time.Time { return day(p.dct.y, p.dct.m, p.dct.d) }

// weekdayDate resolves a weekday against the DCT: the most recent one in
// the past (the DCT itself when it falls on that day), the next one in the
// future; strict excludes the DCT's own day ("last Friday", "next
// Friday").
func (p *parser) weekdayDate(wd, dir int, strict bool) point {
	if !p.hasDCT {
		return point{g: gDay, wd: wd}
	}
	t := p.dctTime()
	cur := isoWeekday(t.Weekday())
	var d int
	if dir == future {
		d = (wd - cur + 7) % 7
		if d == 0 && strict {
			d = 7
		}
	} else {
		d = -((cur - wd + 7) % 7)
		if d == 0 && strict {
			d = -7
		}
	}
	return at(t.AddDate(0, 0, d), gDay)
}

// weekdayFrom resolves a weekday against another day (for "the previous
// Friday", "the following Monday").
func weekdayFrom(ref point, wd, dir int) point {
	t := ref.date()
	cur := isoWeekday(t.Weekday())
	var d int
	if dir == future {
		d = (wd - cur + 7) % 7
		if d == 0 {
			d = 7
		}
	} else {
		d = -((cur - wd + 7) % 7)
		if d == 0 {
			d = -7
		}
	}
	return at(t.AddDate(0, 0, d), gDay)
}

// yearOf picks the year of a month (and day, when d > 0) given without
// one: the DCT's year, moved back when the sentence speaks of the past and
// the date would lie after the DCT, forward when it speaks of the future
// and the date would lie before it.
func (p *parser) yearOf(i, j, m, d int) int {
	if !p.hasDCT {
		return 0
	}
	y := p.dct.y
	dd := d
	if dd == 0 {
		dd = 15
	}
	diff := int(day(y, m, dd).Sub(p.dctTime()).Hours() / 24) // days after the DCT
	limit := 183
	switch p.tense(i, j) {
	case past:
		if diff > 90 {
			return y - 1
		}
	case future:
		if diff < -90 {
			return y + 1
		}
	default:
		// No tense: the nearest such date.
		if diff > limit {
			return y - 1
		}
		if diff < -limit {
			return y + 1
		}
	}
	return y
}
