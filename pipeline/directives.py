"""PLACEHOLDER: being written."""

from __future__ import annotations

from pathlib import Path

from .doc import Document
from .registry import component


@component("directives")
def make_directives(config: dict, models_dir: Path):
    def run(doc: Document) -> Document:
        return doc
    return run
