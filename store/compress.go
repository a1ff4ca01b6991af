package store

import (
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Document (d:) and applied (a:) records are written once and hold most of
// the store's bytes (at Reuters ×16, 570 of 1,030 MB before compression).
// They are compressed here, record by record, and badger keeps every value
// of at least valueThreshold bytes in its value log, out of the LSM tree
// (store.go): compactions then rewrite only keys and pointers for them,
// not the texts again and again. Badger's value log is not compressed, so
// the records are: zstd's default level, since they are written once.
//
// The entity, event, edge and mention records, which change batch after
// batch, stay under the threshold and in the LSM tree, where a rewrite
// replaces the old version at the next compaction instead of leaving it in
// the value log.

var (
	zstdOnce sync.Once
	zstdEnc  *zstd.Encoder
	zstdDec  *zstd.Decoder
)

// maxRecordBytes bounds what one compressed record may expand to, so that
// a damaged record cannot make a reader allocate without limit.
const maxRecordBytes = 512 << 20

func zstdCodec() (*zstd.Encoder, *zstd.Decoder) {
	zstdOnce.Do(func() {
		var err error
		// EncodeAll and DecodeAll may be called concurrently; the low-memory
		// options keep the coders' buffers small, as records are small.
		zstdEnc, err = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault),
			zstd.WithEncoderConcurrency(2), zstd.WithLowerEncoderMem(true))
		if err != nil {
			panic(fmt.Sprintf("zstd encoder: %v", err))
		}
		zstdDec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(2),
			zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxMemory(maxRecordBytes))
		if err != nil {
			panic(fmt.Sprintf("zstd decoder: %v", err))
		}
	})
	return zstdEnc, zstdDec
}

// compressTo appends the zstd frame of src to dst.
func compressTo(dst, src []byte) []byte {
	enc, _ := zstdCodec()
	return enc.EncodeAll(src, dst)
}

// decompress returns the bytes of a zstd frame.
func decompress(src []byte) ([]byte, error) {
	_, dec := zstdCodec()
	return dec.DecodeAll(src, nil)
}
