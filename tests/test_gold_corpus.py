"""The gold corpus in data/annotated: valid, large enough, test split frozen, agreement set present."""

import json
from collections import Counter

import pytest

from pipeline.annotation.schema import load_annotations
from pipeline.annotation.validate import validate_paths

from .conftest import RAW, ROOT

ANNOTATED = ROOT / "data" / "annotated"


@pytest.fixture(scope="module")
def gold():
    return load_annotations([ANNOTATED / f"{s}.jsonl" for s in ("train", "dev", "test")])


def test_corpus_validates_against_schema_spec_and_raw_files():
    problems = validate_paths([ANNOTATED], raw_root=RAW)
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_corpus_size_and_coverage(gold):
    assert len(gold) >= 60
    assert len({r["source"] for r in gold}) >= 5
    assert sum(len(r["entities"]) for r in gold) >= 5000
    assert sum(len(r["directives"]) for r in gold) >= 600
    labels = Counter(e["label"] for r in gold for e in r["entities"])
    assert set(labels) == {"ORG", "PER", "TITLE", "LOC", "DATE", "DOC"}
    assert all(r["provenance"]["method"] in ("pre-annotated by pipeline 0.1.0, corrected by hand",
                                             "annotated from scratch") for r in gold)


def test_splits_are_by_document_and_test_is_frozen(gold):
    by_split = {s: {r["doc_id"] for r in gold if r["split"] == s} for s in ("train", "dev", "test")}
    assert not (by_split["train"] & by_split["dev"] or by_split["train"] & by_split["test"]
                or by_split["dev"] & by_split["test"])
    frozen = [ln for ln in (ANNOTATED / "test_split_doc_ids.txt").read_text().splitlines()
              if ln and not ln.startswith("#")]
    assert sorted(by_split["test"]) == frozen
    assert len(frozen) >= 15
    assert len({r["source"] for r in gold if r["split"] == "test"}) >= 4


def test_agreement_set_is_two_independent_annotations():
    a = [json.loads(line) for line in open(ANNOTATED / "agreement" / "annotator_a.jsonl", encoding="utf-8")]
    b = [json.loads(line) for line in open(ANNOTATED / "agreement" / "annotator_b.jsonl", encoding="utf-8")]
    assert [r["doc_id"] for r in a] == [r["doc_id"] for r in b] and len(a) >= 5
    assert all(r["provenance"]["method"] == "annotated from scratch" for r in b)
    assert all(x["provenance"]["annotator"] != y["provenance"]["annotator"] for x, y in zip(a, b))
    assert all(x["text"] == y["text"] for x, y in zip(a, b))
