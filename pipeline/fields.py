"""Document fields (spec §5) from the header, the first paragraph and the signature block.

A field the text does not give — or whose digits OCR destroyed — stays `None`:
nothing is filled from the file name.
"""

from __future__ import annotations

import re
from pathlib import Path

from .dates import parse_date
from .doc import DOC_TYPES, Document, DocumentFields, Person, Sentence, Span
from .registry import component
from .sentences import BODY_HEAD_RE, TERM_LINE_RE, UPPER, doc_type_of_line, fold, is_body_line

MOTTO_RE = re.compile(r"C[ỘO]NG H[ÒOÓ]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*"
                      r"Hạnh phúc", re.I)
NUMBER_RE = re.compile(r"\bS[ốo]\s*:?\s*(?P<num>[0-9][^\s,;]*(?:\s*[/-]\s*[^\s,;]+)*)")
SPLIT_NUMBER_TAIL_RE = re.compile(r"^\s*(/[^\s]+)")
# "Krông Nô, ngày 13 tháng 6 năm 2019": the place is up to four capitalised words of letters only
PLACE_DATE_RE = re.compile(
    rf"(?<![\w/.:-])(?P<place>[{UPPER}][^\W\d_]*(?:['’][^\W\d_]+)?(?:[ \t]+[{UPPER}][^\W\d_]*(?:['’][^\W\d_]+)?){{0,3}})"
    r"[ \t]*,[ \t]*(?P<date>(?i:ngày)\b.{0,40}?(?i:năm)\s*\d{4})")
UPDATED_DATE_RE = re.compile(r"(?:Ngày cập nhật|Cập nhật|Ngày đăng|Đăng ngày)\s*:?\s*(\d{1,2}/\d{1,2}/\d{4})")
FOLDED_MOTTO_RE = re.compile(r"CONG H[OA0]A\b|DOC LAP\s*[-–]")
# the enacting line of a bare body text: position or body, no punctuation ("Bộ trưởng bộ công thương")
ENACTING_LINE_RE = re.compile(
    r"(?i:ủy ban nhân dân|uỷ ban nhân dân|ubnd|hội đồng nhân dân|hđnd|thủ tướng|bộ trưởng|tổng cục trưởng|"
    r"cục trưởng|chủ tịch|giám đốc|chánh|trưởng ban|ban|bộ|sở|tổng cục|cục)\b[^.;:,\d]{0,80}$")
ENACTED_NEXT_RE = re.compile(r"(?i:căn cứ|khoá|khóa|xét|theo đề nghị)\b")
ISSUER_FORMULA_RE = re.compile(r"^(?P<body>.{3,120}?)\s+(?:xin\s+)?thông báo\s+(?:để|cho|đến|kết luận|ý kiến)")
SIGN_FOR_RE = re.compile(r"^(?:TM|T/M)\s*\.?\s*(?P<body>.+)$")
MEETING_RE = re.compile(r"cuộc họp|hội nghị|buổi làm việc|phiên họp|họp|làm việc với|kiểm tra", re.I)
NEWS_MARKERS_RE = re.compile(r"Ngày cập nhật|Tin liên quan|Tin Khác|View Counter|Chia sẻ|Bài viết|Lượt xem|"
                             r"Thống kê truy cập", re.I)
CHAIR_RE = re.compile(r"chủ trì|kết luận của|chủ tọa", re.I)

DOC_TYPE_WORDS = {
    "thông báo": "THÔNG BÁO", "kế hoạch": "KẾ HOẠCH", "chỉ thị": "CHỈ THỊ", "quyết định": "QUYẾT ĐỊNH",
    "nghị quyết": "NGHỊ QUYẾT", "công văn": "CÔNG VĂN", "báo cáo": "BÁO CÁO", "kết luận": "KẾT LUẬN",
}


def _collapse(text: str) -> str:
    return " ".join(text.split())


# A sentence-case title line that names a legal instrument: "Quyết định về việc ...", "Thông tư hướng dẫn ...",
# "Nghị định quy định ...". A portal's chrome ("Tin khác", "Chia sẻ") around it does not make it news.
FORMAL_TITLE_RE = re.compile(r"(thông báo|kế hoạch|chỉ thị|quyết định|nghị quyết|công văn|báo cáo)\s+(?:về việc|v/v)\b")
LEGAL_INSTRUMENT_RE = re.compile(r"(?:thông tư(?: liên tịch)?|nghị định|pháp lệnh)\b")
OTHER_TYPE_TITLE_RE = re.compile(r"(?:hướng dẫn|quy định|quy chế|công điện|tờ trình|đề án)\b")


def find_doc_type(doc: Document, title_sents: list[Sentence], header_number: str | None) -> str | None:
    head = title_sents[0].text if title_sents else ""
    typed = doc_type_of_line(head)
    if typed:
        return typed if typed in DOC_TYPES else "KHÁC"
    news = bool(NEWS_MARKERS_RE.search(doc.raw_text or ""))
    # a bare body text opens with its sentence-case title even where the splitter did not mark it one
    opening = (head or (doc.sentences[0].text if doc.sentences else "")).lower().strip()
    formal = FORMAL_TITLE_RE.match(opening)
    if formal:
        return DOC_TYPE_WORDS[formal.group(1)]
    if LEGAL_INSTRUMENT_RE.match(opening) or (OTHER_TYPE_TITLE_RE.match(opening) and not news):
        return "KHÁC"
    title = head.lower()
    if title.startswith("kết luận của") or title.startswith("thông báo kết luận"):
        return "THÔNG BÁO"
    for word, dtype in DOC_TYPE_WORDS.items():
        if title.startswith(word) and not news:
            return dtype
    if re.search(r"\bcông văn\b|^v/v\b", title) or re.search(r"\d/(?:UBND|[A-ZĐ]+)-", header_number or ""):
        return "CÔNG VĂN"
    if news:
        return "TIN BÀI"
    return None


def find_title(title_sents: list[Sentence]) -> str | None:
    lines = [s.text for s in title_sents]
    if lines and doc_type_of_line(lines[0]):
        rest = lines[1:]
        if not rest:
            return None
        lines = rest
    lines = [ln for ln in lines if not is_body_line(ln)] or lines
    return _collapse(" ".join(lines)) if lines else None


def find_number(header: list[Sentence]) -> str | None:
    for i, s in enumerate(header):
        m = NUMBER_RE.search(s.text)
        if not m:
            continue
        num = re.sub(r"\s*([/-])\s*", r"\1", m.group("num"))
        if num.isdigit() and i + 1 < len(header):      # "Số: 01" … "/2025/QĐ-UBND" split by the layout
            for nxt in header[i + 1:i + 8]:
                tail = SPLIT_NUMBER_TAIL_RE.match(nxt.text)
                if tail:
                    num += tail.group(1)
                    break
        if not re.fullmatch(r"\d+[a-zA-Z]?(?:[/-].*)?", num):   # digits destroyed by OCR: unknown
            return None
        return num.rstrip(".,;")
    return None


def find_place_date(sents: list[Sentence], ref_date=None):
    for s in sents:
        m = PLACE_DATE_RE.search(s.text)
        if m:
            place = MOTTO_RE.sub("", m.group("place")).strip(" -–,")
            place = re.sub(r"^.*(?:Hạnh phúc|VIỆT NAM)\s*", "", place).strip()
            return place or None, parse_date(m.group("date"), ref_date)
    return None, None


def _before_motto(line: str) -> str:
    """The left-column part of a header line OCR joined to the motto ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỌI ...")."""
    m = FOLDED_MOTTO_RE.search(fold(line))     # folding keeps offsets and absorbs OCR's broken diacritics
    return line[:m.start()] if m else line


def find_issuer(doc: Document, header: list[Sentence], closing: list[Sentence],
                body: list[Sentence]) -> str | None:
    # left column of the header: the last body line before the motto / number
    lines: list[str] = []
    for s in header:
        part = _before_motto(s.text).strip(" -–=")
        if not part or NUMBER_RE.search(part) or re.search(r"\d", part):
            if lines:
                break                                  # the left column ends at the number line
            continue
        if BODY_HEAD_RE.match(part.upper()) and part.upper() == part:
            lines.append(part)
        elif lines and part.isupper() and not BODY_HEAD_RE.match(part) and not TERM_LINE_RE.match(part):
            lines[-1] = f"{lines[-1]} {part}"          # a wrapped line of the same body
    if lines:
        return _collapse(lines[-1])
    if len(body) >= 2 and ENACTING_LINE_RE.match(body[0].text) and ENACTED_NEXT_RE.match(body[1].text):
        return _collapse(body[0].text)          # a bare body: title, then "Thủ tướng chính phủ", "Căn cứ ..."
    for s in reversed(body[-5:] if body else []):
        m = ISSUER_FORMULA_RE.match(s.text)
        if m and BODY_HEAD_RE.match(m.group("body").upper()):
            return _collapse(m.group("body"))
    for s in closing:
        m = SIGN_FOR_RE.match(s.text)
        if m:
            return _collapse(m.group("body"))
    return None


def _titles_after(doc: Document, per: Span, limit: int) -> list[Span]:
    """TITLE spans tied to a PER: right after it ("NAME - TITLE, TITLE") or right before ("TITLE NAME")."""
    titles = []
    pos = per.end
    for e in doc.entities:
        if e.start < pos or e.start > limit:
            continue
        gap = doc.text[pos:e.start]
        if e.label == "TITLE" and re.fullmatch(r"\s*[-–,]?\s*(?:kiêm\s+)?", gap):
            titles.append(e)
            pos = e.end
        elif e.start >= pos:
            break
    if not titles:
        before = [e for e in doc.entities if e.label == "TITLE" and e.end <= per.start
                  and re.fullmatch(r"\s*", doc.text[e.end:per.start])]
        titles = before[-1:]
    return titles


def find_chair(doc: Document, body: list[Sentence], title_sents: list[Sentence]) -> list[Person]:
    for s in body[:4] + title_sents:
        if not CHAIR_RE.search(s.text):
            continue
        pers = [e for e in doc.entities if e.label == "PER" and s.start <= e.start < s.end]
        if pers:
            per = pers[0]
            titles = _titles_after(doc, per, s.end)
            return [Person(per.text, ", ".join(t.text for t in titles) or None)]
    return []


def find_signer(doc: Document, closing: list[Sentence]) -> Person | None:
    if not closing:
        return None
    start, end = closing[0].start, closing[-1].end
    pers = [e for e in doc.entities if e.label == "PER" and start <= e.start and e.end <= end]
    if not pers:
        return None
    per = pers[-1]
    titles = [e for e in doc.entities if e.label == "TITLE" and start <= e.end <= per.start]
    return Person(per.text, titles[-1].text if titles else None)


def first_document(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences of a file's first document: it ends with its closing block (recipients, signature);
    whatever follows is another document (an annexed regulation, a forwarded letter; see
    `sentences.split_sentences`)."""
    closed = False
    for i, s in enumerate(sentences):
        if s.kind == "closing":
            closed = True
        elif closed:
            return sentences[:i]
    return sentences


def extract_fields(doc: Document) -> DocumentFields:
    """The fields of the file's first document: its own header, title and signature."""
    sentences = first_document(doc.sentences)
    header = [s for s in sentences if s.kind == "header"]
    title_sents = [s for s in sentences if s.kind == "title"]
    closing = [s for s in sentences if s.kind == "closing"]
    body = [s for s in sentences if s.kind not in ("header", "title", "closing")]
    f = DocumentFields()
    f.number = find_number(header)
    f.doc_type = find_doc_type(doc, title_sents, f.number)
    f.title = find_title(title_sents)
    f.place, f.issued_date = find_place_date(header + title_sents[:1])
    if f.issued_date is None and f.doc_type == "TIN BÀI":
        m = UPDATED_DATE_RE.search(doc.text[:2000])
        f.issued_date = parse_date(m.group(1)) if m else None
    f.issuer = find_issuer(doc, header, closing, body)
    if f.doc_type in ("THÔNG BÁO", "KẾT LUẬN"):
        opening = " ".join(s.text for s in body[:3])
        if MEETING_RE.search(opening):
            m = re.search(r"\b[Nn]gày\s+\d{1,2}\s*(?:/|-|tháng)\s*\d{1,2}\s*(?:/|-|năm)\s*\d{4}", opening)
            f.meeting_date = parse_date(m.group(0)) if m else None
        f.chair = find_chair(doc, body, title_sents)
    f.signer = find_signer(doc, closing)
    return f


@component("fields")
def make_field_extractor(config: dict, models_dir: Path):
    def extract(doc: Document) -> Document:
        doc.fields = extract_fields(doc)
        return doc
    return extract
