"""Stage 4 — deadline classification. PLACEHOLDER: being rewritten."""

from __future__ import annotations

from pathlib import Path

from .doc import Document
from .registry import component


@component("deadlines")
def make_deadlines(config: dict, models_dir: Path):
    def classify(doc: Document) -> Document:
        return doc
    return classify
