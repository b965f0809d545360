"""Word .docx files: the main document part as text, paragraphs and tables in reading order.

A .docx is a ZIP archive of XML parts.  Parts are read with a size cap (a "zip bomb" that expands
to gigabytes is refused before it is decompressed) and parsed with defusedxml, which refuses DTDs
and entity declarations (the "billion laughs" expansion, external entities).  One paragraph gives
one line; Word's automatic list numbers ("1.", "a)", bullets), which are not in the text itself,
are rebuilt from numbering.xml; tables become lines as `layout.table_lines` says.  Headers,
footers, footnotes and comments are left out.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from . import Extracted, UnreadableFile
from .encodings import detect_legacy_text
from .layout import table_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "/officeDocument"
MAX_PART_BYTES = 64 * 2**20          # far above any real document.xml
MAX_COMPRESSION_RATIO = 200          # XML compresses 5-20x; a bomb thousands of times
OTHER_ZIP_FORMATS = {"xl/workbook.xml": "an Excel workbook (.xlsx)",
                     "ppt/presentation.xml": "a PowerPoint file (.pptx)",
                     "content.xml": "an OpenDocument file (.odt/.ods)"}


def docx_to_text(data: bytes) -> Extracted:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise UnreadableFile("the Word file is damaged or truncated (its ZIP archive cannot be opened)") from None
    with archive:
        name = _main_part_name(archive)
        body = _parse(archive, name).find(f"{W}body")
        numbering = Numbering.from_parts(_optional_part(archive, "word/numbering.xml"),
                                         _optional_part(archive, "word/styles.xml"))
    if body is None:
        raise UnreadableFile("the Word file has no document body")
    # text typed in a legacy font (.VnTime, VNI-Times) is converted before the layout is read
    legacy = detect_legacy_text(" ".join(t.text for t in body.iter(f"{W}t") if t.text))
    lines = BodyReader(numbering, legacy.convert if legacy else str).lines(body)
    text = "\n".join(line for line in lines if line.strip())
    if not text.strip():
        raise UnreadableFile("the Word file has no text")
    return Extracted(text, legacy.name if legacy else None)


def _main_part_name(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        for rel in _parse(archive, "_rels/.rels").iter(f"{REL}Relationship"):
            if rel.get("Type", "").endswith(OFFICE_DOCUMENT):
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    if "word/document.xml" in names:
        return "word/document.xml"
    kind = next((what for part, what in OTHER_ZIP_FORMATS.items() if part in names), None)
    raise UnreadableFile(f"not a Word document: the file is {kind}" if kind
                         else "not a Word document: a ZIP archive without a document.xml")


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise UnreadableFile(f"the Word file is incomplete: part {name} is missing") from None
    if info.file_size > MAX_PART_BYTES or info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1024):
        raise UnreadableFile(f"refused: part {name} of the Word file would expand to "
                             f"{info.file_size / 2**20:.0f} MB (a zip bomb?)")
    try:
        with archive.open(info) as part:
            data = part.read(MAX_PART_BYTES + 1)   # the declared size may lie: never read past the cap
    except RuntimeError:                           # zipfile's word for an encrypted member
        raise UnreadableFile("the Word file is password-protected") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise UnreadableFile(f"the Word file is damaged or truncated ({exc})") from None
    if len(data) > MAX_PART_BYTES:
        raise UnreadableFile(f"refused: part {name} of the Word file expands past "
                             f"{MAX_PART_BYTES // 2**20} MB (a zip bomb?)")
    return data


def _parse(archive: zipfile.ZipFile, name: str) -> Element:
    data = _read_part(archive, name)
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise UnreadableFile(f"refused: the Word file declares XML entities or a DTD in {name} "
                             "(an entity-expansion attack?)") from None
    except ParseError as exc:
        raise UnreadableFile(f"the Word file is damaged: {name} is not well-formed XML ({exc})") from None


def _optional_part(archive: zipfile.ZipFile, name: str) -> Element | None:
    return _parse(archive, name) if name in archive.namelist() else None


# ---------------------------------------------------------------------------------------------
# body

class BodyReader:
    """Lines of paragraphs and tables in order; content controls and the like are looked into."""

    def __init__(self, numbering: Numbering, convert: Callable[[str], str]):
        self.numbering = numbering
        self.convert = convert

    def lines(self, container: Element) -> list[str]:
        lines: list[str] = []
        for child in container:
            if child.tag == f"{W}p":
                lines.append(self.numbering.marker(child) + self.convert(paragraph_text(child)))
            elif child.tag == f"{W}tbl":
                lines.extend(table_lines([[self.lines(cell) for cell in row.findall(f"{W}tc")]
                                          for row in child.findall(f"{W}tr")]))
            elif child.tag != f"{W}sectPr":
                lines.extend(self.lines(child))
        return lines


def paragraph_text(paragraph: Element) -> str:
    """The visible text of a paragraph: text runs, tabs, line breaks; deleted text and field codes
    are not visible.  A paragraph inside a text box starts a line of its own."""
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr") or (tag == f"{W}p" and node is not paragraph):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# automatic numbering

@dataclass(frozen=True, slots=True)
class Level:
    fmt: str          # decimal, lowerLetter, upperRoman, bullet ...
    text: str         # "%1.", "%1.%2.", "%1)" or a bullet glyph
    start: int


class Numbering:
    """Word's list numbers, counted as the paragraphs come."""

    def __init__(self, levels: dict[str, dict[int, Level]], style_numbers: dict[str, tuple[str, int]]):
        self.levels = levels                       # numId -> ilvl -> Level
        self.style_numbers = style_numbers         # paragraph style -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = defaultdict(dict)

    @classmethod
    def from_parts(cls, numbering: Element | None, styles: Element | None) -> Numbering:
        levels = {}
        if numbering is not None:
            abstract = {a.get(f"{W}abstractNumId"): {int(lvl.get(f"{W}ilvl", "0")): _level(lvl)
                                                     for lvl in a.findall(f"{W}lvl")}
                        for a in numbering.findall(f"{W}abstractNum")}
            for num in numbering.findall(f"{W}num"):
                ref = _val(num.find(f"{W}abstractNumId"))
                if ref in abstract:
                    levels[num.get(f"{W}numId")] = abstract[ref]
        return cls(levels, _style_numbers(styles))

    def marker(self, paragraph: Element) -> str:
        num_id, ilvl = self._number_of(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters[num_id]
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]                   # a new item restarts its sub-lists
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "- "
        text = level.text
        for k, lvl in levels.items():
            text = text.replace(f"%{k + 1}", _format_number(counters.get(k, lvl.start), lvl.fmt))
        return text + " " if text else ""

    def _number_of(self, paragraph: Element) -> tuple[str | None, int]:
        """(numId, level) set on the paragraph, else by its style."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        style_num, style_ilvl = self.style_numbers.get(_val(paragraph.find(f"{W}pPr/{W}pStyle")) or "",
                                                       (None, 0))
        if num_pr is None:
            return style_num, style_ilvl
        ilvl = _val(num_pr.find(f"{W}ilvl"))
        return _val(num_pr.find(f"{W}numId")) or style_num, int(ilvl) if ilvl and ilvl.isdigit() else style_ilvl


def _style_numbers(styles: Element | None) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs ("List Number"), following `basedOn`."""
    if styles is None:
        return {}
    own, based_on = {}, {}
    for style in styles.findall(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None and _val(num_pr.find(f"{W}numId")):
            ilvl = _val(num_pr.find(f"{W}ilvl"))
            own[style_id] = (_val(num_pr.find(f"{W}numId")), int(ilvl) if ilvl and ilvl.isdigit() else 0)
        based_on[style_id] = _val(style.find(f"{W}basedOn"))
    numbers = {}
    for style_id in based_on:
        seen, current = set(), style_id
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current)
        if current in own:
            numbers[style_id] = own[current]
    return numbers


def _level(lvl: Element) -> Level:
    start = _val(lvl.find(f"{W}start"))
    return Level(_val(lvl.find(f"{W}numFmt")) or "decimal", _val(lvl.find(f"{W}lvlText")) or "",
                 int(start) if start and start.isdigit() else 1)


def _val(element: Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")


ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for value, numeral in ROMAN:
            while n >= value:
                roman, n = roman + numeral, n - value
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)
