package source

import "testing"

func TestTextTitle(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"headline and blank line", "Harbor Council Approves Ferry\n\nThe council voted on Tuesday.", "Harbor Council Approves Ferry"},
		{"leading blank lines", "\n\n  Storm Warning  \n\nRain is expected.", "Storm Warning"},
		{"crlf", "Storm Warning\r\n\r\nRain is expected.", "Storm Warning"},
		{"question", "Will the Bridge Open in May?\n\nOfficials are not sure.", "Will the Bridge Open in May?"},
		{"cut short", "News Leaders Agree to Meet and...\n\nThe leaders of both parties met.", "News Leaders Agree to Meet and..."},
		{"markdown heading", "# Budget Passes\n\nThe budget passed.", "Budget Passes"},
		{"markdown closed heading", "## Budget Passes ##\nThe budget passed.", "Budget Passes"},
		{"setext heading", "Budget Passes\n=============\nThe budget passed.", "Budget Passes"},
		{"sentence", "The council voted on Tuesday.\n\nIt was close.", ""},
		{"ends with colon", "Update:\n\nThe road is open.", ""},
		{"only one line", "A short line with no body", ""},
		{"too long", "This first line goes on and on without ever reaching a full stop because it is the opening of a very long paragraph that just keeps going\n\nMore.", ""},
		{"wrapped paragraph", "Russia began launching airstrikes in Syria on Sept. 30, saying this was\nmeant to protect itself from attacks, Reuters said on Friday afternoon.", ""},
		{"title case directly followed", "Russia Launches Airstrikes in Syria\nMoscow, Sept 30 - Russia began airstrikes on Wednesday.", "Russia Launches Airstrikes in Syria"},
		{"short line directly followed", "Ferry news\nThe ferry company announced two new evening crossings from April onwards.", "Ferry news"},
		{"empty", "", ""},
		{"hash without space is no heading", "#hashtag\n\ntext", "#hashtag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textTitle(tt.text); got != tt.want {
				t.Errorf("textTitle(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTextKeepsContent(t *testing.T) {
	content := "Title Line\r\n\r\n  Indented   text\twith  tabs.\n\n\nEnd.\n"
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "\xef\xbb\xbf" + content})
	items := readItems(t, []string{dir + "/a.txt"}, Options{})
	if len(items) != 1 || items[0].Doc.Text != content || items[0].Doc.Title != "Title Line" {
		t.Errorf("got %+v, want the whole content without the BOM, titled", items)
	}
}
