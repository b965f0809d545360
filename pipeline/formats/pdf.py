"""PDFs with a text layer: words with their positions (pdfplumber), laid out as lines.

Pages are separated by "\\f" and paragraphs (a wide vertical gap) by a blank line; hard line
wraps stay for the cleaning stage to join.  Administrative documents print two blocks side by
side: the header (issuer | "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", number | place and date) and the
signature block ("Nơi nhận:" and its list | "TM. ỦY BAN NHÂN DÂN", the signer).  A plain text
extraction interleaves them line by line; here each block is cut at the white corridor between
its columns and written left column first, then right column.  A scanned PDF without a text layer
is reported, not guessed at.
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from . import Extracted, UnreadableFile
from .encodings import detect_legacy_text
from .layout import HEADER_ANCHOR_RE, SIGNATURE_ANCHOR_RE

MAX_PAGES = 2000
CID_RE = re.compile(r"\(cid:\d+\)")       # a glyph the PDF's font maps to no character
MAX_UNMAPPED_SHARE = 0.3
COLUMN_GAP = 18.0            # points: wider than any space between words of one column
MIN_CORRIDOR = 4.0           # points: the white strip between two columns
PARAGRAPH_GAP = 1.0          # a vertical gap this many line heights wide ends a paragraph
BLOCK_LINE_GAP = 1.5         # ... and a two-column block
ANCHOR_LINES = 15            # where to look for a two-column block's anchor line


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def pdf_to_text(data: bytes) -> Extracted:
    if b"%%EOF" not in data[-1024:]:
        raise UnreadableFile("the PDF is truncated (it has no end-of-file marker)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise UnreadableFile(f"the PDF has {len(pdf.pages)} pages, over the {MAX_PAGES}-page limit")
            pages = [_page_lines(page) for page in pdf.pages]
    except UnreadableFile:
        raise
    except Exception as exc:   # pdfminer raises many kinds of errors on damaged files
        if _caused_by(exc, PDFPasswordIncorrect):
            raise UnreadableFile("the PDF is password-protected") from None
        raise UnreadableFile(f"the PDF is damaged ({type(exc).__name__}: {exc})") from None
    # text typed in a legacy font is converted before the layout is read
    legacy = detect_legacy_text(" ".join(w.text for lines in pages for line in lines for w in line.words))
    if legacy:
        for word in (w for lines in pages for line in lines for w in line.words):
            word.text = legacy.convert(word.text)
    text = unicodedata.normalize("NFC", "\f".join(page_text(lines) for lines in pages))
    unmapped = len(CID_RE.findall(text))
    text = CID_RE.sub("", text)
    if not text.strip():
        raise UnreadableFile("the PDF has no text layer (a scanned image?): run OCR on it first")
    if unmapped > MAX_UNMAPPED_SHARE * len(text):
        raise UnreadableFile("the PDF's fonts do not map their glyphs to characters: "
                             "its text cannot be extracted, run OCR on it instead")
    return Extracted(text, legacy.name if legacy else None)


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """pdfplumber wraps pdfminer's errors: look down the chain and into the arguments."""
    while exc is not None:
        if isinstance(exc, kind) or any(isinstance(arg, kind) for arg in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _page_lines(page) -> list[Line]:
    """Words grouped into lines, top to bottom (pdfplumber yields words line by line)."""
    lines: list[Line] = []
    for w in page.extract_words(keep_blank_chars=False, use_text_flow=False):
        word = Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        if lines and abs(word.top - lines[-1].words[0].top) <= min(3.0, 0.5 * (word.bottom - word.top)):
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    return lines


def page_text(lines: list[Line]) -> str:
    """One page as text: two-column blocks side by side, paragraphs apart."""
    out: list[str] = []
    heights = [line.bottom - line.top for line in lines]
    paragraph_gap = PARAGRAPH_GAP * statistics.median(heights) if heights else 0.0
    i = 0
    previous_bottom = None
    while i < len(lines):
        block_end, left, right = _two_column_block(lines, i)
        if block_end > i:
            out.extend(["", *left, "", *right, ""])
            previous_bottom = None
            i = block_end
            continue
        line = lines[i]
        if previous_bottom is not None and line.top - previous_bottom > paragraph_gap:
            out.append("")
        out.append(line.text)
        previous_bottom = line.bottom
        i += 1
    return "\n".join(out).strip("\n")


def _two_column_block(lines: list[Line], i: int) -> tuple[int, list[str], list[str]]:
    """If a two-column block starts at line `i`: (the index after it, its left lines, its right
    lines); else (i, [], []).  A block starts at a line split by a wide gap, where the header's
    motto or the signature block's "Nơi nhận" is near, and goes on while every line can be cut
    inside the same white corridor, with no wide vertical gap."""
    corridor = _corridor(lines[i])
    if corridor is None or not _near_anchor(lines, i):
        return i, [], []
    lo, hi = corridor
    left, right = [], []
    j = i
    while j < len(lines):
        cut = _cut(lines[j], lo, hi)
        if cut is None or (j > i and _vertical_gap(lines[j - 1], lines[j]) > BLOCK_LINE_GAP):
            break
        (lo, hi), k = cut
        words = lines[j].words
        if k:
            left.append(" ".join(w.text for w in words[:k]))
        if k < len(words):
            right.append(" ".join(w.text for w in words[k:]))
        j += 1
    if not left or not right:
        return i, [], []
    return j, left, right


def _vertical_gap(above: Line, below: Line) -> float:
    """White space between two lines, in line heights."""
    return (below.top - above.bottom) / max(above.bottom - above.top, 1.0)


def _corridor(line: Line) -> tuple[float, float] | None:
    """The widest gap between two words of the line, when it is wide enough to part columns."""
    gaps = [(b.x0 - a.x1, a.x1, b.x0) for a, b in zip(line.words, line.words[1:])]
    width, lo, hi = max(gaps, default=(0.0, 0.0, 0.0))
    return (lo, hi) if width >= COLUMN_GAP else None


def _near_anchor(lines: list[Line], i: int) -> bool:
    """The header's motto on this line or the next few, or "Nơi nhận" on this line or near it."""
    nearby = lines[max(0, i - 3):i + 4]
    if any(SIGNATURE_ANCHOR_RE.search(line.text) for line in nearby):
        return True
    return i < ANCHOR_LINES and any(HEADER_ANCHOR_RE.search(line.text) for line in lines[i:i + 3])


def _cut(line: Line, lo: float, hi: float) -> tuple[tuple[float, float], int] | None:
    """Where `line` can be cut inside the corridor (lo, hi): the narrowed corridor and the number
    of words left of the cut.  A line of one side is cut at its edge; a line of two sides only at
    a gap as wide as a column gap, never at a space between words.  None: a word is in the way."""
    edges = [0.0] + [x for w in line.words for x in (w.x0, w.x1)] + [float("inf")]
    last = len(line.words)
    for k in range(last + 1):
        gap_lo, gap_hi = edges[2 * k], edges[2 * k + 1]
        if 0 < k < last and gap_hi - gap_lo < COLUMN_GAP:
            continue
        new_lo, new_hi = max(lo, gap_lo), min(hi, gap_hi)
        if new_hi - new_lo >= MIN_CORRIDOR:
            return (new_lo, new_hi), k
    return None
