"""Decoding text: Unicode encodings and the legacy Vietnamese ones still found in older files.

`decode_bytes` reads a text file's bytes: a BOM, UTF-8, UTF-16 without a BOM, else one of the
single-byte encodings Vietnamese offices used before Unicode — TCVN3 (ABC, fonts .VnTime),
VNI-Windows (fonts VNI-Times), VISCII, Windows-1258 — chosen by how many words of each candidate
decoding are well-formed Vietnamese syllables, never by a guess.

`detect_legacy_text` / `repair_legacy_text` do the same for text that is already Unicode but was
typed in a legacy font: a .VnTime Word file, a web page read as Latin-1 ("Céng hoµ x· héi"),
VNI text ("Coäng hoøa xaõ hoäi"), UTF-8 read as Windows-1252 ("CÃ´ng vÄƒn").  The cleaning stage
calls the same detector, through `LegacyCharset.pattern`/`replace`, so its offset map stays exact.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer

from . import UnreadableFile

# ---------------------------------------------------------------------------------------------
# Vietnamese syllables: the yardstick every candidate decoding is measured with

ACUTE, GRAVE, HOOK, TILDE, DOT_BELOW = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
TONE_MARKS = ACUTE + GRAVE + HOOK + TILDE + DOT_BELOW
TONE_MARK_RE = re.compile(f"[{TONE_MARKS}]")

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui "
           "uô uơ uy ưa ưi ươ ưu yê oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu iêu").split()
_NUCLEUS = "(?:" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + ")"
_CODA = "(?:ch|ng|nh|[cmnpt])?"
BASE_SYLLABLE_RE = re.compile(_ONSET + _NUCLEUS + _CODA)   # a syllable without its tone mark
WORD_RE = re.compile(r"[^\W\d_]+")

SAMPLE_CHARS = 20_000          # detection looks at the start of a document: one file, one encoding
MIN_VIETNAMESE_SCORE = 0.05    # below this no decoding reads as Vietnamese
MIN_GAIN = 0.1                 # a repair must make clearly more words well-formed


@lru_cache(maxsize=65_536)
def is_vietnamese_syllable(word: str) -> bool:
    """'nghĩa', 'Quyết', 'được' are; 'héi', 'Vieät', 'hoµ' are not (at most one tone mark, a
    known onset, vowel cluster and coda)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if len(TONE_MARK_RE.findall(decomposed)) > 1:
        return False
    base = unicodedata.normalize("NFC", TONE_MARK_RE.sub("", decomposed))
    return BASE_SYLLABLE_RE.fullmatch(base) is not None


def vietnamese_score(text: str) -> float:
    """Share of words that carry Vietnamese diacritics and are well-formed syllables, minus the
    share of non-ASCII words that are not: about 0.3-0.7 for Vietnamese, below 0 for mojibake."""
    words = WORD_RE.findall(text)
    if not words:
        return 0.0
    net = sum(1 if is_vietnamese_syllable(w) else -1 for w in words if not w.isascii())
    return net / len(words)


# ---------------------------------------------------------------------------------------------
# Legacy charsets, as conversions of the text a Latin-1 / Windows-1252 reading of their bytes gives

def _byte_char(code: int, encoding: str) -> str | None:
    try:
        return bytes([code]).decode(encoding)
    except UnicodeDecodeError:
        return None


def _lenient_table(encoding: str) -> str:
    """A 256-character decoding table: the encoding where it defines a byte, else Latin-1."""
    return "".join(_byte_char(b, encoding) or chr(b) for b in range(256))


CP1252_TABLE = _lenient_table("cp1252")
CP1258_TABLE = _lenient_table("cp1258")


def lenient_cp1252(data: bytes) -> str:
    """Bytes as Windows-1252 (Latin-1 for its five undefined bytes): every byte one character."""
    return codecs.charmap_decode(data, "strict", CP1252_TABLE)[0]


def _reading_keys(code: int, encodings: tuple[str, ...]) -> set[str]:
    """The characters that byte `code` becomes when legacy text is read as one of `encodings`."""
    return {c for enc in encodings if (c := _byte_char(code, enc)) is not None}


@dataclass(frozen=True, slots=True)
class LegacyCharset:
    """A legacy encoding as a text conversion: `pattern` finds what to convert, `replace` converts
    one match (usable with `re.sub` and with `MappedText.sub`)."""

    name: str
    pattern: re.Pattern[str]
    replace: Callable[[re.Match[str]], str]

    def convert(self, text: str) -> str:
        return self.pattern.sub(self.replace, text)


# TCVN3 (TCVN 5712:1993 VN3, the ABC fonts .VnTime/.VnArial): one byte a letter.  Capitals with
# tone marks have no code of their own: they are small-letter codes in a capitals font (.VnTimeH).
TCVN3_LETTERS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ", 0xA8: "ă", 0xA9: "â",
    0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á",
    0xB9: "ạ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ",
    0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể",
    0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò",
    0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú",
    0xF4: "ụ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ",
    0xFD: "ý", 0xFE: "ỵ",
}
# VISCII (RFC 1456): the 134 precomposed letters, six of them on control codes.
VISCII_CODES = bytes.fromhex(
    "02 05 06 14 19 1E 80 81 82 83 84 85 86 87 88 89 8A 8B 8C 8D 8E 8F 90 91 92 93 94 95 96 97 98 99"
    " 9A 9B 9C 9D 9E 9F A0 A1 A2 A3 A4 A5 A6 A7 A8 A9 AA AB AC AD AE AF B0 B1 B2 B3 B4 B5 B6 B7 B8 B9"
    " BA BB BC BD BE BF C4 C5 C6 C7 CB CE CF D0 D1 D5 D6 D7 D8 DB DC DE DF E4 E5 E6 E7 EB EE EF F0 F1"
    " F6 F7 F8 FB FC FE FF")
VISCII_LETTERS = ("ẲẴẪỶỸỴẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯẢĂẳẵẺĨ"
                  "ỳĐứạỷừửỹỵỡưảăữẫẻĩỉđựỏọụũủợỮ")
VISCII_TABLE = dict(zip(VISCII_CODES, VISCII_LETTERS, strict=True))

# TCVN3 text was also read as Windows-1258 by Vietnamese Windows programs; VISCII and TCVN3 bytes
# under 0xA0 read as Latin-1 control characters or as Windows-1252 punctuation.
_TCVN3_CHARS = {key: letter for code, letter in TCVN3_LETTERS.items()
                for key in _reading_keys(code, ("latin-1", "cp1252", "cp1258"))}
_VISCII_CHARS = {key: letter for code, letter in VISCII_TABLE.items()
                 for key in _reading_keys(code, ("latin-1", "cp1252"))}
_VISCII_TRANSLATION = str.maketrans(_VISCII_CHARS)


def _char_class(chars) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _tcvn3_word(m: re.Match[str]) -> str:
    """One TCVN3 word in Unicode, character for character.  Small-letter codes become capitals in
    a word written in capitals ('QUYÕT'), or, for a word with no other letter to tell ('Vµ'),
    in a line written in capitals ('BAN QLDA Vµ PT')."""
    word = m.group()
    letters = [c for c in word if c.isalpha() or c in _TCVN3_CHARS]
    others = [c for c in letters[1:] if c not in _TCVN3_CHARS]
    capitals = all(c.isupper() for c in others) if others else _in_capitals_line(m)
    return "".join((_TCVN3_CHARS[c].upper() if capitals else _TCVN3_CHARS[c]) if c in _TCVN3_CHARS
                   else c for c in word)


LINE_CONTEXT_CHARS = 200
ASCII_WORD_RE = re.compile("[A-Za-z]{2,}")


def _in_capitals_line(m: re.Match[str]) -> bool:
    """At least two other words of the line have two ASCII letters or more, all capitals."""
    text = m.string
    start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - LINE_CONTEXT_CHARS)
    end = text.find("\n", m.end())
    end = min(len(text) if end < 0 else end, m.end() + LINE_CONTEXT_CHARS)
    words = ASCII_WORD_RE.findall(text, start, m.start()) + ASCII_WORD_RE.findall(text, m.end(), end)
    return len(words) >= 2 and all(w.isupper() for w in words)


_TCVN3_CLASS = _char_class(_TCVN3_CHARS)
# a word: letters, digits and TCVN3 characters (some of which are punctuation in Latin-1: '¸', '·')
TCVN3 = LegacyCharset("tcvn3", re.compile(rf"(?:[^\W_]|{_TCVN3_CLASS})*{_TCVN3_CLASS}(?:[^\W_]|{_TCVN3_CLASS})*"),
                      _tcvn3_word)
VISCII = LegacyCharset("viscii", re.compile(_char_class(_VISCII_CHARS) + "+"),
                       lambda m: m.group().translate(_VISCII_TRANSLATION))

# VNI-Windows: a vowel followed by a mark character ("eä" = ệ, "aø" = à), a few letters alone.
_VNI_MARKS = {
    "ù": ACUTE, "ø": GRAVE, "û": HOOK, "õ": TILDE, "ï": DOT_BELOW,
    "â": CIRCUMFLEX, "á": CIRCUMFLEX + ACUTE, "à": CIRCUMFLEX + GRAVE, "å": CIRCUMFLEX + HOOK,
    "ã": CIRCUMFLEX + TILDE, "ä": CIRCUMFLEX + DOT_BELOW,
    "ê": BREVE, "é": BREVE + ACUTE, "è": BREVE + GRAVE, "ú": BREVE + HOOK, "ü": BREVE + TILDE,
    "ë": BREVE + DOT_BELOW,
}
_VNI_VOWELS = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "o" + HORN, "ö": "u" + HORN}
_VNI_SINGLES = {"ñ": "đ", "ô": "ơ", "ö": "ư", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, vowel in _VNI_VOWELS.items():
        for mark_key, marks in _VNI_MARKS.items():
            if (BREVE in marks and key != "a") or (CIRCUMFLEX in marks and key not in "aeo") \
                    or (HORN in vowel and marks not in TONE_MARKS):
                continue
            letter = unicodedata.normalize("NFC", vowel + marks)
            for k in (key, key.upper()):
                for m in (mark_key, mark_key.upper()):
                    table[k + m] = letter.upper() if k.isupper() else letter
    for key, letter in _VNI_SINGLES.items():
        table[key], table[key.upper()] = letter, letter.upper()
    return table


VNI_TABLE = _vni_table()
VNI = LegacyCharset("vni", re.compile("|".join(re.escape(k) for k in sorted(VNI_TABLE, key=len, reverse=True))),
                    lambda m: VNI_TABLE[m.group()])


def _utf8_misread(m: re.Match[str]) -> str:
    """'Ä‘Æ°á»£c' -> 'được': UTF-8 bytes that were read as Windows-1252."""
    run = m.group()
    try:
        return bytes(_cp1252_byte(c) for c in run).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return run


_CP1252_BYTES = {c: b for b, c in enumerate(CP1252_TABLE)}


def _cp1252_byte(char: str) -> int:
    try:
        return _CP1252_BYTES[char]
    except KeyError:
        raise ValueError(char) from None


UTF8_AS_CP1252 = LegacyCharset("utf-8-read-as-windows-1252", re.compile(r"[^\x00-\x7f]+"), _utf8_misread)

LEGACY_TEXT_CHARSETS = (TCVN3, VNI, VISCII, UTF8_AS_CP1252)

# Characters of legacy readings that Vietnamese text itself does not use ('µ', '¸', 'ä', 'ø' ...):
# only text with enough of them is worth decoding candidates for.
_VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
_VIETNAMESE_LETTERS |= {c.upper() for c in _VIETNAMESE_LETTERS}
_TYPOGRAPHY = set("‘’“”„‚–—…•€™†‡‰°©®§±\u00a0\u00ad")
_EVIDENCE = (set(_TCVN3_CHARS) | set(_VISCII_CHARS) | set("".join(VNI_TABLE)) | set("ÃÄÆá»")) \
    - _VIETNAMESE_LETTERS - _TYPOGRAPHY - {chr(c) for c in range(128)}
LEGACY_EVIDENCE_RE = re.compile(_char_class(_EVIDENCE))
MIN_EVIDENCE_SHARE = 0.02      # of the letters
# Letters no legacy reading produces: text that has them is Unicode already (OCR noise aside).
UNICODE_VIETNAMESE_RE = re.compile("[\u1ea0-\u1ef9]")
MAX_UNICODE_SHARE = 0.1        # of the evidence


def detect_legacy_text(text: str) -> LegacyCharset | None:
    """The legacy charset Unicode `text` was typed in, or None when it reads as it is."""
    sample = text[:SAMPLE_CHARS]
    evidence = len(LEGACY_EVIDENCE_RE.findall(sample))
    if (not evidence or evidence < MIN_EVIDENCE_SHARE * sum(c.isalpha() for c in sample)
            or len(UNICODE_VIETNAMESE_RE.findall(sample)) > MAX_UNICODE_SHARE * evidence):
        return None
    as_is = vietnamese_score(sample)
    scored = [(vietnamese_score(charset.convert(sample)), charset) for charset in LEGACY_TEXT_CHARSETS]
    score, best = max(scored, key=lambda sc: sc[0])
    return best if score >= MIN_VIETNAMESE_SCORE and score > as_is + MIN_GAIN else None


def repair_legacy_text(text: str) -> tuple[str, str | None]:
    """(`text` in proper Unicode, the legacy charset it was typed in or None)."""
    charset = detect_legacy_text(text)
    return (charset.convert(text), charset.name) if charset else (text, None)


# ---------------------------------------------------------------------------------------------
# Bytes

@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str                # "utf-8", "utf-16-le", "tcvn3", "utf-8/vni" (UTF-8 typed in VNI) ...
    replaced: int = 0            # undecodable bytes replaced by U+FFFD


BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SNIFF_BYTES = 4096
UTF16_MIN_NUL_SHARE = 0.3      # ASCII letters, digits and spaces in UTF-16 carry a NUL byte
MAX_UTF8_ERROR_SHARE = 0.001   # a UTF-8 file with a damaged byte or two is still UTF-8
# Control characters (VISCII's six letters aside) and U+FFFD: more than a few, and it is no text.
CONTROL_RE = re.compile("[\x00\x01\x03\x04\x07\x08\x0e-\x13\x15-\x18\x1a-\x1d\x1f\x7f\ufffd]")
CONTROL_SAMPLE_CHARS = 65_536
MAX_CONTROL_SHARE = 0.01


def bom_encoding(data: bytes) -> str | None:
    return next((enc for bom, enc in BOMS if data.startswith(bom)), None)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every other byte of the start is mostly NUL."""
    head = data[:SNIFF_BYTES]
    half = len(head) // 2
    if half < 2:
        return None
    if head[1::2].count(0) >= UTF16_MIN_NUL_SHARE * half > head[0::2].count(0):
        return "utf-16-le"
    if head[0::2].count(0) >= UTF16_MIN_NUL_SHARE * half > head[1::2].count(0):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file's bytes (see the module docstring for the order of the checks); raises
    `UnreadableFile` for bytes that are not text."""
    unicode_encoding = bom_encoding(data) or utf16_without_bom(data)
    if unicode_encoding:
        text = data.decode(unicode_encoding, errors="replace")
        decoded = Decoded(text, unicode_encoding, text.count("\ufffd"))
    elif b"\x00" in data[:SNIFF_BYTES]:
        raise UnreadableFile("file looks binary, not text")
    else:
        decoded = _decode_8bit(data)
    head = decoded.text[:CONTROL_SAMPLE_CHARS]
    if len(CONTROL_RE.findall(head)) > MAX_CONTROL_SHARE * len(head):
        raise UnreadableFile("file looks binary, not text")
    if decoded.encoding in ("tcvn3", "vni", "viscii", "windows-1258"):
        return decoded
    text, charset = repair_legacy_text(decoded.text)
    if charset is None:
        return decoded
    return Decoded(text, f"{decoded.encoding}/{charset}", decoded.replaced)


def _decode_8bit(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd")
    if replaced <= MAX_UTF8_ERROR_SHARE * len(lenient):
        return Decoded(lenient, "utf-8", replaced)
    return _decode_legacy(data)


def _windows_1258(data: bytes) -> str:
    # tone marks are combining characters in Windows-1258: compose them
    return unicodedata.normalize("NFC", codecs.charmap_decode(data, "strict", CP1258_TABLE)[0])


BYTE_DECODERS: dict[str, Callable[[bytes], str]] = {
    "windows-1258": _windows_1258,
    "tcvn3": lambda data: TCVN3.convert(lenient_cp1252(data)),
    "vni": lambda data: VNI.convert(lenient_cp1252(data)),
    "viscii": lambda data: VISCII.convert(lenient_cp1252(data)),
}


def _decode_legacy(data: bytes) -> Decoded:
    """Single-byte text: the Vietnamese encoding whose reading has the most well-formed syllables,
    else (text in another language) what charset-normalizer finds."""
    sample = data[:SAMPLE_CHARS]
    score, name = max((vietnamese_score(decode(sample)), name) for name, decode in BYTE_DECODERS.items())
    if score >= MIN_VIETNAMESE_SCORE:
        return Decoded(BYTE_DECODERS[name](data), name)
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None:
        return Decoded(str(guess), guess.encoding)
    return Decoded(lenient_cp1252(data), "windows-1252")
