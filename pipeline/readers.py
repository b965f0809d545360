"""Reading input files into `Document`s (the only stage that touches the file system).

`read_path` never raises: a file it cannot read gives a `Document` with `status="error"` and a
message a user understands ("cannot read file: the PDF is password-protected").  The format is
sniffed from the content, the extension only breaks ties: a PDF named .txt is read as a PDF, a
.docx that is really a web page as HTML, and a file that is none of the supported formats says
what it is ("an image: run OCR on it first").

`doc.raw_text` is the text the offsets map back to: the decoded file for text files (legacy
encodings converted to Unicode), the extracted text for HTML, Word and PDF files.
`doc.meta` records `format` (txt, html, docx, pdf), `encoding`, and `warnings` (a content that
did not match the extension, bytes that could not be decoded).
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .doc import Document
from .formats import UnreadableFile
from .formats.docx import docx_to_text
from .formats.encodings import decode_bytes, repair_legacy_text
from .formats.html import html_to_text
from .formats.pdf import pdf_to_text

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}
# Documents the pipeline cannot read but must not skip in silence: a folder run gives each an
# error row that says what to do with it.
UNSUPPORTED_DOCUMENT_SUFFIXES = {".doc", ".rtf", ".odt", ".xls", ".xlsx", ".ppt", ".pptx",
                                 ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".bmp"}
FOLDER_SUFFIXES = SUPPORTED_SUFFIXES | UNSUPPORTED_DOCUMENT_SUFFIXES | {""}

MAX_BYTES = 50 * 2**20
MAX_TEXT_CHARS = 5_000_000          # about 2,000 printed pages
DUPLICATE_ID_SEPARATOR = "__"

SNIFF_BYTES = 4096
HTML_START_RE = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                           re.I | re.S)
MAGIC = (  # (prefix, format or what the file is when it cannot be read)
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word/Excel 97-2003 file (.doc/.xls) or a password-protected "
                                          "Office file: save it as .docx or PDF, without a password"),
    (b"{\\rtf", "an RTF file: save it as .docx or PDF"),
    (b"\x89PNG", "an image: run OCR on it first"),
    (b"\xff\xd8\xff", "an image: run OCR on it first"),
    (b"GIF8", "an image: run OCR on it first"),
    (b"II*\x00", "an image: run OCR on it first"),
    (b"MM\x00*", "an image: run OCR on it first"),
    (b"\x1f\x8b", "a compressed archive (gzip): unpack it first"),
    (b"Rar!", "a compressed archive (RAR): unpack it first"),
    (b"7z\xbc\xaf", "a compressed archive (7z): unpack it first"),
)
EXTRACTORS = {"docx": docx_to_text, "pdf": pdf_to_text}
FORMATS = ("txt", "html", *EXTRACTORS)


def doc_id_for(path: Path) -> str:
    """Spec §1: the file name without its extension."""
    return path.stem


def iter_input_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files, folders (recursively) and glob patterns into input files, sorted by doc_id.

    In folders, hidden files and files whose extension says they are not documents (.json,
    .py ...) are skipped; documents the pipeline cannot read (.doc, images) are kept so that
    their rows say so.  A file named on its own is always kept."""
    found: dict[Path, None] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in p.rglob("*"):
                if _is_folder_document(f, p):
                    found[f] = None
        elif p.exists() or p.is_symlink():
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


def _is_folder_document(f: Path, folder: Path) -> bool:
    hidden = any(part.startswith(".") for part in f.relative_to(folder).parts)
    return not hidden and f.suffix.lower() in FOLDER_SUFFIXES and (f.is_file() or f.is_symlink())


def unique_doc_ids(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """(path, doc_id) for a batch, doc_ids made unique.  Rule (docs/inputs.md): the first file of
    a name in path order keeps `doc_id_for(path)`; the next ones get "<name>__2", "<name>__3" ...
    (skipping any id another file already has), so no document is dropped or overwritten."""
    paths = sorted(paths, key=lambda f: (doc_id_for(f), str(f)))
    taken = {doc_id_for(p) for p in paths}
    seen: set[str] = set()
    out = []
    for path in paths:
        doc_id = doc_id_for(path)
        if doc_id in seen:
            n = 2
            while f"{doc_id}{DUPLICATE_ID_SEPARATOR}{n}" in taken:
                n += 1
            doc_id = f"{doc_id}{DUPLICATE_ID_SEPARATOR}{n}"
            taken.add(doc_id)
        seen.add(doc_id)
        out.append((path, doc_id))
    return out


def read_path(path: str | Path, doc_id: str | None = None) -> Document:
    """Read one input file into a `Document`; never raises."""
    path = Path(path)
    doc = Document(doc_id=doc_id or doc_id_for(path), source_path=str(path))
    try:
        data = _read_bytes(path)
        fmt = sniff_format(data, path.suffix.lower())
        doc.meta["format"] = fmt
        if path.suffix and fmt not in _formats_of_suffix(path.suffix.lower()):
            doc.meta.setdefault("warnings", []).append(f"the file is {fmt}, not {path.suffix} as its name says")
        doc.raw_text = _extract_text(data, fmt, doc.meta)
    except UnreadableFile as exc:
        doc.status, doc.error = "error", f"cannot read file: {exc}"
    except PermissionError:
        doc.status, doc.error = "error", "cannot read file: permission denied"
    except OSError as exc:
        doc.status, doc.error = "error", f"cannot read file: {exc.strerror or exc}"
    except Exception as exc:  # a reader library failing in a way nobody foresaw must not stop a batch
        doc.status, doc.error = "error", f"cannot read file: unexpected {type(exc).__name__}: {exc}"
    if not doc.ok:
        doc.raw_text = ""
    return doc


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise UnreadableFile("file not found" + (" (a broken link)" if path.is_symlink() else ""))
    if not path.is_file():
        raise UnreadableFile("not a regular file" + (" (a folder)" if path.is_dir() else ""))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableFile(f"the file is {size / 2**20:.0f} MB, over the {MAX_BYTES // 2**20} MB limit")
    with path.open("rb") as f:
        data = f.read(MAX_BYTES + 1)          # the file may grow while it is read
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"the file is over the {MAX_BYTES // 2**20} MB limit")
    if not data.strip():
        raise UnreadableFile("file is empty")
    return data


def sniff_format(data: bytes, suffix: str = "") -> str:
    """'txt', 'html', 'docx' or 'pdf' from the first bytes; raises `UnreadableFile` for a known
    format the pipeline does not read."""
    head = data[:SNIFF_BYTES]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, what in MAGIC:
        if head.startswith(magic):
            if what in FORMATS:
                return what
            raise UnreadableFile(f"the file is {what}")
    if HTML_START_RE.match(head) or (suffix in HTML_SUFFIXES and b"<" in head):
        return "html"
    return "txt"


def _formats_of_suffix(suffix: str) -> set[str]:
    if suffix in TEXT_SUFFIXES:
        return {"txt"}
    if suffix in HTML_SUFFIXES:
        return {"html", "txt"}
    return {suffix.lstrip(".")}


def _extract_text(data: bytes, fmt: str, meta: dict) -> str:
    if fmt in ("txt", "html"):
        decoded = decode_bytes(data)
        meta["encoding"] = decoded.encoding
        if decoded.replaced:
            meta.setdefault("warnings", []).append(
                f"{decoded.replaced} undecodable bytes replaced by U+FFFD")
        text = decoded.text
        if fmt == "html":
            text = _with_legacy_repaired(html_to_text(text), meta)
    else:
        extracted = EXTRACTORS[fmt](data)
        text = extracted.text
        if extracted.legacy_charset:
            meta["encoding"] = extracted.legacy_charset
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableFile(f"the text is {len(text):,} characters long, over the {MAX_TEXT_CHARS:,} limit")
    if not text.strip():
        raise UnreadableFile("file has no text")
    return text


def _with_legacy_repaired(text: str, meta: dict) -> str:
    """Text of a web page typed in a legacy font and written with character references."""
    text, charset = repair_legacy_text(text)
    if charset:
        meta["encoding"] = f"{meta['encoding']}/{charset}"
    return text
