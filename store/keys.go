package store

// Key layout. Every key kg writes starts with one of the prefixes below; this
// is the only place they are defined. Ids are the 8 bytes behind the 16-hex
// ids of the data model (graph.ParseID), so ranges sort and prefix scans are
// cheap. Index keys carry no value and are scanned key-only.
//
//	m:schema                                  schema version, decimal ASCII
//	d:<doc8>                                  document record (JSON): metadata, text, sentence spans
//	n:<entity8>                               entity record (JSON)
//	v:<event8>                                event record (JSON); participants by id
//	k:<kind1><name key>\x00<node8>            name and alias index (graph.NameKey of every surface form)
//	t:<date>\x00<event8>                      event date index; <date> is the TIMEX3 value, "" when undated
//	o:<from8><type1><qualifier>\x00<to8>      edge record (JSON), out-adjacency
//	i:<to8><type1><qualifier>\x00<from8>      in-adjacency, no value (the record is under o:)
//	M:<node8><doc8>                           MENTIONED_IN: mentions of an entity or event in a document (JSON)
//	E:<doc8><node8>                           the reverse: nodes mentioned in a document, no value
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
	prefixMention  = "M:"
	prefixDocNodes = "E:"

	keySchema = prefixMeta + "schema"
)

// SchemaVersion is the version of the key layout and record formats above.
// A store written with another version is refused.
const SchemaVersion = 1
