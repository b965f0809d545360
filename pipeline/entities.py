"""Stage 3 — entity tagging (spec §2, §2a) with patterns and a corpus gazetteer.

`EntityRecognizer` finds candidate mentions of the six labels, keeps a flat, non-overlapping
set of them (`doc.entities`) and links each named person to the positions written next to
the name (`doc.people`).

    >>> ner = EntityRecognizer(Gazetteer.load("models/gazetteer"))
    >>> doc = ner(doc)

Candidates come from three kinds of matcher:

* regular expressions over the text: dates (`ngày 07/02/2023`, `Quý I/2018`) and document
  references (`Quyết định số 948/QĐ-UBND`, the header number `217/TB-UBND`);
* walks over syllable tokens from a head word: bodies (`Sở` + name + qualifier), positions
  (`Phó Chủ tịch` + body), people (surname, honorific, signature line), places (unit word + name);
* gazetteer look-ups that settle long names (`Ban Vì sự tiến bộ của phụ nữ`, `Luật Bình đẳng giới`).

Overlaps are settled by precedence (DOC > DATE > TITLE > other) and then length. A position
is kept as TITLE only when a name is written next to it (`Trần Thị Nga - Phó Chủ tịch UBND
tỉnh`) or right above the signer's name; otherwise only the body inside it is tagged.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from .doc import Document, Person, Span
from .gazetteer import (
    CAPITAL_STOP_WORDS, DASHES, HONORIFICS, STOP_PHRASES, STOP_WORDS, TOKEN_RE, UNIT_LEVELS, Gazetteer,
    PhraseTrie, fold, is_abbreviation,
)
from .registry import component
from .sentences import LOWER

# ---------------------------------------------------------------------------------------------
# Regular expressions: dates, document references, the national motto
# ---------------------------------------------------------------------------------------------

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d\d"
_WS = r"\s+"
# OCR leaves junk glyphs where a digit was (`ngày⁄Ÿ tháng 6`, `tháng 5Š năm 2019`)
_JUNK = r"[^\s\w]{0,2}\w?[^\s\w]{0,2}"


def _numeric_date(group: str) -> str:
    """`07/02/2023`, `7-8-2015`, `26.11.2004`: one separator used twice."""
    return rf"{_DAY}(?P<{group}>[/.-]){_MONTH}(?P={group}){_YEAR}"


_SPELLED_DATE = rf"(?:{_DAY}|{_JUNK})\s*tháng{_WS}{_MONTH}\S?(?:\s*năm\s*{_YEAR})?"
_QUARTER = r"(?:I{1,3}|IV|[1-4])"

DATE_RE = re.compile(
    r"(?=[NnQqTt\d])(?<![\w/.-])(?:"
    # ngày 11 tháng 6 năm 2018, ngày 07/02/2023, ngày 30/5, Ngày 19/01/2018
    rf"[Nn]gày\s*(?:{_numeric_date('sep1')}|{_SPELLED_DATE}|{_DAY}/{_MONTH}(?![/\d]))"
    # 9 tháng đầu năm 2022, 6 tháng cuối năm 2019
    rf"|\d{{1,2}}{_WS}tháng{_WS}(?:đầu|cuối){_WS}năm{_WS}{_YEAR}"
    # Quý I/2018, quý II năm 2019
    rf"|[Qq]uý{_WS}{_QUARTER}(?:\s*/\s*{_YEAR}|{_WS}năm{_WS}{_YEAR})?"
    # tháng 6/2019, tháng 6 năm 2019, tháng 12
    rf"|[Tt]háng{_WS}{_MONTH}(?:\s*/\s*{_YEAR}|{_WS}năm{_WS}{_YEAR})?(?![\d/])"
    # năm 2023, năm 2021-2025
    rf"|[Nn]ăm{_WS}{_YEAR}(?:\s*[-–]\s*{_YEAR})?"
    # 25/10/2022, 7-8-2015, 2016-2020, 20/10
    rf"|{_numeric_date('sep2')}|{_YEAR}\s*[-–]\s*{_YEAR}|(?:[12]\d|3[01])/{_MONTH}|{_DAY}/1[0-2]"
    r")(?![\w/]|[-–]\w)"
)

_DOC_TYPES = (
    "Quyết định", "Chỉ thị", "Nghị quyết", "Nghị định", "Thông tư liên tịch", "Thông tư",
    "Thông báo kết luận", "Thông báo", "Công văn", "Văn bản", "Kế hoạch", "Chương trình", "Đề án",
    "Hướng dẫn", "Tờ trình", "Báo cáo", "Quy chuẩn", "Quy định", "Quy chế", "Kết luận", "Công điện",
    "Pháp lệnh", "Điều lệ", "Luật", "Bộ luật", "Hiến pháp",
)


def _any_case_initials(phrase: str) -> str:
    """`Thông báo kết luận` -> a pattern that also takes `Thông báo Kết luận`, `thông báo`."""
    return r"\s+".join(f"[{w[0].upper()}{w[0].lower()}]{w[1:]}" for w in phrase.split())


_DOC_TYPE = "(?:" + "|".join(map(_any_case_initials, _DOC_TYPES)) + ")"
# 948/QĐ-UBND, 21-CT/TW, 152/2025/NQ-HĐND, 07:2010/BXD, 42 /TB-BQL, 19-CT / TU
_SYMBOL = r"\d+(?:[.:]\d+)?[a-zđ]?(?:\s?[/-]\s?(?:\d+|[A-ZĐ][\wĐđ&]*)(?:-[\wĐđ&]+)*)+"
_NUMBER = rf"(?:{_SYMBOL}|\d{{2,}}(?![\d/,.]\d|\s*(?:%|năm|tháng|ngày|người|đồng|ha|m)\b))"
# "Báo cáo thẩm định số 1201/STP-VBPQ": one or two lower-case words of the document's kind before "số"
# (an issuer there is an ORG of its own: "hướng dẫn của liên sở ... số 895/HD")
_DOC_KIND = rf"(?:(?:\s+(?!của\b|ngày\b)[{LOWER}]+){{1,2}}\s+số\s*:?\s*|{_WS}(?:số\s*:?\s*)?)"
DOC_WITH_TYPE_RE = re.compile(rf"(?=[{''.join(sorted({t[0] + t[0].lower() for t in _DOC_TYPES}))}])(?<!\w){_DOC_TYPE}{_DOC_KIND}{_NUMBER}(?![\w/])")
# `Số: 217/TB-UBND`, `của Sở Tư pháp số 277/BC-STP`: the number alone
DOC_NUMBER_RE = re.compile(rf"(?<![\w/])[Ss][ốỐ]\s*[:.]*\s*(?P<number>{_SYMBOL})(?![\w/])")
# a header number the layout split: `Số: 07` ... `/2025/QĐ-UBND` at the start of a line
DOC_FRAGMENT_RE = re.compile(r"(?m)^[ \t*]*(?P<number>/\d{4}/[A-ZĐ][\wĐđ]*(?:-[\wĐđ]+)*)")

_NEWLINE_RE = re.compile(r"\n+")
MOTTO_RE = re.compile(
    r"cộng\s*hòa\s+xã\s+h\w+\s+chủ\s+nghĩa(?:\s+việt\s*nam)?"
    r"|độc\s*lập\s*[-–]\s*tự\s*do\s*[-–]\s*hạnh\s*phúc"
)

# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tokens:
    """Syllable and punctuation tokens of a text, with folded keys for look-ups."""

    starts: list[int]
    ends: list[int]
    texts: list[str]
    keys: list[str]
    breaks: list[bool]    # a line break comes before the token
    blocked: list[bool]   # inside the national motto

    @classmethod
    def of(cls, text: str, keyed: str, blocked_spans: list[tuple[int, int]]) -> _Tokens:
        spans = list(map(re.Match.span, TOKEN_RE.finditer(text)))
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        texts, keys = TOKEN_RE.findall(text), TOKEN_RE.findall(keyed)
        if len(keys) != len(texts):  # folding changed a character's class: cut the keys the same way
            keys = [keyed[s:e] for s, e in spans]
        breaks = [False] * len(starts)
        for m in _NEWLINE_RE.finditer(text):
            i = bisect.bisect_left(starts, m.start())
            if i < len(breaks):
                breaks[i] = True
        blocked = [False] * len(starts)
        for s, e in blocked_spans:
            for i in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                blocked[i] = True
        return cls(starts, ends, texts, keys, breaks, blocked)

    def openers(self, kinds_by_key: dict[str, int], n_kinds: int) -> list[list[int]]:
        """Token indices per kind of mention their key can open (one pass over the tokens)."""
        found = [(i, kinds) for i, key in enumerate(self.keys) if (kinds := kinds_by_key.get(key))]
        return [[i for i, kinds in found if kinds & (1 << bit)] for bit in range(n_kinds)]

    def __len__(self) -> int:
        return len(self.starts)


def _is_title_word(token: str) -> bool:
    return token.istitle() and token[:1].isalpha()


def _is_cap(token: str) -> bool:
    return token[:1].isupper()


def _is_word(token: str) -> bool:
    return token[:1].isalpha()


@dataclass(slots=True)
class _Candidate:
    start: int          # token index
    end: int            # token index (exclusive)
    label: str
    source: str
    score: float
    precedence: int = 0  # overlap resolution: higher wins, then the longer span


_ORG, _LOC, _PER, _TITLE, _LAW = range(5)  # kinds of mention a token can open
# DOC > DATE > TITLE = a name after an honorific > ORG, PER, LOC (then longer, then this order)
_DOC_RANK, _DATE_RANK, _TITLE_RANK = 3, 2, 1
_LABEL_ORDER = {"ORG": 0, "PER": 1, "LOC": 2}

# Words after which a capitalised name is a road, river or project, not a place or a person.
_NON_PLACE_BEFORE = frozenset("đường phố sông suối hồ chợ cầu núi đèo quỹ đập kênh bến cảng".split())
_ROLE_BEFORE_PREFIX = frozenset({"quan"})  # `cơ quan Thường trực Ban ...` is a role, not a body
_SIGNATURE_MARKERS = frozenset({"kt", "tl", "tm", "q", "ktl"})
_SEPARATORS = frozenset({"-", ",", "–", "—"})
# a signer's name is on one of the next lines after the position, within this many tokens
_SIGNATURE_LINES, _SIGNATURE_REACH = 4, 60
_COUNTRY_NAMES = ("Việt Nam",)
# heads of bodies named by type + proper name: `Trường Trung học phổ thông Phan Huy Chú`
_INSTITUTION_HEADS = frozenset({"trường", "bệnh", "học", "viện"})
# companies name their trade in lower case before the proper name: `Công ty cổ phần Xi măng Sông Đà`
_COMPANY_HEADS = frozenset({"công ty", "tổng công ty", "tập đoàn"})
_MAJOR_PLACE_LEVELS = frozenset({"province", "district", "country"})


class EntityRecognizer:
    """Rule-and-gazetteer tagger for ORG, PER, TITLE, LOC, DATE and DOC."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.heads = PhraseTrie(gazetteer.org_heads, gazetteer.org_heads.get)
        self.body_abbreviations = frozenset(gazetteer.body_abbreviations) | {
            h for h, kind in gazetteer.org_heads.items() if kind == "body" and is_abbreviation(h)}
        self.name_abbreviations = frozenset(gazetteer.name_abbreviations)
        self.org_names = PhraseTrie(gazetteer.org_names)
        self.laws = PhraseTrie(gazetteer.laws)
        self.titles = PhraseTrie(gazetteer.titles)
        self.units = PhraseTrie(UNIT_LEVELS, UNIT_LEVELS.get)
        self.places = PhraseTrie(list(gazetteer.places) + list(_COUNTRY_NAMES),
                            lambda p: gazetteer.places.get(p, "country"))
        self.honorifics = PhraseTrie(HONORIFICS)
        self.surnames = frozenset(gazetteer.surnames)
        self.lower_case_person_re = _lower_case_person_re(gazetteer.titles, gazetteer.surnames)
        self.words = gazetteer.words
        self.name_bigrams = _lower_bigrams(gazetteer.org_names)
        # the words that can open a mention, by kind: the scanners only look at these tokens
        self.opener_kinds: dict[str, int] = {}
        openers = (set(self.heads.root) | {"các"} | {fold(a) for a in self.body_abbreviations},
                   set(self.units.root) | set(self.places.root),
                   set(self.honorifics.root) | {fold(s) for s in self.surnames},
                   set(self.titles.root),
                   {"luật", "bộ"})
        for bit, words in enumerate(openers):  # _ORG, _LOC, _PER, _TITLE, _LAW
            for w in words:
                self.opener_kinds[w] = self.opener_kinds.get(w, 0) | (1 << bit)

    # -- public ---------------------------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        keyed = fold(text)
        if len(keyed) != len(text):  # a character whose lower case is longer: keep offsets exact
            keyed = "".join(fold(c) if len(fold(c)) == 1 else c for c in text)
        motto = [m.span() for m in MOTTO_RE.finditer(keyed)]
        toks = _Tokens.of(text, keyed, motto)
        scanner = _Scanner(self, toks)
        candidates = scanner.org_candidates() + scanner.loc_candidates() + scanner.law_candidates()
        people = scanner.person_candidates()
        titles, links = scanner.tied_titles(people)
        candidates += people + titles
        char_spans = _regex_spans(text) + _lower_case_people(text, self.lower_case_person_re) + [
            (toks.starts[c.start], toks.ends[c.end - 1], c.label, c.source, c.score, c.precedence)
            for c in candidates]
        doc.entities = _resolve(doc, char_spans, motto)
        doc.people = _link_people(doc, toks, people, titles, links)
        return doc


def _lower_bigrams(names) -> frozenset[tuple[str, str]]:
    """Pairs (word, next lower-case word) inside known names: `thông vận`, `vận tải`."""
    pairs = set()
    for name in names:
        toks = TOKEN_RE.findall(name)
        for a, b in zip(toks, toks[1:]):
            if b[:1].islower() and _is_word(a) and _is_word(b):
                pairs.add((fold(a), fold(b)))
    return frozenset(pairs)


# ---------------------------------------------------------------------------------------------
# Token walks
# ---------------------------------------------------------------------------------------------


class _Scanner:
    """The token-level matchers for one document."""

    def __init__(self, ner: EntityRecognizer, toks: _Tokens):
        self.ner = ner
        self.toks = toks
        self.openers = toks.openers(ner.opener_kinds, 5)
        self.keys = toks.keys
        self.texts = toks.texts
        self._org_memo: dict[int, int] = {}
        # sentence-case names this document closed with a qualifier, matched again without it
        self._learned: set[tuple[str, ...]] = set()
        self._learned_trie = PhraseTrie(())

    # -- small predicates -----------------------------------------------------------------------

    def _completes_word(self, k: int) -> bool:
        return k > 0 and f"{self.keys[k - 1]} {self.keys[k]}" in self.ner.words

    def _starts_stop_phrase(self, k: int) -> bool:
        return k + 1 < len(self.keys) and f"{self.keys[k]} {self.keys[k + 1]}" in STOP_PHRASES

    def _unit_end(self, k: int) -> int:
        """End of an administrative unit word at `k`, or `k` (`Xã hội`, `nông thôn` are words)."""
        if self.keys[k] not in self.ner.units or self._completes_word(k):
            return k
        end, unit = self.ner.units.longest(self.keys, k, 3)
        if unit is None:
            return k
        if end < len(self.keys) and (f"{self.keys[end - 1]} {self.keys[end]}" in self.ner.words
                                     or self.keys[end] in ("ủy", "uỷ")):
            return k
        return end

    def _head_at(self, k: int) -> tuple[int, str | None]:
        """A body head word or abbreviation at `k`: (end, kind)."""
        text = self.texts[k]
        if text in self.ner.body_abbreviations:
            return k + 1, "body"
        if self.keys[k] not in self.ner.heads or not _is_cap(text):
            return k, None
        end, kind = self.ner.heads.longest(self.keys, k, 6)
        return end, kind

    # -- ORG ------------------------------------------------------------------------------------

    def org_candidates(self) -> list[_Candidate]:
        learned = len(self._learned)
        out = self._org_pass()
        if len(self._learned) > learned:  # names learned late in the text: look again
            self._org_memo.clear()
            out = self._org_pass()
        return out

    def _org_pass(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        done = 0
        for i in self.openers[_ORG]:
            if i < done:
                continue
            end = self.match_org(i)
            if end > i:
                out.append(_Candidate(i, end, "ORG", self._org_source(i, end), 0.85))
                done = end
                continue
            listed = self._listed_names(i)
            if listed:
                out.extend(listed)
                done = listed[-1].end
        return out

    def _org_source(self, i: int, end: int) -> str:
        known_end, name = self.ner.org_names.longest(self.keys, i)
        return "gazetteer" if name is not None and known_end > i + 1 else "rules"

    def match_org(self, i: int) -> int:
        """End of the body name starting at token `i`, or `i` when none starts there."""
        if i not in self._org_memo:
            self._org_memo[i] = self._match_org(i)
        return self._org_memo[i]

    def _match_org(self, i: int, in_title: bool = False) -> int:
        texts, keys, toks = self.texts, self.keys, self.toks
        if toks.blocked[i] or not _is_word(texts[i]):
            return i
        head_end, kind = self._head_at(i)
        lower_head = texts[i][0].islower()
        if kind is None:
            kind, head_end = self._lower_case_head(i, in_title)
            if kind is None:
                return i
        elif lower_head:
            return i
        caps = texts[i].isupper() and (texts[i] not in self.ner.body_abbreviations or (
            head_end < len(texts) and texts[head_end].isupper() and not toks.breaks[head_end]))
        if kind == "prefix":
            return self._prefixed_org(i, head_end)
        known_end = self._known_name_end(i)
        name_end = head_end
        if kind in ("named", "qualified") or known_end > head_end:
            institution = keys[i] in _INSTITUTION_HEADS or " ".join(keys[i:head_end]) in _COMPANY_HEADS
            name_end = max(known_end, self._name_run(head_end, caps, institution))
        if name_end == head_end and kind == "named":
            return i
        if kind == "named" and self._looks_like_person(i, head_end, name_end):
            return i
        end = self._qualifier(name_end, caps)
        if kind == "qualified" and end == name_end == head_end:
            return i
        return end

    def _lower_case_head(self, i: int, in_title: bool = False) -> tuple[str | None, int]:
        """Lower-case heads: `phòng Nông nghiệp và PTNT`, `tổ giúp việc Ban ...`, `ủy ban nhân dân`.
        `Hội trường`, `trưởng ban` are words, but in a position `Trưởng ban Pháp chế` the `ban`
        opens a body (`in_title`)."""
        keys = self.keys
        if keys[i] not in self.ner.heads or not self.texts[i][0].islower() \
                or (self._completes_word(i) and not in_title):
            return None, i
        end, kind = self.ner.heads.longest(keys, i, 6)
        if kind is None:
            return None, i
        if kind == "prefix" and end - i >= 3:
            return kind, end
        if kind == "body" and end - i >= 3:
            return kind, end
        if kind == "named" and end < len(keys) and _is_cap(self.texts[end]) and not self.toks.breaks[end] \
                and self._head_at(end)[1] is None and self._name_run(end, False) > end:
            return kind, end
        return None, i

    def _prefixed_org(self, i: int, head_end: int) -> int:
        """`Thường trực HĐND huyện`, `TT. Huyện ủy`, `Tổ giúp việc Ban VSTBCPN tỉnh`."""
        if i >= 2 and self.keys[i - 1] in _ROLE_BEFORE_PREFIX:
            return i
        j = head_end
        if j < len(self.keys) and self.texts[j] == ".":
            j += 1
        if j >= len(self.keys):
            return i
        end = self.match_org(j)
        return end if end > j else i

    def _known_name_end(self, i: int) -> int:
        end, name = self.ner.org_names.longest(self.keys, i)
        return end if name is not None else i

    def _name_run(self, j: int, caps: bool, institution: bool = False) -> int:
        """End of the name after a head (`Lao động - Thương binh và Xã hội`), or `j`.

        A name is capitalised words, abbreviations and connectors; a lower-case syllable joins
        only when it completes a lexicon word with the syllable before (`Y tế`) or continues a
        known name (`Giao thông vận tải`). It ends at a unit word, a stop word or punctuation.
        An `institution` (school, hospital) may add a proper name after its type: `Trường Trung
        học phổ thông` + `Phan Huy Chú`.
        """
        texts, keys, toks = self.texts, self.keys, self.toks
        n = len(texts)
        if j >= n or toks.breaks[j] or toks.blocked[j]:
            return j
        first = texts[j]
        if _is_word(first) and first[0].islower() and not caps:
            return self._sentence_case_name(j)
        if not (_is_cap(first) and _is_word(first)) or keys[j] in CAPITAL_STOP_WORDS:
            return j
        if caps and not (first in self.ner.name_abbreviations or self._known_name_end(j - 1) > j):
            return j
        end, k = j, j
        closed = False  # after an abbreviation or an embedded body no lower-case word follows
        bridged = False  # a lower-case word between capitalised ones: the name is not cut off
        while k < n and k - j < 14:
            t = texts[k]
            if toks.blocked[k] or (k > j and toks.breaks[k] and (_is_cap(t) or caps)):
                break
            if keys[k] == "các" and not closed and self._unit_end(k + 1) == k + 1:
                end = max(end, self._lower_case_tail(k))  # `Đảng ủy Khối các cơ quan tỉnh`
                break
            if self._unit_end(k) > k or keys[k] in ("các", "cấp", "khóa", "của"):
                break
            if t in DASHES or keys[k] in ("và", "&"):
                if not self._connector_continues(k):
                    break
                k += 1
                continue
            if not _is_word(t) or keys[k] in CAPITAL_STOP_WORDS or (caps and not t.isupper()):
                break
            if t[0].islower():
                if not closed and self._word_then_name(k):   # `Khu` + `kinh tế` + `Đông Nam Nghệ An`
                    k += 2
                    end = k
                    bridged = True
                    continue
                if not self._lower_case_continues(k, closed):
                    named_end = self._proper_name_after(k) if institution and not closed else k
                    if named_end > k:
                        k = end = named_end
                        continue
                    if not closed and not bridged and not self._starts_stop_phrase(k):
                        end = self._sentence_case_end(j, k)
                    break
            else:
                if k > j and (texts[k - 1][0].islower() and self._starts_stop_phrase(k) or self._opens_title_in_name(k)):
                    break
                head_end, kind = self._head_at(k)
                if kind == "body":  # `Văn phòng UBND`, `Ban Thường vụ Tỉnh ủy`
                    k = end = head_end
                    closed = True
                    continue
                closed = closed or is_abbreviation(t)
            k += 1
            end = k
        return end

    def _word_then_name(self, k: int) -> bool:
        """A two-syllable lower-case word inside a name, followed on the line by two more
        capitalised words of the name that open no other body (`Ban quản lý Khu kinh tế Đông Nam`)."""
        texts, keys, toks = self.texts, self.keys, self.toks
        after = (k + 2, k + 3)
        return after[-1] < len(texts) and f"{keys[k]} {keys[k + 1]}" in self.ner.words \
            and texts[k + 1][:1].islower() and not self._starts_stop_phrase(k) and not toks.breaks[k + 1] \
            and all(not toks.breaks[m] and _is_cap(texts[m]) and _is_word(texts[m])
                    and self._head_at(m)[1] is None and keys[m] not in CAPITAL_STOP_WORDS for m in after)

    def _proper_name_after(self, k: int, max_type_words: int = 4) -> int:
        """End of `phổ thông Phan Huy Chú`: a few lower-case words of the institution's type, then
        its title-case proper name; `k` when no proper name follows."""
        texts, keys, toks = self.texts, self.keys, self.toks
        m = k
        while m < len(texts) and m - k < max_type_words and _is_word(texts[m]) and texts[m][0].islower() \
                and keys[m] not in STOP_WORDS and not self._starts_stop_phrase(m) and not toks.breaks[m]:
            m += 1
        r = m
        while r < len(texts) and r - m < 4 and _is_title_word(texts[r]) and not toks.breaks[r] \
                and keys[r] not in CAPITAL_STOP_WORDS and self._head_at(r)[1] is None and not self._opens_title(r):
            r += 1
        return r if m > k and r > m else k

    def _connector_continues(self, k: int) -> bool:
        """`và`, `-`, `&` inside a name: followed, on the same line, by a capitalised word that
        opens no other body (`Sở Tài chính và Sở Y tế` are two)."""
        nxt = k + 1
        texts, toks = self.texts, self.toks
        return not toks.breaks[k] and nxt < len(texts) and _is_cap(texts[nxt]) and _is_word(texts[nxt]) \
            and not toks.breaks[nxt] and self._head_at(nxt)[1] is None and self.keys[nxt] not in CAPITAL_STOP_WORDS

    def _lower_case_continues(self, k: int, closed: bool) -> bool:
        if self.texts[k].isupper() or self._starts_stop_phrase(k):
            return False
        return (self._completes_word(k) and not closed) or (self.keys[k - 1], self.keys[k]) in self.ner.name_bigrams

    def _sentence_case_name(self, j: int) -> int:
        """A name in lower case right after its head, closed by a place qualifier:
        `Ban quản lý dự án và Phát triển quỹ đất` + `huyện Krông Nô`. `Ban hành`, `Hội nghị`,
        `Tổ chức` are words, not a head and a name."""
        if self._completes_word(j) or self._starts_stop_phrase(j - 1) or self._starts_stop_phrase(j):
            return j
        tail_end = self._lower_case_tail(j)
        specific = any(_is_cap(t) for t in self.texts[j:tail_end]) \
            or self._place_after_unit(self._unit_end(tail_end), False) > self._unit_end(tail_end)
        if tail_end > j and specific:  # `Trạm y tế xã` is any commune's station, not a body
            self._learn(tuple(self.keys[j:tail_end]))
            return tail_end
        return self._learned_trie.longest(self.keys, j)[0]

    def _learn(self, key: tuple[str, ...]) -> None:
        if key not in self._learned:
            self._learned.add(key)
            self._learned_trie.add(key)

    def _sentence_case_end(self, j: int, k: int) -> int:
        """Where a name whose word at `k` is lower case ends: at a place qualifier after a
        sentence-case tail, at a name this document already wrote that way, at `k` when the
        word before is complete, or nowhere (`j`) when a capitalised syllable is cut off
        (`Ban Vì` + `sự tiến bộ ...`)."""
        tail_end = self._lower_case_tail(k)
        if tail_end > k:
            self._learn(tuple(self.keys[j:tail_end]))
            return tail_end
        known_end = self._learned_trie.longest(self.keys, j)[0]
        if known_end > k:
            return known_end
        if _is_title_word(self.texts[k - 1]) and not self._starts_stop_phrase(k) \
                and self.keys[k] not in STOP_WORDS:
            return j
        return k

    def _lower_case_tail(self, k: int, max_len: int = 10) -> int:
        """A sentence-case rest of a name that a place qualifier closes (`Ban Vì sự tiến bộ của
        phụ nữ` + `tỉnh`); without the qualifier the words may be a verb phrase, so `k`."""
        texts, keys = self.texts, self.keys
        m = k
        while m < len(keys) and m - k < max_len:
            if m > k and self._unit_end(m) > m and texts[m][0].islower():
                return m - 1 if keys[m - 1] == "của" else m
            t = texts[m]
            opening_cac = m == k and keys[m] == "các"  # `Khối` + `các cơ quan` + `tỉnh`
            if not _is_word(t) or (self.toks.breaks[m] and _is_cap(t)) or self._starts_stop_phrase(m) \
                    or (keys[m] in STOP_WORDS and not self._completes_word(m) and not opening_cac):
                return k
            if _is_cap(t) and (t.isupper() or keys[m] in CAPITAL_STOP_WORDS or self._head_at(m)[1]
                               or self._opens_title(m)):
                return k
            m += 1
        return k

    def _opens_title_in_name(self, k: int) -> bool:
        """A position inside running text ends a body name (`Sở Y tế Giám đốc ...`); `Trưởng`
        alone and all-caps header words do not."""
        return self._opens_title(k) and not self.texts[k].isupper() and self.keys[k] != "trưởng"

    def _looks_like_person(self, i: int, head_end: int, name_end: int) -> bool:
        """`Đoàn Văn Hùng`: a surname that is also a head word, then title-case syllables."""
        if self.texts[i] not in self.ner.surnames or name_end - head_end > 3:
            return False
        return all(_is_title_word(t) and not is_abbreviation(t) for t in self.texts[head_end:name_end])

    def _qualifier(self, k: int, caps: bool) -> int:
        """Extend a body name with its place or level: `tỉnh`, `huyện Krông Nô`, `các xã, thị trấn`,
        `cấp xã, phường, thị trấn`, `của huyện`, `khóa XVII`."""
        keys, texts, toks = self.keys, self.texts, self.toks
        n = len(keys)
        if k >= n or toks.blocked[k]:
            return k
        if toks.breaks[k] and not (caps and texts[k].isupper()):
            return k
        end = k
        unit_end = self._unit_end(k)
        if unit_end > k and (texts[k][0].islower() or caps or texts[k].istitle()):
            end = self._place_after_unit(unit_end, caps)
            if end == unit_end and not caps:  # `Ủy ban nhân dân huyện, quận, thị xã`
                end = self._unit_list(k)
        elif keys[k] in ("các", "cấp") and k + 1 < n:
            end = self._unit_list(k + 1) if keys[k + 1] != "cấp" else k + 2
            end = k if end == k + 1 else end
        elif keys[k] == "của" and k + 1 < n and self._unit_end(k + 1) > k + 1 \
                and not self._place_after_unit(self._unit_end(k + 1), False) > self._unit_end(k + 1):
            end = self._unit_list(k + 1)
            end = k if end == k + 1 else end
        elif (place_end := self._known_place_end(k, major=True)) > k and not caps:
            end = place_end  # `Tỉnh ủy Kon Tum`, `Cục Thuế Lâm Đồng`
        if end == k and keys[k:k + 2] == ["trung", "ương"] and _is_cap(texts[k]):
            end = k + 3 if keys[k + 2:k + 3] == ["đảng"] else k + 2  # `Ban Bí thư Trung ương Đảng`
        if end < n and keys[end] in ("khóa", "khoá") and end + 1 < n and _is_term(texts[end + 1]):
            end += 2
        return end

    def _unit_list(self, k: int) -> int:
        """`huyện, thành phố`, `xã, phường, thị trấn`, `huyện và các xã, thị trấn`."""
        keys = self.keys
        end = k
        while k < len(keys):
            unit_end = self._unit_end(k)
            if unit_end == k:
                break
            end = k = unit_end
            if k + 1 < len(keys) and keys[k] in (",", "và"):
                k += 1
                if keys[k] == "các" and k + 1 < len(keys):
                    k += 1
                continue
            break
        return end

    def _place_after_unit(self, k: int, caps: bool) -> int:
        """A place name after a unit word: known, title case, a number (`quận 3`) or all caps."""
        keys, texts, toks = self.keys, self.texts, self.toks
        n = len(keys)
        if k >= n or toks.blocked[k] or (toks.breaks[k] and not caps):
            return k
        known = self._known_place_end(k)
        if known > k:
            return known
        if texts[k].isdigit() and len(texts[k]) <= 3:
            return k + 1
        if caps:
            return self._caps_place_end(k)
        if texts[k] in self.ner.surnames and not caps:
            return k  # `UBND tỉnh Trần Anh Tuấn`: a person follows, not a place
        end = k
        while end < n and end - k < 4 and not toks.blocked[end] and _is_word(texts[end]):
            t = texts[end]
            if end > k and toks.breaks[end]:
                break
            if not (_is_title_word(t) or _is_mixed_case_place(t)):
                break
            if keys[end] in CAPITAL_STOP_WORDS or keys[end] in STOP_WORDS or keys[end] in ("khóa", "khoá") \
                    or self._head_at(end)[1] is not None or self._opens_title_in_name(end) or self._starts_stop_phrase(end):
                break
            end += 1
        return end

    def _caps_place_end(self, k: int) -> int:
        """An unknown place in an all-caps header line: the rest of the line (up to four words,
        or up to the motto of an interleaved header). Longer, the line is a title, not a place."""
        texts, toks = self.texts, self.toks
        end = k
        while end < len(texts) and not toks.breaks[end] and not toks.blocked[end] and texts[end].isupper():
            end += 1
            if end - k > 4:
                return k
        at_line_end = end == len(texts) or toks.breaks[end] or toks.blocked[end] or self.keys[end] == "số"
        return end if at_line_end else k

    def _known_place_end(self, k: int, major: bool = False) -> int:
        """End of a known place at `k`; `major`: only provinces, districts and countries.
        A province or district may be written in lower case after its unit word (`tỉnh nghệ an`)."""
        if self._starts_stop_phrase(k):
            return k
        end, level = self.ner.places.longest(self.keys, k, 6)
        if level is None or (major and level not in _MAJOR_PLACE_LEVELS):
            return k
        if not _is_cap(self.texts[k]) and not (level in _MAJOR_PLACE_LEVELS and end - k >= 2
                                                and k > 0 and self.ner.units.longest(self.keys, k - 1)[1]):
            return k
        return end

    def _listed_names(self, i: int) -> list[_Candidate]:
        """`các Bộ: Tài chính, Xây dựng, Nội vụ` -> one ORG per name, without the shared head."""
        keys, texts = self.keys, self.texts
        if keys[i] != "các" or i + 2 >= len(keys):
            return []
        head_end, kind = self._head_at(i + 1)
        if kind != "named" or head_end >= len(keys) or texts[head_end] != ":":
            return []
        out, k = [], head_end + 1
        while k < len(keys):
            end = self._name_run(k, False)
            if end == k:
                break
            out.append(_Candidate(k, end, "ORG", "rules", 0.7))
            if end < len(keys) and keys[end] in (",", "và") and not self.toks.breaks[end]:
                k = end + 1
                continue
            break
        return out

    # -- DOC: named laws -------------------------------------------------------------------------

    def law_candidates(self) -> list[_Candidate]:
        """`Luật Bình đẳng giới`, `Bộ luật Lao động`, `Luật Đất đai số 31/2024/QH15`."""
        out = []
        keys, texts = self.keys, self.texts
        for i in self.openers[_LAW]:
            key = keys[i]
            if not _is_cap(texts[i]):
                continue
            start_end = i + 1 if key == "luật" else (i + 2 if keys[i + 1:i + 2] == ["luật"] else i)
            if start_end == i or start_end >= len(keys):
                continue
            if keys[start_end] == "sửa":
                continue  # `Luật sửa đổi, bổ sung ... của Luật X`: the law named is X
            known_end, law = self.ner.laws.longest(keys, i)
            end = max(known_end if law is not None else i, self._law_name_run(start_end))
            if end > start_end:
                out.append(_Candidate(i, self._doc_number_after(end), "DOC",
                                      "gazetteer" if end == known_end else "rules", 0.85, _DOC_RANK))
        return out

    def _law_name_run(self, j: int, max_len: int = 8) -> int:
        """A law's name: a capitalised word, then words up to a function word or punctuation."""
        texts, keys = self.texts, self.keys
        if not (_is_cap(texts[j]) and _is_word(texts[j])) or keys[j] in CAPITAL_STOP_WORDS \
                or self._starts_stop_phrase(j) or self.toks.breaks[j]:
            return j
        end = j + 1
        while end < len(keys) and end - j < max_len:
            t = texts[end]
            if not _is_word(t) or keys[end] in STOP_WORDS or keys[end] in ("và", "của", "luật") \
                    or (self.toks.breaks[end] and _is_cap(t)) or self._starts_stop_phrase(end) \
                    or (_is_cap(t) and self._head_at(end)[1] is not None):
                break
            end += 1
        return end

    def _doc_number_after(self, end: int) -> int:
        """`số 31/2024/QH15` right after a law's name belongs to it."""
        keys, toks = self.keys, self.toks
        if not (end + 1 < len(keys) and keys[end] == "số" and keys[end + 1].isdigit()):
            return end
        k = end + 2
        while k + 1 < len(keys) and keys[k] in ("/", "-") and keys[k + 1].isalnum() \
                and toks.starts[k] == toks.ends[k - 1] and toks.starts[k + 1] == toks.ends[k]:
            k += 2
        return k

    # -- LOC ------------------------------------------------------------------------------------

    def loc_candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        done = 0
        for i in self.openers[_LOC]:
            if i < done:
                continue
            end, known = self._unit_and_place(i)
            if end == i:
                end = self._bare_place(i)
                known = True
            if end > i:
                out.append(_Candidate(i, end, "LOC", "gazetteer" if known else "rules", 0.8))
                done = end
        out.extend(self._place_date_places())
        return out

    def _unit_and_place(self, i: int) -> tuple[int, bool]:
        """`huyện Phong Điền`, `thôn 8`, `HUYỆN KRÔNG NÔ`: (end, whether the place is known)."""
        keys, texts = self.keys, self.texts
        if keys[i] not in self.ner.units or self.toks.blocked[i] or (i > 0 and keys[i - 1] == "các"):
            return i, False
        unit_end = self._unit_end(i)
        if unit_end == i or not (texts[i][0].islower() or texts[i].istitle() or texts[i].isupper()):
            return i, False
        end = self._place_after_unit(unit_end, texts[i].isupper())
        if end == unit_end:
            return i, False
        return end, self._known_place_end(unit_end) == end

    def _bare_place(self, i: int) -> int:
        """A known province, district or country written without its unit word."""
        if not _is_title_word(self.texts[i]) or self.toks.blocked[i]:
            return i
        end, level = self.ner.places.longest(self.keys, i, 6)
        if level not in ("province", "district", "country") or end - i < 2:
            return i
        if i > 0 and (self.keys[i - 1] in _NON_PLACE_BEFORE or _is_title_word(self.texts[i - 1])):
            return i
        if end < len(self.texts) and _is_title_word(self.texts[end]) and not self.toks.breaks[end]:
            return i
        return end

    def _place_date_places(self) -> list[_Candidate]:
        """`Krông Nô, ngày 13 tháng 6 năm 2019`: the capitalised run before `, ngày`."""
        out = []
        keys, texts = self.keys, self.texts
        for k in range(1, len(keys) - 2):
            if keys[k] != "," or keys[k + 1] != "ngày" or self.toks.breaks[k + 1]:
                continue
            if not any(c.isdigit() for c in "".join(texts[k + 2:k + 4])) and "tháng" not in keys[k + 2:k + 5]:
                continue
            start = k
            while start > 0 and k - start < 4 and _is_mixed_case_place(texts[start - 1]) \
                    and keys[start - 1] not in CAPITAL_STOP_WORDS:
                start -= 1
                if self.toks.breaks[start]:
                    break
            if start < k:
                out.append(_Candidate(start, k, "LOC", "rules", 0.8))
        return out

    # -- PER ------------------------------------------------------------------------------------

    def person_candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        keys, texts, toks = self.keys, self.texts, self.toks
        done = 0
        for i in self.openers[_PER]:
            if i < done:
                continue
            h_end, honorific = self.ner.honorifics.longest(keys, i, 3)
            if honorific is not None and (i == 0 or not _is_word(texts[i - 1]) or texts[i][0].islower()
                                          or keys[i] == "đ"):
                end = self._name_run_person(h_end, any_first=True)
                if end > h_end:  # `đồng chí Đoàn Hồng Vũ`: a person, though `Đoàn` opens bodies too
                    out.append(_Candidate(h_end, end, "PER", "rules", 0.9, _TITLE_RANK))
                    done = end
                    continue
            if texts[i] in self.ner.surnames and not toks.blocked[i] and _is_title_word(texts[i]):
                end = self._name_run_person(i, any_first=False)
                if end > i and not self._is_place_or_road(i, end):
                    out.append(_Candidate(i, end, "PER", "rules", 0.8))
                    done = end
        signer = self._signer_name()
        if signer and not any(c.start <= signer.start < c.end for c in out):
            out.append(signer)
        return sorted(out, key=lambda c: c.start)

    def _name_run_person(self, k: int, any_first: bool) -> int:
        """2-4 title-case syllables (a line break may cut a name), not a position or a body."""
        texts, keys = self.texts, self.keys
        n = len(texts)
        end = k
        while end < n and end - k < 4 and _is_title_word(texts[end]) and not self.toks.blocked[end]:
            if end > k and self.toks.breaks[end] and end - k >= 2:
                break
            end += 1
        if end - k < 2:
            return k
        first = keys[k]
        if first in CAPITAL_STOP_WORDS or self._opens_title(k) or (not any_first and self._head_at(k)[1]):
            return k
        if not any_first and texts[k] not in self.ner.surnames:
            return k
        # the last syllables may open a body or a title (`Nguyễn Văn A Giám đốc`)
        for j in range(k + 2, end):
            if self.match_org(j) > j or self._opens_title(j) or self._unit_end(j) > j:
                return j
        return end

    def _opens_title(self, k: int) -> bool:
        return self.keys[k] in self.ner.titles and self.ner.titles.longest(self.keys, k, 5)[1] is not None

    def _is_place_or_road(self, i: int, end: int) -> bool:
        if self._known_place_end(i) >= end:
            return True
        if i > 0 and (self.keys[i - 1] in _NON_PLACE_BEFORE or self.texts[i - 1].isdigit()):
            return True
        return i > 0 and _is_title_word(self.texts[i - 1]) and not self.toks.breaks[i]

    def _signer_name(self) -> _Candidate | None:
        """The last line of the document when it is 2-5 title-case syllables (the signer)."""
        texts, toks = self.texts, self.toks
        end = len(texts)
        while end > 0 and not _is_word(texts[end - 1]):
            end -= 1
        start = end - 1
        while start > 0 and not toks.breaks[start]:
            start -= 1
        if start < 0 or not 2 <= end - start <= 5:
            return None
        if not all(_is_title_word(t) for t in texts[start:end]) or self._head_at(start)[1] is not None:
            return None
        return _Candidate(start, end, "PER", "rules", 0.85)

    # -- TITLE ----------------------------------------------------------------------------------

    def match_title(self, i: int) -> int:
        """End of a position starting at `i`: title words and the body they belong to."""
        texts, keys = self.texts, self.keys
        if keys[i] not in self.ner.titles or not _is_cap(texts[i]) or self.toks.blocked[i]:
            return i
        if i > 0 and keys[i - 1] == "." and i > 1 and keys[i - 2] in _SIGNATURE_MARKERS:
            return i
        best = i
        for end, _ in self.ner.titles.ends(keys, i, 6):
            if texts[end - 1].isupper() != texts[i].isupper() and not is_abbreviation(texts[i]):
                continue
            org_end = self.match_org(end) if end < len(keys) and not self.toks.breaks[end] else end
            if org_end == end and end - i >= 2 and self._lower_case_head(end - 1, in_title=True)[0]:
                org_end = max(end, self._match_org(end - 1, in_title=True))  # `Trưởng ban Pháp chế HĐND`
            if org_end == end and tuple(keys[i:end]) in (("trưởng",), ("phó", "trưởng")):
                continue  # `Trưởng` alone needs its body: `Trưởng Ban VSTBCPN tỉnh`
            best = max(best, org_end)
        return best

    def tied_titles(self, people: list[_Candidate]) -> tuple[list[_Candidate], dict[int, list[int]]]:
        """TITLE candidates written next to a person; `links` maps a person to its titles."""
        by_start = {p.start: idx for idx, p in enumerate(people)}
        by_end = {p.end: idx for idx, p in enumerate(people)}
        titles: list[_Candidate] = []
        links: dict[int, list[int]] = {}
        last: tuple[int, int] | None = None  # (title end, person index) of the last tied title
        done = 0
        for i in self.openers[_TITLE]:
            if i < done:
                continue
            end = self.match_title(i)
            if end == i:
                continue
            owner = self._title_owner(i, end, by_start, by_end, last)
            if owner is not None:
                titles.append(_Candidate(i, end, "TITLE", "rules", 0.85, _TITLE_RANK))
                links.setdefault(owner, []).append(len(titles) - 1)
                last = (end, owner)
            done = end
        return titles, links

    def _title_owner(self, i: int, end: int, by_start: dict[int, int], by_end: dict[int, int],
                     last: tuple[int, int] | None) -> int | None:
        """The person a position at [i, end) belongs to: written right after it, right before it
        (a dash or comma between), after another of that person's positions, or below it in the
        signature block."""
        keys, toks = self.keys, self.toks
        if end in by_start and not toks.breaks[end]:                 # Phó Chủ tịch UBND tỉnh Trần Anh Tuấn
            return by_start[end]
        before = i - 1 if i > 0 and keys[i - 1] in _SEPARATORS else i
        if before in by_end and (before < i or not toks.breaks[i]):   # Trần Thị Nga - Phó Chủ tịch ...
            return by_end[before]
        if last is not None and last[0] == before:                   # ..., Trưởng Ban VSTBCPN tỉnh
            return last[1]
        return self._signature_owner(i, end, by_start)

    def _signature_owner(self, i: int, end: int, by_start: dict[int, int]) -> int | None:
        """A position alone on its line with the signer's name on one of the next lines."""
        toks, n = self.toks, len(self.keys)
        if not (toks.breaks[i] or i == 0 or self.keys[i - 1] in ("*", ".")):
            return None
        k = end
        while k < n and not _is_word(self.texts[k]) and not toks.breaks[k]:
            k += 1  # stray `**` after the position
        if k >= n or not toks.breaks[k]:
            return None
        line_starts = [j for j in range(k, min(n, k + _SIGNATURE_REACH)) if toks.breaks[j]]
        return next((by_start[j] for j in line_starts[:_SIGNATURE_LINES] if j in by_start), None)


def _is_term(token: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+|\d{1,2}", token))


def _is_mixed_case_place(token: str) -> bool:
    """A capitalised word that is no abbreviation; highland names may have inner capitals
    (`KrôngNô`, `ĐắkR`)."""
    return token[:1].isupper() and _is_word(token) and len(token) > 1 and not token.isupper()


# ---------------------------------------------------------------------------------------------
# Regex candidates, overlap resolution, people
# ---------------------------------------------------------------------------------------------

_CharSpan = tuple[int, int, str, str, float, int]  # start, end, label, source, score, precedence


def _lower_case_person_re(titles, surnames) -> re.Pattern[str]:
    """Sentence-cased sources write a position and a name in lower case in a title line
    (`Thông báo kết luận của thứ trưởng nguyễn việt thắng tại hội nghị ...`): after `của` or an
    honorific, a known position, a known surname and one to three more syllables, then a
    preposition or punctuation."""
    def alternatives(words):
        return "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True) if len(w) > 1)
    return re.compile(
        rf"(?:(?<=\bcủa )|(?<=\bđồng chí )|(?<=\bông )|(?<=\bbà ))(?P<title>{alternatives(titles)})"
        rf" (?P<name>(?:{alternatives(surnames)})(?: [{LOWER}]+){{1,3}}?)"
        rf"(?= (?:tại|về|trong|với|khi|đã|chủ trì|làm việc)\b|\s*[,.;:\n]|$)")


def _lower_case_people(text: str, pattern: re.Pattern[str]) -> list[_CharSpan]:
    spans: list[_CharSpan] = []
    for m in pattern.finditer(text):
        spans.append((m.start("title"), m.end("title"), "TITLE", "rules", 0.8, _TITLE_RANK))
        spans.append((m.start("name"), m.end("name"), "PER", "rules", 0.8, _TITLE_RANK))
    return spans


def _regex_spans(text: str) -> list[_CharSpan]:
    spans = [(m.start(), m.end(), "DATE", "rules", 0.95, _DATE_RANK) for m in DATE_RE.finditer(text)]
    spans += [(m.start(), m.end(), "DOC", "rules", 0.95, _DOC_RANK) for m in DOC_WITH_TYPE_RE.finditer(text)]
    spans += [(m.start("number"), m.end("number"), "DOC", "rules", 0.9, _DOC_RANK)
              for rx in (DOC_NUMBER_RE, DOC_FRAGMENT_RE) for m in rx.finditer(text)]
    return spans


def _resolve(doc: Document, spans: list[_CharSpan], blocked: list[tuple[int, int]]) -> list[Span]:
    """Keep a flat, non-overlapping set: higher precedence first, then longer, then earlier."""
    order = sorted(spans, key=lambda s: (-s[5], -(s[1] - s[0]), _LABEL_ORDER.get(s[2], 0), s[0]))
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    kept: list[Span] = []
    for start, end, label, source, score, _ in order:
        start, end = _settle(doc.text, start, end, label)
        if end <= start or any(s < end and start < e for s, e in blocked):
            continue
        pos = bisect.bisect_left(taken_starts, start)
        if pos > 0 and taken_ends[pos - 1] > start:
            continue
        if pos < len(taken_starts) and taken_starts[pos] < end:
            continue
        taken_starts.insert(pos, start)
        taken_ends.insert(pos, end)
        kept.append(doc.make_span(start, end, label, source, score))
    return sorted(kept, key=lambda s: s.start)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space, stray markup (`*`), trailing punctuation and an opening bracket or dash
    left hanging at the end (`Công ty cổ phần Sông Đà 5 (`) from a span's edges."""
    while True:
        while start < end and (text[start].isspace() or text[start] == "*"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in "*,;:"):
            end -= 1
        if end > start and (text[end - 1] in "-–" or (text[end - 1] == "(" and ")" not in text[start:end])):
            end -= 1
            continue
        return start, end


# "Công ty cổ phần Sông Đà 10", "Công ty cổ phần Thủy điện Sê San 3 A": a company's number is part of its name
_COMPANY_NUMBER_RE = re.compile(r" \d{1,3}(?: [A-Z])?(?![\w/.,-])")
_COMPANY_START_RE = re.compile(rf"(?i:{'|'.join(sorted(_COMPANY_HEADS | {'xí nghiệp', 'nhà máy'}))})\b")


# A predicate a model's ORG span runs into ("Cục An toàn lao động có trách nhiệm đôn đốc", "Ủy ban nhân
# dân tỉnh thành[ lập]"): lower-case verbs that no gold ORG name of the corpus contains ("Ban quản lý",
# "Ban chỉ đạo", "Tư vấn xây dựng" do)
_ORG_PREDICATE_RE = re.compile(
    r"\s(?:có trách nhiệm|chịu trách nhiệm|có nhiệm vụ|chủ trì|tính toán|thành lập|phải|cần|được|tiếp tục|"
    r"khẩn trương|lấy|hướng dẫn|báo cáo|đôn đốc|tham mưu|triển khai|theo dõi|nỗ lực|giải quyết)\b")


def _settle(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Tidy edges (`_strip`), an ORG cut before a predicate it runs into, and a company's number
    joined to its name."""
    start, end = _strip(text, start, end)
    if label == "ORG":
        predicate = _ORG_PREDICATE_RE.search(text, start, min(len(text), end + 16))
        if predicate and start < predicate.start() < end:
            start, end = _strip(text, start, predicate.start())
    if end > start and label == "ORG" and _COMPANY_START_RE.match(text, start):
        number = _COMPANY_NUMBER_RE.match(text, end)
        end = number.end() if number else end
    return start, end


def settle_span(text: str, span: Span) -> Span | None:
    """`span` with settled edges (`_settle`), None if nothing is left: for the spans a model
    proposes, which may stop anywhere."""
    start, end = _settle(text, span.start, span.end, span.label)
    if end <= start:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(start=start, end=end, label=span.label, text=text[start:end], source=span.source, score=span.score)


def _link_people(doc: Document, toks: _Tokens, people: list[_Candidate], titles: list[_Candidate],
                 links: dict[int, list[int]]) -> list[Person]:
    """One `Person` per kept name with the kept titles tied to it, in order of appearance.

    Repeats of a (name, title) pair are merged; a name without a title is listed only when no
    mention of it has one.
    """
    kept = {(e.start, e.end): e for e in doc.entities}

    def kept_text(c: _Candidate, label: str) -> str | None:
        span = kept.get((toks.starts[c.start], toks.ends[c.end - 1]))
        return " ".join(span.text.split()) if span is not None and span.label == label else None

    result: list[Person] = []
    for idx, p in enumerate(people):
        name = kept_text(p, "PER")
        if name is None:
            continue
        tied = [kept_text(titles[t], "TITLE") for t in links.get(idx, [])]
        person = Person(name, ", ".join(t for t in tied if t) or None)
        if not any(q.name == person.name and q.title == person.title for q in result):
            result.append(person)
    titled = {p.name for p in result if p.title}
    return [p for p in result if p.title or p.name not in titled]


# ---------------------------------------------------------------------------------------------
# Combination with a trained model
# ---------------------------------------------------------------------------------------------

# Labels the rules settle when neither the config nor the model says (a model trained by
# `train_spacy_ner` stores the policy it chose on dev, see models/ner/README.md).
RULE_LABELS = ("DATE", "DOC")


def merge_entities(rule_spans: list[Span], model_spans: list[Span],
                   rule_labels: tuple[str, ...] = RULE_LABELS, fill: bool = True) -> list[Span]:
    """One flat, sorted layer from the rule tagger's spans and a model's.

    Rule spans of `rule_labels` come first; model spans of the other labels are kept where they
    overlap none of them; with `fill`, the remaining rule spans are kept where they overlap
    nothing kept so far (a name the model missed). A model ORG inside a longer rule ORG gives way
    to it: the model cuts long names short (`Công ty Khai thác` of `Công ty Khai thác công trình
    Thủy lợi`) more often than the rules run on (dev micro F1 +0.001).
    """
    kept = [s for s in rule_spans if s.label in rule_labels]
    rule_orgs = [s for s in rule_spans if s.label == "ORG" and s.label not in rule_labels]
    model_spans = [_longer_rule_org(s, rule_orgs) for s in model_spans]
    layers = [[s for s in model_spans if s.label not in rule_labels]]
    if fill:
        layers.append([s for s in rule_spans if s.label not in rule_labels])
    for layer in layers:
        taken = sorted((s.start, s.end) for s in kept)
        for span in sorted(layer, key=lambda s: (s.start, -s.end)):
            if not _overlaps(taken, span.start, span.end):
                kept.append(span)
                bisect.insort(taken, (span.start, span.end))
    return sorted(kept, key=lambda s: (s.start, s.end))


def _longer_rule_org(span: Span, rule_orgs: list[Span]) -> Span:
    if span.label != "ORG":
        return span
    return next((r for r in rule_orgs if r.start <= span.start and span.end <= r.end
                 and r.end - r.start > span.end - span.start), span)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    pos = bisect.bisect_left(taken, (start, end))
    return (pos > 0 and taken[pos - 1][1] > start) or (pos < len(taken) and taken[pos][0] < end)


def _people_kept(people: list[Person], entities: list[Span]) -> list[Person]:
    """The rule tagger's people whose name is still a PER span, with only the titles that are
    still TITLE spans (so `doc.people` agrees with `doc.entities` after a merge)."""
    names = {" ".join(e.text.split()) for e in entities if e.label == "PER"}
    titles = {" ".join(e.text.split()) for e in entities if e.label == "TITLE"}
    result: list[Person] = []
    for p in people:
        if p.name not in names:
            continue
        title = p.title if p.title in titles else None
        if title is None and p.title:
            title = ", ".join(t for t in p.title.split(", ") if t in titles) or None
        person = Person(p.name, title)
        if not any(q.name == person.name and q.title == person.title for q in result):
            result.append(person)
    titled = {p.name for p in result if p.title}
    return [p for p in result if p.title or p.name not in titled]


class HybridEntityRecognizer:
    """The rule tagger, then a trained model (any object with `.predict(doc) -> list[Span]`
    reading the rule spans from `doc.entities`), merged by `merge_entities`."""

    def __init__(self, rules: EntityRecognizer, model, rule_labels: tuple[str, ...] = RULE_LABELS,
                 fill: bool = True):
        self.rules = rules
        self.model = model
        self.rule_labels = tuple(rule_labels)
        self.fill = fill

    def __call__(self, doc: Document) -> Document:
        doc = self.rules(doc)
        rule_spans = list(doc.entities)
        model_spans = [s for s in (settle_span(doc.text, s) for s in self.model.predict(doc)) if s is not None]
        doc.entities = merge_entities(rule_spans, model_spans, self.rule_labels, self.fill)
        doc.people = _people_kept(doc.people, doc.entities)
        return doc


@component("entities")
def make_entities(config: dict, models_dir: Path):
    """Rules alone (`model = ""`), or rules + the trained NER of `backend` at `model`;
    `rule_labels` and `fill_from_rules` set the merge policy."""
    from .models import load_ner, model_path

    gazetteer = Gazetteer.load(Path(models_dir) / config.get("gazetteer", "gazetteer"))
    rules = EntityRecognizer(gazetteer)
    path = model_path(config, models_dir)
    if path is None:
        return rules
    model = load_ner(config.get("backend", "spacy"), path)
    # the config's policy, else the one chosen on dev and stored with the model, else the default
    policy = {"rule_labels": RULE_LABELS, "fill_from_rules": True, **(getattr(model, "merge_policy_", None) or {})}
    policy.update({k: config[k] for k in ("rule_labels", "fill_from_rules") if k in config})
    return HybridEntityRecognizer(rules, model, tuple(policy["rule_labels"]), bool(policy["fill_from_rules"]))
