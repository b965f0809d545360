"""Gazetteer for the entity tagger: lexicons harvested from the development corpus.

    python -m pipeline gazetteer --metadata data/metadata --raw data/raw --out models/gazetteer

`build_gazetteer` reads the metadata records and raw documents and collects

* body names that recur after a head word (`Sở Lao động - Thương binh và Xã hội`,
  `Ban Vì sự tiến bộ của phụ nữ`), the capital abbreviations used in them (`VSTBCPN`, `CHQS`)
  and the abbreviations that stand for a whole body (`UBND tỉnh`, `UBMTTQVN tỉnh`);
* administrative places written after a unit word (`huyện Krông Nô`, `xã Nghĩa Thắng`), plus the
  provinces and districts of underthesea's administrative-unit table that the corpus mentions;
* named laws (`Luật Bình đẳng giới`), title words, surnames of signers and of people named after
  an honorific, and the multi-syllable words of underthesea's lexicon that the corpus uses.

The closed-class seeds below (head words, title words, unit words) are grammar, not data: the
builder keeps the ones the corpus attests and records their counts. Everything is written as small
TSV files that `Gazetteer.load` reads back; see models/gazetteer/README.md.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Text keys shared with the tagger
# ---------------------------------------------------------------------------------------------

# a syllable (with the apostrophe of highland names: `R'Lấp`, `M'gar`) or one other character
TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
DASHES = "-–—‐‑"
# Old and new tone-mark placement ("hoà"/"hòa", "thuỷ"/"thủy") must give the same key.
_TONE_PLACEMENT = {
    new: old
    for vowel, glide in (("o", "a"), ("o", "e"), ("u", "y"))
    for new, old in zip(
        (unicodedata.normalize("NFC", vowel + glide + mark) for mark in "\u0300\u0301\u0309\u0303\u0323"),
        (unicodedata.normalize("NFC", vowel + mark) + glide for mark in "\u0300\u0301\u0309\u0303\u0323"),
    )
}
_TONE_RE = re.compile("|".join(_TONE_PLACEMENT))
_DASH_TABLE = str.maketrans({d: "-" for d in DASHES})


def fold(text: str) -> str:
    """Matching key: lower case, one tone-mark placement, one dash. Keeps the length of NFC text."""
    return _TONE_RE.sub(lambda m: _TONE_PLACEMENT[m.group(0)], text.lower()).translate(_DASH_TABLE)


def key_of(phrase: str) -> tuple[str, ...]:
    """Token key of a phrase, as the tagger's tries store it."""
    return tuple(TOKEN_RE.findall(fold(phrase)))


class PhraseTrie:
    """Phrases as paths of token keys (see `key_of`), matched at a token position."""

    def __init__(self, phrases: Iterable[str] = (), value: Callable[[str], object] = lambda phrase: phrase):
        self.root: dict = {}
        for phrase in phrases:
            self.add(key_of(phrase), value(phrase))

    def add(self, keys: tuple[str, ...], value: object = True) -> None:
        node = self.root
        for k in keys:
            node = node.setdefault(k, {})
        node[None] = value

    def __contains__(self, first_key: str) -> bool:
        """Whether some phrase starts with this key."""
        return first_key in self.root

    def ends(self, keys: Sequence[str], i: int, limit: int = 16) -> list[tuple[int, object]]:
        """Every (end, value) of a phrase starting at `keys[i]`, shortest first."""
        node, found = self.root, []
        for j in range(i, min(len(keys), i + limit)):
            node = node.get(keys[j])
            if node is None:
                break
            if None in node:
                found.append((j + 1, node[None]))
        return found

    def longest(self, keys: Sequence[str], i: int, limit: int = 16) -> tuple[int, object]:
        """(end, value) of the longest phrase at `keys[i]`, or (i, None)."""
        found = self.ends(keys, i, limit)
        return found[-1] if found else (i, None)


def is_word(token: str) -> bool:
    return token[:1].isalpha()


def is_capitalized(token: str) -> bool:
    return token[:1].isupper()


def is_abbreviation(token: str) -> bool:
    """`UBND`, `VSTBCPN`, `TN`: two or more capitals and no lower-case letter."""
    return len(token) >= 2 and token.isupper() and not token.isdigit()


# ---------------------------------------------------------------------------------------------
# Closed-class seeds
# ---------------------------------------------------------------------------------------------

# kind: "body" = a whole body on its own (`UBND`, `Tỉnh ủy`); "named" = needs a name after it
# (`Sở` + `Y tế`); "qualified" = needs a name or a place qualifier (`Công an` + `tỉnh`);
# "prefix" = a standing organ of the body that follows (`Thường trực` + `HĐND huyện`).
ORG_HEAD_SEEDS: dict[str, str] = {
    **dict.fromkeys((
        "UBND", "HĐND", "Ủy ban nhân dân", "Hội đồng nhân dân", "Tỉnh ủy", "Huyện ủy", "Thành ủy",
        "Thị ủy", "Quận ủy", "Chính phủ", "Quốc hội", "Đảng", "Bộ Chính trị", "Ban Bí thư",
        "UBMTTQVN", "UBMTTQ", "MTTQ", "MTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Mặt trận Tổ quốc Việt Nam", "Ủy ban Thường vụ Quốc hội", "Ban Chấp hành Trung ương",
    ), "body"),
    **dict.fromkeys((
        "Sở", "Ban", "Phòng", "Bộ", "Cục", "Tổng cục", "Chi cục", "Trung tâm", "Trường", "Học viện",
        "Viện", "Hội", "Hội đồng", "Ủy ban", "Đoàn", "Liên đoàn", "Công ty", "Tổng công ty",
        "Tập đoàn", "Ngân hàng", "Kho bạc", "Bệnh viện", "Báo", "Đài", "Nhà xuất bản", "Hạt",
        "Trạm", "Chi nhánh", "Văn phòng", "Liên minh", "Hiệp hội", "Đại học",
        "Bảo hiểm", "Tòa án", "Viện kiểm sát", "Ban quản lý", "Hợp tác xã", "Mặt trận", "Liên hiệp",
    ), "named"),
    **dict.fromkeys((
        "Công an", "Thanh tra", "Kho bạc Nhà nước", "Bảo hiểm xã hội", "Tòa án nhân dân",
        "Viện kiểm sát nhân dân", "Đảng ủy", "Bộ Chỉ huy Quân sự", "Ban Chỉ huy Quân sự",
        "Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc", "Ủy ban Kiểm tra", "Cục Thuế", "Chi cục Thuế",
        "Đảng bộ", "Chi bộ",
    ), "qualified"),
    **dict.fromkeys((
        "Thường trực", "TT", "Ban Thường vụ", "Ban Thường trực", "Ban Chấp hành", "Tổ giúp việc",
        "Tổ chuyên viên giúp việc", "Đảng đoàn", "Ban cán sự đảng", "Ban Giám đốc",
    ), "prefix"),
}

# Position words; a TITLE is one of these plus the body it belongs to.
TITLE_SEEDS = (
    "Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực", "Chủ tịch nước", "Giám đốc",
    "Phó Giám đốc", "Tổng Giám đốc", "Phó Tổng Giám đốc", "Trưởng ban", "Phó Trưởng ban",
    "Trưởng phòng", "Phó Trưởng phòng", "Trưởng", "Phó Trưởng", "Bí thư", "Phó Bí thư",
    "Phó Bí thư Thường trực", "Tổng Bí thư", "Chánh Văn phòng", "Phó Chánh Văn phòng",
    "Phó Văn phòng", "Chánh Thanh tra", "Phó Chánh Thanh tra", "Chánh án", "Phó Chánh án",
    "Viện trưởng", "Phó Viện trưởng", "Cục trưởng", "Phó Cục trưởng", "Chi cục trưởng",
    "Phó Chi cục trưởng", "Vụ trưởng", "Phó Vụ trưởng", "Bộ trưởng", "Thứ trưởng", "Thủ tướng",
    "Phó Thủ tướng", "Phó Thủ tướng Thường trực", "Thứ trưởng Thường trực", "Phó Giám đốc Thường trực",
    "Phó Trưởng ban Thường trực", "Phó Chủ nhiệm Thường trực", "Chủ nhiệm", "Phó Chủ nhiệm", "Hiệu trưởng", "Phó Hiệu trưởng",
    "Chỉ huy trưởng", "Phó Chỉ huy trưởng", "Ủy viên", "Ủy viên Thường trực", "Trưởng đoàn",
    "Phó Trưởng đoàn", "Tỉnh ủy viên", "Huyện ủy viên", "Thành ủy viên", "Đại biểu Quốc hội",
    "Tổng cục trưởng", "Giám đốc điều hành", "UVTV", "UVBTV", "TUV", "HUV", "PCT", "CT", "GĐ",
    "PGĐ", "PBT", "BT", "CVP", "PCVP",
)

# Administrative unit words and the level a place after them has.
UNIT_LEVELS: dict[str, str] = {
    "tỉnh": "province", "thành phố": "province", "tp": "province", "huyện": "district",
    "quận": "district", "thị xã": "district", "xã": "commune", "phường": "commune",
    "thị trấn": "commune", "thôn": "village", "buôn": "village", "bon": "village", "bản": "village",
    "ấp": "village", "xóm": "village", "làng": "village", "tổ dân phố": "village",
    "khu phố": "village", "tiểu khu": "village",
}

HONORIFICS = ("đồng chí", "đ/c", "ông", "bà")

# Lower-case function words that end a harvested name ...
STOP_WORDS = frozenset("""
    về tại theo trong trên dưới với cho để do từ đến tới là có đã đang sẽ được bị không chưa các
    những mọi này đó kia ấy thì mà nếu khi sau trước nhằm bằng qua như gồm thuộc số ngày tháng năm
    quý lần cùng phải cần nên hoặc hay nhưng vì xét trình gửi nộp ký cử nhận luôn
""".split())
# ... and the commonest verbs and document words of administrative prose.
STOP_PHRASES = frozenset(fold(p.replace("_", " ")) for p in """
    chủ_trì phối_hợp thực_hiện triển_khai hướng_dẫn báo_cáo chỉ_đạo tham_mưu ban_hành kiểm_tra
    theo_dõi đôn_đốc yêu_cầu đề_nghị tiếp_tục căn_cứ quyết_định tổ_chức thông_báo công_bố quy_định
    tăng_cường đảm_bảo bảo_đảm rà_soát xây_dựng nghiên_cứu tập_trung làm_việc dự_họp đánh_giá
    phê_duyệt chịu_trách khẩn_trương phụ_trách quản_lý có_ý kết_luận trả_lời giải_quyết sửa_đổi
    bổ_sung thường_xuyên sở_hữu trực_thuộc nghị_quyết chỉ_thị tờ_trình công_văn nghị_định thông_tư
""".split())
# Capitalised words that open a sentence or a header field, never part of a name.
CAPITAL_STOP_WORDS = frozenset("số ngày căn về theo tại nơi kính điều khoản trích kèm".split())

_SURNAME_MIN = 1
_NAME_MIN = 2
_LAW_MIN = 2
_ABBREVIATION_MIN = 2

# ---------------------------------------------------------------------------------------------
# The gazetteer
# ---------------------------------------------------------------------------------------------

_FILES = {
    "org_heads": "org_heads.tsv",
    "org_names": "org_names.tsv",
    "body_abbreviations": "body_abbreviations.tsv",
    "name_abbreviations": "name_abbreviations.tsv",
    "places": "places.tsv",
    "laws": "laws.tsv",
    "titles": "titles.tsv",
    "surnames": "surnames.tsv",
    "words": "words.txt",
}


@dataclass
class Gazetteer:
    """Lexicons for entity tagging; every entry keeps its corpus count."""

    org_heads: dict[str, str] = field(default_factory=dict)          # head -> kind
    org_names: dict[str, int] = field(default_factory=dict)          # "Sở Tư pháp" -> count
    body_abbreviations: dict[str, int] = field(default_factory=dict)  # "UBND" -> count
    name_abbreviations: dict[str, int] = field(default_factory=dict)  # "VSTBCPN" -> count
    places: dict[str, str] = field(default_factory=dict)             # "Krông Nô" -> level
    laws: dict[str, int] = field(default_factory=dict)               # "Luật Bình đẳng giới" -> count
    titles: dict[str, int] = field(default_factory=dict)             # "Phó Chủ tịch" -> count
    surnames: dict[str, int] = field(default_factory=dict)           # "Nguyễn" -> count
    words: frozenset[str] = frozenset()                              # "y tế", "tài nguyên"

    def save(self, out_dir: str | Path) -> None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        _write_tsv(out / _FILES["org_heads"], sorted(self.org_heads.items()))
        for name in ("org_names", "body_abbreviations", "name_abbreviations", "laws", "titles",
                     "surnames"):
            _write_tsv(out / _FILES[name], _by_count(getattr(self, name)))
        _write_tsv(out / _FILES["places"], sorted(self.places.items(), key=lambda kv: (kv[1], kv[0])))
        (out / _FILES["words"]).write_text("\n".join(sorted(self.words)) + "\n", encoding="utf-8")
        (out / "counts.json").write_text(json.dumps(self.sizes(), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, in_dir: str | Path) -> Gazetteer:
        src = Path(in_dir)
        if not (src / _FILES["org_heads"]).exists():
            raise FileNotFoundError(f"no gazetteer in {src}; build it with `python -m pipeline gazetteer`")
        tables = {name: _read_tsv(src / fname) for name, fname in _FILES.items() if name != "words"}
        as_counts = {name: {k: int(v) for k, v in rows} for name, rows in tables.items()
                     if name not in ("org_heads", "places")}
        words = (src / _FILES["words"]).read_text(encoding="utf-8").split("\n")
        return cls(org_heads=dict(tables["org_heads"]), places=dict(tables["places"]),
                   words=frozenset(w for w in words if w), **as_counts)

    def sizes(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in _FILES}


def _by_count(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _write_tsv(path: Path, rows: Iterable[tuple[str, object]]) -> None:
    path.write_text("".join(f"{k}\t{v}\n" for k, v in rows), encoding="utf-8")


def _read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line:
            key, value = line.split("\t")
            rows.append((key, value))
    return rows


# ---------------------------------------------------------------------------------------------
# Building from the corpus
# ---------------------------------------------------------------------------------------------

_ROMAN_RE = re.compile(r"^[IVXLC]+$")
_MAX_PHRASE = 8  # tokens in the longest seed phrase
# Unit-word look-alikes inside ordinary words (`nông thôn`, `xuất bản`) are caught by the
# lexicon; these are the ones it lacks.
_UNIT_FALSE_FRIENDS = frozenset({"xã hội", "tỉnh ủy", "huyện ủy", "thành ủy", "quận ủy", "thị ủy"})


@dataclass(slots=True)
class _Tok:
    text: str
    key: str
    line_break: bool  # a line break comes before this token


def _tokens(text: str) -> list[_Tok]:
    keyed = fold(text)
    out, prev_end = [], 0
    for m in TOKEN_RE.finditer(text):
        out.append(_Tok(m.group(0), keyed[m.start():m.end()], "\n" in text[prev_end:m.start()]))
        prev_end = m.end()
    return out


def _join(toks: list[_Tok]) -> str:
    """Surface form with one space between words and none before `,` `;` `:` `)`."""
    out = ""
    for t in toks:
        out += t.text if not out or t.text in ",;:)" or out.endswith("(") else " " + t.text
    return out


def _is_roman(token: str) -> bool:
    return bool(_ROMAN_RE.match(token))


def _longest(trie: PhraseTrie, toks: list[_Tok], i: int) -> tuple[int, str | None]:
    """`PhraseTrie.longest` over the builder's tokens."""
    end, phrase = trie.longest([t.key for t in toks[i:i + _MAX_PHRASE]], 0)
    return i + end, phrase


@dataclass
class _Corpus:
    """Tokenised documents plus the lexical knowledge the harvesters share."""

    docs: list[list[_Tok]]
    words: frozenset[str]
    units: PhraseTrie = field(default_factory=lambda: PhraseTrie(UNIT_LEVELS))
    heads: PhraseTrie = field(default_factory=lambda: PhraseTrie(ORG_HEAD_SEEDS))
    titles: PhraseTrie = field(default_factory=lambda: PhraseTrie(TITLE_SEEDS))

    def completes_word(self, toks: list[_Tok], k: int) -> bool:
        return k > 0 and f"{toks[k - 1].key} {toks[k].key}" in self.words

    def is_stop(self, toks: list[_Tok], k: int) -> bool:
        """A function word or the first syllable of a common verb (`quy định`, `Hướng dẫn`).

        A capitalised word is only checked after a lower-case one: `Tài chính - Kế hoạch` is a name.
        """
        t = toks[k]
        if t.text[0].isupper() and not (k > 0 and toks[k - 1].text[0].islower()):
            return False
        if k + 1 < len(toks) and f"{t.key} {toks[k + 1].key}" in STOP_PHRASES:
            return True
        return t.text[0].islower() and t.key in STOP_WORDS and not self.completes_word(toks, k)

    def starts_body(self, toks: list[_Tok], k: int) -> bool:
        """A capitalised head word or body abbreviation at `k` (`Sở`, `Bộ`, `UBND`)."""
        return is_capitalized(toks[k].text) and _longest(self.heads, toks, k)[1] is not None

    def starts_title(self, toks: list[_Tok], k: int) -> bool:
        return is_capitalized(toks[k].text) and _longest(self.titles, toks, k)[1] is not None

    def unit_end(self, toks: list[_Tok], i: int) -> int:
        """End of the unit word at `i` (`huyện`, `thị trấn`), or `i` when it is part of a word."""
        end, unit = _longest(self.units, toks, i)
        if unit is None or self.completes_word(toks, i):
            return i
        if end < len(toks) and f"{toks[end - 1].key} {toks[end].key}" in self.words | _UNIT_FALSE_FRIENDS:
            return i
        return end


def iter_corpus_texts(raw_dir: str | Path) -> Iterator[str]:
    for path in sorted(Path(raw_dir).rglob("*")):
        if path.is_file() and path.suffix.lower() in {".txt", ".md"}:
            yield unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))


def iter_metadata(metadata_dir: str | Path) -> Iterator[dict]:
    for path in sorted(Path(metadata_dir).glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def _metadata_texts(records: list[dict]) -> list[str]:
    """Metadata strings written in normal case (the Bình Dương summaries are all lower case)."""
    texts = []
    for r in records:
        for key in ("co_quan", "co_quan_ban_hanh", "nguoi_ky", "loai_van_ban", "trich_yeu", "title"):
            value = r.get(key)
            if isinstance(value, str) and any(c.isupper() for c in value[1:]):
                texts.append(unicodedata.normalize("NFC", value))
    return texts


def _signer_names(records: list[dict]) -> Counter:
    """`Phó Chủ tịch UBND Nguyễn Thành Công` -> `Nguyễn Thành Công` (the trailing title-case run)."""
    names: Counter = Counter()
    for r in records:
        signer = r.get("nguoi_ky")
        if not isinstance(signer, str):
            continue
        run: list[str] = []
        for w in reversed(unicodedata.normalize("NFC", signer).split()):
            if not w.istitle() or is_abbreviation(w):
                break
            run.append(w)
        if 2 <= len(run) <= 4:
            names[" ".join(reversed(run))] += 1
    return names


def _name_after(toks: list[_Tok], i: int, non_name_firsts: set[str]) -> str | None:
    """2-4 title-case syllables on one line starting at `i`, not a position or a body."""
    run: list[_Tok] = []
    for t in toks[i:i + 4]:
        if not (t.text.istitle() and is_word(t.text)) or (run and t.line_break):
            break
        run.append(t)
    if 2 <= len(run) <= 4 and run[0].key not in non_name_firsts:
        return _join(run)
    return None


def _honorific_names(corpus: _Corpus, non_name_firsts: set[str]) -> Counter:
    """Names written after `đồng chí`, `Đ/c`, `ông`, `bà`."""
    names: Counter = Counter()
    for toks, end, _ in _trie_matches(corpus, PhraseTrie(HONORIFICS)):
        name = _name_after(toks, end, non_name_firsts)
        if name:
            names[name] += 1
    return names


def _closing_names(corpus: _Corpus, non_name_firsts: set[str]) -> Counter:
    """The signer's name: the last line of a document when it is a name."""
    names: Counter = Counter()
    for toks in corpus.docs:
        start = len(toks) - 1
        while start > 0 and not toks[start].line_break:
            start -= 1
        if len(toks) - start <= 4:
            name = _name_after(toks, start, non_name_firsts)
            if name and len(name.split()) == len(toks) - start:
                names[name] += 1
    return names


def _middle_name_people(corpus: _Corpus) -> Counter:
    """Three title-case syllables with `Văn` or `Thị` in the middle: `Phạm Văn Hải`, `Trần Thị Nga`."""
    names: Counter = Counter()
    for toks in corpus.docs:
        for i in range(1, len(toks) - 1):
            if toks[i].text in ("Văn", "Thị") and not toks[i].line_break:
                run = toks[i - 1:i + 2]
                if all(t.text.istitle() and is_word(t.text) for t in run) and not toks[i + 1].line_break:
                    names[_join(run)] += 1
    return names


def _surnames(person_names: Counter, non_name_firsts: set[str]) -> dict[str, int]:
    """First syllables of people's names, minus unit, head and title words (`Phường Trần Phú`)."""
    firsts: Counter = Counter()
    for name, n in person_names.items():
        firsts[name.split()[0]] += n
    excluded = non_name_firsts | {fold(u) for u in UNIT_LEVELS}
    return {s: n for s, n in firsts.items() if n >= _SURNAME_MIN and fold(s) not in excluded}


def _place_end(toks: list[_Tok], i: int, max_len: int = 4) -> int:
    """End of a title-case place name starting at `i` (one line, no header words)."""
    j = i
    while j < len(toks) and j - i < max_len:
        t = toks[j]
        if not (t.text.istitle() and is_word(t.text) and len(t.text) > 1) or t.key in CAPITAL_STOP_WORDS \
                or t.key in STOP_WORDS or t.key == "khóa" \
                or (j + 1 < len(toks) and f"{t.key} {toks[j + 1].key}" in STOP_PHRASES):
            break
        if j > i and t.line_break:
            break
        j += 1
    return j


def _harvest_places(corpus: _Corpus, person_names: set[str]) -> dict[str, str]:
    """Title-case names after a unit word, seen twice, with the level of their commonest unit."""
    unit_firsts = {key_of(u)[0] for u in UNIT_LEVELS}
    head_firsts = {key_of(h)[0] for h in ORG_HEAD_SEEDS}
    levels: dict[str, Counter] = defaultdict(Counter)
    for toks in corpus.docs:
        for i, t in enumerate(toks):
            if t.key not in unit_firsts or t.text.isupper():
                continue
            end = corpus.unit_end(toks, i)
            if end == i or end >= len(toks) or toks[end].line_break or toks[end].key in head_firsts:
                continue
            stop = _place_end(toks, end)
            name = _join(toks[end:stop])
            if stop > end and name not in person_names:
                levels[name][UNIT_LEVELS[" ".join(x.key for x in toks[i:end])]] += 1
    return {name: counts.most_common(1)[0][0] for name, counts in levels.items()
            if sum(counts.values()) >= 2}


def _admin_unit_places(mentioned: str) -> dict[str, str]:
    """Provinces and districts of underthesea's administrative-unit table that the corpus names."""
    try:
        from underthesea.address import converter
    except ImportError:
        return {}
    table = Path(converter.__file__).parent / "data" / "mapping.json"
    data = json.loads(table.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for group in ("province_names", "old_province_names"):
        for entry in data.get(group, {}).values():
            found[entry["short"]] = "province"
    unit = re.compile(r"^(?:Quận|Huyện|Thị xã|Thành phố)\s+")
    for row in data.get("ward_mapping", []):
        district = row.get("old_district") or ""
        name = unit.sub("", district)
        if name != district and not name.isdigit():
            found.setdefault(name, "district")
    return {name: level for name, level in found.items() if name in mentioned}


def _name_end(corpus: _Corpus, toks: list[_Tok], j: int, max_len: int = 12) -> int:
    """End of the name after a head: words and connectors up to a qualifier or a stop word.

    Lower-case words continue a name (`Sở Giao thông vận tải`) until the name has taken in
    another body or an abbreviation; the document frequency of the result decides whether it
    is a name at all. A connector before another head ends it (`Sở Tài chính và Bộ Nội vụ`).
    """
    end, k, closed = j, j, False
    while k < len(toks) and k - j < max_len:
        t = toks[k]
        if k > j and t.line_break and is_capitalized(t.text):
            break
        if corpus.unit_end(toks, k) > k or t.key in ("các", "cấp", "khóa"):
            break
        if t.text in DASHES or t.key in ("và", "&", "của", ","):
            nxt = k + 1
            if nxt < len(toks) and is_capitalized(toks[nxt].text) == (t.key != "của") \
                    and not corpus.starts_body(toks, nxt) and not corpus.starts_title(toks, nxt) \
                    and toks[nxt].key not in CAPITAL_STOP_WORDS:
                k += 1
                continue
            break
        if not is_word(t.text) or t.key in CAPITAL_STOP_WORDS or (k > j and corpus.is_stop(toks, k)):
            break
        if t.text.isupper() and not is_abbreviation(t.text):
            break
        if t.text[0].islower():
            if closed and not corpus.completes_word(toks, k):
                break
        elif k > j and is_abbreviation(t.text):
            closed = True
        elif k > j and corpus.starts_body(toks, k):
            k, closed = _longest(corpus.heads, toks, k)[0] - 1, True
        k += 1
        end = k
    return _cut_open_list(toks, j, end)


def _cut_open_list(toks: list[_Tok], j: int, end: int) -> int:
    """A comma belongs to a name only in a `A, B và C` series (`Văn hóa, Thể thao và Du lịch`)."""
    keys = [t.key for t in toks[j:end]]
    if "," not in keys:
        return end
    last_comma = len(keys) - 1 - keys[::-1].index(",")
    return end if "và" in keys[last_comma:] else j + keys.index(",")


def _prune_extensions(names: dict[str, int]) -> dict[str, int]:
    """Drop `Sở Tài chính luôn`-like strings: a known name plus a rarer lower-case tail."""
    kept = {}
    for name, n in names.items():
        words = name.split()
        prefixes = (" ".join(words[:k]) for k in range(2, len(words)))
        shadowed = any(p in names and words[len(p.split())][0].islower() and n * 4 < names[p]
                       for p in prefixes)
        if not shadowed:
            kept[name] = n
    return kept


def _harvest_org_names(corpus: _Corpus) -> tuple[dict[str, int], Counter]:
    """Head + name strings found in at least two documents; and the abbreviations inside them.

    Only heads that take a name are followed, in title case (all-caps header lines run into the
    next column). The name must start with a capitalised word or an abbreviation (`Ban hành`,
    `Tổ chức` are verbs).
    """
    doc_freq: Counter = Counter()
    inner_abbreviations: Counter = Counter()
    for toks in corpus.docs:
        seen = set()
        i = 0
        while i < len(toks):
            head_end, head = _longest(corpus.heads, toks, i)
            if head is None or ORG_HEAD_SEEDS[head] == "body" or not toks[i].text.istitle() \
                    or head_end >= len(toks):
                i = max(head_end, i + 1)
                continue
            first = toks[head_end]
            end = head_end
            # `Bộ Trưởng Bộ Tài chính` opens a position, not a body
            if not first.line_break and is_capitalized(first.text) and first.key not in CAPITAL_STOP_WORDS \
                    and not corpus.starts_title(toks, head_end):
                end = _name_end(corpus, toks, head_end)
            if end > head_end:
                seen.add(_join(toks[i:end]))
                inner_abbreviations.update(t.text for t in toks[head_end:end] if is_abbreviation(t.text))
            i = end
        doc_freq.update(seen)
    names = {name: n for name, n in doc_freq.items() if n >= _NAME_MIN}
    return _prune_extensions(names), inner_abbreviations


def _harvest_body_abbreviations(corpus: _Corpus) -> Counter:
    """Abbreviations written as a whole body: after a position or a standing organ
    (`Chủ tịch UBND`, `Thường trực HĐND`) or as a recipient line (`- UBMTTQVN tỉnh;`), and
    followed by a unit word. `công tác CCHC tỉnh` is no body."""
    prefixes = PhraseTrie([*TITLE_SEEDS, *(h for h, kind in ORG_HEAD_SEEDS.items() if kind == "prefix")])
    found: Counter = Counter()
    for toks in corpus.docs:
        title_ends = {end for end, phrase in (_longest(prefixes, toks, i) for i in range(len(toks)))
                      if phrase is not None}
        for i in range(1, len(toks) - 1):
            t = toks[i]
            if not (is_abbreviation(t.text) and len(t.text) >= 3 and not _is_roman(t.text)):
                continue
            listed = toks[i - 1].text in "-+;" and (toks[i - 1].line_break or i == 1)
            after_head = _longest(corpus.heads, toks, i - 1)[1] is not None  # `Ban VSTBCPN`: a name
            if (listed or i in title_ends) and not after_head and toks[i + 1].text.islower() \
                    and corpus.unit_end(toks, i + 1) > i + 1:
                found[t.text] += 1
    return Counter({a: n for a, n in found.items() if n >= _ABBREVIATION_MIN})


def _harvest_laws(corpus: _Corpus) -> dict[str, int]:
    """`Luật` / `Bộ luật` + a capitalised name in at least two documents, ended by a function
    word (`ngày`, `số`, `của`). Amending laws (`Luật sửa đổi, bổ sung ...`) are left out."""
    starts = PhraseTrie(("Luật", "Bộ luật"))
    doc_freq: Counter = Counter()
    for toks in corpus.docs:
        seen = set()
        for i, t in enumerate(toks):
            if t.text not in ("Luật", "Bộ"):
                continue
            head_end, head = _longest(starts, toks, i)
            if head is None or head_end >= len(toks) or not is_capitalized(toks[head_end].text) \
                    or toks[head_end].key == "sửa":
                continue
            end = _law_end(corpus, toks, head_end)
            # every prefix counts: `Luật Bình đẳng giới gắn với ...` still attests the name
            seen.update(_join(toks[i:k]) for k in range(head_end + 1, end + 1)
                        if k == end or not corpus.completes_word(toks, k))
        doc_freq.update(seen)
    laws = {name: n for name, n in doc_freq.items() if n >= _LAW_MIN}
    return {name: n for name, n in laws.items() if not _always_extended(name, n, laws)}


def _always_extended(name: str, n: int, names: dict[str, int]) -> bool:
    """`Luật Bình đẳng` is only ever the start of `Luật Bình đẳng giới`."""
    return any(other.startswith(name + " ") and m == n for other, m in names.items())


def _law_end(corpus: _Corpus, toks: list[_Tok], j: int, max_len: int = 12) -> int:
    """End of a law's name: `Luật Phòng, chống tham nhũng`, `Luật Tổ chức HĐND và UBND`."""
    end, k = j, j
    while k < len(toks) and k - j < max_len:
        t = toks[k]
        if k > j and t.line_break and is_capitalized(t.text):
            break
        if t.key == "," and toks[k - 1].key == "phòng" and k + 1 < len(toks) and toks[k + 1].key == "chống":
            k += 1
            continue
        if t.key == "và" and k + 1 < len(toks) and is_capitalized(toks[k + 1].text) \
                and toks[k + 1].key != "luật":
            k += 1
            continue
        if not is_word(t.text) or t.key in ("và", "của") or t.key in CAPITAL_STOP_WORDS \
                or (k > j and corpus.is_stop(toks, k)):
            break
        k += 1
        end = k
    return end


def _count_phrases(corpus: _Corpus, phrases: Iterable[str]) -> Counter:
    return Counter(phrase for _, _, phrase in _trie_matches(corpus, PhraseTrie(phrases)))


def _trie_matches(corpus: _Corpus, trie: PhraseTrie):
    """(tokens of a document, end index, phrase) of the longest trie match at every token."""
    for toks in corpus.docs:
        for i in range(len(toks)):
            end, phrase = _longest(trie, toks, i)
            if phrase is not None:
                yield toks, end, phrase


def _attested_words(docs: list[list[_Tok]]) -> frozenset[str]:
    """Multi-syllable words of underthesea's Viet74K lexicon that occur in the corpus."""
    try:
        import underthesea
    except ImportError:
        return frozenset()
    lexicon = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    if not lexicon.exists():
        return frozenset()
    ngrams: set[str] = set()
    for toks in docs:
        keys = [t.key for t in toks]
        for n in (2, 3):
            ngrams.update(" ".join(keys[i:i + n]) for i in range(len(keys) - n + 1))
    words = set()
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        w = fold(unicodedata.normalize("NFC", line.strip()))
        if " " in w and w in ngrams:
            words.add(w)
    return frozenset(words)


def build_gazetteer(metadata_dir: str | Path, raw_dir: str | Path) -> Gazetteer:
    records = list(iter_metadata(metadata_dir))
    texts = list(iter_corpus_texts(raw_dir)) + _metadata_texts(records)
    docs = [_tokens(t) for t in texts]
    corpus = _Corpus(docs, _attested_words(docs))

    org_names, inner_abbreviations = _harvest_org_names(corpus)
    non_name_firsts = {key_of(p)[0] for p in (*ORG_HEAD_SEEDS, *TITLE_SEEDS)} | set(CAPITAL_STOP_WORDS)
    persons = _honorific_names(corpus, non_name_firsts) + _closing_names(corpus, non_name_firsts) \
        + _signer_names(records) + _middle_name_people(corpus)
    places = _harvest_places(corpus, set(persons))
    for name, level in _admin_unit_places("\n".join(texts)).items():
        places.setdefault(name, level)
    title_counts = _count_phrases(corpus, TITLE_SEEDS)
    return Gazetteer(
        org_heads=dict(ORG_HEAD_SEEDS),
        org_names=org_names,
        body_abbreviations=dict(_harvest_body_abbreviations(corpus)),
        name_abbreviations={a: n for a, n in inner_abbreviations.items()
                            if n >= _ABBREVIATION_MIN and not _is_roman(a)},
        places=places,
        laws=_prune_extensions(_harvest_laws(corpus)),
        titles={t: title_counts[t] for t in TITLE_SEEDS},
        # a place is not a person: `Hà Nội` after `bà` is no name
        surnames=_surnames(Counter({n: c for n, c in persons.items() if n not in places}), non_name_firsts),
        words=corpus.words,
    )
