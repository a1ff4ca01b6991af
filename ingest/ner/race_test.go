//go:build race

package ner

// raceDetector is set in builds with the race detector, whose sync.Pool
// drops pooled values at random (so allocations cannot be counted).
const raceDetector = true
