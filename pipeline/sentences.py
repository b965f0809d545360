"""Stage 2 — sentence splitting aware of the layout of administrative documents.

Each non-empty line of the cleaned text is a block (cleaning keeps headings and
list items on their own lines).  A block's list marker ("-", "a)", "1.", "1.1.",
"II.", "Điều 3.") is stripped into `Sentence.marker`; the rest is split at
sentence-final punctuation, never inside dates ("07/02/2023"), abbreviations
("Đ/c", "TP.", "KT."), document symbols ("QĐ-UBND") or outline numbers ("1.1.").

Every sentence gets a `kind` (see `doc.SENTENCE_KINDS`) from its place in the
document: header block, title, heading, list item, running text, deadline
line, or the closing (recipients and signature) block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .deadlines import is_deadline_only
from .doc import Document, Sentence
from .registry import component

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

# Roman numerals as sentence-cased sources write them ("Ii.", "Iv."); upper-case ones are [IVXLC]+
SENTENCE_CASE_ROMAN = r"(?:Ii{1,2}|Iv|Ix|Vi{1,3}|Xi{1,3}|Xiv|Xv)"

# List markers, most specific first. The marker's *type* (not its value) decides nesting.
MARKER_RE = re.compile(
    rf"""(?P<marker>
        (?:Điều|ĐIỀU)\s+\d+[a-z]?\s*[.:]                  # Điều 3.
      | (?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+[IVXLC\d]+[.:]?   # Chương II
      | [IVXLC]+\s*[.)/-](?![{LOWER}])                  # II.  IV/  (not "V/v")
      | {SENTENCE_CASE_ROMAN}\s*[.)/-](?=\s|$)            # Ii.  Iv.  Ii -: sentence-cased sources
      | [ABDĐEGH]\.(?=\s|$)                             # A.  B.: parts above the roman sections
      | \d{{1,2}}(?:\.\d{{1,2}}){{1,3}}\.?(?=\s|[{UPPER}])  # 1.1.  2.3.4
      | \d{{1,2}}\s*[.)/](?!\d)                           # 1.  2)  3/
      | [{LOWER}]\s*\)                                  # a)  đ)
      | [a-ik-nđ]\.(?=\s|$)                              # a.  b.  đ. (list letters; not "v." of "v.v.")
      | [-+•●▪◦–—*]                                     # - + • –
    )\s*""",
    re.VERBOSE,
)

# Document-type lines ("THÔNG BÁO", "KẾ HOẠCH") matched without diacritics, so OCR's "KÉ HOẠCH" counts.
DOC_TYPE_WORDS = {
    "THONG BAO": "THÔNG BÁO", "QUYET DINH": "QUYẾT ĐỊNH", "KE HOACH": "KẾ HOẠCH", "CHI THI": "CHỈ THỊ",
    "NGHI QUYET": "NGHỊ QUYẾT", "BAO CAO": "BÁO CÁO", "TO TRINH": "TỜ TRÌNH", "CONG VAN": "CÔNG VĂN",
    "KET LUAN": "KẾT LUẬN", "CHUONG TRINH": "CHƯƠNG TRÌNH", "HUONG DAN": "HƯỚNG DẪN", "QUY CHE": "QUY CHẾ",
    "QUY DINH": "QUY ĐỊNH", "DE AN": "ĐỀ ÁN", "CONG DIEN": "CÔNG ĐIỆN", "GIAY MOI": "GIẤY MỜI",
    "BIEN BAN": "BIÊN BẢN",
}
_DOC_TYPE_FOLDED_RE = re.compile(
    rf"^({'|'.join(DOC_TYPE_WORDS)})\b[\s:.]*(?:(?:KET LUAN|LIEN TICH|CUA|NHANH|KHAN)\b.*)?$")
MOTTO_LINE_RE = re.compile(r"CỘNG H[ÒOÓ]A|Độc lập\s*[-–]", re.I)
ADDRESSEE_RE = re.compile(r"^Kính gửi\s*:?", re.I)
CLOSING_START_RE = re.compile(r"^(Nơi nhận|NƠI NHẬN)\s*:?", re.I)
RECIPIENTS_END_RE = re.compile(r"^Lưu\s*:?\s*(?:VT|VP|Văn thư)", re.I)
SIGNATURE_MARK_RE = re.compile(r"^(KT|TM|TL|TUQ|Q|T/M|K/T)\s*\.?\s*[/]?\s*[" + UPPER + r"]")

# Words that end in "." without ending a sentence.
ABBREVIATIONS = frozenset("""
    TP Tp tp TX Tx TT Tt KT TM TL TUQ Q P ĐT Đ đ/c Đ/c đ/c v.v v/v V/v ThS Ths TS PGS GS BS KS CN
    St Nxb tr Th.S TW T.Ư UB Ô Ông Bà ông bà Mr Ms No Co Ltd Cty CTy ĐC đc Dr PTS XHCN
""".split())

SENT_END_RE = re.compile(
    rf"""(?:\.{{3}}|…|[.!?])            # terminal punctuation (ellipsis counts once)
         ['"”’)\]]*                     # closing quotes/brackets stay with the sentence
         (?=\s+(?:['"“‘(\[]?[{UPPER}]|[-+•]\s))""",
    re.VERBOSE,
)
WORD_BEFORE_RE = re.compile(r"(\S+)$")


@dataclass(slots=True)
class Block:
    """One line of cleaned text, its marker stripped."""
    start: int
    end: int
    marker: str | None


def iter_blocks(text: str):
    pos = 0
    pending: str | None = None          # a marker alone on its line ("1.", "I.") labels the next line
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            continue
        s = line_start + (len(line) - len(line.lstrip()))
        e = line_end - (len(line) - len(line.rstrip()))
        marker = None
        m = MARKER_RE.match(text, s, e)
        if m and m.end() >= e and m.group("marker").strip() not in ("-", "+", "*", "•"):
            pending = m.group("marker").strip()
            continue
        # a date or number ("1/2019") is not a marker
        if m and m.end() < e and not re.match(r"\d", text[m.end():m.end() + 1] or "x"):
            marker = m.group("marker").strip()
            s = m.end()
        if marker is None and pending is not None:
            marker = pending
        pending = None
        yield Block(s, e, marker)


def split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] at sentence ends; returns (start, end) pairs without surrounding space."""
    spans = []
    s = start
    for m in SENT_END_RE.finditer(text, start, end):
        cut = m.end()
        before = WORD_BEFORE_RE.search(text, s, m.start() + 1)
        word = before.group(1).rstrip(".!?…") if before else ""
        if text[m.start()] == "." and not text[m.start():m.end()].startswith("...") and _is_abbreviation(word):
            continue
        if cut - s >= 2:
            spans.append((s, cut))
            s = cut
            while s < end and text[s].isspace():
                s += 1
    if s < end:
        spans.append((s, end))
    return spans


def _is_abbreviation(word: str) -> bool:
    word = word.lstrip("(\"'“")
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():          # an initial: "N. V. An"
        return True
    if re.fullmatch(r"[IVXLC]+|\d{1,2}(\.\d{1,2})*", word):  # "II." / "1.1." inside a line
        return True
    return False


def marker_type(marker: str) -> str:
    """The family a marker belongs to; nesting is decided per document by first appearance."""
    if marker[0] in "-+•●▪◦–—*":
        return marker[0] if marker[0] in "+" else "-"
    if marker.lower().startswith(("điều", "chương", "mục", "phần")):
        return marker.split()[0].lower()
    if re.match(rf"[IVXLC]+\s*[.)/-]$|{SENTENCE_CASE_ROMAN}\s*[.)/-]$", marker):
        return "roman"
    if re.fullmatch(r"[ABDĐEGH]\.", marker):
        return "part"
    if re.match(r"\d+(\.\d+)+", marker):
        return f"num{marker.rstrip('.').count('.') + 1}"
    if re.match(r"\d", marker):
        return "num" + (")" if ")" in marker else "")
    return "alpha"


# The implementation section's usual title, which opens with a task verb ("Tổ chức")
IMPLEMENTATION_TITLE_RE = re.compile(r"(?:Tổ chức|Trách nhiệm) (?:triển khai )?thực hiện\s*[.:]?", re.I)


def is_heading(text: str, marker: str | None) -> bool:
    """A short line with no sentence-final punctuation ("1. Sở Lao động - Thương binh và Xã hội")."""
    stripped = text.strip()
    if not stripped:
        return False
    head = stripped[:200]            # long lines are paragraphs: their first 200 characters decide
    letters = [c for c in head if c.isalpha()]
    all_caps = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    if marker is None:
        return all_caps and len(stripped) < 200 and not stripped.endswith((",", ";"))
    if marker_type(marker) in ("điều", "chương", "mục", "phần", "roman", "part"):
        # "Điều 3. Tổ chức thực hiện.", "I. quan điểm phát triển." — a short section title may end in a period
        short_title = (marker_type(marker) in ("điều", "roman", "part") and len(stripped.split()) <= 6
                       and stripped.endswith(".")
                       and not re.match(r"(?:giao|đề nghị|yêu cầu)\b", stripped, re.I))
        return len(stripped) < 200 and not stripped.endswith((".", ";")) or all_caps or short_title
    if IMPLEMENTATION_TITLE_RE.fullmatch(stripped):
        return True             # "8. Tổ chức thực hiện." names the section; it asks nothing itself
    words = stripped.split()
    return (all_caps or (len(words) <= 14 and not stripped.endswith((".", ";", ":", "!", "?", "…"))
                         and stripped.lstrip(" .,;:-–_~'\"")[:1].isupper()))   # ". Nhiệm vụ ...": OCR dust first


def fold(text: str) -> str:
    """Upper-case ASCII skeleton of Vietnamese text ("Kế hoạch" -> "KE HOACH")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def doc_type_of_line(line: str) -> str | None:
    """The document type a title line names, if the line is one ("THÔNG BÁO", "KÉ HOẠCH" in OCR)."""
    letters = [c for c in line if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters) or len(line) > 80:
        return None
    m = _DOC_TYPE_FOLDED_RE.match(fold(line.strip()))
    return DOC_TYPE_WORDS[m.group(1)] if m else None


def _header_end(blocks: list[Block], text: str) -> tuple[int, int | None]:
    """Index of the first block after the header, and of the document-type line if found."""
    for i, b in enumerate(blocks[:25]):
        if b.marker is None and doc_type_of_line(text[b.start:b.end]):
            return i, i
    # an official letter has no type line: the header ends with its number / place-date line
    lines = [text[b.start:b.end] for b in blocks[:12]]
    if any(MOTTO_LINE_RE.search(ln) for ln in lines[:6]):
        last = max((i for i, ln in enumerate(lines) if re.search(r"\bS[ốo]\s*:|,\s*ngày\b", ln)
                    or MOTTO_LINE_RE.search(ln)), default=-1)
        return last + 1, None
    return 0, None


def _title_end(blocks: list[Block], text: str, first: int) -> int:
    """Blocks after the document-type line that still belong to the title (summary lines)."""
    i = first
    while i < len(blocks) and i < first + 6:
        line = text[blocks[i].start:blocks[i].end]
        if blocks[i].marker is not None or line.startswith(("Căn cứ", "Kính gửi", "Ngày ")):
            break
        if i > first and line.startswith("Thực hiện"):       # the first line is the title whatever it says
            break
        if i > first and is_body_line(line):      # "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" under the title
            break
        if line.endswith(".") and len(line) > 120:
            break
        i += 1
    return i


# Head words of a body's name in an all-capitals header line ("ỦY BAN NHÂN DÂN", "SỞ TÀI CHÍNH")
BODY_HEAD_RE = re.compile(
    r"^(?:ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|HĐND|SỞ|BAN|PHÒNG|VĂN PHÒNG|BỘ|TỈNH ỦY|HUYỆN ỦY|THÀNH ỦY|ĐẢNG ỦY|CỤC|"
    r"CHI CỤC|TRUNG TÂM|THANH TRA|KHO BẠC|CÔNG AN|TRƯỜNG|HỘI|ĐOÀN|LIÊN ĐOÀN|MẶT TRẬN|BCH|BỘ CHỈ HUY|"
    r"CHÍNH PHỦ|THỦ TƯỚNG|QUỐC HỘI|TÒA ÁN|VIỆN KIỂM SÁT|CÔNG TY)\b")
# The term line under a council's name ("KHÓA IX KỲ HỌP THỨ SÁU")
TERM_LINE_RE = re.compile(r"^(?:KHÓA|KHOÁ|KỲ HỌP|NHIỆM KỲ)\b")


def is_body_line(line: str) -> bool:
    """An all-capitals line naming a body ("HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG") or its term ("KHÓA IX")."""
    return line.isupper() and bool(BODY_HEAD_RE.match(line) or TERM_LINE_RE.match(line)) and len(line) < 120


def _closing_start(blocks: list[Block], text: str) -> int:
    """Index of the first block of the recipients/signature block (len(blocks) if none)."""
    for i, b in enumerate(blocks):
        if b.marker is None and CLOSING_START_RE.match(text[b.start:b.end]):
            return i
    # no "Nơi nhận" (lost in OCR): the recipients list ends in "- Lưu: VT, ..." — walk back over its items
    for i in range(len(blocks) - 1, max(len(blocks) - 40, 0) - 1, -1):
        if RECIPIENTS_END_RE.match(text[blocks[i].start:blocks[i].end]):
            j = i
            while j > 0 and blocks[j - 1].marker in ("-", "+", "–", "•") and \
                    len(text[blocks[j - 1].start:blocks[j - 1].end]) < 80:
                j -= 1
            return j
    # no recipients list: a trailing run of signature lines (KT./TM. marks, all-caps titles, a name)
    i = len(blocks)
    while i > 0:
        line = text[blocks[i - 1].start:blocks[i - 1].end]
        if blocks[i - 1].marker is None and len(line) < 60 and not line.endswith((".", ";", ":")) \
                and (SIGNATURE_MARK_RE.match(line) or _looks_like_signature_line(line)):
            i -= 1
        else:
            break
    return i if i < len(blocks) and any(SIGNATURE_MARK_RE.match(text[b.start:b.end])
                                        or text[b.start:b.end].isupper()
                                        for b in blocks[i:]) else len(blocks)


def _looks_like_signature_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 8:
        return False
    letters = [c for c in line if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    return all(w[0].isupper() for w in words if w[0].isalpha()) and 2 <= len(words) <= 5


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for blocks in _documents(list(iter_blocks(text)), text):
        sentences += _split_document(blocks, text, first_id=len(sentences))
    return sentences


# After a closing block, what starts the next document of the same file: its national motto, or the
# "(Ban hành kèm theo Quyết định ...)" line of an annexed regulation
ANNEX_LINE_RE = re.compile(r"^\(?\s*(?:Ban hành )?kèm theo (?:Quyết định|Nghị quyết|Chỉ thị|Thông tư|Công văn)", re.I)
ANNEX_TYPE_RE = re.compile(r"^(?:QUY ĐỊNH|QUY CHẾ|ĐIỀU LỆ|PHỤ LỤC|KẾ HOẠCH|ĐỀ ÁN|HƯỚNG DẪN|CHƯƠNG TRÌNH|DANH MỤC)\b")


def _documents(blocks: list[Block], text: str) -> list[list[Block]]:
    """A file may hold several documents, each after the previous one's recipients and signature: a
    decision and the regulation it issues, a cover letter and the letter it forwards (scanned packets).
    Each gets its own header, title and closing, so the body of the second is not read as a signature."""
    documents = []
    while True:
        closing = _closing_start(blocks, text)
        start = _next_document(blocks, text, closing)
        if start is None:
            documents.append(blocks)
            return documents
        documents.append(blocks[:start])
        blocks = blocks[start:]


def _next_document(blocks: list[Block], text: str, closing: int) -> int | None:
    for i in range(closing + 1, len(blocks)):
        line = text[blocks[i].start:blocks[i].end]
        if MOTTO_LINE_RE.match(line) or re.search(r"CỘNG H[ÒOÓ]A XÃ HỘI", line):
            start = i              # the issuer's lines stand before the motto ("ỦY BAN NHÂN DÂN" / "THÀNH PHỐ HÀ NỘI")
            while start - 1 > closing and is_body_line(text[blocks[start - 1].start:blocks[start - 1].end]):
                start -= 1
            return start
        if ANNEX_LINE_RE.match(line):
            # the annex's type line ("QUY ĐỊNH") and subject stand just above
            for j in range(i - 1, max(closing, i - 4), -1):
                if ANNEX_TYPE_RE.match(text[blocks[j].start:blocks[j].end]):
                    return j
            return i
    return None


def _split_document(blocks: list[Block], text: str, first_id: int) -> list[Sentence]:
    header_end, type_line = _header_end(blocks, text)
    if type_line is not None:
        title_end = _title_end(blocks, text, type_line + 1)
    elif header_end > 0:                 # a letter: the "V/v ..." summary follows the header
        title_end = _title_end(blocks, text, header_end)
    elif blocks and _is_untyped_title(text[blocks[0].start:blocks[0].end], blocks):
        header_end, title_end = 0, 1     # portal page or bare body: the first line is the title
    else:
        title_end = 0
    closing = _closing_start(blocks, text)
    header_like = _post_title_header(blocks, text, title_end)

    sentences: list[Sentence] = []
    stack: list[str] = []   # marker types from outermost to innermost
    for bi, block in enumerate(blocks):
        if bi < header_end or bi in header_like:
            kinds = "header"
        elif bi < title_end:
            kinds = "title"
        elif bi >= closing:
            kinds = "closing"
        else:
            kinds = None
        level = 0
        if block.marker is not None and kinds is None:
            mtype = marker_type(block.marker)
            if mtype in stack:
                del stack[stack.index(mtype) + 1:]
            else:
                stack.append(mtype)
            level = len(stack)
        pieces = [(block.start, block.end)] if kinds else split_block(text, block.start, block.end)
        last = sentences[-1] if sentences else None
        if (kinds is None and block.marker is None and last is not None
                and last.kind in ("item", "text", "heading") and text[last.end - 1] == ","):
            # "Giao Thường trực HĐND, các Ban của HĐND,\n\nTổ đại biểu ... giám sát ...": a line that ends in
            # a comma runs on into the next (and was no heading)
            last.end = pieces[0][1]
            last.text = text[last.start:last.end]
            if last.kind == "heading":
                last.kind = "item" if last.marker else "text"
            pieces = pieces[1:]
        for pi, (s, e) in enumerate(pieces):
            sent_text = text[s:e]
            if kinds:
                kind = kinds
            elif is_deadline_only(sent_text):
                kind = "deadline"
            elif pi == 0 and block.marker is not None:
                kind = "heading" if len(pieces) == 1 and is_heading(sent_text, block.marker) else "item"
            elif pi == 0 and len(pieces) == 1 and is_heading(sent_text, None):
                kind = "heading"
            else:
                kind = "text"
            sentences.append(Sentence(
                sent_id=first_id + len(sentences), start=s, end=e, text=sent_text, kind=kind,
                marker=block.marker if pi == 0 else None, level=level))
    return sentences


def _post_title_header(blocks: list[Block], text: str, title_end: int) -> set[int]:
    """Header lines below the title: the enacting body ("HỘI ĐỒNG NHÂN DÂN TỈNH ...", "KHÓA IX ...")
    and the addressees of a letter ("Kính gửi:" and the short list under it)."""
    found: set[int] = set()
    i = title_end
    while i < min(len(blocks), title_end + 4):
        line = text[blocks[i].start:blocks[i].end]
        if is_body_line(line) and blocks[i].marker is None:
            found.add(i)
        elif ADDRESSEE_RE.match(line):
            found.add(i)
            j = i + 1
            while j < len(blocks) and blocks[j].marker is not None and \
                    len(text[blocks[j].start:blocks[j].end]) < 120 and text[blocks[j].end - 1] in ";.,":
                found.add(j)
                j += 1
            i = j
            continue
        i += 1
    return found


def _is_untyped_title(line: str, blocks: list[Block]) -> bool:
    return len(blocks) > 1 and len(line) < 300 and not line.rstrip().endswith((".", ":", ";")) \
        and blocks[0].marker is None


@component("sentences")
def make_sentence_splitter(config: dict, models_dir: Path):
    def split(doc: Document) -> Document:
        doc.sentences = split_sentences(doc.text)
        return doc
    return split
