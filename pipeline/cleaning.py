"""Stage 1 — cleaning (spec §6): raw input text -> `Document.text` with an exact offset map.

Every edit goes through `MappedText` (`sub` / `delete`), so `doc.offsets[i]` is the raw
index of cleaned character `i`; characters that were not edited map onto themselves.
The steps, in order:

1. characters: legacy-font text (TCVN3, VNI ...), line breaks, invisible and space-like
   characters, HTML, NFC, one tone-mark placement;
2. markup: markdown emphasis, headings, links, rules;
3. white space inside lines;
4. whole lines that are not the document: portal chrome and a trailing related-news block,
   digital-signature stamps, OCR junk, page numbers and running page headers;
5. hard line wraps joined (decided per document from its line-length profile);
6. blank-line runs collapsed.
"""

from __future__ import annotations

import html
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple
from pathlib import Path

from .doc import Document
from .formats.encodings import detect_legacy_text
from .registry import component
from .textmap import MappedText

VIETNAMESE_LOWER = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UPPER = "A-Z" + VIETNAMESE_LOWER.upper()                 # character-class ranges for regexes
LOWER = "a-z" + VIETNAMESE_LOWER
UPPER_RE = re.compile(f"[{UPPER}]")
LOWER_RE = re.compile(f"[{LOWER}]")

TONE_STYLES = ("traditional", "keep")

# ---------------------------------------------------------------------------------------------
# 1. characters

LINE_BREAK_RE = re.compile("[\r\x0b\x85\u2028\u2029]")
PAGE_BREAK_RE = re.compile(r"\n?\f+\n?")               # a page break becomes a line "\f" of its own
INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
SPACE_LIKE_RE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Eth is a common stand-in for Đ in text typed with legacy keyboards / fonts
GLYPH_FIXES = {"Ð": "Đ", "ð": "đ"}
GLYPH_RE = re.compile("[" + "".join(GLYPH_FIXES) + "]")

HTML_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#[xX][0-9a-fA-F]{1,5});")
HTML_BLOCK_TAG_RE = re.compile(
    r"<\s*/?\s*(?:br|p|div|li|tr|td|th|h[1-6]|ul|ol|table|tbody|thead|blockquote|hr)\b[^<>\n]*/?\s*>", re.I)
HTML_INLINE_TAG_RE = re.compile(
    r"<\s*/?\s*(?:b|i|u|em|strong|span|font|a|sup|sub|small|big|center|img|section|article)\b"
    r"[^<>\n]*/?\s*>", re.I)

COMBINING_RE = re.compile("[^\n][\u0300-\u036f]+")

# Tone on the first vowel of open "oa", "oe", "uy" (hòa, khỏe, thủy); "qu" + y keeps its tone (quý).
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ"}
TONE_RE = re.compile(
    "(?:[oO][" + _TONED["a"] + _TONED["e"] + (_TONED["a"] + _TONED["e"]).upper() + "]"
    "|(?<![qQ])[uU][" + _TONED["y"] + _TONED["y"].upper() + "])(?!\\w)"
)


def _tone_fixes() -> dict[str, str]:
    """'oà' -> 'òa', 'Uỷ' -> 'Ủy', 'HOÀ' -> 'HÒA' ... every case combination."""
    fixes = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for toned_second, toned_first in zip(_TONED[second], _TONED[first]):
            for f, new_first in ((first, toned_first), (first.upper(), toned_first.upper())):
                for s, new_second in ((toned_second, second), (toned_second.upper(), second.upper())):
                    fixes[f + s] = new_first + new_second
    return fixes


TONE_FIXES = _tone_fixes()

# ---------------------------------------------------------------------------------------------
# 2. markup

BOLD_RE = re.compile(r"(\*\*|__)(?=\S)(?:(?!\1|\n[ \t]*\n).)+?(?<=\S)\1", re.S)
ITALIC_RE = re.compile(r"(?<![\w*])\*(?=[^\s*])[^*\n]+?(?<=[^\s*])\*(?![\w*])")
MD_HEADING_RE = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
MD_LINK_RE = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")
# markdown rules and drawn separators ("---", "———", "¯¯¯", "......")
MD_RULE_RE = re.compile(r"(?m)^[ \t]*(?:[-*_—–=¯.·][ \t]*){3,}$")

# ---------------------------------------------------------------------------------------------
# 3. white space

EDGE_SPACE_RE = re.compile(r"(?m)^ +| +$")
INNER_SPACE_RE = re.compile(r"(?<=\S) {2,}(?=\S)")

# ---------------------------------------------------------------------------------------------
# 4. lines that are not the document

_N = r"\s*:?\s*[\d.,]+"          # a counter value: "Tổng truy cập 7.650.047", "Views Today : 44"
PORTAL_CHROME_LINES = (
    r"Tìm kiếm(?: nâng cao)?\.{0,3}", r"Search(?: for)?:?", r"Skip to (?:main )?content", r"Language",
    r"Menu", r"Tiếng Việt", r"English", r"Đăng nhập", r"Đăng ký", r"Đăng xuất", r"RSS",
    r"TIẾN ĐỘ XỬ LÝ HỒ SƠ(?: TTHC)?", r"Chung nhan Tin Nhiem Mang", r"Chứng nhận Tín nhiệm Mạng",
    r"Trang chủ(?:\s*[>»/|›].*)?", r"Sơ đồ (?:trang|site|cổng)", r"Giới thiệu", r"Liên hệ", r"Hỏi đáp",
    r"Thống kê truy cập", r"Lượt truy cập" + f"(?:{_N})?", r"(?:Tổng|Số) (?:số )?(?:lượt )?truy cập" + _N,
    r"Hiện tại" + _N + r" khách", r"Đang (?:truy cập|online|trực tuyến)" + _N, r"(?:Trực tuyến|Online)" + _N,
    r"(?:Hôm nay|Hôm qua|Tuần này|Tháng này|Năm nay|Tất cả|Truy cập hôm nay)" + _N,
    r"View Counter", r"Views? (?:Today|Yesterday|This Week|This Month|This Year|Last \w+)" + _N,
    r"Total (?:views|visitors?)" + _N, r"Visitors?(?: Online| Today)?" + _N, r"(?:Số )?[Ll]ượt xem" + _N,
    r"Chia sẻ(?: bài viết)?\s*:?(?:\s*(?:Facebook|Zalo|Twitter|Email|In))*", r"Share(?: this)?:?",
    r"Facebook", r"Zalo", r"Twitter", r"Tweet", r"Like", r"In bài(?: viết)?", r"In trang", r"Bản in",
    r"Gửi (?:email|e-mail|bài viết|cho bạn bè)", r"Lưu bài(?: viết)?", r"Về đầu trang", r"Lên đầu trang",
    r"Đầu trang", r"Quay lại", r"Trở về", r"Trở lại", r"Xem thêm", r"Đọc thêm", r"Tải về", r"Cỡ chữ",
    r"Nghe (?:đọc )?bài(?: viết)?", r"Xem tin theo ngày", r"Chọn ngày", r"Bài viết mới", r"Tin mới(?: nhất)?",
    r"(?:Xem )?[Cc]hi tiết .{0,150}xem tại đây\.?", r"Xem (?:chi tiết|toàn văn|văn bản) tại đây\.?",
    r"Bản quyền (?:thuộc|©).*", r"©.*", r"Copyright\b.*", r"Ghi rõ nguồn.*", r"Powered by\b.*",
    r"Thiết kế bởi\b.*", r"Phát triển bởi\b.*",
)
# A heading after which the rest of the page is related links, counters and the footer.
TAIL_BLOCK_MARKERS = (
    r"Tin liên quan", r"Tin khác", r"Các tin khác", r"Tin cùng chuyên mục", r"Tin đã đưa",
    r"Các tin đã đưa", r"Tin bài liên quan", r"Tin tức liên quan", r"Bài viết liên quan",
    r"Bài viết cùng chuyên mục", r"Bài viết khác", r"Các bài viết khác", r"Văn bản liên quan",
    r"Tin xem nhiều", r"Xem nhiều nhất", r"Thống kê truy cập", r"View Counter",
)
CHROME_LINE_RE = re.compile(r"(?i)(?:" + "|".join(PORTAL_CHROME_LINES) + r")\s*[:.]?")
TAIL_MARKER_RE = re.compile(r"(?i)(?:" + "|".join(TAIL_BLOCK_MARKERS) + r")\s*:?")
BREADCRUMB_RE = re.compile(rf"[{UPPER}][^>»›\n]{{0,40}}(?:\s[>»›]\s[{UPPER}][^>»›\n.:;]{{0,60}})+")
BODY_PARAGRAPH_CHARS = 150

# Digital-signature stamps printed on signed PDFs ("Người ký: Sở Tài chính / Email: ... /
# Cơ quan: Tỉnh Đắk Nông / Thời gian ký: 20.05.2019 09:20:18 +07:00"), often broken over lines.
STAMP_LABEL_RE = re.compile(
    r"^.{0,8}?(?:Người ký|Ký bởi|E-?mail|Cơ quan|T?hời gian\s?k\S{0,3}|Ngày ký)\s*:"
    r"|^\W{0,3}Signature (?:Not )?(?:Verified|Valid)\b", re.I)
WEAK_STAMP_LABEL_RE = re.compile(r"^.{0,8}?(?:E-?mail|Cơ quan)\s*:", re.I)
STAMP_TIME_RE = re.compile(r"\d{1,2}:\d{2}:\d{2}|\+\s?07:?00")
STAMP_END_RE = re.compile(r"\+\s?07:?00")
STAMP_TAIL_RE = re.compile(
    r"(?<=[;,.)])[ ]+\S{0,3}[ ]?(?:Người ký|Ký bởi|Thời gian\s?k\S{0,3})\s*:.*$"
    r"|(?<=;)[ ]+(?:\d{1,2}:\d{2}:\d{2}|\+07:?00)\W{0,3}$", re.M)
STAMP_LABEL_MAX_CHARS = 45
STAMP_VALUE_MAX_CHARS = 20
STAMP_MAX_LINES = 12

# OCR junk: tokens made of stray symbols or glyphs that Vietnamese does not use.
JUNK_SYMBOLS = frozenset("|=~`^¬§©®°£€$_\\{}‹›«»¡¿†‡ˆ⁄„#¯")
FOREIGN_OK = "µ"                                    # letters outside Vietnamese that units use
JUNK_SYMBOL_RE = re.compile("[" + re.escape("".join(sorted(JUNK_SYMBOLS))) + "]")
# a junk symbol, or a letter that is neither Vietnamese nor a unit sign
NOISE_CHAR_RE = re.compile(JUNK_SYMBOL_RE.pattern + rf"|[^\W\d_{LOWER}{UPPER}{FOREIGN_OK}]")
_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
SYLLABLE_RE = re.compile(
    rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[{_VOWELS}]{{1,3}}(?:ch|ng|nh|[cmnpt])?")
PAGE_NUMBER_RE = re.compile(r"(?:-\s*)?(\d{1,3})(?:\s*-)?|(?:Trang|Page)\s+(\d{1,3})(?:\s*/\s*\d{1,3})?", re.I)
MIN_LINES_PER_PAGE = 18
RUNNING_HEADER_MIN_PAGES = 3
RUNNING_HEADER_MIN_SHARE = 0.6

# ---------------------------------------------------------------------------------------------
# 5. hard line wraps

FINAL_PUNCT_RE = re.compile(r"(?:[.!?:;…]|\./\.)[\"'”’)\]]*$")
SENTENCE_END_RE = re.compile(r"[.!?;…][\"'”’)\]]*$")
ELLIPSIS_END_RE = re.compile(r"(?:\.\.\.|…)$")
LIST_MARKER_RE = re.compile(
    rf"""(?:
        [-+•●○▪■□◦‣∙*–—~](?:\s|$)                         # - + • – (OCR reads "-" as "~")
      | [{LOWER}A-Z]\s?\)                                  # a)  đ)  A)
      | [a-zđ]\.\s*(?:\d|[{UPPER}])                          # a. Đối với  b. 2.
      | \d{{1,3}}(?:\.\d{{1,3}})*\s?[.)](?:\s|$|[{UPPER}"“(])  # 1.  1.1.  2)  2.Các
      | \d{{1,3}}(?:\.\d{{1,3}})+\s+[{UPPER}]               # 3.4 Chỉ đạo
      | [IVXLC]+\s?[.)/-](?:\s|$|[{UPPER}])                # II.  IV/
      | (?:Điều|ĐIỀU|Khoản|Điểm)\s+\d+[a-zđ]?\s*(?:[.:]|$)  # Điều 3.
      | (?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Phụ lục|PHỤ LỤC)\s+(?:[IVXLC\d]+|thứ\s+\w+)\b
    )""",
    re.VERBOSE,
)
BLOCK_START_RE = re.compile(
    r"(?:Nơi nhận|Kính gửi|Đồng kính gửi|Căn cứ|Xét|Theo đề nghị|Đơn vị tính|Ghi chú|"
    r"(?:KT|TM|TL|TUQ|Q|T/M|K/T)\s?\.|Số\s?[:;]|\(Kèm theo|(?i:Quyết định|Quyết nghị)\s?:)"
)
HEADER_LINE_RE = re.compile(
    r"Độc lập\s?[-–]\s?Tự do|CỘNG H[ÒO]À|^[^\W\d][^,\n]{1,30}, ngày .{1,4} tháng .{1,4} năm \d{4}\W*$|^Số\s?[:;]",
    re.I)
# Words that never end a sentence or a heading: a line ending in one continues on the next.
CONTINUING_WORDS = frozenset("""
    của và với các những cho tại theo về để là có được trong từ đến bị do vì hoặc hay mà thì nhưng
    như số ngày tháng năm khoản điểm điều giao đã đang sẽ cũng một nhằm đối việc sự ở trên qua gồm
    tới cùng thuộc phải nếu khi cứ đoạn khoảng đạt
""".split())
COUNCIL_START_RE = re.compile(r"(?:Hội đồng nhân dân|HĐND)\b")
# Numbered and structural markers can open a heading; bullets ("-", "+") open items only.
HEADING_MARKER_RE = re.compile(
    rf"(?:\d{{1,3}}(?:\.\d{{1,3}})*\s?[.)]|[IVXLC]+\s?[.)/-]|[{LOWER}]\)|"
    r"(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Phụ lục|PHỤ LỤC)\s)")
# Words a place or person name follows: a line ending in one goes on with the name.
PLACE_WORDS = frozenset("tỉnh huyện xã phường trấn phố quận thôn buôn ấp đường chí ông bà".split())
# A reference split at the line end: "Điều" / "1. Quy định ...", "giai đoạn 2014" / "- 2016".
SPLIT_REFERENCE_RE = re.compile(
    r"(?:[Đđ]iều|[Đđ]iểm|[Kk]hoản|[Cc]hương|[Mm]ục|[Pp]hần)\n(?:\d|[IVXLC]+\b).*"
    r"|.*\d\W?\n[-–+] ?\d.*", re.S)
# "Điều 1 được sửa đổi ..." after an open line is a reference, not an article heading
ARTICLE_REFERENCE_RE = re.compile(r"(?:Điều|Khoản|Điểm|Chương|Mục)\s+\d+[a-zđ]?\s+[^\W\d]")
TAIL_LINE_RATIO = 0.4
# The enacting body printed in capitals under a title ("HỘI ĐỒNG NHÂN DÂN TỈNH CAO BẰNG").
ENACTING_BODY_RE = re.compile(
    r"(?:HỘI ĐỒNG NHÂN DÂN|[ỦU]Y BAN NHÂN DÂN|UBND|CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|CHÍNH PHỦ|"
    r"BAN THƯỜNG VỤ|BAN CHẤP HÀNH|KHÓA|NƠI NHẬN|QUYẾT ĐỊNH|QUYẾT NGHỊ|TM\.|KT\.|TL\.)")
WRAPPED_MIN_PAIRS = 8
WRAPPED_MIN_OPEN_RATIO = 0.4
WRAPPED_MAX_WIDTH = 140           # printed pages hold 70-130 characters a line
LONG_LINE_RATIO = 0.75


# ---------------------------------------------------------------------------------------------


def clean_text(raw: str, *, strip_portal_chrome: bool = True, join_wrapped_lines: bool = True,
               tone_style: str = "traditional") -> MappedText:
    """Clean one document's raw text (spec §6); returns the text with its offset map."""
    if tone_style not in TONE_STYLES:
        raise ValueError(f"tone_style must be one of {TONE_STYLES}, not {tone_style!r}")
    mt = normalize_characters(MappedText(raw), tone_style)
    mt = strip_markup(mt)
    mt = normalize_spaces(mt)
    mt = drop_non_text_lines(mt, strip_portal_chrome)
    if join_wrapped_lines:
        mt = join_wrapped(mt)
    return mt.sub(r"\n{3,}", "\n\n").sub(r"^\s+|\s+$", "")


# 1. characters -------------------------------------------------------------------------------

def normalize_characters(mt: MappedText, tone_style: str = "traditional") -> MappedText:
    """Legacy encoding, line breaks, page breaks, HTML, invisible and space-like characters,
    NFC, tone marks."""
    # the reader converts legacy files; this catches text handed over as a string
    legacy = detect_legacy_text(mt.text)
    if legacy:
        mt = mt.sub(legacy.pattern, legacy.replace)
    mt = mt.sub(r"\r(?=\n)", "")
    mt = mt.sub(LINE_BREAK_RE, "\n")
    mt = mt.sub(PAGE_BREAK_RE, "\n\f\n")
    mt = mt.sub(HTML_BLOCK_TAG_RE, "\n")
    mt = mt.delete(m.span() for m in HTML_INLINE_TAG_RE.finditer(mt.text))
    mt = mt.sub(HTML_ENTITY_RE, lambda m: html.unescape(m.group()))
    mt = mt.sub(INVISIBLE_RE, "")
    mt = mt.sub(SPACE_LIKE_RE, " ")
    mt = mt.sub(GLYPH_RE, lambda m: GLYPH_FIXES[m.group()])
    mt = mt.sub(COMBINING_RE, lambda m: unicodedata.normalize("NFC", m.group()))
    if tone_style == "traditional":
        mt = mt.sub(TONE_RE, lambda m: TONE_FIXES[m.group()])
    return mt


# 2. markup -----------------------------------------------------------------------------------

def strip_markup(mt: MappedText) -> MappedText:
    """Markdown emphasis, headings, links and rules; the inner text stays where it was."""
    mt = mt.delete(span for m in BOLD_RE.finditer(mt.text)
                   for span in ((m.start(), m.start() + 2), (m.end() - 2, m.end())))
    mt = mt.delete(span for m in ITALIC_RE.finditer(mt.text)
                   for span in ((m.start(), m.start() + 1), (m.end() - 1, m.end())))
    mt = mt.delete(m.span() for m in MD_HEADING_RE.finditer(mt.text))
    mt = mt.delete(span for m in MD_LINK_RE.finditer(mt.text)
                   for span in ((m.start(), m.start() + 1), (m.end(1), m.end())))
    return mt.delete(m.span() for m in MD_RULE_RE.finditer(mt.text))


# 3. white space ------------------------------------------------------------------------------

def normalize_spaces(mt: MappedText) -> MappedText:
    """No indentation, no trailing spaces, one space between words."""
    return mt.sub(EDGE_SPACE_RE, "").sub(INNER_SPACE_RE, " ")


# 4. lines that are not the document ----------------------------------------------------------

@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text or self.text == "\f"


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for chunk in text.split("\n"):
        lines.append(Line(pos, pos + len(chunk), chunk))
        pos += len(chunk) + 1
    return lines


def drop_non_text_lines(mt: MappedText, strip_portal_chrome: bool = True) -> MappedText:
    """Delete whole lines that are not part of the document (and stamp text glued to a line)."""
    lines = split_lines(mt.text)
    drop = signature_stamp_lines(lines)
    if strip_portal_chrome:
        drop |= portal_chrome_lines(lines)
    drop |= {i for i, line in enumerate(lines) if is_ocr_junk(line.text)}
    drop |= page_number_lines(lines, drop)
    drop |= running_header_lines(lines, drop)
    n = len(mt.text)
    ranges = [(lines[i].start, min(lines[i].end + 1, n)) for i in drop]
    # a page break leaves a blank line: the paragraphs around it stay apart
    ranges += [(line.start, line.end) for line in lines if line.text == "\f"]
    ranges += [m.span() for m in STAMP_TAIL_RE.finditer(mt.text)]
    return mt.delete(ranges)


def portal_chrome_lines(lines: list[Line]) -> set[int]:
    """Navigation, counters, share buttons; from a related-news heading to the end of the page."""
    drop = {i for i, line in enumerate(lines)
            if CHROME_LINE_RE.fullmatch(line.text) or BREADCRUMB_RE.fullmatch(line.text)}
    seen_body = False
    for i, line in enumerate(lines):
        if TAIL_MARKER_RE.fullmatch(line.text):
            # only after the article: a sidebar list above the article must not take the body with it
            drop |= set(range(i, len(lines))) if seen_body else {i}
            if seen_body:
                break
        seen_body = seen_body or len(line.text) >= BODY_PARAGRAPH_CHARS
    return drop


def signature_stamp_lines(lines: list[Line]) -> set[int]:
    """Lines of digital-signature stamps: labels, their short values, the signing time."""
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if _is_stamp_label(line.text) and _label_confirmed(lines, i):
            drop |= _stamp_block(lines, i, step=1)
        elif STAMP_END_RE.search(line.text) and _is_stamp_value(line.text, STAMP_LABEL_MAX_CHARS):
            drop |= _stamp_block(lines, i, step=-1)
    return drop


def _is_stamp_label(text: str) -> bool:
    return len(text) <= STAMP_LABEL_MAX_CHARS and bool(STAMP_LABEL_RE.match(text))


def _label_confirmed(lines: list[Line], i: int) -> bool:
    """'Email:' or 'Cơ quan:' alone may be body text; a second stamp line nearby confirms it."""
    if not WEAK_STAMP_LABEL_RE.match(lines[i].text):
        return True
    near = lines[max(0, i - 6):i] + lines[i + 1:i + 7]
    return any(_is_stamp_label(line.text) or STAMP_TIME_RE.search(line.text) for line in near)


def _is_stamp_value(text: str, max_chars: int = STAMP_VALUE_MAX_CHARS) -> bool:
    """A short fragment of a stamp ('Tài chính', 'stc@daknong.go', '20.05.2019', '+07:00')."""
    if len(text) > max_chars or LIST_MARKER_RE.match(text) or is_caps(text):
        return False
    return bool(STAMP_TIME_RE.search(text)) or not FINAL_PUNCT_RE.search(text)


def _stamp_block(lines: list[Line], i: int, step: int) -> set[int]:
    """From a stamp line, walk forward (from a label) or back (from the time) over the stamp."""
    block = {i}
    j = i + step
    while 0 <= j < len(lines) and abs(j - i) <= STAMP_MAX_LINES:
        text = lines[j].text
        if step > 0 and STAMP_END_RE.search(lines[j - 1].text):
            break
        if lines[j].blank:
            j += step
            continue
        if not (_is_stamp_label(text) or _is_stamp_value(text)
                or (STAMP_TIME_RE.search(text) and _is_stamp_value(text, STAMP_LABEL_MAX_CHARS))):
            break
        block.add(j)
        j += step
    return block


def is_ocr_junk(text: str) -> bool:
    """A line with at least as many junk tokens (stray symbols, glyphs Vietnamese does not use)
    as real ones and no two Vietnamese words in a row: '“ == |', '~. £ xÁ', 'Šẽ HE'."""
    if len(text) == 1 and text.isalpha() and not text.isascii():
        return True
    if not NOISE_CHAR_RE.search(text):
        return False
    tokens = text.split()
    kinds = [_token_kind(token) for token in tokens]
    junk, real = kinds.count("junk"), kinds.count("real")
    if junk == 0 or junk < real:
        return False
    return not any(is_syllable(a) and is_syllable(b) for a, b in zip(tokens, tokens[1:]))


def _token_kind(token: str) -> str:
    """'junk' (as many stray symbols and foreign glyphs as letters, or more than letters and
    digits: 'Ù⁄', 'm|t®|#v|Ñ'), 'real', or 'punct' (punctuation, a bare column separator)."""
    if token == "|":
        return "punct"
    noise_chars = NOISE_CHAR_RE.findall(token)
    noise = len(noise_chars)
    alnum = sum(c.isalnum() for c in token) - sum(c.isalnum() for c in noise_chars)
    if noise > alnum or (noise and noise == alnum and not any(c.isdigit() for c in token)):
        return "junk"
    return "real" if alnum else "punct"


def is_syllable(token: str) -> bool:
    """A well-formed Vietnamese syllable of two letters or more ('nhà', 'nước'; not 'cslưujm')."""
    word = token.strip(".,;:!?()|\"'“”").lower()
    return len(word) >= 2 and bool(SYLLABLE_RE.fullmatch(word))


class NumberLine(NamedTuple):
    """An isolated number line: where it is, its value, and how many text lines precede it."""
    index: int
    number: int
    explicit: bool            # "Trang 3", "Page 3/12"
    text_lines_before: int


def page_number_lines(lines: list[Line], dropped: set[int]) -> set[int]:
    """Bare page numbers: isolated number lines, a page apart, that count up (2, 3, 4 ...)."""
    def blank(i: int) -> bool:
        return i < 0 or i >= len(lines) or lines[i].blank or i in dropped

    candidates: list[NumberLine] = []
    text_lines = 0
    for i, line in enumerate(lines):
        m = PAGE_NUMBER_RE.fullmatch(line.text)
        if m and blank(i - 1) and blank(i + 1):
            candidates.append(NumberLine(i, int(m.group(1) or m.group(2)), m.group(2) is not None, text_lines))
        elif not blank(i):
            text_lines += 1
    pages: set[int] = set()
    last, last_at = 1, 0
    for k, cand in enumerate(candidates):
        following = candidates[k + 1] if k + 1 < len(candidates) else None
        previous = candidates[k - 1] if k else None
        if _counts_close_by(cand, following) or _counts_close_by(previous, cand):
            continue                     # 1, 2, 3 a few lines apart: a numbered list or table
        a_page_on = cand.text_lines_before - last_at >= MIN_LINES_PER_PAGE
        next_page = following is not None and following.number == cand.number + 1
        # counting on from the last page, confirmed by the next one, or the lone "2" of a short text
        counts_on = cand.number == last + 1 or next_page or (cand.number == 2 and not pages)
        if cand.explicit or (counts_on and a_page_on):
            pages.add(cand.index)
            last, last_at = cand.number, cand.text_lines_before
    return pages


def _counts_close_by(a: NumberLine | None, b: NumberLine | None) -> bool:
    return (a is not None and b is not None and b.number == a.number + 1
            and b.text_lines_before - a.text_lines_before < MIN_LINES_PER_PAGE)


def running_header_lines(lines: list[Line], dropped: set[int]) -> set[int]:
    """A line that opens most pages is a running header: keep its first use only."""
    firsts: list[int] = []
    page_started = True
    for i, line in enumerate(lines):
        if line.text == "\f" or (i in dropped and PAGE_NUMBER_RE.fullmatch(line.text)):
            page_started = True
        elif page_started and not line.blank and i not in dropped:
            firsts.append(i)
            page_started = False
    counts = Counter(lines[i].text for i in firsts)
    repeated = {text for text, n in counts.items()
                if n >= RUNNING_HEADER_MIN_PAGES and n >= RUNNING_HEADER_MIN_SHARE * len(firsts)}
    seen: set[str] = set()
    drop = set()
    for i in firsts:
        text = lines[i].text
        if text in repeated and text in seen:
            drop.add(i)
        seen.add(text)
    return drop


# 5. hard line wraps --------------------------------------------------------------------------

@dataclass(slots=True)
class WrapProfile:
    """Whether a document is hard-wrapped, and the width its lines wrap at."""
    wrapped: bool
    width: float


def wrap_profile(lines: list[Line]) -> WrapProfile:
    """Hard-wrapped text has many lines that stop mid-sentence right before another line."""
    lengths = [len(line.text) for line in lines if not line.blank]
    pairs = [(a.text, b.text) for a, b in zip(lines, lines[1:])
             if len(a.text) >= 20 and not b.blank]
    if len(lengths) < 2 or not pairs:
        return WrapProfile(False, float(max(lengths, default=0)))
    open_ends = sum(1 for a, _ in pairs if not FINAL_PUNCT_RE.search(a) and not is_caps(a))
    width = statistics.quantiles(lengths, n=10)[-1]
    wrapped = (len(pairs) >= WRAPPED_MIN_PAIRS and width <= WRAPPED_MAX_WIDTH
               and open_ends / len(pairs) >= WRAPPED_MIN_OPEN_RATIO)
    return WrapProfile(wrapped, width)


def join_wrapped(mt: MappedText) -> MappedText:
    """Replace the line break(s) inside a sentence by one space."""
    lines = split_lines(mt.text)
    profile = wrap_profile(lines)
    joins: set[int] = set()
    prev: Line | None = None
    gap = 0
    for line in lines:
        if line.blank:
            gap += 1
            continue
        if prev is not None and continues(prev.text, line.text, profile, adjacent=gap == 0):
            joins.add(prev.end)
        prev, gap = line, 0
    return mt.sub(r"\n+", lambda m: " " if m.start() in joins else m.group())


def continues(a: str, b: str, profile: WrapProfile, adjacent: bool = True) -> bool:
    """Does line `b` continue the sentence of line `a`?"""
    if ELLIPSIS_END_RE.search(a) and _first_alnum(b).islower() and not LIST_MARKER_RE.match(b):
        return True                           # "chính sách..." / "làm ảnh hưởng đến ..."
    if (FINAL_PUNCT_RE.search(a) or HEADER_LINE_RE.search(a) or a.startswith("Nơi nhận")
            or (a[0] == "(" and a[-1] == ")")):
        return False
    wrapped = adjacent and profile.wrapped
    last_word = (a.rsplit(None, 1) or [""])[-1]      # a line of separators (\x1c-\x1f) has no word
    if wrapped and SPLIT_REFERENCE_RE.fullmatch(last_word + "\n" + b[:4]):
        return True
    if LIST_MARKER_RE.match(b) or BLOCK_START_RE.match(b) or HEADER_LINE_RE.search(b):
        return False
    a_caps, b_caps = is_caps(a), is_caps(b)
    long_a = len(a) >= LONG_LINE_RATIO * profile.width
    if a_caps or b_caps:                      # only a wrapped all-caps title goes on in caps
        return wrapped and a_caps and b_caps and long_a and not ENACTING_BODY_RE.match(b)
    first = _first_alnum(b)
    if first.islower():
        return True
    if not wrapped:
        return False
    if last_word.lower() in CONTINUING_WORDS or ARTICLE_REFERENCE_RE.match(b):
        return True
    # a short line that closes a sentence ("Nghị quyết này.") is the tail of the line above
    if len(b) <= TAIL_LINE_RATIO * profile.width and SENTENCE_END_RE.search(b):
        return True
    # a council's standing office broken from its council: "Điều 3. Thường trực" / "Hội đồng nhân dân tỉnh, ..."
    if a.endswith("Thường trực") and COUNCIL_START_RE.match(b):
        return True
    if HEADING_MARKER_RE.match(a) and not long_a:  # a short heading keeps its own line
        return False
    if long_a or "," in a:
        return True
    if last_word in PLACE_WORDS and first.isupper():   # "tỉnh" / "Cao Bằng gồm ..."
        return True
    # a name broken over two lines: "Hội đồng nhân dân tỉnh Hà" / "Giang đã thảo luận"
    return last_word.isalpha() and last_word[0].isupper() and first.isupper()


def is_caps(text: str) -> bool:
    upper = len(UPPER_RE.findall(text))
    return upper >= 2 and len(LOWER_RE.findall(text)) <= 0.1 * upper


def _first_alnum(text: str) -> str:
    return next((c for c in text if c.isalnum()), "")


# ---------------------------------------------------------------------------------------------

@component("clean")
def make_cleaner(config: dict, models_dir: Path):
    options = {key: config[key] for key in ("strip_portal_chrome", "join_wrapped_lines", "tone_style")
               if key in config}

    def clean(doc: Document) -> Document:
        mt = clean_text(doc.raw_text, **options)
        doc.text, doc.offsets = mt.text, mt.offsets
        return doc
    return clean
