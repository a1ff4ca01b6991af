package timex

import (
	"strconv"
	"time"
)

// gran is the granularity of a calendar point, coarsest first.
type gran uint8

const (
	gNone gran = iota
	gMillennium
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gWeekend
	gDay
	gPOD    // a part of a day: 2015-11-13TNI
	gMinute // a clock time: 2015-11-13T21:20
)

// point is a calendar date or time at some granularity: what a DATE or
// TIME value denotes. A zero year means the year is unknown (XXXX); a zero
// month or day, that it is unknown (XX) where the granularity needs it.
type point struct {
	g      gran
	y      int // year; the ISO week-year for gWeek and gWeekend; first year of a decade or century
	m, d   int
	n      int    // half, quarter or ISO week number
	wd     int    // ISO weekday of a gDay point whose date is unknown (XXXX-WXX-5)
	code   string // season (SU) or part of day (NI)
	hh, mm int
}

// value is the TIMEX3 value of the point.
func (p point) value() string {
	b := make([]byte, 0, 20)
	year := func() {
		if p.y <= 0 {
			b = append(b, "XXXX"...)
			return
		}
		b = pad(b, p.y, 4)
	}
	two := func(n int) {
		if n <= 0 {
			b = append(b, "XX"...)
			return
		}
		b = pad(b, n, 2)
	}
	switch p.g {
	case gMillennium:
		if p.y <= 0 {
			return "XXXX"
		}
		b = strconv.AppendInt(b, int64(p.y/1000), 10)
		b = append(b, "XXX"...)
	case gCentury:
		if p.y <= 0 {
			return "XXXX"
		}
		b = pad(b, p.y/100, 2)
		b = append(b, "XX"...)
	case gDecade:
		if p.y <= 0 {
			return "XXXX"
		}
		b = pad(b, p.y/10, 3)
		b = append(b, 'X')
	case gYear:
		year()
	case gHalf:
		year()
		b = append(b, "-H"...)
		b = strconv.AppendInt(b, int64(p.n), 10)
	case gQuarter:
		year()
		b = append(b, "-Q"...)
		b = strconv.AppendInt(b, int64(p.n), 10)
	case gSeason:
		year()
		b = append(b, '-')
		b = append(b, p.code...)
	case gMonth:
		year()
		b = append(b, '-')
		two(p.m)
	case gWeek, gWeekend:
		year()
		b = append(b, "-W"...)
		two(p.n)
		if p.g == gWeekend {
			b = append(b, "-WE"...)
		}
	case gDay, gPOD, gMinute:
		if p.y <= 0 && p.m <= 0 && p.wd > 0 {
			b = append(b, "XXXX-WXX-"...)
			b = strconv.AppendInt(b, int64(p.wd), 10)
		} else {
			year()
			b = append(b, '-')
			two(p.m)
			b = append(b, '-')
			two(p.d)
		}
		switch p.g {
		case gPOD:
			b = append(b, 'T')
			b = append(b, p.code...)
		case gMinute:
			b = append(b, 'T')
			b = pad(b, p.hh, 2)
			b = append(b, ':')
			b = pad(b, p.mm, 2)
		}
	default:
		return ""
	}
	return string(b)
}

func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// known reports whether the point is anchored in time (its year is known).
func (p point) known() bool { return p.y > 0 }

// date returns the first day of the point.
func (p point) date() time.Time {
	y := p.y
	switch p.g {
	case gHalf:
		return day(y, 6*(p.n-1)+1, 1)
	case gQuarter:
		return day(y, 3*(p.n-1)+1, 1)
	case gSeason:
		return day(y, seasonMonth(p.code), 1)
	case gMonth:
		return day(y, p.m, 1)
	case gWeek, gWeekend:
		t := isoWeekStart(y, p.n)
		if p.g == gWeekend {
			t = t.AddDate(0, 0, 5)
		}
		return t
	case gDay, gPOD, gMinute:
		return day(y, p.m, p.d)
	}
	return day(y, 1, 1)
}

// at returns the point of granularity g that holds t.
func at(t time.Time, g gran) point {
	y, m, d := t.Date()
	p := point{g: g, y: y}
	switch g {
	case gHalf:
		p.n = (int(m)-1)/6 + 1
	case gQuarter:
		p.n = (int(m)-1)/3 + 1
	case gSeason:
		p.code = seasonOf(int(m))
		if m == time.January || m == time.February {
			p.y-- // the winter that began in December
		}
	case gMonth:
		p.m = int(m)
	case gWeek, gWeekend:
		p.y, p.n = t.ISOWeek()
	case gDay, gPOD, gMinute:
		p.m, p.d = int(m), d
	}
	return p
}

// shift moves the point by n units, keeping its granularity when it is at
// least as fine as the unit and taking the unit's otherwise.
func (p point) shift(u unit, n int) point {
	if !p.known() {
		return p
	}
	g := unitGran(u)
	if p.g < g {
		// A year moved by days: the result has the unit's granularity,
		// counted from the first day of the point.
		return at(p.date(), g).shift(u, n)
	}
	switch p.g {
	case gMillennium, gCentury, gDecade, gYear:
		switch u {
		case uYear:
			p.y += n
		case uDecade:
			p.y += 10 * n
		case uCentury:
			p.y += 100 * n
		case uMillennium:
			p.y += 1000 * n
		}
		return p
	case gHalf, gQuarter:
		per := 2
		if p.g == gQuarter {
			per = 4
		}
		idx := p.y*per + p.n - 1
		switch u {
		case uYear:
			idx += per * n
		case uDecade:
			idx += 10 * per * n
		case uHalf:
			idx += n * per / 2
		case uQuarter:
			if per == 4 {
				idx += n
			} else {
				idx += n / 2
			}
		default:
			return p
		}
		p.y, p.n = floorDiv(idx, per), floorMod(idx, per)+1
		return p
	case gSeason:
		switch u {
		case uYear:
			p.y += n
		case uDecade:
			p.y += 10 * n
		case uSeason:
			idx := p.y*4 + seasonIndex(p.code) + n
			p.y, p.code = floorDiv(idx, 4), seasonCodes[floorMod(idx, 4)]
		}
		return p
	}
	t := p.date()
	switch u {
	case uYear:
		t = t.AddDate(n, 0, 0)
	case uDecade:
		t = t.AddDate(10*n, 0, 0)
	case uCentury:
		t = t.AddDate(100*n, 0, 0)
	case uHalf:
		t = t.AddDate(0, 6*n, 0)
	case uQuarter:
		t = t.AddDate(0, 3*n, 0)
	case uMonth:
		t = t.AddDate(0, n, 0)
	case uFortnight:
		t = t.AddDate(0, 0, 14*n)
	case uWeek, uWeekend:
		t = t.AddDate(0, 0, 7*n)
	case uDay, uNight:
		t = t.AddDate(0, 0, n)
	default:
		return p
	}
	q := at(t, p.g)
	q.code, q.hh, q.mm = p.code, p.hh, p.mm
	return q
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// unitGran is the granularity of a point counted in the unit.
func unitGran(u unit) gran {
	switch u {
	case uMillennium:
		return gMillennium
	case uCentury:
		return gCentury
	case uDecade:
		return gDecade
	case uYear:
		return gYear
	case uHalf:
		return gHalf
	case uQuarter:
		return gQuarter
	case uSeason:
		return gSeason
	case uMonth:
		return gMonth
	case uWeek, uFortnight:
		return gWeek
	case uWeekend:
		return gWeekend
	case uDay, uNight:
		return gDay
	}
	return gMinute
}

var seasonCodes = [4]string{"WI", "SP", "SU", "FA"}

func seasonIndex(code string) int {
	for i, c := range seasonCodes {
		if c == code {
			return i
		}
	}
	return 0
}

func seasonMonth(code string) int {
	switch code {
	case "SP":
		return 3
	case "SU":
		return 6
	case "FA":
		return 9
	}
	return 12
}

func seasonOf(m int) string {
	switch {
	case m >= 3 && m <= 5:
		return "SP"
	case m >= 6 && m <= 8:
		return "SU"
	case m >= 9 && m <= 11:
		return "FA"
	}
	return "WI"
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func daysIn(y, m int) int {
	if m < 1 || m > 12 {
		return 0
	}
	return day(y, m+1, 0).Day()
}

// isoWeekStart is the Monday of ISO week w of year y.
func isoWeekStart(y, w int) time.Time {
	jan4 := day(y, 1, 4)
	monday := jan4.AddDate(0, 0, -(isoWeekday(jan4.Weekday()) - 1))
	return monday.AddDate(0, 0, 7*(w-1))
}

func isoWeekday(wd time.Weekday) int {
	if wd == time.Sunday {
		return 7
	}
	return int(wd)
}

// unitCode is the TIMEX3 duration designator of a unit and how many of it
// one unit makes ("decade" is 10 years).
func unitCode(u unit) (code string, times int, clock bool) {
	switch u {
	case uSecond:
		return "S", 1, true
	case uMinute:
		return "M", 1, true
	case uHour:
		return "H", 1, true
	case uDay, uNight:
		return "D", 1, false
	case uWeekend:
		return "WE", 1, false
	case uWeek:
		return "W", 1, false
	case uFortnight:
		return "W", 2, false
	case uMonth:
		return "M", 1, false
	case uQuarter:
		return "Q", 1, false
	case uHalf:
		return "M", 6, false
	case uSeason:
		return "M", 3, false
	case uYear:
		return "Y", 1, false
	case uDecade:
		return "Y", 10, false
	case uCentury:
		return "Y", 100, false
	case uMillennium:
		return "Y", 1000, false
	}
	return "", 0, false
}

// duration is the TIMEX3 value of n units; n < 0 means an unknown number
// (PXY). Fractions go to the next smaller unit: 2.5 years is P2Y6M.
func duration(n float64, u unit) string {
	code, times, clock := unitCode(u)
	if code == "" {
		return ""
	}
	prefix := "P"
	if clock {
		prefix = "PT"
	}
	if n < 0 {
		switch u {
		case uDecade:
			return "PXE"
		case uCentury:
			return "PXC"
		case uFortnight:
			return "PXW"
		case uHalf, uSeason:
			return "PXM"
		}
		return prefix + "X" + code
	}
	whole := int(n)
	frac := n - float64(whole)
	if frac > 0.001 {
		// Go down one unit for the fraction.
		var sub string
		var per float64
		switch u {
		case uYear:
			sub, per = "M", 12
		case uMonth:
			return prefix + "" + strconv.Itoa(int(n*30+0.5)) + "D"
		case uWeek:
			sub, per = "D", 7
		case uDay:
			return "P" + nz(whole, "D") + "T" + strconv.Itoa(int(frac*24+0.5)) + "H"
		case uHour:
			sub, per = "M", 60
		case uMinute:
			sub, per = "S", 60
		}
		if sub != "" {
			return prefix + nz(whole*times, code) + strconv.Itoa(int(frac*per+0.5)) + sub
		}
	}
	return prefix + strconv.Itoa(whole*times) + code
}

func nz(n int, code string) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n) + code
}
