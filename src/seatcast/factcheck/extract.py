"""From an article as published (HTML page or plain text) to the sentences worth checking.

Scraped articles arrive with their navigation, "You may also like" link lists, share
buttons and advertisements, and often with paragraphs repeated (a lede echoed in a summary
box, a syndicated copy pasted twice).  HTML goes through trafilatura, a maintained main-text
extractor, rather than hand-written tag stripping.  Its output and plain-text articles are then
cleaned line by line: boilerplate lines and the link lists under a "Related" heading are
dropped, and a paragraph (or a sentence) already read is not read again.

Nothing here touches files: the CLI reads the bytes and passes the text in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from seatcast.errors import SeatcastError

#: Headings that start a block of links to other stories (the block ends at the next prose line).
_LINK_LIST_HEADINGS = re.compile(
    r"^(?:you (?:may|might) also like|you may be interested in|related(?: stories| articles|"
    r" coverage| links)?|"
    r"read more|more from|more on this story|more stories|recommended(?: for you)?|trending(?: now)?|"
    r"most (?:read|popular|viewed)|top stories|latest news|also (?:read|on)|see also|"
    r"à lire aussi|à lire également|lire aussi|sur le même sujet|vous aimerez aussi|"
    r"vous pourriez aussi aimer|à voir aussi|les plus lus|en continu|dans la même section|"
    r"articles? (?:liés|similaires|connexes)|nos suggestions)\s*:?\s*$",
    re.IGNORECASE,
)
#: Lines that are boilerplate wherever they stand.
_BOILERPLATE = re.compile(
    r"^(?:advertisement|advertising|publicité|annonce|sponsored(?: content)?|contenu commandité|"
    r"share(?: this(?: article| story)?)?(?: on \w+)?|partager(?: cet article)?|"
    r"(?:sign up|subscribe)(?: .{0,80})?|abonnez-vous(?: .{0,80})?|inscrivez-vous(?: .{0,80})?|"
    r"(?:©|copyright|\(c\)).{0,120}|all rights reserved\.?|tous droits réservés\.?|"
    r"click here.{0,80}|cliquez ici.{0,80}|follow us.{0,60}|suivez-nous.{0,60}|"
    r"comments?|commentaires?|report an error|signaler une erreur|"
    r"(?:photo|image|crédit photo|photo credit)\s*:.{0,120}|"
    r"(?:facebook|twitter|x|linkedin|email|courriel|whatsapp|reddit)(?:\s*[|·•/]\s*\w+)*)\s*$",
    re.IGNORECASE,
)
_MIN_WORDS = 4  # fewer words than this is a menu or a stray label, not an article
_BULLET = re.compile(r"^\s*(?:[-*•·▪►>]|\d{1,2}[.)])\s+")
_URL = re.compile(r"https?://\S+|www\.\S+")


@dataclass(frozen=True, slots=True)
class Article:
    """The readable text of an article: paragraphs once each, in reading order."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    published: str | None = None  # ISO date from the page's metadata, when it has one
    dropped: int = 0  # boilerplate and repeated lines left out

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:html|body|article|p|div|head)[\s>]", head))


def extract_article(content: str, *, html: bool | None = None) -> Article:
    """The article in ``content`` (an HTML page or plain text; ``html=None`` guesses which)."""
    if not content.strip():
        raise SeatcastError("the article is empty")
    is_html = looks_like_html(content) if html is None else html
    title = published = None
    if is_html:
        lines, title, published = _html_lines(content)
    else:
        lines = _text_blocks(content)
    paragraphs, dropped = clean_lines(lines)
    if title and not any(_key(title) == _key(p) for p in paragraphs):
        paragraphs.insert(0, title)
    if sum(len(p.split()) for p in paragraphs) < _MIN_WORDS:
        raise SeatcastError("the article has no readable text (only markup, menus or boilerplate)")
    return Article(tuple(paragraphs), title, published, dropped)


def _html_lines(content: str) -> tuple[list[str], str | None, str | None]:
    import trafilatura  # imported here: it takes a while, and plain text does not need it
    from trafilatura.settings import use_config

    config = use_config()
    # News briefs are short: the default 250-character floor would send them to the fallback.
    config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "1"
    config["DEFAULT"]["MIN_OUTPUT_SIZE"] = "1"
    doc = trafilatura.bare_extraction(
        content, config=config, with_metadata=True, include_comments=False, include_tables=False,
        include_links=False, favor_recall=True, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        # trafilatura gives up on very short pages; its own baseline extractor still reads them.
        text = trafilatura.baseline(content)[1]
    title = getattr(doc, "title", None) if doc is not None else None
    published = getattr(doc, "date", None) if doc is not None else None
    return [ln for ln in text.split("\n")], title, published


def _text_blocks(content: str) -> list[str]:
    """Plain text: a blank line ends a paragraph; lines wrapped inside one are joined."""
    blocks: list[str] = []
    current: list[str] = []
    for raw in content.splitlines():
        line = raw.strip()
        if not line:
            if current:
                blocks.append(" ".join(current))
                current = []
            continue
        # A heading, bullet or link line stands alone even without blank lines around it.
        standalone = bool(_BULLET.match(line) or _LINK_LIST_HEADINGS.match(line)
                          or _BOILERPLATE.match(line) or _URL.search(line))
        if standalone:
            if current:
                blocks.append(" ".join(current))
                current = []
            blocks.append(line)
        else:
            current.append(line)
    if current:
        blocks.append(" ".join(current))
    return blocks


def _key(text: str) -> str:
    """A paragraph's identity for spotting repeats: case, accents, spacing and punctuation folded."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", t).strip()


def _is_prose(line: str) -> bool:
    """A line that reads as a sentence of the story rather than a link title."""
    words = line.split()
    return len(words) >= 12 or (len(words) >= 6 and line.rstrip().endswith((".", "!", "?", "»", '"')))


def clean_lines(lines: list[str]) -> tuple[list[str], int]:
    """Drop boilerplate, link lists and repeats; return the paragraphs kept and the count dropped."""
    kept: list[str] = []
    seen: set[str] = set()
    dropped = 0
    in_links = False
    for raw in lines:
        line = " ".join(normalise_spaces(raw).split())
        if not line:
            in_links = False
            continue
        if _LINK_LIST_HEADINGS.match(line):
            in_links = True
            dropped += 1
            continue
        if in_links and not _is_prose(_BULLET.sub("", line)):
            dropped += 1
            continue
        in_links = False
        if _BOILERPLATE.match(line) or (_URL.search(line) and len(_URL.sub("", line).split()) < 12):
            dropped += 1
            continue
        if _BULLET.match(line) and not _is_prose(_BULLET.sub("", line)):
            dropped += 1  # a bare list item (link title, menu entry), not a sentence
            continue
        key = _key(line)
        if not key or key in seen:
            dropped += 1
            continue
        seen.add(key)
        kept.append(line)
    return kept, dropped


def normalise_spaces(text: str) -> str:
    """Typographic spaces and apostrophes to plain ones (French uses narrow no-break spaces)."""
    return (text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
            .replace("\u2019", "'").replace("\u2018", "'").replace("\u00ad", ""))


# --- sentences --------------------------------------------------------------------------------

_ABBREVIATIONS = (
    "mr", "mrs", "ms", "dr", "st", "ste", "mt", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen", "gov", "sen", "rep", "hon",
    "m", "mme", "mmes", "mm", "me", "p", "pp", "c.-à-d", "env", "approx", "inc", "ltd", "jr", "sr",
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”)]?\s+(?=[«\"“(]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_LAST_WORD_RE = re.compile(r"([\w.-]+)\.$")
_LAST_WORD = 80  # characters before a full stop in which to find the word it ends


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph (abbreviations such as "Mr." and "p.m." do not end one)."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        # Only the word before the full stop matters: look at the end of the sentence so far, not
        # all of it (a paragraph of "Mr." and "Dr." would otherwise be re-read at each one).
        before = paragraph[max(start, m.start() - _LAST_WORD):m.start()].rstrip("\"'»”)")
        last = _LAST_WORD_RE.search(before)
        if last:
            word = last.group(1).lower()
            if word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word):
                continue
        out.append(paragraph[start:m.start()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def sentences_once(article: Article) -> list[tuple[int, str]]:
    """(paragraph index, sentence) for every sentence, a repeated sentence kept only the first time."""
    seen: set[str] = set()
    out: list[tuple[int, str]] = []
    for i, para in enumerate(article.paragraphs):
        for s in split_sentences(para):
            k = _key(s)
            if k in seen:
                continue
            seen.add(k)
            out.append((i, s))
    return out
