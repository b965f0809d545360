"""Tests for pipeline/evaluate.py: pipeline vs rules vs underthesea on a small real split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core import (
    DEFAULT_MODELS_DIR,
    Pipeline,
    load_config,
    rules_only_overrides,
)
from pipeline.doc import Document, Sentence
from pipeline.evaluate import (
    ROW_NAMES,
    UndertheseaNER,
    align_words,
    bio_spans,
    evaluate,
    find_inputs,
    format_evaluation,
    gold_path,
)
from pipeline.scoring import document_to_record, load_records, score

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "data" / "annotated" / "dev.jsonl"
RAW = ROOT / "data" / "raw"
# the two shortest dev documents (about 1,850 characters each)
DOC_IDS = ("tuandaknong-dakrlap__img_filedinhkem_277TBUBsigned_2019",
           "tuandaknong-dakrlap__img_LCTFILE_20190709_084839")


def missing_models_off() -> dict:
    """Overrides that blank the models not (yet) in models/, so the full pipeline runs."""
    components = load_config()["components"]
    return {"components": {name: {"model": ""} for name, section in components.items()
                           if section.get("model") and not (DEFAULT_MODELS_DIR / section["model"]).exists()}}


@pytest.fixture(scope="module")
def split(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("annotated")
    lines = [line for line in DEV.read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["doc_id"] in DOC_IDS]
    assert len(lines) == len(DOC_IDS)
    (folder / "dev.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def result(split) -> dict:
    return evaluate(split, split="dev", inputs=[RAW], systems=["pipeline", "rules", "underthesea"],
                    overrides=missing_models_off())


@pytest.fixture(scope="module")
def gold(split) -> list[dict]:
    return load_records(split / "dev.jsonl")


def test_every_system_scores_every_document(result):
    assert result["gold_documents"] == 2 and result["missing_inputs"] == []
    for name in ("pipeline", "rules", "underthesea"):
        system = result["systems"][name]
        assert system["documents"] == 2 and system["errors"] == {}
        assert system["text_mismatch"] == []  # the gold texts are the pipeline's cleaned texts
        assert system["seconds"] > 0
        assert sorted(r["doc_id"] for r in system["predictions"]) == sorted(DOC_IDS)


def test_rules_column_is_the_spec_score_of_the_rules_alone(result, gold):
    nlp = Pipeline(overrides=rules_only_overrides(load_config()))
    paths = find_inputs([RAW], DOC_IDS).values()
    pred = [document_to_record(doc) for doc in nlp.pipe_paths(paths)]
    rules = result["systems"]["rules"]
    assert rules["predictions"] == pred
    assert rules["scores"] == score(gold, pred)
    assert rules["scores"]["entities"]["micro"]["tp"] > 0


def test_exact_scores_are_at_most_the_text_scores(result):
    for system in result["systems"].values():
        exact, text = system["entities_exact"]["micro"], system["scores"]["entities"]["micro"]
        assert exact["tp"] <= text["tp"]
        assert exact["tp"] + exact["fn"] == text["tp"] + text["fn"]  # same gold entities


def test_underthesea_spans_are_slices_of_the_text(result, gold):
    texts = {r["doc_id"]: r["text"] for r in gold}
    system = result["systems"]["underthesea"]
    entities = [(r["doc_id"], e) for r in system["predictions"] for e in r["entities"]]
    assert len(entities) > 5
    for doc_id, e in entities:
        assert texts[doc_id][e["start"]:e["end"]] == e["text"] and e["text"].strip() == e["text"]
        assert e["label"] in ("PER", "ORG", "LOC")
    assert system["per_org_loc"]["text"]["tp"] > 0
    # underthesea finds no directives or fields: not scored, rather than scored 0
    assert system["scores"]["directives"] is None and system["scores"]["fields"] is None
    assert all(not r["directives"] for r in system["predictions"])


def test_table_lists_every_system_and_metric(result):
    table = format_evaluation(result)
    rows = [line for line in table.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header == ["metric", "pipeline", "rules", "underthesea"]
    names = [line.strip("|").split("|")[0].strip() for line in rows[2:]]
    assert names == [name.strip() for name in ROW_NAMES]
    for wanted in ("entities F1", "ORG exact F1", "PER/ORG/LOC F1", "directives F1", "assignees F1",
                   "deadline type accuracy", "deadline type macro F1", "deadline date accuracy",
                   "fields accuracy", "seconds (processing)"):
        assert wanted in names
    by_name = {line.strip("|").split("|")[0].strip(): [c.strip() for c in line.strip("|").split("|")[1:]]
               for line in rows[2:]}
    assert by_name["directives F1"][2] == "-" and by_name["directives F1"][1] != "-"
    assert by_name["DATE F1"][2] == "-"  # a label underthesea does not produce
    f1 = result["systems"]["rules"]["scores"]["entities"]["micro"]["f1"]
    assert by_name["entities F1"][1] == f"{f1:.3f}"


def test_bootstrap_adds_intervals_around_the_table_values(split):
    result = evaluate(split, split="dev", inputs=[RAW], systems=["pipeline", "rules"],
                      overrides=missing_models_off(), resamples=100)
    boot = result["bootstrap"]
    assert boot["documents"] == len(DOC_IDS) and boot["baseline"] == "rules"
    assert list(boot["difference"]) == ["pipeline"]
    for name in ("pipeline", "rules"):
        f1 = result["systems"][name]["scores"]["directives"]["match"]["f1"]
        value, (low, high) = boot["systems"][name]["directives_f1"].values()
        assert value == pytest.approx(f1) and low <= f1 <= high
    table = format_evaluation(result)
    assert "document bootstrap: 100 resamples of the 2 documents" in table
    row = next(line for line in table.splitlines() if line.startswith("| directives F1") and "[" in line)
    assert "ahead in" in row


def test_a_gold_document_without_input_is_scored_empty(split, tmp_path):
    records = load_records(split / "dev.jsonl")
    records[1] = dict(records[1], doc_id="no_such_document")
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = evaluate(path, inputs=[RAW], systems=["rules"])
    assert result["missing_inputs"] == ["no_such_document"] and result["split"] == "mixed"
    entities = result["systems"]["rules"]["scores"]["entities"]["micro"]
    assert entities["fn"] >= len(records[1]["entities"]) > 0


def test_unknown_system_is_an_error(split):
    with pytest.raises(ValueError, match="unknown system"):
        evaluate(split, split="dev", inputs=[RAW], systems=["rules", "spacy"])


def test_gold_path_takes_a_folder_and_split_or_a_file(tmp_path):
    assert gold_path(tmp_path, "dev") == tmp_path / "dev.jsonl"
    assert gold_path(tmp_path / "x.jsonl", "dev") == tmp_path / "x.jsonl"


# --------------------------------------------------------------------------- alignment

def test_align_words_with_spaces_underscores_and_rewritten_marks():
    text = "Sở  Tài chính\nvà UBND tỉnh Khánh Hoà."
    words = ["Sở", "Tài_chính", "và", "UBND", "tỉnh", "Khánh Hòa", "."]
    offsets = align_words(text, words)
    assert [text[s:e] for s, e in offsets] == ["Sở", "Tài chính", "và", "UBND", "tỉnh",
                                                "Khánh Hoà", "."]


def test_align_words_skips_an_unknown_word_without_shifting_the_rest():
    text = "Giao Sở Y tế chủ trì."
    offsets = align_words(text, ["Giao", "@@@", "Sở", "Y tế", "chủ trì", "."])
    assert offsets[1] is None
    assert [text[s:e] for s, e in offsets[2:]] == ["Sở", "Y tế", "chủ trì", "."]


def test_align_words_stays_inside_the_sentence():
    text = "Hà Nội. Hà Nội"
    assert align_words(text, ["Hà Nội"], start=0, end=7) == [(0, 6)]
    assert align_words(text, ["Hà Nội"], start=8) == [(8, 14)]
    assert align_words(text, ["Huế"], start=0, end=7) == [None]


def test_bio_spans():
    offsets = [(0, 2), (3, 5), (6, 8), (9, 11), None, (15, 17), (18, 20)]
    tags = ["B-ORG", "I-ORG", "I-PER", "B-MISC", "B-LOC", "I-LOC", "O"]
    # I-PER after ORG opens a PER; MISC is dropped; an unaligned word closes the run
    assert bio_spans(offsets, tags) == [(0, 5, "ORG"), (6, 8, "PER"), (15, 17, "LOC")]


def test_underthesea_ner_maps_tags_to_document_spans():
    text = "THÔNG BÁO\nÔng Nguyễn Văn An làm việc tại Hà Nội với Bộ Nội vụ."
    doc = Document(doc_id="d", text=text, raw_text=text)
    doc.sentences = [Sentence(0, 0, 9, text[:9]), Sentence(1, 10, len(text), text[10:])]

    def tagger(sentence: str) -> list[tuple]:
        table = {"Nguyễn_Văn_An": "B-PER", "Hà Nội": "B-LOC", "Bộ": "B-ORG", "Nội vụ": "I-ORG",
                 "THÔNG BÁO": "B-MISC"}
        words = ["THÔNG BÁO"] if sentence == "THÔNG BÁO" else [
            "Ông", "Nguyễn_Văn_An", "làm việc", "tại", "Hà Nội", "với", "Bộ", "Nội vụ", "."]
        return [(w, "N", "B-NP", table.get(w, "O")) for w in words]

    spans = UndertheseaNER(tagger).predict(doc)
    assert [(s.label, s.text) for s in spans] == [("PER", "Nguyễn Văn An"), ("LOC", "Hà Nội"),
                                                  ("ORG", "Bộ Nội vụ")]
    assert all(text[s.start:s.end] == s.text and s.source == "underthesea" for s in spans)
