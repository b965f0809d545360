"""Stage 3 — entity tagging. PLACEHOLDER: being rewritten."""

from __future__ import annotations

from pathlib import Path

from .doc import Document
from .registry import component


@component("entities")
def make_entities(config: dict, models_dir: Path):
    def tag(doc: Document) -> Document:
        return doc
    return tag
