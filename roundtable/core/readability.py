"""Readability of the text a citizen reads: LIX (issue 10, 14: citizen-facing text at LIX ≤ 40).

LIX (läsbarhetsindex, Björnsson 1968) = words / sentences + 100 × long words / words, where a
long word has more than six letters. Below 30 is very easy, 30–40 easy (plain language, the
level of children's and easy-read texts), 40–50 ordinary newspaper text, above 50 hard. It
works the same way in Swedish, Danish, Norwegian and English, which is why it is used here.

A sentence ends at ".", "!", "?" or ":", and at the end of a line: on a web page a heading,
a label or a list item is read as a sentence of its own, so the page's text is given with one
block per line (`visible_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
LONG_WORD = 6  # letters; a long word has more


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def score(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(1, self.sentences) + 100 * self.long_words / self.words


def lix_counts(text: str) -> Lix:
    """Words, sentences and long words of a text, one block per line."""
    words = sentences = long_words = 0
    for line in text.splitlines():
        for part in SENTENCE_END.split(line):
            found = WORD.findall(part)
            if not found:
                continue
            sentences += 1
            words += len(found)
            long_words += sum(1 for w in found if len(re.sub(r"[-'’]", "", w)) > LONG_WORD)
    return Lix(words=words, sentences=sentences, long_words=long_words)


def lix(text: str) -> float:
    """The LIX of a text (see the module's docstring)."""
    return lix_counts(text).score


_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "label",
        "button",
        "option",
        "select",
        "",
    }
)
_HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript", "select"})


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN or ("hidden", None) in attrs:
            self.hidden += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str, *, main_only: bool = False) -> str:
    """The text a reader sees on a page, one block (heading, paragraph, item, cell) per line.
    The language menu (a <select>) is left out: it names every language in its own words.
    `main_only`: only the page's own content (<main>), without the header and footer that
    every page shares (their short links would make any page look easier than it is)."""
    if main_only and "<main" in html:
        start = html.index("<main")
        end = html.find("</main>", start)
        html = html[start : end + len("</main>") if end >= 0 else len(html)]
    parser = _Visible()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
