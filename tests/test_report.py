"""`python -m pipeline report`: the reviewer's HTML page, checked as text and in headless Chromium."""

import argparse
import datetime as dt
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser

import pytest

from pipeline.analysis import load
from pipeline.doc import Deadline, Directive, Document, Sentence
from pipeline.report import (
    add_report_subparser,
    build_report,
    text_segments,
    timeline_chart,
)

from .output_folder import write_output_folder

SEED_001 = "001_dcadee23f926a999"
SEED_003 = "003_b153c6da8c68613b"
HOSTILE_ID = 'zz_hostile"><svg onload=alert(4)>'
HOSTILE_TEXT = "THÔNG BÁO\n<script>alert(1)</script> Giao Sở Tài chính <b>chủ trì</b> trước ngày 10/02/2018."
AS_OF = dt.date(2018, 2, 1)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--hide-scrollbars"]


def hostile_document() -> Document:
    """Markup in every place a document's words reach the page: text, entity, assignee, field, doc_id."""
    doc = Document(doc_id=HOSTILE_ID, text=HOSTILE_TEXT, raw_text=HOSTILE_TEXT, source_path="hostile.txt")
    body = HOSTILE_TEXT.index("<script>")
    doc.sentences = [Sentence(0, 0, body - 1, HOSTILE_TEXT[:body - 1], kind="title"),
                     Sentence(1, body, len(HOSTILE_TEXT), HOSTILE_TEXT[body:], kind="item")]
    script, org = HOSTILE_TEXT.index("<script>"), HOSTILE_TEXT.index("Sở Tài chính")
    date = HOSTILE_TEXT.index("ngày 10/02/2018")
    doc.entities = [doc.make_span(script, script + len("<script>alert(1)</script>"), "ORG"),
                    doc.make_span(org, org + len("Sở Tài chính"), "ORG"),
                    doc.make_span(date, date + len("ngày 10/02/2018"), "DATE")]
    doc.directives = [Directive(0, body, len(HOSTILE_TEXT), HOSTILE_TEXT[body:],
                                assignees=["<img src=x onerror=alert(3)>"], coordinators=["</td></tr></table>"],
                                deadline=Deadline("date", "trước ngày 10/02/2018", dt.date(2018, 2, 10)),
                                sent_ids=[1], assignee_source="item")]
    doc.fields.doc_type = "THÔNG BÁO"
    doc.fields.title = "</mark><script>alert(2)</script>"
    return doc


@pytest.fixture(scope="module")
def report_output(tmp_path_factory, seed_docs):
    docs = [*seed_docs.values(), hostile_document()]
    return write_output_folder(docs, tmp_path_factory.mktemp("report") / "out", {"pipeline_version": "test"})


@pytest.fixture(scope="module")
def report_html(report_output):
    return build_report(report_output, doc_ids=[SEED_003, HOSTILE_ID], as_of=AS_OF)


def test_document_text_is_escaped(report_html):
    assert "<script" not in report_html                     # the page itself has no scripts
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report_html
    assert "&lt;img src=x onerror=alert(3)&gt;" in report_html
    assert "&lt;/mark&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in report_html
    assert 'id="doc-zz_hostile&#34;&gt;&lt;svg onload=alert(4)&gt;"' in report_html
    assert "&lt;b&gt;chủ trì&lt;/b&gt;" in report_html


def test_report_is_self_contained(report_html):
    assert "http://" not in report_html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in report_html
    assert "<link" not in report_html and "src=" not in report_html.replace("src=x", "")


def test_index_lists_every_document_and_links_the_sections(report_html, seed_docs):
    for doc_id in seed_docs:
        assert f">{doc_id}<" in report_html
    assert f'href="#doc-{SEED_003}"' in report_html
    assert f'href="#doc-{SEED_001}"' not in report_html          # no section asked for
    assert "2 of 6 documents have a section" in report_html


def test_text_segments_cover_the_text_and_skip_overlaps():
    text = "Giao Sở Tài chính chủ trì"
    entities = [{"start": 5, "end": 17, "label": "ORG"}, {"start": 8, "end": 11, "label": "ORG"}]
    segments = text_segments(text, entities)
    assert "".join(piece for piece, _ in segments) == text
    assert [(piece, ent and ent["label"]) for piece, ent in segments] == [
        ("Giao ", None), ("Sở Tài chính", "ORG"), (" chủ trì", None)]


def test_timeline_chart(report_output):
    directives = load(report_output).directives
    chart = timeline_chart(directives, AS_OF)
    dated = directives.deadline_date.notna().sum()
    heights = sum(round(b["h"] / (chart["bottom"] - chart["top"]) * chart["y_max"]) for b in chart["bars"])
    assert heights == dated                                 # every dated directive is drawn once
    assert chart["unit"] == "year"                          # seeds: deadlines 2018 .. 2023, > 36 months
    assert chart["labels"][0]["text"] == "2018"
    assert chart["left"] <= chart["as_of_x"] <= chart["right"]
    assert timeline_chart(directives, dt.date(2030, 1, 1))["as_of_x"] is None
    assert timeline_chart(directives.iloc[:0], AS_OF) is None


def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline")
    add_report_subparser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_writes_the_report(report_output, tmp_path, capsys):
    path = tmp_path / "report.html"
    assert _run_cli(["report", str(report_output), "-o", str(path), "--doc", SEED_001, "--as-of", "2018-02-01"]) == 0
    assert f"report -> {path}" in capsys.readouterr().out
    html = path.read_text(encoding="utf-8")
    assert f'id="doc-{SEED_001}"' in html and "1 of 6 documents have a section" in html
    assert _run_cli(["report", str(report_output), "-o", str(path), "--doc", "no_such_doc"]) == 2
    assert "no_such_doc" in capsys.readouterr().err


# ---- in a real browser ------------------------------------------------------------------------

class RenderedDom(HTMLParser):
    """Elements and text of Chromium's `--dump-dom` output."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def with_class(self, tag: str, css_class: str) -> list[dict]:
        return [a for t, a in self.elements if t == tag and css_class in (a.get("class") or "").split()]


def _chromium(args: list[str], tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (CI installs Debian's chromium)")
def test_report_renders_in_headless_chromium(report_output, report_html, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(report_html, encoding="utf-8")
    dump = _chromium(["--dump-dom", page.as_uri()], tmp_path)
    assert dump.returncode == 0, dump.stderr[-2000:]
    dom = RenderedDom(dump.stdout)

    out = load(report_output)
    shown = {SEED_003, HOSTILE_ID}
    entities = out.entities[out.entities.doc_id.isin(shown)]
    marks = dom.with_class("mark", "entity")
    assert len(marks) == len(entities) > 3
    assert Counter(m["class"].split()[1] for m in marks) == Counter("entity-" + entities.label.astype(str))
    assert len(dom.with_class("tr", "directive")) == out.directives.doc_id.isin(shown).sum()
    assert len(dom.with_class("table", "directives")) == 2
    assert len(dom.with_class("rect", "bar")) >= 1               # the timeline chart

    # hostile text rendered as text: no element or handler came out of it
    assert "<script>alert(1)</script>" in "".join(dom.text)
    assert "<img src=x onerror=alert(3)>" in "".join(dom.text)
    assert not [t for t, _ in dom.elements if t in ("script", "img", "iframe")]
    assert not [name for _, attrs in dom.elements for name in attrs if name.startswith("on")]

    screenshot = tmp_path / "report.png"
    shot = _chromium([f"--screenshot={screenshot}", "--window-size=1280,4000", page.as_uri()], tmp_path)
    assert shot.returncode == 0 and screenshot.stat().st_size > 10_000, shot.stderr[-2000:]
    print(f"report screenshot: {screenshot}")
    from PIL import Image

    with Image.open(screenshot) as image:
        assert image.size == (1280, 4000)
        org_pixels = sum(n for n, rgb in image.convert("RGB").getcolors(1 << 20)
                         if all(abs(c - t) <= 6 for c, t in zip(rgb, (0x7A, 0xEC, 0xEC))))
    assert org_pixels > 2000, "no highlighted ORG marks painted in the first 4000 px"
