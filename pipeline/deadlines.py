"""Stage 5 — deadline classification (spec §3, §3a).

`find_deadline(text, ref_date)` gives one sentence or directive its class:

    date       a calendar point set as a time limit   "trước ngày 10/02/2018", "chậm nhất ngày 15/7"
    period     a bounded period set as a time limit   "trong Quý I/2018", "trong năm 2023"
    relative   a limit counted from an event          "trong thời hạn 15 ngày kể từ ngày nhận được"
    recurring  a stated frequency                      "định kỳ 06 tháng", "hằng tháng", "theo từng quý"
    urgent     urgency without a date                  "Khẩn trương", "ngay", "gấp", "sớm"
    none

The first class in that order wins; within a class the leftmost phrase wins.
A calendar expression counts only behind a time-limit cue ("trước", "chậm nhất",
"trong", "hoàn thành", "Thời hạn:" ...): a date that identifies a document
("Quyết định số 948/QĐ-UBND ngày 11/6/2019"), a topic or horizon year
("Kế hoạch năm 2018", "đến năm 2020", "giai đoạn 2016-2020") and a time already
past at the reference date are no deadline.

Decisions beyond the spec (tests pin them):
* A whole year inside a purpose clause ("để ...", "nhằm ...") names the horizon
  of the aim, not a limit of the task: "để làm cơ sở tổ chức thực hiện nhiệm vụ
  trong năm 2023" is none (gold 000), "khắc phục hạn chế trong năm 2018" a period.
* A calendar limit in a validity clause ("có hiệu lực ...", "được áp dụng đến hết
  ngày 31/12/2025"), after "đã" ("đã được phê duyệt trước ngày 01/10/2009") or in
  the subject of a cited document ("về việc ... trong năm 2019") is no task
  deadline; nor is a data range ("từ ngày 01/01 đến hết ngày 31/7").
* A day and month followed by "hằng năm" ("trước ngày 15 tháng 3 hằng năm") is a
  yearly deadline, hence `recurring`, not a date in the reference year.
* "hằng/hàng/mỗi + unit" is a frequency only where it modifies the action: opening
  a clause ("Hằng năm, Sở ..."), after a day or month ("ngày 25 hằng tháng"), or
  after a verb of reporting/reviewing ("báo cáo hằng năm"). After a noun it
  describes the noun: "kế hoạch ... 5 năm và hàng năm", "phụ cấp hàng tháng" are none.
* "trong thời hạn/vòng N ngày" without an anchor event is relative for short limits
  (hours, days, weeks); "tối đa 36 tháng", "không quá 3 ngày" alone are durations: none.
* "sớm" is urgent only before a verb ("sớm hoàn thiện"); after a verb of detecting
  or warning it means "early" ("phát hiện sớm", "cảnh báo sớm"): none.
  "ngay" is urgent, except "ngay cả/tại/tận/bên/trên...", "ngay từ" + a place.
  "ngay sau khi ...", "ngay khi ..." are event-anchored, hence `relative`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from .dates import DateMatch, find_dates, first_dated_point
from .doc import DEADLINE_TYPES, Deadline, Document
from .registry import component

_F = re.IGNORECASE
_CONTEXT = 80   # characters of left context a cue is looked for in

# --- calendar deadlines: a date or period behind a time-limit cue --------------------------------

# A time-limit preposition right before a calendar expression (which may itself start with "ngày").
_LIMIT_PREP = (
    r"(?:(?<!từ\s)(?<!như\s)trước"
    r"|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|đến|trong))?"
    r"|muộn\s+nhất(?:\s+là)?(?:\s+vào)?"
    r"|hạn\s+chót(?:\s+là)?(?:\s+vào)?\s*:?"
    r"|không\s+(?:quá|muộn\s+hơn)"
    r"|đến\s+hết"
    r"|trong(?:\s+thời\s+gian)?"
    r"|vào)"
)
_COMPLETION_VERB = r"(?:hoàn\s+thành|hoàn\s+tất|xong)(?:\s+xong)?"
# A label that introduces a time limit: "Thời gian thực hiện:", "Thời hạn hoàn thành:".
_LABEL_WORDS = (
    r"(?:thời\s+hạn|thời\s+gian|tiến\s+độ)"
    r"(?:\s+(?:hoàn\s+thành|thực\s+hiện|nộp|gửi|báo\s+cáo|triển\s+khai|tổ\s+chức|xong))?"
)
_LABEL = rf"{_LABEL_WORDS}\s*:"
# label or verb, then the preposition; the deadline text starts at the preposition
_CUE_BEFORE_RE = re.compile(
    rf"(?:{_LABEL}\s*(?P<range_from>từ\s+)?|{_COMPLETION_VERB}\s+)?(?P<prep>{_LIMIT_PREP}\s+)?$", _F)
_RANGE_LINK_RE = re.compile(r"\s*(?:đến|tới|-|–)\s*(?:hết\s+)?", _F)
_RANGE_START_RE = re.compile(r"(?<!\w)từ\s+$", _F)
_WHOLE_YEAR_RE = re.compile(r"năm\s+\d{4}", _F)
_YEARLY_AFTER_RE = re.compile(r"\s*(?:(?:hằng|hàng)\s+năm|của\s+năm(?!\s+\d)|năm\s+sau)", _F)
_PURPOSE_RE = re.compile(r"(?<!\w)(?:để|nhằm)(?!\w)", _F)
# validity, not a task: "có hiệu lực ... đến hết ...", "được áp dụng đến hết ngày ..."
_VALIDITY_RE = re.compile(r"hiệu\s+lực|áp\s+dụng(?:\s+\S+){0,2}\s*$", _F)
_CITED_SUBJECT_RE = re.compile(r"về\s+việc|(?<!\w)v/v(?!\w)", _F)
# "đã" a few syllables before the cue: a past condition ("đã được phê duyệt trước ngày 01/10/2009").
_PAST_BEFORE_RE = re.compile(r"(?<!\w)đã(?:\s+\S+){0,8}\s*$", _F)
_PAST_RE = re.compile(r"(?<!\w)đã(?!\w)", _F)
_CLAUSE_END_RE = re.compile(r"[;.\n]|:\s")
_CLAUSE_START_RE = re.compile(r"[;.\n:,]\s*(?=[^;.\n:,]*$)")

# --- relative deadlines: a limit counted from an event -------------------------------------------

# A number word that can open a count; "năm" (five) is left out: it reads "year" far more often.
_FIRST_NUMBER_WORD = r"(?:một|hai|ba|bốn|sáu|bảy|tám|chín|mười)(?!\w)"
_NUMBER_WORD = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|mốt|lăm|tư)(?!\w)"
_COUNT = rf"(?:(?<![\d/.,])\d{{1,3}}(?:\s*\([^()]{{1,30}}\))?|{_FIRST_NUMBER_WORD}(?:\s+{_NUMBER_WORD}){{0,3}})"
_SPAN_UNIT = r"(?:ngày(?:\s+làm\s+việc)?|tuần|tháng|năm|giờ)"
_SHORT_UNIT = r"(?:ngày(?:\s+làm\s+việc)?|tuần|giờ)(?!\s*(?:lương|công))"
_ANCHOR = r"(?:kể\s+từ|tính\s+từ|từ\s+khi|từ\s+ngày|sau\s+khi|trước\s+khi|trước\s+ngày)(?:\s+[^\s,;.:()]+){0,3}"
# Each pattern below opens with gates on its branches' first letter and first word: most
# positions fail them at once, which makes the scans several times faster.
_RELATIVE_LIMIT = (r"(?:trong(?:\s+(?:thời\s+hạn|vòng|thời\s+gian))?|chậm\s+nhất(?:\s+là)?(?:\s+(?:sau|trong))?"
                   r"|muộn\s+nhất(?:\s+là)?|không\s+quá|tối\s+đa(?:\s+không\s+quá)?|sau|trước)")
_RELATIVE_RE = re.compile(
    # "(trong) 15 ngày kể từ ngày nhận được"
    rf"\b(?=[0-9tcmksnhb])(?=\d|trong|chậm|muộn|không|tối|sau|trước|ngay|{_FIRST_NUMBER_WORD})"
    rf"(?:(?:{_RELATIVE_LIMIT}\s+)?{_COUNT}\s+{_SPAN_UNIT}\s*,?\s+{_ANCHOR}"
    rf"|trong\s+(?:thời\s+hạn|vòng)\s+{_COUNT}\s+{_SHORT_UNIT}"       # "trong thời hạn 05 ngày làm việc"
    rf"|(?:chậm|muộn)\s+nhất(?:\s+là)?(?:\s+(?:sau|trong))?\s+{_COUNT}\s+{_SPAN_UNIT}"  # "chậm nhất sau 05 ngày"
    rf"|sau\s+{_COUNT}\s+ngày\s+làm\s+việc"                          # "sau 10 ngày làm việc"
    rf"|ngay\s+(?:sau\s+)?khi(?!\s+có\s+thể)(?:\s+[^\s,;.:()]+){{1,12}})",  # "ngay sau khi ... được thông qua"
    _F,
)
_EFFECT_CLAUSE_RE = re.compile(r"hiệu\s+lực(?:\s+thi\s+hành)?\s*(?:\S+\s+){0,2}$", _F)

# --- recurring: a stated frequency ----------------------------------------------------------------

_CYCLE = r"(?:ngày|tuần|tháng|quý|năm)"
_RECURRING_RE = re.compile(
    rf"\b(?=[0-9bđthm])(?=\d|báo|theo|định|hằng|hàng|mỗi|thường|một|hai|ba)(?:(?:báo\s+cáo\s+)?(?:theo\s+)?định\s+kỳ"
    rf"(?:\s*\((?=[^()]{{0,40}}(?:tháng|năm|quý|tuần))[^()]{{1,40}}\)"          # "(06 tháng, một năm)"
    rf"|\s+(?:hằng|hàng|mỗi)\s+{_CYCLE}"                                       # "định kỳ hằng năm"
    rf"|\s+\d+\s*lần\s*/\s*{_CYCLE}"                                           # "định kỳ 01 lần/tháng"
    rf"|\s+{_COUNT}\s+{_CYCLE}(?:\s*(?:,|và|hoặc)\s*(?:{_COUNT}\s+)?{_CYCLE})*)?"  # "định kỳ 06 tháng, một năm"
    rf"|(?P<every>(?:hằng|hàng|mỗi)\s+{_CYCLE})(?!\w)"
    rf"|theo\s+từng\s+{_CYCLE}(?!\w)"
    rf"|thường\s+kỳ(?!\s+(?:tháng|quý|năm)\s+\d)"
    rf"|(?:\d+|một|hai|ba)\s*lần\s*/\s*{_CYCLE}(?!\w))",
    _F,
)
# Where "hằng năm", "mỗi quý" modify the action: a clause opening, a day or month, a verb of
# reporting or reviewing and at most two syllables of its object ("báo cáo kết quả hằng tháng").
_FREQUENCY_SLOT_RE = re.compile(
    r"(?:(?:^|[,;:.(\-–)\n]|ít\s+nhất|(?:ngày|tháng)\s+\d{1,2})\s*"
    r"|(?:báo\s+cáo|tổ\s+chức|kiểm\s+tra|công\s+bố|cập\s+nhật|rà\s+soát|đánh\s+giá|tổng\s+kết|sơ\s+kết"
    r"|thông\s+báo|quyết\s+định|kiểm\s+kê|thống\s+kê|tổng\s+hợp|gửi|họp|giao\s+ban|theo\s+dõi"
    r"|giám\s+sát|tiếp\s+công\s+dân)(?:\s+[^\s,;.:]+){0,2}\s*)$",
    _F,
)

# "kế hoạch dài hạn, 05 năm, hàng năm": a list of plan horizons, not a frequency.
_PLAN_HORIZON_RE = re.compile(r"(?:\d+\s+năm|dài\s+hạn|trung\s+hạn|ngắn\s+hạn|giai\s+đoạn|\d{4}\s*\))\s*,\s*$", _F)

# --- urgent ----------------------------------------------------------------------------------------

# "ngay" that is no urgency: "ngay cả" (even), "ngay tại/tận/bên ..." (right at), "ngay từ các ..."
_NOT_URGENT_NGAY = r"(?:cả|tại|tận|bên|cạnh|trên|dưới|giữa|chính|thẳng|ngắn|từ\s+(?:các|những\s+(?!tháng)|nơi|sớm))"
_URGENT_RE = re.compile(
    rf"\b(?=[tcsnkg])(?=trong|càng|sớm|ngay|khẩn|gấp)(?:trong\s+thời\s+gian\s+sớm\s+nhất(?:\s+có\s+thể)?|(?:càng\s+)?sớm\s+càng\s+tốt"
    rf"|sớm\s+nhất\s+có\s+thể|ngay\s+khi\s+có\s+thể"
    rf"|khẩn\s+trương|khẩn\s+cấp|gấp\s+rút"
    rf"|gấp(?!\s+(?:\d|đôi|rưỡi|nhiều|(?:\S+\s+)?lần))(?!\w)"          # not "gấp 2 lần" (times)
    rf"|sớm(?!\s*(?:nhất|hơn|[,;.:)]|$))(?=\s+\w)"                       # before a verb: "sớm hoàn thiện"
    rf"|ngay(?!\s+{_NOT_URGENT_NGAY})(?!\w))",
    _F,
)
# "sớm" after these means "early" ("phát hiện sớm"), not "soon".
_EARLY_AFTER_RE = re.compile(
    r"(?:phát\s+hiện|cảnh\s+báo|dự\s+báo|chẩn\s+đoán|can\s+thiệp|điều\s+trị|khai\s+thác|phòng\s+ngừa"
    r"|ngăn\s+chặn|nghỉ\s+hưu|về\s+hưu|từ|tầm\s+soát|sàng\s+lọc)\s+$",
    _F,
)
# Noun uses: "tính chất công việc khẩn trương", "trường hợp khẩn cấp", "ứng cứu khẩn cấp", "tờ gấp".
_URGENT_AS_NOUN_RE = re.compile(
    r"(?:tính\s+chất(?:\s+công\s+việc)?|trường\s+hợp|tình\s+trạng|tình\s+huống|sự\s+cố|công\s+trình"
    r"|ứng\s+phó|ứng\s+cứu|cứu\s+hộ|cứu\s+nạn|khai\s+quật|tờ|thủ\s+tục)\s+$",
    _F,
)

# --- deadline-only lines ---------------------------------------------------------------------------

_DEADLINE_ONLY_PREFIX_RE = re.compile(
    rf"^[\s*(\[]*(?:{_LABEL_WORDS}\s*:?\s*)?(?:(?:{_COMPLETION_VERB}|thực\s+hiện)(?:\s+xong)?\s*)?$", _F)
_DEADLINE_ONLY_SUFFIX_RE = re.compile(r"^[\s*.;,!)\]]*$")
_DEADLINE_ONLY_TYPES = ("date", "period", "relative")


def find_deadline(text: str, ref_date: dt.date | None = None) -> Deadline:
    """The deadline `text` sets; `start`/`end` are offsets into `text`."""
    for finder in (_calendar_deadline, _relative_deadline, _recurring_deadline, _urgent_deadline):
        found = finder(text, ref_date)
        if found is not None:
            return found
    return Deadline()


def find_deadline_of_type(text: str, type_: str, ref_date: dt.date | None = None,
                          relaxed: bool = False) -> Deadline | None:
    """The leftmost phrase of class `type_` in `text` as the rules read it (their gates
    applied), or None when the rules find none; "none" gives an empty Deadline.
    `relaxed`: failing that, the first phrase of the class without the gates (a date or
    period with no time-limit cue, "hàng tháng" after a noun ...)."""
    if type_ == "none":
        return Deadline()
    finders = {"date": lambda t, r: _calendar_deadline(t, r, ("date",)),
               "period": lambda t, r: _calendar_deadline(t, r, ("period",)),
               "relative": _relative_deadline, "recurring": _recurring_deadline, "urgent": _urgent_deadline}
    if type_ not in finders:
        raise ValueError(f"unknown deadline class {type_!r}")
    found = finders[type_](text, ref_date)
    if found is None and relaxed:
        found = _ungated_phrase(text, type_, ref_date)
    return found


def deadline_cues(text: str) -> set[str]:
    """The classes with a phrase anywhere in `text`, before the gates that decide whether it
    sets the task's limit: a date or period expression, a count + unit + anchor, a frequency,
    an urgency word. A feature for the trained classifier."""
    return {type_ for type_ in ("date", "period", "relative", "recurring", "urgent")
            if _ungated_phrase(text, type_, None) is not None}


# "công văn số 1088/VPCP-KTTH ngày 22/02/2010": the date names a document
_DOCUMENT_NUMBER_BEFORE_RE = re.compile(r"số\s*[\w./-]+\s*,?\s*$", _F)


def _ungated_phrase(text: str, type_: str, ref_date: dt.date | None) -> Deadline | None:
    """The first phrase of the class without the gates; for a date or period the last one that
    names no document (a limit closes its clause: "từ ... ngày 30/5 đến 8h00 ngày 06/6/2019")."""
    if type_ in ("date", "period"):
        matches = [m for m in find_dates(text, ref_date) if m.kind == type_]
        own = [m for m in matches
               if not _DOCUMENT_NUMBER_BEFORE_RE.search(text, max(0, m.start - 40), m.start)]
        match = (own or matches or [None])[-1]
        return _deadline(text, type_, match.start, match.end, match.value) if match else None
    pattern = {"relative": _RELATIVE_RE, "recurring": _RECURRING_RE, "urgent": _URGENT_RE}[type_]
    found = pattern.search(text)
    return _deadline(text, type_, *found.span()) if found else None


def is_deadline_only(text: str) -> bool:
    """True for a line that only sets a deadline for the item above it:
    "Hoàn thành trước ngày 10/02/2018.", "Thời gian thực hiện: trong tháng 6/2019"."""
    deadline = find_deadline(text)
    if deadline.type not in _DEADLINE_ONLY_TYPES:
        return False
    return bool(_DEADLINE_ONLY_PREFIX_RE.match(text[:deadline.start])
                and _DEADLINE_ONLY_SUFFIX_RE.match(text[deadline.end:]))


def reference_date(doc: Document) -> dt.date | None:
    """The date a deadline's missing year is taken from (spec §3): the document's
    issue or meeting date, else the first date in its text (the header's, whose
    day OCR may have destroyed, rather than a date cited in "Căn cứ ..." below it)."""
    return doc.fields.issued_date or doc.fields.meeting_date or first_dated_point(doc.text)


# --- calendar -----------------------------------------------------------------------------------

def _calendar_deadline(text: str, ref_date: dt.date | None,
                       kinds: tuple[str, ...] = ("date", "period")) -> Deadline | None:
    """Dates before periods (spec precedence), leftmost first within each."""
    matches = find_dates(text, ref_date)
    limits = [limit for i in range(len(matches)) if (limit := _as_limit(text, matches, i, ref_date))]
    for kind in kinds:
        for start, end, match in limits:
            if match.kind == kind:
                return _deadline(text, kind, start, end, match.value)
    return None


def _as_limit(text: str, matches: list[DateMatch], i: int, ref_date: dt.date | None,
              ) -> tuple[int, int, DateMatch] | None:
    """(start of the deadline text, its end, the expression that dates it) when
    `matches[i]` is a time limit."""
    match = matches[i]
    cue = _CUE_BEFORE_RE.search(text, max(0, match.start - _CONTEXT), match.start)
    if cue is None or not cue.group():
        return None
    prep = (cue.group("prep") or "").strip().lower()
    if prep == "vào" and _WHOLE_YEAR_RE.fullmatch(match.text):
        return None   # "phấn đấu vào năm 2025 ...": a horizon
    if prep == "đến hết" and i > 0 and _is_range_start(text, matches[i - 1], cue.start()):
        return None   # "từ ngày 01/01/2009 đến hết ngày 31/7/2009": a data range
    clause_start = _clause_start(text, cue.start())
    if (_PAST_BEFORE_RE.search(text, clause_start, cue.start())
            or _VALIDITY_RE.search(text, clause_start, cue.start())
            or _CITED_SUBJECT_RE.search(text, _sentence_start(text, cue.start()), cue.start())):
        return None
    end, last = match.end, match
    link = _RANGE_LINK_RE.match(text, match.end)
    if link and i + 1 < len(matches) and matches[i + 1].start == link.end():
        end, last = matches[i + 1].end, matches[i + 1]   # "từ tháng 6 đến tháng 9/2019": the range's end
    elif cue.group("range_from"):
        return None   # "Thời gian thực hiện: từ ngày 01/01/2010": a start, not a limit
    strict_cue = prep not in ("", "trong", "vào")
    if not _is_task_limit(text, cue.start(), end, last, ref_date, strict_cue):
        return None
    text_start = next((cue.start(g) for g in ("range_from", "prep") if cue.group(g)), match.start)
    return text_start, end, last


def _is_range_start(text: str, previous: DateMatch, cue_start: int) -> bool:
    """Does "từ <previous>" open a range that the cue at `cue_start` closes?"""
    return (not text[previous.end:cue_start].strip()
            and bool(_RANGE_START_RE.search(text, max(0, previous.start - 10), previous.start)))


def _is_task_limit(text: str, cue_start: int, end: int, match: DateMatch,
                   ref_date: dt.date | None, strict_cue: bool) -> bool:
    """Is the time behind the cue still ahead, one date, and the task's own limit?
    `strict_cue`: the cue only sets limits ("trước", "chậm nhất"), unlike "trong"/"vào",
    which also frame an account of the past."""
    if match.year_given and match.value is not None and ref_date is not None and match.value < ref_date:
        return False   # a time already past when the document was written
    if _YEARLY_AFTER_RE.match(text, end):
        return False   # "trước ngày 15 tháng 3 hằng năm", "ngày 31/01 của năm tổ chức": not one date
    if (not strict_cue and _opens_sentence(text, cue_start)
            and _PAST_RE.search(text, end, _clause_end(text, end))):
        return False   # "Trong tháng 7 năm 2019, trụ sở ... đã tiếp được 16 lượt"
    sentence_start = _sentence_start(text, cue_start)
    if _WHOLE_YEAR_RE.fullmatch(match.text) and _PURPOSE_RE.search(text, sentence_start, cue_start):
        return False   # "để ... thực hiện nhiệm vụ trong năm 2023": the aim's horizon
    return True


# --- relative, recurring, urgent ------------------------------------------------------------------

def _relative_deadline(text: str, ref_date: dt.date | None) -> Deadline | None:
    for found in _RELATIVE_RE.finditer(text):
        if not _EFFECT_CLAUSE_RE.search(text, _clause_start(text, found.start()), found.start()):
            return _deadline(text, "relative", *found.span())
    return None


def _recurring_deadline(text: str, ref_date: dt.date | None) -> Deadline | None:
    for found in _RECURRING_RE.finditer(text):
        if found.group("every") and not _is_frequency_slot(text, found.start()):
            continue   # "kế hoạch ... hàng năm": describes the noun
        return _deadline(text, "recurring", *found.span())
    return None


def _is_frequency_slot(text: str, pos: int) -> bool:
    window_start = max(0, pos - _CONTEXT)
    return bool(_FREQUENCY_SLOT_RE.search(text, window_start, pos)
                and not _PLAN_HORIZON_RE.search(text, window_start, pos))


def _urgent_deadline(text: str, ref_date: dt.date | None) -> Deadline | None:
    for found in _URGENT_RE.finditer(text):
        left_start = max(0, found.start() - _CONTEXT)
        word = found.group().lower()
        if word == "sớm" and _EARLY_AFTER_RE.search(text, left_start, found.start()):
            continue
        if word.split()[0] in ("khẩn", "gấp") and _URGENT_AS_NOUN_RE.search(text, left_start, found.start()):
            continue
        return _deadline(text, "urgent", *found.span())
    return None


# --- helpers ---------------------------------------------------------------------------------------

def _deadline(text: str, type_: str, start: int, end: int, date: dt.date | None = None) -> Deadline:
    return Deadline(type=type_, text=text[start:end], date=date, start=start, end=end)


def _clause_start(text: str, pos: int) -> int:
    """Start of the comma-delimited clause around `pos` (within `_CONTEXT` characters)."""
    found = _CLAUSE_START_RE.search(text, max(0, pos - _CONTEXT), pos)
    return found.end() if found else max(0, pos - _CONTEXT)


def _sentence_start(text: str, pos: int) -> int:
    """Start of the ";"/"."-delimited stretch around `pos`."""
    return max(text.rfind(";", 0, pos), text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1:pos]
    return not before.strip(" *-+•(")


def _clause_end(text: str, pos: int) -> int:
    found = _CLAUSE_END_RE.search(text, pos)
    return found.start() if found else len(text)


def _shifted(deadline: Deadline, offset: int) -> Deadline:
    if deadline.start is not None:
        deadline.start += offset
        deadline.end += offset
    return deadline


FALLBACKS = ("rules", "relaxed")


def combine_deadline(text: str, rule: Deadline, type_: str, proba: dict[str, float], by_model: bool,
                     ref_date: dt.date | None, fallback: str = "rules") -> Deadline:
    """One sentence's deadline from the rule result and the class `type_` a trained classifier
    chose (`by_model`: the model's own class, not the rule class it left in place; `proba`: its
    probability per class). A class the rules did not give takes the normalizer's phrase and
    date for it. Where the normalizer has no phrase of that class, `fallback` decides:
    "rules" keeps the rule result; "relaxed" takes the class with the first phrase of it
    found without the rules' gates, or with no phrase at all.
    `score` is the model's probability of the class returned; `source` says who chose it."""
    if fallback not in FALLBACKS:
        raise ValueError(f"unknown fallback {fallback!r}; known: {', '.join(FALLBACKS)}")
    deadline, source = rule, ("model" if by_model else "rules")
    if type_ != rule.type:
        found = find_deadline_of_type(text, type_, ref_date, relaxed=fallback == "relaxed")
        if found is not None:
            deadline = found
        elif fallback == "relaxed":
            deadline = Deadline(type=type_)
        else:
            source = "rules"   # no phrase of the model's class: the rules' reading stands
    deadline.score, deadline.source = float(proba.get(deadline.type, 0.0)), source
    return deadline


@component("deadlines")
def make_deadlines(config: dict, models_dir: Path) -> Callable[[Document], Document]:
    from .models import model_path
    path = model_path(config, models_dir)
    # where the model's class has no phrase the rules accept (see combine_deadline): "relaxed"
    # keeps the model's class (better on dev: sentence macro-F1 0.953 against 0.932 for "rules")
    fallback = config.get("fallback", "relaxed")
    model = None
    if path is not None:
        from .models.deadline_classifier import DeadlineClassifier
        model = DeadlineClassifier.load(path)

    def classify(doc: Document) -> Document:
        ref_date = reference_date(doc)
        rules = [find_deadline(sentence.text, ref_date) for sentence in doc.sentences]
        if model is not None and doc.sentences:
            texts = [sentence.text for sentence in doc.sentences]
            rule_types = [d.type for d in rules]
            proba = model.predict_proba(texts, rule_types)
            types = model.combine(proba, rule_types)
            by_model = (proba.max(axis=1) >= model.override_threshold).tolist()
            rules = [combine_deadline(text, rule, type_, dict(zip(DEADLINE_TYPES, row)), decided, ref_date,
                                      fallback)
                     for text, rule, type_, row, decided in zip(texts, rules, types, proba.tolist(), by_model)]
        for sentence, deadline in zip(doc.sentences, rules):
            sentence.deadline = _shifted(deadline, sentence.start)
        return doc
    return classify
