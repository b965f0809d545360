"""Properties on arbitrary input (hypothesis): reading, cleaning, splitting, tagging and date
normalization never raise; every span is exact; the map back to raw offsets is monotone and in
range.  The default run is quick; the long fuzz run is

    python -m pytest tests/test_properties.py -m slow          # ~20,000 examples a property
"""

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.cleaning import clean_text
from pipeline.dates import find_dates, parse_date, period_end
from pipeline.formats import UnreadableFile
from pipeline.formats.encodings import decode_bytes, repair_legacy_text
from pipeline.readers import read_path

from .conftest import RAW

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# lines of real documents, so that generated text reaches the rules that fire on real text
REAL_LINES = sorted({line for path in itertools.islice(sorted(RAW.glob("*/*.txt")), 0, None, 25)
                     for line in path.read_text(encoding="utf-8").splitlines() if line.strip()})[:400]
odd_text = st.text(alphabet=st.sampled_from(
    VIETNAMESE + VIETNAMESE.upper() + "abcdeghiklmnopqrstuvxyĐ0123456789 \n\n\n\t\f\r.,:;-–/()*#|_<>&\"'“”"
    "\u0300\u0301\u0303\u0309\u0323\u00a0\u200b\ufeff¸µ·®¬äøùûõï"), max_size=400)
document_like = st.lists(st.one_of(st.sampled_from(REAL_LINES), odd_text),
                         max_size=25).map("\n".join)
any_text = st.one_of(st.text(max_size=300), odd_text, document_like)


def check_cleaning(raw: str) -> None:
    mt = clean_text(raw)
    assert len(mt.offsets) == len(mt.text) + 1
    assert all(0 <= a <= b <= len(raw) for a, b in zip(mt.offsets, mt.offsets[1:]))


def check_pipeline(nlp, raw: str) -> None:
    doc = nlp(raw)
    text = doc.text
    assert all(0 <= a <= b <= len(doc.raw_text) for a, b in zip(doc.offsets, doc.offsets[1:]))
    previous = 0
    for s in doc.sentences:
        assert previous <= s.start < s.end <= len(text) and text[s.start:s.end] == s.text
        previous = s.end
    previous = 0
    for e in doc.entities:
        assert previous <= e.start < e.end and text[e.start:e.end] == e.text
        previous = e.end
    for d in doc.directives:
        assert text[d.start:d.end] == d.text
        if d.deadline.start is not None:
            assert text[d.deadline.start:d.deadline.end] == d.deadline.text


def check_dates(raw: str) -> None:
    for m in find_dates(raw, dt.date(2019, 6, 13)):
        assert raw[m.start:m.end] == m.text and m.kind in ("date", "period")
    parse_date(raw)
    period_end(raw, dt.date(2019, 6, 13))


def check_decoding(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except UnreadableFile as exc:
        assert str(exc) == "file looks binary, not text"
        return
    assert isinstance(decoded.text, str)


@QUICK
@given(any_text)
def test_cleaning_never_raises_and_maps_back(raw):
    check_cleaning(raw)


@QUICK
@given(any_text)
@example("\x1f\x85V")          # a line of separator characters once crashed the wrap joiner
def test_pipeline_spans_are_exact(nlp, raw):
    check_pipeline(nlp, raw)


@QUICK
@given(any_text)
def test_date_normalization_never_raises(raw):
    check_dates(raw)


@QUICK
@given(st.one_of(st.binary(max_size=600), any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 any_text.map(lambda t: t.encode("cp1252", "ignore"))))
def test_decoding_never_raises_unexpectedly(data):
    check_decoding(data)


@QUICK
@given(any_text)
def test_legacy_repair_changes_text_only_when_it_names_a_charset(raw):
    repaired, charset = repair_legacy_text(raw)
    assert charset in (None, "tcvn3", "vni", "viscii", "utf-8-read-as-windows-1252")
    assert charset is not None or repaired == raw


@QUICK
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".docx", ".pdf", ""]))
def test_read_path_never_raises(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.ok or doc.error.startswith("cannot read file: ")


@pytest.mark.slow
@LONG
@given(any_text)
def test_long_fuzz_cleaning_and_pipeline(nlp, raw):
    check_cleaning(raw)
    check_pipeline(nlp, raw)
    check_dates(raw)


@pytest.mark.slow
@LONG
@given(st.binary(max_size=4000))
def test_long_fuzz_decoding(data):
    check_decoding(data)
