package source

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Readability finds the article's container; these rules take out what
// pages put around and inside it: navigation, forms, comment sections,
// share bars, related-article boxes and the short stock phrases that go with
// them ("Please enter your comment!", "You might also like").

// alwaysChromeTags never hold article text.
var alwaysChromeTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Dialog: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Iframe: true,
	atom.Noscript: true, atom.Template: true, atom.Style: true,
}

// pageChromeTags hardly ever hold article text.
var pageChromeTags = map[atom.Atom]bool{atom.Form: true, atom.Footer: true}

// minProtectedText is the least text (in characters) that makes an element
// the article because it holds most of the page's text.
const minProtectedText = 200

// chromeTokens are words in class and id attributes of page furniture.
var chromeTokens = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "respond": true,
	"reply": true, "replies": true, "disqus": true,
	"related": true, "recommended": true, "recommendations": true, "recirc": true,
	"outbrain": true, "taboola": true, "trending": true, "popular": true,
	"share": true, "sharing": true, "sharedaddy": true, "social": true, "socials": true,
	"newsletter": true, "subscribe": true, "subscription": true, "signup": true, "paywall": true,
	"promo": true, "sidebar": true, "widget": true, "widgets": true,
	"advert": true, "advertisement": true, "ads": true, "ad": true, "sponsor": true, "sponsored": true,
	"cookie": true, "cookies": true, "consent": true, "gdpr": true, "popup": true, "modal": true,
	"breadcrumb": true, "breadcrumbs": true, "nav": true, "navbar": true, "navigation": true,
	"menu": true, "footer": true, "masthead": true,
}

// rxRelatedHeading matches the heading of a box of links to other articles.
var rxRelatedHeading = regexp.MustCompile(`(?i)^(you (might|may) (also )?(like|enjoy)|related( (articles?|stories|posts|news|content|coverage|reading|topics|links))?|more (stories|news|articles|from .{1,40}|on this (story|topic))|read (more|next|also)|also read|recommended( for you| stories| reading| articles)?|(most )?popular( now| stories| posts| articles)?|trending( now| stories)?|most (read|viewed|shared|popular)|latest (news|stories|articles)|don'?t miss|see also|further reading|top stories|editor'?s picks|what to read next|leave a (reply|comment)|comments?|\d+ comments?)[\s:.!…»›>-]*$`)

// rxBoilerplate matches a whole short paragraph of stock page text.
var rxBoilerplate = regexp.MustCompile(`(?i)^(please enter your (comment|name here|email address here)|you have entered an incorrect email address|leave a (reply|comment)|post a comment|cancel reply|add (a|your) comment|(\d+ )?comments?|be the first to comment|log ?in to (reply|comment)|you must be logged in to post a comment|save my name,? email,? and website in this browser for the next time i comment|notify me of (follow-up comments|new posts).*|share( this)?( article| story| post)?( on \w+)?|share (on|via) \w+|follow us( on .{1,40})?|sign up for .{1,60}|subscribe( now| today| to .{1,60})?|advertisement|sponsored( content)?|(all rights reserved|(©|\(c\)|copyright) ?\d{4}).{0,100}|click here to .{1,60}|loading|read more|continue reading|skip to (main )?content|you might also like|related( articles| stories| posts)?|tags?:.{0,100}|print|email|tweet)[\s.!:…»›]*$`)

// maxBoilerplateRunes is the longest paragraph dropBoilerplate looks at.
const maxBoilerplateRunes = 160

// dropBoilerplate removes stock phrases from a page's paragraphs.
func dropBoilerplate(paras []string) []string {
	out := paras[:0:0]
	for _, p := range paras {
		if utf8.RuneCountInString(p) <= maxBoilerplateRunes && rxBoilerplate.MatchString(strings.TrimSpace(p)) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// cleanPage removes page furniture from the document before readability
// looks for the article: navigation, asides, footers, and elements whose
// class or id names page furniture. A form or a classed element is kept when
// it is <html>, <body> or <main>, holds the page's first <h1>, or holds most
// of the page's text: that is the article, whatever its class says (some
// sites wrap the whole page in a <form>).
func cleanPage(root *html.Node) {
	body := findElement(root, atom.Body)
	if body == nil {
		return
	}
	total := textLen(body)
	h1 := findElement(body, atom.H1)
	protected := func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Html, atom.Body, atom.Main:
			return true
		}
		if h1 != nil && contains(n, h1) {
			return true
		}
		return total >= minProtectedText && textLen(n)*2 > total
	}
	var remove []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if alwaysChromeTags[c.DataAtom] || (pageChromeTags[c.DataAtom] || hasChromeClass(c)) && !protected(c) {
				remove = append(remove, c)
				continue
			}
			if isRelatedHeading(c) {
				remove = append(remove, relatedBox(c, protected)...)
				continue
			}
			walk(c)
		}
	}
	walk(body)
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// hasChromeClass reports whether n's class or id names page furniture.
func hasChromeClass(n *html.Node) bool {
	if n.DataAtom == atom.Article || n.DataAtom == atom.P {
		return false
	}
	for _, key := range []string{"class", "id", "role"} {
		v := attr(n, key)
		if v == "" {
			continue
		}
		for _, tok := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if chromeTokens[tok] {
				return true
			}
		}
	}
	return false
}

// isRelatedHeading reports whether n is a short heading such as "You might
// also like" or "Related articles".
func isRelatedHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Strong, atom.B, atom.P, atom.Span, atom.Div:
	default:
		return false
	}
	t, ok := shortText(n, 60)
	return ok && t != "" && rxRelatedHeading.MatchString(t)
}

// shortText is the text under n with its white space collapsed, if it has
// at most limit bytes; it stops early on longer text.
func shortText(n *html.Node, limit int) (string, bool) {
	var sb strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return sb.Len() <= 4*limit
		case html.ElementNode:
			if skippedTags[n.DataAtom] {
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return "", false
	}
	t := oneLine(sb.String())
	return t, len(t) <= limit
}

// relatedBox returns the nodes to remove for a related-articles heading:
// the heading's container when it is mostly links, else the heading and the
// link lists that follow it.
func relatedBox(heading *html.Node, protected func(*html.Node) bool) []*html.Node {
	if p := heading.Parent; p != nil && p.Type == html.ElementNode && !protected(p) && linkDensity(p) >= 0.3 {
		// The heading's parent may be the walk's current node; removing it
		// is safe because removal happens after the walk.
		return []*html.Node{p}
	}
	nodes := []*html.Node{heading}
	for s := heading.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) == "" {
			continue
		}
		if s.Type != html.ElementNode || protected(s) || linkDensity(s) < 0.5 {
			break
		}
		nodes = append(nodes, s)
	}
	return nodes
}

// linkDensity is the share of n's text inside links.
func linkDensity(n *html.Node) float64 {
	total := textLen(n)
	if total == 0 {
		return 0
	}
	links := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			links += textLen(n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return float64(links) / float64(total)
}

// textLen counts the non-space characters of the text under n.
func textLen(n *html.Node) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if !unicode.IsSpace(r) {
					count++
				}
			}
			return
		case html.ElementNode:
			if skippedTags[n.DataAtom] {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return count
}

// findElement returns the first element under n with the tag a.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// contains reports whether d is n or under n.
func contains(n, d *html.Node) bool {
	for ; d != nil; d = d.Parent {
		if d == n {
			return true
		}
	}
	return false
}
