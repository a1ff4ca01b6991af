// Package perceptron is the machine learning shared by kg's trained
// extractors (the named-entity tagger now; a part-of-speech tagger and a
// dependency parser next): an averaged perceptron over hashed binary
// features, for structured prediction (Collins 2002).
//
// The pieces:
//
//   - Feature keys are 64-bit hashes (Hash, Mix, Hasher), computed from
//     strings and template ids without allocating, so that a feature
//     extractor never builds strings.
//   - Trainer holds the weights while learning: Score, Update, Tick, and
//     Model, which averages the weights over every update (the "averaged"
//     perceptron, with the lazy trick of Daumé 2006) and quantizes them.
//     Train runs epochs over a fixed-seed shuffled order and keeps the model
//     of the best epoch on development data.
//   - Model is the trained, read-only model: an open-addressing index from
//     feature key to a row of int16 weights, one per label. Scoring adds
//     rows into int32 scores; it is safe for concurrent use.
//   - Viterbi decodes a first-order sequence model over allowed transitions
//     (BIO/BILOU constraints for taggers).
//   - File is the binary model format: magic, version, the model and named
//     sections for whatever else the extractor needs (lexicons, cluster
//     tables, settings), and a CRC-32C checksum.
package perceptron
