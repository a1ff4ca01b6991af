package events

import "strings"

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
	noun       bool
}

// triggers maps lower-case words (and two-word phrases) to event types.
var triggers = map[string]triggerInfo{}

func add(typ, cameo string, noun bool, words string) {
	for _, w := range strings.Split(words, ",") {
		w = strings.TrimSpace(w)
		if w != "" {
			triggers[w] = triggerInfo{typ: typ, cameo: cameo, noun: noun}
		}
	}
}

func init() {
	add("attack", "19", true, "airstrikes, airstrike, air strikes, air strike, air raids, air raid, bombardment, shelling, offensive, invasion, incursion, downing")
	add("attack", "19", false, "bombed, shelled, invaded, shot down, shoots down, shoot down, struck")
	add("attack", "18", true, "attack, attacks, killings, carnage, massacre, bombing, bombings, shooting, shootings, assault, assaults, ambush, hostage-taking, suicide bombing")
	add("attack", "18", false, "attacked, ambushed, stormed, blew up, massacred, gunned down, assassinated")
	add("meeting", "04", true, "summit, meeting, meetings, talks, visit, visits, interview, telegram, phone call, conference, negotiations, consultations")
	add("meeting", "04", false, "met, meets, visited, visits, hosted, interviewed, phoned, telephoned")
	add("agreement", "05", true, "agreement, deal, treaty, accord, pact, ceasefire, truce")
	add("agreement", "05", false, "agreed, signed, ratified")
	add("appeal", "02", true, "appeal, appeals, proposal, proposals, overtures")
	add("appeal", "02", false, "urged, appealed, called for, called on, proposed, asking, asked")
	add("accusation", "11", true, "accusation, accusations, criticism, condemnation")
	add("accusation", "11", false, "accused, accuses, blamed, criticised, criticized, condemned, denounced")
	add("rejection", "12", true, "rejection, refusal, veto")
	add("rejection", "12", false, "rejected, rejects, rebuffed, rebuffing, refused, vetoed, dismissed")
	add("threat", "13", true, "threat, threats, ultimatum")
	add("threat", "13", false, "threatened, threatens, warned")
	add("protest", "14", true, "protest, protests, demonstration, demonstrations, rally, rallies")
	add("protest", "14", false, "protested, demonstrated, marched")
	add("sanction", "16", true, "sanctions, embargo, expulsion")
	add("sanction", "16", false, "sanctioned, expelled, imposed sanctions")
	add("arrest", "17", true, "arrest, arrests, detention, raids, raid")
	add("arrest", "17", false, "arrested, detained, captured, seized")
	add("election", "", true, "election, elections, referendum, runoff, vote")
	add("election", "", false, "elected, re-elected")
	add("personnel", "", true, "resignation, appointment")
	add("personnel", "", false, "resigned, appointed, sacked, ousted")
	add("legal", "", true, "trial, lawsuit, indictment, verdict")
	add("legal", "", false, "charged, sentenced, convicted, indicted, sued, acquitted")
	add("disaster", "", true, "earthquake, flood, floods, hurricane, crash, explosion, blast")
	add("disaster", "", false, "crashed, exploded, collapsed")
	add("death", "", true, "death, funeral")
	add("death", "", false, "died")
}

// lookupTrigger finds a trigger starting at token i: two-word phrases first.
func lookupTrigger(toks []Token, i int) (triggerInfo, int, bool) {
	w := lower(toks, i)
	if i+1 < len(toks) {
		if t, ok := triggers[w+" "+lower(toks, i+1)]; ok {
			return t, 2, true
		}
	}
	if t, ok := triggers[w]; ok {
		return t, 1, true
	}
	return triggerInfo{}, 0, false
}
