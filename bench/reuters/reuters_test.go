package reuters

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// A story written for this test in the corpus's SGML layout.
const sample = `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="7">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TEXT>&#2;
<TITLE>ACME &lt;ACM&gt; RAISES DIVIDEND</TITLE>
<DATELINE>    SPRINGFIELD, Feb 26 - </DATELINE><BODY>Acme Corp said its board raised
the quarterly dividend to 12 cts from 10 cts.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="8">
<DATE> 2-MAR-1987 09:00:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>NO BODY HERE</TITLE>
</TEXT>
</REUTERS>
`

func TestParse(t *testing.T) {
	as := Parse([]byte(sample))
	if len(as) != 1 {
		t.Fatalf("%d articles, want 1 (stories without a body are left out)", len(as))
	}
	a := as[0]
	if a.ID != "reuters-7" || a.Title != "ACME <ACM> RAISES DIVIDEND" || a.Date.Format("2006-01-02") != "1987-02-26" ||
		a.Text != "Acme Corp said its board raised\nthe quarterly dividend to 12 cts from 10 cts." {
		t.Errorf("article = %+v", a)
	}
	var rec map[string]string
	line, _ := a.JSON(2)
	if err := json.Unmarshal(line, &rec); err != nil {
		t.Fatal(err)
	}
	if rec["id"] != "reuters-7-copy2" || rec["date"] != "1989-02-26" || rec["text"] == a.Text {
		t.Errorf("copy 2 = %v", rec)
	}
}

// The whole corpus: 19,043 stories with a body, as its README says.
func TestCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "reuters21578")
	if _, err := os.Stat(dir); err != nil || testing.Short() {
		t.Skip("Reuters-21578 not available")
	}
	as, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(as); n != 19043 {
		t.Errorf("%d stories with a body, want 19043", len(as))
	}
}
