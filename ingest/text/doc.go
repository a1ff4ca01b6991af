// Package text splits raw article text into tokens and sentences that keep
// byte offsets into the original text.
//
// Tokens follow Penn Treebank / CoNLL-2003 conventions, because the sequence
// tagger downstream is trained on CoNLL-2003 and the parser on UD English EWT:
//
//   - words, including hyphenated words ("anti-terror", "15-year") and words
//     with an inner apostrophe ("O'Neil"), are one token;
//   - clitics are split: "Russia's" -> "Russia" "'s", "don't" -> "do" "n't",
//     "can't" -> "ca" "n't", "they're" -> "they" "'re", also with the
//     typographic apostrophe U+2019 ("Let’s" -> "Let" "’s"); as in PTB,
//     "cannot", "gonna", "wanna", "gotta" are split ("can" "not");
//   - punctuation is one token per character, except runs of periods ("..."),
//     runs of "!" and "?", rules ("--", "====", "***"), a pair of backquotes
//     or apostrophes, and emoticons after a space (":)", ":-(");
//   - abbreviations and initials keep their period ("Sept.", "U.S.", "Mr.",
//     "Inc.", "J."); every other word-final period is a token of its own;
//   - numbers stay whole ("7,000", "3.5", "-12", "2015-09-30", "10:30",
//     "1/2", "1990s", "5m"); currency signs and "%" are separate tokens;
//   - URLs, e-mail addresses, @handles and #hashtags are one token each;
//   - white space of any kind (including U+00A0, U+2009, U+200B, U+FEFF and
//     control characters) separates tokens and never belongs to one.
//
// Token.Text is always text[Start:End]: no token is normalised, and
// tokenizing does not allocate beyond the token slice. Norm maps typographic
// quotes and apostrophes to their ASCII forms for models trained on ASCII text.
//
// Invalid UTF-8 bytes are treated like letters: they never crash the
// tokenizer, offsets stay exact, and a mis-decoded "Fran\xe7ois" stays one
// token.
//
// Sentences end at ". ! ? … ..." followed by white space and an upper-case
// letter, a digit, an opening quote or bracket, or the end of the text;
// closing quotes and brackets right after the terminator belong to the
// sentence that ends. Abbreviations do not end sentences, except those that
// often close one ("U.S.", "Inc.", "Jr.", "p.m.", "etc.") when the next word
// is a typical sentence starter ("The", "He", "But", ...). A blank line always
// ends a sentence. A single line break ends one when the line reads as a
// headline (title case, no final punctuation, and the next line is a whole
// sentence or paragraph rather than a wrapped line), when the next line is a
// list item ("- ", "• ", "2. "), or when the next line is indented deeper (a
// new paragraph in hard-wrapped text such as Reuters-21578); otherwise a line
// break inside a paragraph is just space.
//
// Tokenize and Split allocate their results; a Segmenter reuses its buffers
// across calls and is what the pipeline's workers should hold.
package text
