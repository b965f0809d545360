"""Reading input files into `Document`s (the only stage that touches the file system).

A reader never raises: an unreadable file gives a `Document` with
`status="error"` and a message a user understands.
"""

from __future__ import annotations

import codecs
import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from .doc import Document

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024


def doc_id_for(path: Path) -> str:
    """Spec §1: the file name without its extension."""
    return path.stem


def iter_input_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files, folders (recursively) and glob patterns into input files, sorted by doc_id."""
    found: dict[Path, None] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in p.rglob("*"):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith("."):
                    found[f] = None
        elif p.exists():
            found[p] = None
        else:
            matches = [Path(m) for m in glob.glob(str(item), recursive=True)]
            if matches:
                for m in matches:
                    if m.is_file():
                        found[m] = None
            else:
                found[p] = None  # missing: reported as an error row, not dropped
    return iter(sorted(found, key=lambda f: (doc_id_for(f), str(f))))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-16 without BOM: every other byte is NUL for Latin-range text
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        try:
            return data.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    return data.decode("cp1258", errors="replace"), "cp1258"


def read_path(path: str | Path) -> Document:
    path = Path(path)
    doc = Document(doc_id=doc_id_for(path), source_path=str(path))
    try:
        if not path.exists():
            raise OSError("file not found")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValueError(f"file is {size / 2**20:.0f} MB, over the {MAX_BYTES // 2**20} MB limit")
        data = path.read_bytes()
        if not data.strip():
            raise ValueError("file is empty")
        if b"\x00" in data[:4096] and not (data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                                          or data[1::2].count(0) > len(data) // 4):
            raise ValueError("file looks binary, not text")
        doc.raw_text, doc.meta["encoding"] = decode_bytes(data)
        doc.meta["format"] = path.suffix.lower().lstrip(".") or "txt"
    except PermissionError:
        doc.status, doc.error = "error", "cannot read file: permission denied"
    except OSError as exc:
        doc.status, doc.error = "error", f"cannot read file: {exc.strerror or exc}"
    except ValueError as exc:
        doc.status, doc.error = "error", f"cannot read file: {exc}"
    return doc
