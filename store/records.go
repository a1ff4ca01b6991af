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
// generation to the new one, and when the new one holds its share of the
// bytes it becomes the old one, so the records used in the last batches
// stay and the rest go.
type recordCache struct {
	max      int // bytes per generation
	size     int // bytes in cur
	cur, old map[string][]byte
}

// recordCacheBytes bounds the bytes of a generation (keys, values and the
// maps' own cost, estimated): the cache holds at most twice that. It is in
// the Go heap, under the ingest's memory limit; the records of the busiest
// entities are the largest and the ones most worth keeping. At Reuters
// ×16 the records the writer uses outgrew 24 MB generations, and reading
// them back from badger was its largest cost; in harness runs of the same
// build, one each, ×16 took 341 s with 24 MB, 312 s with 40 and 296 s with
// 64 (×1: 16.6, 16.4 and 16.9 s), and the ×1 peak rose from 538 to 580 MB.
const recordCacheBytes = 64 << 20

// entryCost estimates what an entry costs the heap beyond its key and
// value: the map's slot, the string and slice headers.
const entryCost = 64

func newRecordCache(maxBytes int) *recordCache {
	return &recordCache{max: maxBytes, cur: map[string][]byte{}}
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
	cost := len(key) + len(rec) + entryCost
	if cost > c.max/4 {
		// One record as large as a good part of the cache is not kept:
		// it would push out many others.
		delete(c.cur, key)
		delete(c.old, key)
		return
	}
	if prev, ok := c.cur[key]; ok {
		c.size -= len(key) + len(prev) + entryCost
	} else if c.size+cost > c.max {
		c.old, c.cur, c.size = c.cur, map[string][]byte{}, 0
	}
	c.cur[key] = rec
	c.size += cost
}

// clear forgets every record.
func (c *recordCache) clear() {
	if c == nil {
		return
	}
	c.cur, c.old, c.size = map[string][]byte{}, nil, 0
}
