package source

import (
	"os"
	"testing"
)

func TestHang(t *testing.T) {
	data, _ := os.ReadFile("/tmp/hangfeed")
	parseFeed(data, "x")
}
