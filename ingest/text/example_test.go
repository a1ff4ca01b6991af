package text_test

import (
	"fmt"
	"strings"

	"kg/ingest/text"
)

func ExampleSplit() {
	doc := "Putin Tells Western Leaders: Let’s Bury Our Differences\n\n" +
		"Russia began launching airstrikes in Syria on Sept. 30, Reuters said. " +
		`Moscow is wary of an attack "very soon."`
	for _, s := range text.Split(doc) {
		fmt.Printf("%d-%d %q\n", s.Start, s.End, doc[s.Start:s.End])
	}
	// Output:
	// 0-57 "Putin Tells Western Leaders: Let’s Bury Our Differences"
	// 59-128 "Russia began launching airstrikes in Syria on Sept. 30, Reuters said."
	// 129-169 "Moscow is wary of an attack \"very soon.\""
}

func ExampleSegmenter() {
	var seg text.Segmenter // one per worker; reuses its buffers
	for _, doc := range []string{"Mr. Putin's U.S. visit ended.", "Don't go."} {
		for _, s := range seg.Split(doc) {
			var parts []string
			for _, t := range s.Tokens {
				parts = append(parts, fmt.Sprintf("%s[%d:%d]", t.Text, t.Start, t.End))
			}
			fmt.Println(strings.Join(parts, " "))
		}
	}
	// Output:
	// Mr.[0:3] Putin[4:9] 's[9:11] U.S.[12:16] visit[17:22] ended[23:28] .[28:29]
	// Do[0:2] n't[2:5] go[6:8] .[8:9]
}
