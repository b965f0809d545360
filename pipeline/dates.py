"""Vietnamese calendar expressions -> `datetime.date` (pure functions, no state).

Two kinds of expression (spec §2 DATE, §3):

* a calendar point: "ngày 07/02/2023", "11-6-2018", "ngày 11 tháng 6 năm 2018",
  "ngày 15/7" (year taken from `ref_date`);
* a bounded period, valued by its last day: "Quý I/2018", "tháng 6 năm 2019",
  "năm 2023", "6 tháng đầu năm 2019", "cuối quý I năm 2010", "giữa năm",
  and a year range "2016-2020".

    >>> parse_date("ngày 11 tháng 6 năm 2018")
    datetime.date(2018, 6, 11)
    >>> period_end("Quý I/2018")
    datetime.date(2018, 3, 31)

`find_dates` scans a text once with a single compiled pattern and reports every
expression with its offsets, so the entity and deadline stages share one grammar.
Digits destroyed by OCR ("ngày⁄Ÿ tháng 6 năm 2019") still make a match, valued
`None`: the text is a date, its value is unknown and never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

VIETNAMESE_LETTERS = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# OCR glues junk glyphs to numbers ("5Š") or leaves only junk where a number was
# ("ngày⁄Ÿ"): characters that are no Vietnamese letter, digit, blank or punctuation.
_JUNK_CHAR = rf"[^\s\d{VIETNAMESE_LETTERS}.,;:!?()\[\]/\\\-–—\"'“”‘’…*]"
_J = f"{_JUNK_CHAR}{{0,2}}"
_BROKEN = f"{_JUNK_CHAR}{{1,3}}"
_YEAR = r"(?:19|20)\d{2}"
_SEP_YEAR = rf"\s*(?:/|-|\s+năm\s+)\s*({_YEAR})"   # "/2018", "-2018", " năm 2018"
_QUARTER = r"(IV|I{1,3}|[1-4])"

_PATTERNS: dict[str, str] = {
    # "ngày 11 tháng 6 năm 2018", "ngày 15 tháng 7", "ngày 30 tháng 5Š năm 2019", "ngày 03tháng02năm 2025"
    "dmy_words": rf"ngày\s*(\d{{1,2}}){_J}\s*tháng\s*(\d{{1,2}}){_J}(?:\s*,?\s*năm\s*({_YEAR}))?(?!\w)",
    # "11 tháng 6 năm 2018": without "ngày" the year is required ("06 tháng 12 ngày" is a duration)
    "dmy_words_bare": rf"(?<!\w)(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s*,?\s*năm\s+({_YEAR})(?!\w)",
    # the "ngày _ tháng _ năm _" skeleton with OCR-damaged numbers: "ngày⁄Ÿ tháng 6 năm 2019",
    # "ngày I1 tháng 7 năm 2019"; digits that are not clean stay unread
    "dmy_damaged": r"ngày\s*(\S{0,4}?)\s*tháng\s+(\S{1,5}?)\s*,?\s*năm\s+(\S{1,6}?)(?=[\s.,;:)]|$)",
    # "07/02/2023", "15/7", "07/02/23"; with "-" or "." a four-digit year is required ("11-6-2018")
    "dmy_slash": rf"(?:ngày\s+)?(?<![\d/.-])(\d{{1,2}})\s*/\s*(\d{{1,2}})(?:\s*/\s*(\d{{4}}|\d{{2}}))?(?![\d/])",
    "dmy_dash": rf"(?:ngày\s+)?(?<![\d/.-])(\d{{1,2}})(?P<dash_sep>[-.])(\d{{1,2}})(?P=dash_sep)({_YEAR})(?![\d.-]\d)",
    # "6 tháng đầu năm 2019", "9 tháng đầu năm", "6 tháng cuối năm 2019"
    "months_of_year": rf"(?<![\d,])(\d{{1,2}})\s+tháng\s+(đầu|cuối)\s+năm(?:\s+({_YEAR}))?(?!\d)",
    # "đầu quý I năm 2010", "cuối tháng 3 năm 2010", "đầu năm 2020", "giữa năm"
    "part_of": rf"(?:những\s+tháng\s+)?(đầu|giữa|cuối)\s+(?:quý\s+{_QUARTER}(?:{_SEP_YEAR})?"
               rf"|tháng\s+(\d{{1,2}})(?:\s*(?:/|\s+năm\s+)\s*({_YEAR}))?|năm(?:\s+({_YEAR}))?)(?!\w)",
    # "Quý I/2018", "quý II năm 2019", "quý 3-2019", "quý IV"
    "quarter": rf"quý\s+{_QUARTER}(?:{_SEP_YEAR})?(?!\w)",
    # "tháng 6/2019", "tháng 6 năm 2019", "tháng 12", "tháng Š năm 2019";
    # not "06 tháng" (a duration) nor "hằng tháng 3 lần" (a frequency)
    "month": rf"(?<!\d)(?<!\d\s)(?<!hàng\s)(?<!hằng\s)(?<!mỗi\s)tháng\s+(?:(\d{{1,2}}){_J}|{_BROKEN})"
             rf"(?:\s*(?:/|-|\s+năm\s+)\s*({_YEAR}))?(?!\w)",
    # "2016-2020", "2016 - 2020"
    "year_range": rf"(?<![\d/])({_YEAR})\s*[-–]\s*({_YEAR})(?![\d/])",
    # "năm 2023"
    "year": rf"năm\s+({_YEAR})(?![\d/])",
}

# One alternation, most specific first: at each position the first branch that
# matches wins, so "tháng 6 năm 2019" is one month, not a month and a year.
# Every branch starts a word with a digit or one of "ngày những đầu giữa cuối quý tháng năm":
# checking the first letter, then the word, lets the scan skip most positions (~6x faster).
DATE_RE = re.compile(r"\b(?=[0-9nđgcqt])(?=\d|ngày|những|năm|đầu|giữa|cuối|quý|tháng)(?:"
                     + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS.items()) + ")",
                     re.IGNORECASE)
_MONTH_YEAR_RE = re.compile(rf"tháng\s+(0?[1-9]|1[0-2]){_J}\s*,?\s*năm\s+({_YEAR})(?!\d)", re.IGNORECASE)
_YEAR_RE = re.compile(_YEAR)
_CLEAN_NUMBER_RE = re.compile(rf"(\d{{1,2}}){_J}", re.IGNORECASE)
_NUMBERED_GROUP_COUNT = {name: re.compile(p).groups for name, p in _PATTERNS.items()}


class DateMatch(NamedTuple):
    """A calendar expression in a text.

    `kind` is "date" (a point) or "period"; `value` is the point or the period's
    last day, `None` where the text does not give enough (no year and no reference
    date, or digits destroyed). `year_given`: the text writes the year (else it
    comes from the reference date).
    """

    start: int
    end: int
    text: str
    kind: str
    value: dt.date | None
    year_given: bool


def find_dates(text: str, ref_date: dt.date | None = None) -> list[DateMatch]:
    """Every calendar point and bounded period in `text`, left to right."""
    return [m for m in (_to_match(found, ref_date) for found in DATE_RE.finditer(text)) if m]


def parse_date(text: str, ref_date: dt.date | None = None) -> dt.date | None:
    """The calendar point that `text` writes, or None (not a point, invalid, destroyed)."""
    match = _first_full_match(text, ref_date)
    return match.value if match and match.kind == "date" else None


def period_end(text: str, ref_date: dt.date | None = None) -> dt.date | None:
    """The last day of the bounded period that `text` writes, or None."""
    match = _first_full_match(text, ref_date)
    return match.value if match and match.kind == "period" else None


def first_dated_point(text: str) -> dt.date | None:
    """The first calendar point in `text` whose year is readable: the issue date in
    a header, usually. A day OCR destroyed reads as the 1st of its month
    ("ngày | tháng 7 năm 2019" -> 2019-07-01): close enough to date the document."""
    for found in DATE_RE.finditer(text):
        match = _to_match(found, None)
        if match is None or match.kind != "date":
            continue
        if match.value is not None:
            return match.value
        month_year = _MONTH_YEAR_RE.search(match.text)
        if month_year:
            return dt.date(int(month_year.group(2)), int(month_year.group(1)), 1)
    return None


def _first_full_match(text: str, ref_date: dt.date | None) -> DateMatch | None:
    """The expression that makes up all of `text` (surrounding blanks and punctuation aside)."""
    stripped = text.strip(" \t\n.,;:()")
    found = DATE_RE.fullmatch(stripped)
    return _to_match(found, ref_date) if found else None


def _to_match(found: re.Match, ref_date: dt.date | None) -> DateMatch | None:
    name = found.lastgroup
    groups = _groups_of(found, name)
    ref_year = ref_date.year if ref_date else None
    if name in ("dmy_words", "dmy_words_bare"):
        day, month, year = groups
        return _point(found, day, month, year, ref_year)
    if name == "dmy_damaged":
        return _damaged_point(found, *groups)
    if name == "dmy_slash":
        day, month, year = groups
        return _point(found, day, month, year, ref_year)
    if name == "dmy_dash":
        day, _, month, year = groups
        return _point(found, day, month, year, ref_year)
    if name == "months_of_year":
        count, part, year = groups
        last_month = int(count) if part.lower() == "đầu" else 12
        return _period(found, _month_end(_year(year, ref_year), last_month), year)
    if name == "part_of":
        part, quarter, q_year, month, m_year, y_year = groups
        year = q_year or m_year or y_year
        return _period(found, _part_end(part.lower(), quarter, month, _year(year, ref_year)), year)
    if name == "quarter":
        quarter, year = groups
        return _period(found, _month_end(_year(year, ref_year), 3 * _quarter_number(quarter)), year)
    if name == "month":
        month, year = groups
        return _period(found, _month_end(_year(year, ref_year), int(month)) if month else None, year)
    if name == "year_range":
        first, last = (int(g) for g in groups)
        return _period(found, dt.date(last, 12, 31), groups[1]) if first < last else None
    (year,) = groups
    return _period(found, dt.date(int(year), 12, 31), year)


def _point(found: re.Match, day: str | None, month: str | None, year: str | None,
           ref_year: int | None) -> DateMatch | None:
    """A calendar point; None where day and month cannot be one ("25/30", "31/2/2019")."""
    if day and month and not _valid_day_month(day, month):
        return None
    full_year = _full_year(year) if year else None
    value = _date(day, month, full_year or ref_year) if day and month else None
    if year and day and month and value is None:
        return None   # 29/2 of a common year
    start, end = found.span()
    return DateMatch(start, end, found.group(), "date", value, bool(year))


def _damaged_point(found: re.Match, day: str, month: str, year: str) -> DateMatch | None:
    """Read only what survived: a day or month with any letter in it ("I1", "3l") is unknown."""
    if not any(c.isdigit() for c in found.group()):
        return None   # an unfilled form: "ngày … tháng … năm …"
    day, month = _clean_number(day), _clean_number(month)
    year = year if _YEAR_RE.fullmatch(year) else None
    value = _date(day, month, int(year)) if day and month and year else None
    start, end = found.span()
    return DateMatch(start, end, found.group(), "date", value, bool(year))


def _clean_number(token: str) -> str | None:
    """"5Š" -> "5"; "I1", "3l", "⁄Ÿ" -> None."""
    digits = _CLEAN_NUMBER_RE.fullmatch(token)
    return digits.group(1) if digits else None


def _period(found: re.Match, value: dt.date | None, year: str | None) -> DateMatch:
    start, end = found.span()
    return DateMatch(start, end, found.group(), "period", value, bool(year))


def _groups_of(found: re.Match, name: str) -> tuple[str | None, ...]:
    """The numbered sub-groups of the branch named `name`, in order."""
    first = found.re.groupindex[name] + 1
    return found.groups()[first - 1:first - 1 + _NUMBERED_GROUP_COUNT[name]]


def _date(day: str, month: str, year: int | None) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        return None


def _year(year: str | None, ref_year: int | None) -> int | None:
    return int(year) if year else ref_year


def _valid_day_month(day: str, month: str) -> bool:
    return 1 <= int(month) <= 12 and 1 <= int(day) <= calendar.monthrange(2000, int(month))[1]


def _full_year(year: str) -> int:
    """Two-digit years are rare; read "07/02/23" as 2023 and "1/1/98" as 1998."""
    n = int(year)
    if len(year) == 4:
        return n
    return 2000 + n if n < 50 else 1900 + n


def _month_end(year: int | None, month: int) -> dt.date | None:
    if year is None or not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_number(quarter: str) -> int:
    return int(quarter) if quarter.isdigit() else ROMAN_QUARTERS[quarter.lower()]


def _part_end(part: str, quarter: str | None, month: str | None, year: int | None) -> dt.date | None:
    """Spec §3a: đầu năm -> 03-31, giữa năm -> 06-30, cuối năm -> 12-31;
    đầu/giữa/cuối of a month or a quarter -> that month's or quarter's last day."""
    if quarter:
        return _month_end(year, 3 * _quarter_number(quarter))
    if month:
        return _month_end(year, int(month))
    return _month_end(year, {"đầu": 3, "giữa": 6, "cuối": 12}[part])
