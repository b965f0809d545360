"""Odd and bad inputs (tests/fixtures/inputs, made by make_fixtures.py): every file gets one
documents row, an unreadable one an error a user understands, and the batch goes on."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.readers import MAX_BYTES, iter_input_paths, read_path

from .conftest import ROOT

INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"

# file -> (status, format, encoding or error message)
EXPECTED = {
    "utf8_notice.txt": ("ok", "txt", "utf-8"),
    "utf8_bom_notice.txt": ("ok", "txt", "utf-8-sig"),
    "utf16_bom_notice.txt": ("ok", "txt", "utf-16"),
    "utf16le_no_bom_notice.txt": ("ok", "txt", "utf-16-le"),
    "utf16be_no_bom_notice.txt": ("ok", "txt", "utf-16-be"),
    "crlf_notice.txt": ("ok", "txt", "utf-8"),
    "utf8_damaged_byte_notice.txt": ("ok", "txt", "utf-8"),
    "tcvn3_notice.txt": ("ok", "txt", "tcvn3"),
    "vni_notice.txt": ("ok", "txt", "vni"),
    "viscii_notice.txt": ("ok", "txt", "viscii"),
    "windows1258_notice.txt": ("ok", "txt", "windows-1258"),
    "tcvn3_saved_as_utf8_notice.txt": ("ok", "txt", "utf-8/tcvn3"),
    "vni_saved_as_utf8_notice.txt": ("ok", "txt", "utf-8/vni"),
    "utf8_read_as_cp1252_notice.txt": ("ok", "txt", "utf-8/utf-8-read-as-windows-1252"),
    "markdown_resolution.md": ("ok", "txt", "utf-8"),
    "ocr_notice_with_page_breaks.txt": ("ok", "txt", "utf-8"),
    "no_extension_notice": ("ok", "txt", "utf-8"),
    "one_long_line.txt": ("ok", "txt", "utf-8"),
    "portal_notice.html": ("ok", "html", "utf-8"),
    "portal_notice_vntime_font.htm": ("ok", "html", "tcvn3"),
    "portal_notice_saved_as.txt": ("ok", "html", "utf-8"),
    "decision.docx": ("ok", "docx", None),
    "decision_vntime_font.docx": ("ok", "docx", "tcvn3"),
    "text_named.docx": ("ok", "txt", "utf-8"),
    "decision.pdf": ("ok", "pdf", None),
    "decision_pdf_named.txt": ("ok", "pdf", None),
    "agency_a/same_name_notice.txt": ("ok", "txt", "utf-8"),
    "agency_b/same_name_notice.txt": ("ok", "txt", "utf-8"),
    "empty.txt": ("error", None, "cannot read file: file is empty"),
    "whitespace_only.txt": ("error", None, "cannot read file: file is empty"),
    "binary_garbage.txt": ("error", "txt", "cannot read file: file looks binary, not text"),
    "billion_laughs.html": ("error", "html", "cannot read file: the HTML page has no text"),
    "decision_truncated.docx": ("error", "docx",
                                "cannot read file: the Word file is damaged or truncated (its ZIP archive cannot be opened)"),
    "zip_bomb.docx": ("error", "docx", "cannot read file: refused: part word/document.xml of the Word file would "
                                       "expand to 200 MB (a zip bomb?)"),
    "billion_laughs.docx": ("error", "docx", "cannot read file: refused: the Word file declares XML entities or a "
                                             "DTD in word/document.xml (an entity-expansion attack?)"),
    "external_entity.docx": ("error", "docx", "cannot read file: refused: the Word file declares XML entities or a "
                                              "DTD in word/document.xml (an entity-expansion attack?)"),
    "spreadsheet_named.docx": ("error", "docx", "cannot read file: not a Word document: the file is an Excel "
                                                "workbook (.xlsx)"),
    "old_word_97.doc": ("error", None, "cannot read file: the file is an old Word/Excel 97-2003 file (.doc/.xls) "
                                       "or a password-protected Office file: save it as .docx or PDF, without a "
                                       "password"),
    "decision_truncated.pdf": ("error", "pdf", "cannot read file: the PDF is truncated (it has no end-of-file marker)"),
    "scanned_no_text_layer.pdf": ("error", "pdf", "cannot read file: the PDF has no text layer (a scanned image?): "
                                                  "run OCR on it first"),
    "password_protected.pdf": ("error", "pdf", "cannot read file: the PDF is password-protected"),
    "photo_named.pdf": ("error", None, "cannot read file: the file is an image: run OCR on it first"),
    "scan_page.png": ("error", None, "cannot read file: the file is an image: run OCR on it first"),
}


def test_the_corpus_is_the_expected_one():
    files = sorted(str(p.relative_to(INPUTS)) for p in INPUTS.rglob("*") if p.is_file())
    assert files == sorted(EXPECTED) and len(files) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_input_reads_as_expected(name):
    status, fmt, detail = EXPECTED[name]
    doc = read_path(INPUTS / name)
    assert (doc.status, doc.meta.get("format")) == (status, fmt)
    if status == "ok":
        assert doc.meta.get("encoding") == detail and doc.error is None
        assert "Trần Thị Nga" in doc.raw_text or "QUYẾT ĐỊNH" in doc.raw_text or "NGHỊ QUYẾT" in doc.raw_text \
            or "THÔNG BÁO" in doc.raw_text
    else:
        assert doc.error == detail and doc.raw_text == ""


def test_every_notice_encoding_reads_to_the_same_text():
    reference = read_path(INPUTS / "utf8_notice.txt").raw_text
    for name in ("utf8_bom_notice.txt", "utf16_bom_notice.txt", "utf16le_no_bom_notice.txt",
                 "utf16be_no_bom_notice.txt", "no_extension_notice", "text_named.docx"):
        assert read_path(INPUTS / name).raw_text.lstrip("\ufeff") == reference, name
    legacy = read_path(INPUTS / "agency_b" / "same_name_notice.txt").raw_text
    for name in ("tcvn3_notice.txt", "vni_notice.txt", "viscii_notice.txt", "windows1258_notice.txt",
                 "tcvn3_saved_as_utf8_notice.txt", "vni_saved_as_utf8_notice.txt", "utf8_read_as_cp1252_notice.txt"):
        assert read_path(INPUTS / name).raw_text == legacy, name


def test_damaged_utf8_byte_is_replaced_and_reported():
    doc = read_path(INPUTS / "utf8_damaged_byte_notice.txt")
    assert "Ng\ufffdy 19/01/2018" in doc.raw_text
    assert doc.meta["warnings"] == ["1 undecodable bytes replaced by U+FFFD"]


def test_content_wins_over_a_wrong_extension():
    doc = read_path(INPUTS / "decision_pdf_named.txt")
    assert doc.meta["warnings"] == ["the file is pdf, not .txt as its name says"]
    assert doc.raw_text == read_path(INPUTS / "decision.pdf").raw_text


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    big = tmp_path / "fifty_megabytes.txt"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    doc = read_path(big)
    assert (doc.status, doc.error) == ("error", "cannot read file: the file is 50 MB, over the 50 MB limit")


def test_missing_folder_and_unreadable_paths(tmp_path, monkeypatch):
    assert read_path(tmp_path / "gone.txt").error == "cannot read file: file not found"
    assert read_path(tmp_path).error == "cannot read file: not a regular file (a folder)"
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert read_path(link).error == "cannot read file: file not found (a broken link)"
    locked = tmp_path / "locked.txt"
    locked.write_text("THÔNG BÁO")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "open", refuse)
    assert read_path(locked).error == "cannot read file: permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("THÔNG BÁO")
    locked.chmod(0)
    assert read_path(locked).error == "cannot read file: permission denied"


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """The fixture corpus, plus a 50 MB file and a file nobody may read, through the CLI."""
    tmp = tmp_path_factory.mktemp("bad_inputs")
    inputs = tmp / "inputs"
    shutil.copytree(INPUTS, inputs)
    with (inputs / "fifty_megabytes.txt").open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    locked = inputs / "locked.txt"
    shutil.copy(INPUTS / "utf8_notice.txt", locked)
    locked.chmod(0)
    out = tmp / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    return proc, inputs, out


def test_cli_gives_every_file_one_row(cli_run):
    proc, inputs, out = cli_run
    docs = pq.read_table(out / "documents.parquet").to_pandas()
    files = sorted(str(p) for p in iter_input_paths([inputs]))
    assert len(files) == len(EXPECTED) + 2
    assert sorted(docs.source_path) == files
    assert docs.doc_id.is_unique                       # same file name in two places: "<name>__2"
    assert docs.doc_id.str.endswith("__2").sum() >= 1


def test_cli_reports_failures_in_summary_and_exit_code(cli_run):
    proc, _, out = cli_run
    docs = pq.read_table(out / "documents.parquet").to_pandas()
    failed = docs[docs.status == "error"]
    assert proc.returncode == 1, proc.stderr
    assert f"{len(docs)} documents, {len(docs) - len(failed)} ok, {len(failed)} failed" in proc.stdout
    assert failed.error.str.startswith("cannot read file: ").all()
    expected_failures = sum(status == "error" for status, _, _ in EXPECTED.values()) + 1   # + the 50 MB file
    assert len(failed) in (expected_failures, expected_failures + 1)   # the locked file is readable by root
    assert (docs[docs.status == "ok"].text.str.len() > 100).all()
