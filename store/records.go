package store

// recordCache keeps the encoded entity, event and edge records of the
// latest committed batches, so that the next batch does not read them from
// badger again. A country, a head of state or a pair of
// them is in most documents of a news corpus; without the cache each batch
// read their records again, and as the store grew past badger's block
// cache each read cost a block decompression: at Reuters ×16 these reads
// were the writer's largest cost.
//
// Only the ingest writer (Store.Apply) uses it: it is filled with what a
// batch read or wrote after the batch commits, and cleared when a batch
// fails and before any other write (curation, repair). It holds the bytes
// the store holds, not decoded records (which the writer changes in
// place). A record absent from the store is cached as nil.
//
// It is two generations of maps: lookups promote a record from the old
// generation to the new one, and when the new one is full it becomes the
// old one, so the records used in the last batches stay and the rest go.
type recordCache struct {
	max      int // records per generation
	cur, old map[string][]byte
}

// recordCacheSize is the number of records a generation holds: with two
// generations, between 32k and 64k records.
const recordCacheSize = 32 << 10

func newRecordCache(max int) *recordCache {
	return &recordCache{max: max, cur: make(map[string][]byte, max)}
}

// get returns the record under key and whether the cache knows it.
func (c *recordCache) get(key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	if v, ok := c.cur[key]; ok {
		return v, true
	}
	v, ok := c.old[key]
	if ok {
		delete(c.old, key)
		c.put(key, v)
	}
	return v, ok
}

// put caches the record under key (nil: there is none).
func (c *recordCache) put(key string, rec []byte) {
	if c == nil {
		return
	}
	if _, ok := c.cur[key]; !ok && len(c.cur) >= c.max {
		c.old, c.cur = c.cur, make(map[string][]byte, c.max)
	}
	c.cur[key] = rec
}

// clear forgets every record.
func (c *recordCache) clear() {
	if c == nil {
		return
	}
	c.cur, c.old = make(map[string][]byte, c.max), nil
}
