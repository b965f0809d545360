"""Invariants on every document of data/raw: offsets exact, maps monotone, nothing lost."""

import pytest

from pipeline.doc import DEADLINE_TYPES, ENTITY_LABELS
from pipeline.readers import iter_input_paths, read_path

from .conftest import RAW

RAW_FILES = list(iter_input_paths([RAW]))


@pytest.fixture(scope="module")
def raw_docs(nlp):
    return [nlp.process(read_path(p)) for p in RAW_FILES]


def test_all_raw_documents_process(raw_docs):
    assert len(raw_docs) == len(RAW_FILES) >= 300
    failed = [(d.doc_id, d.error) for d in raw_docs if not d.ok]
    assert failed == []


def test_offsets_of_every_span(raw_docs):
    for doc in raw_docs:
        n = len(doc.text)
        for s in doc.sentences:
            assert 0 <= s.start < s.end <= n and doc.text[s.start:s.end] == s.text
        prev_end = -1
        for e in doc.entities:
            assert e.label in ENTITY_LABELS
            assert doc.text[e.start:e.end] == e.text, (doc.doc_id, e)
            assert e.start >= prev_end, (doc.doc_id, e)        # flat, non-overlapping, sorted
            prev_end = e.end
        for d in doc.directives:
            assert doc.text[d.start:d.end] == d.text
            assert d.deadline.type in DEADLINE_TYPES


def test_offset_map_is_monotone_and_in_range(raw_docs):
    for doc in raw_docs:
        offs = doc.offsets
        assert len(offs) == len(doc.text) + 1
        assert all(a <= b for a, b in zip(offs, offs[1:])), doc.doc_id
        assert offs[0] >= 0 and offs[-1] <= len(doc.raw_text)


def test_deadline_dates_only_for_date_and_period(raw_docs):
    for doc in raw_docs:
        for s in doc.sentences:
            if s.deadline.date is not None:
                assert s.deadline.type in ("date", "period"), (doc.doc_id, s.text)
