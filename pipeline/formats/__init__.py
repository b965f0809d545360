"""File formats: bytes in, Unicode text out (`readers.read_path` picks the format).

Each module turns one kind of input into plain text with its line structure:
`encodings` (text files, legacy Vietnamese encodings), `html` (portal pages),
`docx` (Word) and `pdf` (text-layer PDFs).  A file that cannot be read raises
`UnreadableFile`, whose message is written for the user.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Extracted:
    """Text taken out of a Word or PDF file."""

    text: str
    legacy_charset: str | None = None    # the legacy font encoding the text was typed in, converted


class UnreadableFile(Exception):
    """The input cannot be turned into text; `str(exc)` says why, in words a user understands."""
