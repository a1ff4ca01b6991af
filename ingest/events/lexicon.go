package events

import (
	"strings"
	"unicode"
)

// The event taxonomy: each type with its CAMEO root code where one fits.
var Types = []struct{ Type, CAMEO, Description string }{
	{"attack", "18-20", "armed attacks, airstrikes, bombings, killings (CAMEO 18 assault, 19 fight, 20 mass violence)"},
	{"meeting", "04", "meetings, summits, visits, talks, interviews, calls and formal messages such as condolence telegrams (CAMEO 04 consult)"},
	{"agreement", "05-06", "agreements, deals, signed treaties, cooperation (CAMEO 05 diplomatic, 06 material cooperation)"},
	{"appeal", "02", "appeals, calls for action, requests, proposals (CAMEO 02 appeal)"},
	{"accusation", "11", "accusations, criticism, condemnation (CAMEO 11 disapprove)"},
	{"rejection", "12", "rejections, refusals, vetoes (CAMEO 12 reject)"},
	{"threat", "13", "threats and warnings (CAMEO 13 threaten)"},
	{"protest", "14", "protests, demonstrations, rallies (CAMEO 14 protest)"},
	{"sanction", "16", "sanctions, embargoes, expulsions (CAMEO 16 reduce relations)"},
	{"arrest", "17", "arrests, detentions, raids by police (CAMEO 17 coerce)"},
	{"election", "", "elections and votes"},
	{"personnel", "", "appointments, resignations, dismissals"},
	{"legal", "", "charges, trials, sentences, lawsuits"},
	{"disaster", "", "crashes, earthquakes, floods, explosions without an attacker"},
	{"economic", "", "economic moves: rate changes, takeovers, bankruptcies"},
	{"death", "", "deaths not caused by an attack"},
	{"other", "", "anything else worth a node"},
}

type triggerInfo struct {
	typ, cameo string
	noun       bool // the word is a noun ("attack", "attacks")
	verb       bool // the word is a verb ("attack", "attacks", "attacked")
	// passiveOnly is set for a verb that is an event in the passive voice
	// only ("was named chairman").
	passiveOnly bool
	// joiners is set for a phrase whose object joins its subject
	// ("NATO expanded to include Spain"): the object is the agent.
	joiners bool
	// people is set for a noun that names those who take part ("the
	// protesters").
	people bool
	// alt is a type whose happening a mention may tell again (the
	// "capture" of a kidnapped man): coreference may join it to one.
	alt string
}

// set records a trigger form, keeping both parts of speech when a form is
// a noun and a verb ("attacks").
func set(form string, t triggerInfo) {
	if old, ok := triggers[form]; ok && old.typ == t.typ {
		t.noun = t.noun || old.noun
		t.verb = t.verb || old.verb
	}
	triggers[form] = t
	if first, _, ok := strings.Cut(form, " "); ok {
		pairFirst[first] = true
	}
}

// triggers maps lower-case words (and two-word phrases) to event types.
var triggers = map[string]triggerInfo{}

// pairFirst holds the first words of the two-word triggers, so that the
// lookup of every word of every sentence joins a pair only where one may
// begin.
var pairFirst = map[string]bool{}

// verbs adds the forms of verbs: "kill" gives kill, kills, killed,
// killing. A lemma may give its irregular forms after "|" ("meet|met",
// "shoot down|shot down") and double its final consonant with "+"
// ("kidnap+": kidnapped, kidnapping). A phrase inflects its first word.
func verbs(typ, cameo, list string) {
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		forms := strings.Split(item, "|")
		lemma := forms[0]
		double := strings.HasSuffix(lemma, "+")
		lemma = strings.TrimSuffix(lemma, "+")
		word, rest, _ := strings.Cut(lemma, " ")
		if rest != "" {
			rest = " " + rest
		}
		for _, f := range inflect(word, double) {
			set(f+rest, triggerInfo{typ: typ, cameo: cameo, verb: true})
		}
		for _, f := range forms[1:] {
			set(strings.TrimSpace(f), triggerInfo{typ: typ, cameo: cameo, verb: true})
		}
	}
}

// nouns adds nouns and their plurals.
func nouns(typ, cameo, list string) {
	for _, item := range strings.Split(list, ",") {
		n := strings.TrimSpace(item)
		if n == "" {
			continue
		}
		set(n, triggerInfo{typ: typ, cameo: cameo, noun: true})
		if p := plural(n); p != n {
			set(p, triggerInfo{typ: typ, cameo: cameo, noun: true})
		}
	}
}

func inflect(v string, double bool) []string {
	out := []string{v}
	last := v[len(v)-1]
	stem := v
	if double {
		stem = v + string(last)
	}
	switch {
	case strings.HasSuffix(v, "e"):
		out = append(out, v+"s", v+"d", v[:len(v)-1]+"ing")
	case last == 'y' && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		out = append(out, v[:len(v)-1]+"ies", v[:len(v)-1]+"ied", v+"ing")
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		out = append(out, v+"es", stem+"ed", stem+"ing")
	default:
		out = append(out, v+"s", stem+"ed", stem+"ing")
	}
	return out
}

func plural(n string) string {
	words := strings.Fields(n)
	last := words[len(words)-1]
	switch {
	case strings.HasSuffix(last, "s") || strings.HasSuffix(last, "sh") || strings.HasSuffix(last, "ch") || strings.HasSuffix(last, "x"):
		return n
	case strings.HasSuffix(last, "y") && len(last) > 1 && !strings.ContainsRune("aeiou", rune(last[len(last)-2])):
		last = last[:len(last)-1] + "ies"
	default:
		last += "s"
	}
	words[len(words)-1] = last
	return strings.Join(words, " ")
}

func init() {
	// CAMEO 19 (fight) and 18 (assault).
	nouns("attack", "19", "airstrike, air strike, air raid, bombardment, shelling, offensive, invasion, incursion, downing, clash, fighting, war, occupation, gunfire, firefight, skirmish")
	verbs("attack", "19", "bomb, shell, invade, shoot down|shot down|shoots down|shooting down, strike|struck, clash, occupy, fire on|fired on|fires on|firing on, fire at|fired at|fires at|firing at")
	nouns("attack", "18", "attack, killing, carnage, massacre, bombing, shooting, assault, ambush, hostage-taking, kidnapping, abduction, hijacking, assassination, coup, coup d'etat, beheading, stabbing, murder, slaying")
	verbs("attack", "18", "attack, ambush, storm, massacre, assassinate, kill, murder, slay|slew|slain, kidnap+, abduct, hijack, behead, stab+, shoot|shot, blow up|blew up|blown up, gun down|gunned down, open fire|opened fire")
	nouns("meeting", "04", "summit, meeting, talks, visit, interview, telegram, phone call, conference, negotiations, consultation, discussion, tour")
	verbs("meeting", "04", "meet|met, visit, host, interview, phone, telephone, discuss, confer+, negotiate, tour, speak with|spoke with|spoken with|speaks with|speaking with")
	nouns("agreement", "05", "agreement, deal, treaty, accord, pact, ceasefire, cease-fire, truce, alliance, settlement, accession")
	verbs("agreement", "05", "agree, sign, ratify")
	nouns("appeal", "02", "appeal, proposal, overture, request, plea, demand, invitation")
	verbs("appeal", "02", "urge, appeal, call for|called for|calls for|calling for, call on|called on|calls on|calling on, propose, ask, request, plead, demand, invite")
	nouns("accusation", "11", "accusation, criticism, condemnation, allegation")
	verbs("accusation", "11", "accuse, blame, criticize, criticise, condemn, denounce, assail, allege, lash out|lashed out|lashes out|lashing out")
	nouns("rejection", "12", "rejection, refusal, veto, denial")
	verbs("rejection", "12", "reject, rebuff, refuse, veto|vetoed|vetoes|vetoing, block, deny, dismiss")
	nouns("threat", "13", "threat, ultimatum")
	verbs("threat", "13", "threaten, warn")
	nouns("protest", "14", "protest, demonstration, rally, riot, vigil")
	verbs("protest", "14", "protest, demonstrate, march, riot, rally")
	nouns("sanction", "16", "sanctions, embargo, expulsion, boycott, deportation")
	verbs("sanction", "16", "sanction, expel+, boycott, deport, impose sanctions|imposed sanctions|imposes sanctions|imposing sanctions")
	nouns("arrest", "17", "arrest, detention, raid, capture, custody, seizure")
	verbs("arrest", "17", "arrest, detain, capture, apprehend, seize, raid, round up|rounded up")
	nouns("election", "", "election, referendum, runoff, vote, ballot, re-election")
	verbs("election", "", "elect, re-elect, vote")
	nouns("personnel", "", "resignation, appointment, nomination, dismissal, ouster, retirement, promotion")
	verbs("personnel", "", "resign, appoint, sack, oust, nominate, promote, retire, step down|stepped down|steps down|stepping down")
	nouns("legal", "", "trial, lawsuit, indictment, verdict, investigation, inquiry, probe, manhunt, conviction, prosecution, ruling, injunction, warrant, extradition, hearing")
	verbs("legal", "", "charge, sentence, convict, indict, sue, acquit+, prosecute, investigate, extradite, hand over|handed over|hands over|handing over")
	nouns("disaster", "", "earthquake, flood, hurricane, crash, explosion, blast, tsunami, typhoon, avalanche, landslide, drought, cyclone, shipwreck")
	verbs("disaster", "", "crash, explode, collapse, drown, sink|sank|sunk, capsize")
	nouns("death", "", "death, funeral")
	verbs("death", "", "die|died|dies|dying")
	nouns("economic", "", "merger, acquisition, takeover, bankruptcy, devaluation, layoffs")
	verbs("economic", "", "acquire, merge, devalue")
	// Deployments, withdrawals and exercises; rescues, evacuations and aid;
	// defections; the founding and breakup of organizations and states;
	// weapons inspections.
	nouns("other", "", "deployment, withdrawal, pullout, military exercise, naval exercise, joint exercise, exercises, evacuation, rescue, airlift, defection, breakup, break-up, dissolution, founding, inspection")
	verbs("other", "", "deploy, withdraw|withdrew|withdrawn, pull out|pulled out, evacuate, rescue, airlift, defect, found|founded, dissolve, inspect")
	// "found" is also the past of "find": only "founded" and "founding" are
	// kept.
	delete(triggers, "found")
	delete(triggers, "founds")
	// Protesters in the news are out protesting ("chanting protesters",
	// "protesters prayed"): the word names the people of the happening,
	// so a name before it ("Catholic protesters") names no event.
	for _, w := range []string{"protester", "protesters", "demonstrator", "demonstrators"} {
		triggers[w] = triggerInfo{typ: "protest", cameo: "14", noun: true, people: true}
	}
	// "named" is an appointment in the passive only ("was named chairman",
	// not "a man named Smith").
	for _, f := range []string{"named"} {
		triggers[f] = triggerInfo{typ: "personnel", verb: true, passiveOnly: true}
	}
	// Words whose mention may tell a happening of another type: the
	// "capture" of a hostage is the kidnapping, the "blast" at a bombed
	// embassy the bombing, the "death" of a victim the attack.
	for w, t := range triggers {
		switch {
		case t.typ == "arrest" && strings.HasPrefix(w, "captur"),
			t.typ == "disaster" && (strings.HasPrefix(w, "blast") || strings.HasPrefix(w, "explo")),
			t.typ == "death":
			t.alt = "attack"
			triggers[w] = t
		}
	}
}

// lookupTrigger finds a trigger starting at token i: two-word phrases first.
func lookupTrigger(toks []Token, i int) (triggerInfo, int, bool) {
	w := lower(toks, i)
	if i+1 < len(toks) && pairFirst[w] {
		if t, ok := triggers[w+" "+lower(toks, i+1)]; ok {
			return t, 2, true
		}
	}
	if t, ok := triggers[w]; ok {
		return t, 1, true
	}
	if joinsAsMember(toks, i) {
		return triggerInfo{typ: "agreement", cameo: "05", verb: true}, 1, true
	}
	if enlargedToInclude(toks, i) {
		return triggerInfo{typ: "agreement", cameo: "05", verb: true, joiners: true}, 3, true
	}
	return triggerInfo{}, 0, false
}

// enlargedToInclude reports "expanded to include Greece", "was enlarged to
// admit Spain": an alliance or a body that takes in members, named after
// the phrase, whom it joins them to.
func enlargedToInclude(toks []Token, i int) bool {
	switch lower(toks, i) {
	case "expanded", "enlarged":
	default:
		return false
	}
	switch lower(toks, i+2) {
	case "include", "admit":
	default:
		return false
	}
	return lower(toks, i+1) == "to" && i+3 < len(toks) && nounModifier(toks[i+3].Text) && !unicode.IsDigit([]rune(toks[i+3].Text)[0])
}

// joinsAsMember reports "became members of", "becomes a full member of":
// joining an alliance or an organization is an agreement with it. Up to
// two words may come between the verb and "member(s)".
func joinsAsMember(toks []Token, i int) bool {
	switch lower(toks, i) {
	case "become", "became", "becomes", "becoming":
	default:
		return false
	}
	for k := i + 1; k <= i+3 && k+1 < len(toks); k++ {
		switch lower(toks, k) {
		case "member", "members":
			return lower(toks, k+1) == "of"
		case "the", ",", ".", "and", "but":
			if lower(toks, k) != "the" {
				return false
			}
		}
	}
	return false
}
