"""HTML pages: the article body of a portal page, its chrome removed, its line structure kept.

trafilatura finds the main content (menus, sidebars, footers and comment threads go) and hands
it back as a small XML tree; `render` turns that tree into lines: one line a heading, paragraph
or list item (`- ` or `1. ` in front), a data table one line a row (`cell | cell | cell`), a
layout table (the two-column header, the signature block) one line a cell line, so the issuer
and the national motto never share a line.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree

from . import UnreadableFile
from .layout import table_lines

BLOCK_TAGS = {"head", "p", "list", "item", "table", "row", "cell", "quote", "code", "div", "main"}
SPACE_RE = re.compile(r"[ \t\r\n]+")
XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
# trafilatura's own XML: no DTD, no entities, nothing fetched
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def html_to_text(markup: str) -> str:
    """The main text of an HTML page, one block a line."""
    markup = XML_DECLARATION_RE.sub("", markup, count=1)   # lxml refuses it in a str
    xml = trafilatura.extract(markup, output_format="xml", include_tables=True, include_comments=False,
                              include_images=False, include_links=False, favor_recall=True,
                              deduplicate=False, with_metadata=False)
    if xml is None:
        # no article found (a bare page): keep all of its visible text
        text = trafilatura.html2txt(markup) or ""
    else:
        main = etree.fromstring(xml.encode("utf-8"), _XML_PARSER).find("main")
        text = "\n".join(render(main)) if main is not None else ""
    if not text.strip():
        raise UnreadableFile("the HTML page has no text")
    return text


def render(element: etree._Element) -> list[str]:
    """The lines of a block element of trafilatura's XML."""
    if element.tag == "list":
        return _list_lines(element)
    if element.tag == "table":
        return _table_lines(element)
    lines: list[str] = []
    current = [element.text or ""]
    for child in element:
        if child.tag in BLOCK_TAGS:
            lines.append("".join(current))
            lines.extend(render(child))
            current = []
        elif child.tag == "lb":
            lines.append("".join(current))
            current = []
        else:
            current.append(_inline_text(child))
        current.append(child.tail or "")
    lines.append("".join(current))
    return [line for line in (_collapse(line) for line in lines) if line]


def _list_lines(element: etree._Element) -> list[str]:
    numbered = element.get("rend") == "ol"
    lines = []
    for n, item in enumerate(element.iterchildren("item"), start=1):
        item_lines = render(item) or [""]
        marker = f"{n}. " if numbered else "- "
        lines.append(marker + item_lines[0])
        lines.extend(item_lines[1:])
    return lines


def _table_lines(element: etree._Element) -> list[str]:
    return table_lines([[render(cell) for cell in row.iterchildren("cell")]
                        for row in element.iterchildren("row")])


def _inline_text(element: etree._Element) -> str:
    """Text of an inline element (emphasis, a link) with its line breaks."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _collapse(line: str) -> str:
    return "\n".join(SPACE_RE.sub(" ", part).strip() for part in line.split("\n")).strip()
