"""Stage 1 — cleaning (spec §6). PLACEHOLDER: being rewritten."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .doc import Document
from .registry import component
from .textmap import MappedText


def clean_text(raw: str, **options) -> MappedText:
    mt = MappedText(raw)
    mt = mt.sub(r"\r\n?", "\n")
    mt = mt.sub(r"[^\n]+", lambda m: unicodedata.normalize("NFC", m.group(0))
                if len(unicodedata.normalize("NFC", m.group(0))) == len(m.group(0)) else m.group(0))
    return mt


@component("clean")
def make_cleaner(config: dict, models_dir: Path):
    def clean(doc: Document) -> Document:
        mt = clean_text(doc.raw_text, **config)
        doc.text, doc.offsets = mt.text, mt.offsets
        return doc
    return clean
