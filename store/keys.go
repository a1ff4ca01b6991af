package store

// Key layout. Every key kg writes starts with one of the prefixes below; this
// is the only place they are defined. Ids are the 8 bytes behind the 16-hex
// ids of the data model (graph.ParseID), so ranges sort and prefix scans are
// cheap. Index keys carry no value and are scanned key-only.
//
//	m:schema                                  schema version, decimal ASCII
//	d:<doc8>                                  document record (compressed JSON): metadata, text, sentence spans
//	n:<entity8>                               entity record (JSON)
//	v:<event8>                                event record (binary, codec.go); participants by id
//	k:<kind1><name key>\x00<node8>            name and alias index (graph.NameKey of every surface form)
//	t:<date>\x00<event8>                      event date index; <date> is the TIMEX3 value, "" when undated
//	o:<from8><type1><qualifier>\x00<to8>      edge record (binary, codec.go)
//	x:<from8><type1><qualifier>\x00<to8>      out-adjacency, no value (the record is under o:)
//	i:<to8><type1><qualifier>\x00<from8>      in-adjacency, no value
//	M:<node8><doc8>                           MENTIONED_IN: mentions of an entity or event in a document, with the document's date (binary)
//	E:<doc8>                                  the reverse: the nodes mentioned in a document (their ids' 8 bytes, sorted)
//	a:<doc8>                                  what the document contributed: its extracted delta (texts left out, they
//	                                          are in the document) and how its entities were resolved; lets kg
//	                                          take a document back out exactly, and re-resolve it after curation
//	s:<surname key>\x00<person8>              surname index of people with a full name, for cross-document resolution
//	m:seq                                     the last ingest sequence number given to a document
//	r:redirect:<from8>                        curation rule: the entity was merged into the id in the value
//	r:alias:<kind1><name key>                 curation rule: this name is the entity in the value
//	r:block:<entity8><name key>               curation rule: this name is never this entity (split, alias remove)
//	r:name:<entity8>                          curation rule: the entity's canonical name, fixed by an analyst
//	r:type:<entity8>                          curation rule: the entity's kind, fixed by an analyst
//
// Traversals scan x: and i:, never o:: a key-only scan still reads the
// blocks that hold the keys, and o:'s blocks are mostly edge records. On
// the Reuters ×16 store, the two-hop neighbourhood of a busy entity took
// 88 ms (p50) over o: and 40 to 46 ms over x:; the ×1 store grew from
// 38.5 to 40.3 MB.
//
// kind1 is the first letter of the node kind (p, o, l for place, e, d);
// type1 is the code of the edge type (edgeCodes). Dates sort as strings, so an
// ISO date range is a key range.
const (
	prefixMeta     = "m:"
	prefixDoc      = "d:"
	prefixEntity   = "n:"
	prefixEvent    = "v:"
	prefixName     = "k:"
	prefixDate     = "t:"
	prefixOut      = "o:"
	prefixIn       = "i:"
	prefixAdj      = "x:"
	prefixMention  = "M:"
	prefixDocNodes = "E:"
	prefixApplied  = "a:"
	prefixSurname  = "s:"
	prefixRule     = "r:"

	ruleRedirect = prefixRule + "redirect:"
	ruleAlias    = prefixRule + "alias:"
	ruleBlock    = prefixRule + "block:"
	ruleName     = prefixRule + "name:"
	ruleType     = prefixRule + "type:"

	keySeq = prefixMeta + "seq"

	keySchema = prefixMeta + "schema"
)

// SchemaVersion is the version of the key layout and record formats above.
// A store written with another version is refused. Version 2: edge records
// are binary and evidence leaves its text to the document. Version 3: the
// a: records are binary (applied.go). Version 4: x:, the out-adjacency
// without values. Version 5: document and applied records are compressed
// and kept in badger's value log (compress.go); event and mention records
// are binary.
const SchemaVersion = 5
