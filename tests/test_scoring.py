"""Tests for pipeline/scoring.py (spec §7a) on the hand-made gold of data/spec_examples."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.doc import Deadline, Directive, Document, DocumentFields, Person, Span
from pipeline.scoring import (
    bootstrap,
    document_counts,
    document_to_record,
    format_report,
    jaccard,
    load_records,
    match_directives,
    metrics_from_counts,
    normalize,
    score,
    score_directives,
    score_entities,
    score_entities_exact,
    score_fields,
    syllables,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "spec_examples"
DOC_001 = "001_dcadee23f926a999"
DOC_003 = "003_b153c6da8c68613b"


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_records(EXAMPLES)


@pytest.fixture
def pred(gold) -> list[dict]:
    return copy.deepcopy(gold)


def record(records: list[dict], doc_id: str) -> dict:
    return next(r for r in records if r["doc_id"] == doc_id)


def rates(scores: dict) -> list[float]:
    """Every precision / recall / F1 / accuracy / mean figure in a nested score dict."""
    names = {"precision", "recall", "f1", "accuracy", "macro_f1", "mean_jaccard", "text_jaccard"}
    found = []
    for key, value in scores.items():
        if isinstance(value, dict):
            found += rates(value)
        elif key in names or key.endswith(("_f1", "_accuracy")):
            found.append(value)
    return found


# --------------------------------------------------------------------------- normalization

def test_normalize_unifies_dashes_and_case():
    assert normalize("Sở Lao động – Thương binh") == normalize("sở lao động - thương binh")
    assert normalize("Sở Lao động — Thương binh") == "sở lao động - thương binh"
    assert normalize("Sở Kế hoạch‐Đầu tư") == "sở kế hoạch-đầu tư"


def test_normalize_strips_surrounding_punctuation_only():
    assert normalize("(UBND tỉnh)") == "ubnd tỉnh"
    assert normalize("“Toàn dân đoàn kết xây dựng đời sống văn hoá ở khu dân cư”") == \
        "toàn dân đoàn kết xây dựng đời sống văn hoá ở khu dân cư"
    assert normalize("*Ban Tổ chức Tỉnh ủy;") == "ban tổ chức tỉnh ủy"
    assert normalize("Số: 217/TB-UBND.") == "số: 217/tb-ubnd"


def test_normalize_collapses_white_space_and_composes():
    assert normalize("KT. CHÁNH VĂN PHÒNG\nPHÓ  VĂN\tPHÒNG") == "kt. chánh văn phòng phó văn phòng"
    decomposed = "Ho\u0300a Bi\u0300nh"  # NFD "Hòa Bình"
    assert normalize(decomposed) == "hòa bình"
    assert normalize(None) == "" and normalize(" ; ") == ""


def test_tone_placement_is_an_option():
    assert normalize("hiện đại hoá") != normalize("hiện đại hóa")
    assert normalize("hiện đại hoá", tone=True) == normalize("hiện đại hóa", tone=True) == "hiện đại hóa"
    assert normalize("Uỷ ban nhân dân", tone=True) == "ủy ban nhân dân"
    assert normalize("khoẻ, thuỷ lợi", tone=True) == "khỏe, thủy lợi"
    # the vowel pair is not syllable-final, or "u" belongs to "qu": nothing to move
    assert normalize("hoàn thành Quý I, huỳnh", tone=True) == "hoàn thành quý i, huỳnh"


# --------------------------------------------------------------------------- gold vs itself

def test_gold_against_itself_is_perfect(gold, pred):
    scores = score(gold, pred)
    figures = rates(scores)
    assert len(figures) > 40
    assert all(f == 1.0 for f in figures)
    assert scores["entities"]["micro"]["tp"] == 101 + 37 + 31
    assert scores["directives"]["match"]["tp"] == 17 + 8 + 1
    assert scores["documents"] == {"gold": 3, "predicted": 3, "missing": 0, "unscored": 0}


def test_report_is_a_table(gold, pred):
    report = format_report(score(gold, pred))
    assert "  all             1.000  1.000  1.000    169      0      0" in report
    assert "  match           1.000  1.000  1.000     26      0      0" in report


# --------------------------------------------------------------------------- entities

def test_removing_an_entity_lowers_recall_only(gold, pred):
    signer = record(pred, DOC_001)["entities"].pop()
    assert signer == {"label": "PER", "text": "Nguyễn Đình Cầu"}
    scores = score_entities(gold, pred)
    micro, per = scores["micro"], scores["per_label"]["PER"]
    # 169 gold mentions, 168 found: R = 168/169, F1 = 2*168 / (2*168 + 1)
    assert (micro["tp"], micro["fp"], micro["fn"]) == (168, 0, 1)
    assert micro["precision"] == 1.0
    assert micro["recall"] == pytest.approx(168 / 169)
    assert micro["f1"] == pytest.approx(336 / 337)
    # 11 PER in gold (4 + 3 + 4)
    assert per["recall"] == pytest.approx(10 / 11) and per["precision"] == 1.0
    assert all(v["f1"] == 1.0 for k, v in scores["per_label"].items() if k != "PER")


def test_changing_a_label_costs_one_fp_and_one_fn(gold, pred):
    entity = record(pred, DOC_003)["entities"][5]
    assert entity == {"label": "LOC", "text": "huyện Phong Điền"}
    entity["label"] = "ORG"
    scores = score_entities(gold, pred)
    micro = scores["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (168, 1, 1)
    assert micro["f1"] == pytest.approx(168 / 169)
    loc, org = scores["per_label"]["LOC"], scores["per_label"]["ORG"]
    assert loc["recall"] == pytest.approx(3 / 4) and loc["f1"] == pytest.approx(6 / 7)
    assert org["precision"] == pytest.approx(75 / 76) and org["f1"] == pytest.approx(150 / 151)


def test_entities_compare_as_multisets(gold):
    # "năm 2022" appears twice in 003; predicting it three times is one false positive
    extra = copy.deepcopy(gold)
    record(extra, DOC_003)["entities"].append({"label": "DATE", "text": "năm 2022."})
    assert score_entities(gold, extra)["micro"]["fp"] == 1
    # surface differences the spec normalizes away are no error
    spelled = copy.deepcopy(gold)
    for entity in record(spelled, DOC_001)["entities"]:
        entity["text"] = "(" + entity["text"].upper().replace("-", "–") + ")"
    assert score_entities(gold, spelled)["micro"]["f1"] == 1.0


def offset_records() -> tuple[list[dict], list[dict]]:
    """Gold with offsets into TEXT, and a prediction with the ORG shifted one character left."""
    text = "Giao UBND tỉnh chủ trì, Sở Y tế phối hợp."
    def ent(surface: str, label: str, shift: int = 0) -> dict:
        start = text.index(surface) + shift
        return {"label": label, "text": text[start:start + len(surface)], "start": start,
                "end": start + len(surface)}
    gold = [{"doc_id": "d", "text": text, "entities": [ent("UBND tỉnh", "ORG"), ent("Sở Y tế", "ORG"),
                                                       ent("chủ trì", "TITLE")]}]
    pred = [{"doc_id": "d", "entities": [ent("UBND tỉnh", "ORG", shift=-1), ent("Sở Y tế", "ORG"),
                                         ent("chủ trì", "TITLE")]}]
    return gold, pred


def test_exact_entities_count_a_shifted_span_as_fp_and_fn():
    gold, pred = offset_records()
    assert pred[0]["entities"][0]["text"] == " UBND tỉn"
    exact = score_entities_exact(gold, pred)
    assert {k: exact["micro"][k] for k in ("tp", "fp", "fn")} == {"tp": 2, "fp": 1, "fn": 1}
    assert {k: exact["per_label"]["ORG"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 1, "fn": 1}
    assert exact["per_label"]["TITLE"]["f1"] == 1.0
    assert score_entities_exact(gold, gold)["micro"]["f1"] == 1.0


def test_exact_and_text_scores_differ_only_where_offsets_do():
    gold, pred = offset_records()
    # a span one character off to the left of a space normalizes to the same text
    pred[0]["entities"][0] = dict(pred[0]["entities"][0], start=4, end=14,
                                  text=gold[0]["text"][4:14])
    assert normalize(pred[0]["entities"][0]["text"]) == normalize("UBND tỉnh")
    assert score_entities(gold, pred)["micro"]["f1"] == 1.0
    assert score_entities_exact(gold, pred)["micro"]["fn"] == 1


def test_entity_scores_restricted_to_labels():
    gold, pred = offset_records()
    only_title = score_entities_exact(gold, pred, labels=["TITLE"])
    assert list(only_title["per_label"]) == ["TITLE"] and only_title["micro"]["f1"] == 1.0
    orgs = score_entities(gold, pred, labels=("ORG", "PER"))
    assert list(orgs["per_label"]) == ["ORG"] and orgs["micro"]["tp"] == 1


def test_exact_scoring_needs_offsets(gold):
    with pytest.raises(ValueError, match="no start/end"):
        score_entities_exact(gold, gold)


# --------------------------------------------------------------------------- directives

def test_jaccard_of_exactly_one_half_is_a_match():
    # real excerpt of 001: "Tăng cường công tác kiểm tra, giám sát, đánh giá ..."
    half = [{"text": "Tăng cường công tác kiểm tra, giám sát"}]          # 8 syllables
    below = [{"text": "Tăng cường công tác kiểm tra, giám sát, đánh giá"}]  # 10 syllables
    pred = [{"text": "Tăng cường công tác"}]                                # 4 of them
    assert jaccard(syllables(half[0]["text"]), syllables(pred[0]["text"])) == 0.5
    assert match_directives(half, pred) == [(0, 0, 0.5)]
    assert match_directives(below, pred) == []


def test_matching_is_one_to_one_and_maximizes_total_jaccard():
    # syllables of 001's "Tăng cường công tác kiểm tra, giám sát"
    gold = [{"text": "Tăng cường công tác"},                # G0
            {"text": "cường công tác kiểm tra"}]            # G1
    pred = [{"text": "Tăng cường công tác kiểm"},           # P0: G0 4/5, G1 4/6
            {"text": "Tăng cường công giám"}]               # P1: G0 3/5, G1 2/7
    # greedy best-first would take G0-P0 (0.8) and leave G1 unmatched; the optimum is
    # G0-P1 + G1-P0 = 0.6 + 0.667
    assert match_directives(gold, pred) == [(0, 1, pytest.approx(3 / 5)), (1, 0, pytest.approx(4 / 6))]
    # a pair below the threshold is never matched, even when nothing else is left
    assert match_directives(gold[1:], pred[1:]) == []


def test_splitting_a_directive_adds_one_false_positive(gold, pred):
    directives = record(pred, DOC_001)["directives"]
    first, second = directives[0]["text"].split("; ", 1)
    # gold has 41 distinct syllables; "Trong thời gian tới ... trong năm 2018;" has 28 of them
    # (J = 28/41 >= 0.5, matched), "đồng thời ... nhiệm vụ sau:" 14 (J = 14/41, unmatched)
    assert len(syllables(directives[0]["text"])) == 41
    assert (len(syllables(first)), len(syllables(second))) == (28, 14)
    directives[0:1] = [dict(directives[0], text=first + ";"),
                       dict(directives[0], text=second, assignees=[], deadline_type="none",
                            deadline_text=None, deadline_date=None)]
    scores = score_directives(gold, pred)
    match = scores["match"]
    assert (match["tp"], match["fp"], match["fn"]) == (26, 1, 0)
    assert match["precision"] == pytest.approx(26 / 27)
    assert match["f1"] == pytest.approx(52 / 53)
    # the matched half keeps every attribute: nothing else moves
    assert scores["assignees"]["f1"] == scores["deadline_type"]["accuracy"] == 1.0
    assert scores["text_jaccard"] == pytest.approx((25 + 28 / 41) / 26)


def test_changing_a_deadline_date_lowers_date_accuracy_only(gold, pred):
    directive = record(pred, DOC_001)["directives"][1]
    assert directive["deadline_date"] == "2018-02-10"
    directive["deadline_date"] = "2018-02-11"
    scores = score_directives(gold, pred)
    assert scores["deadline_date"]["accuracy"] == pytest.approx(25 / 26)
    assert scores["deadline_type"]["accuracy"] == 1.0
    assert scores["match"]["f1"] == 1.0


def test_deadline_type_accuracy_and_macro_f1(gold, pred):
    # 001 directive 3 is "period" (Quý I/2018); call it "date" instead
    directive = record(pred, DOC_001)["directives"][3]
    assert directive["deadline_type"] == "period"
    directive["deadline_type"] = "date"
    dtype = score_directives(gold, pred)["deadline_type"]
    assert dtype["accuracy"] == pytest.approx(25 / 26)
    # gold over the 26 pairs: date 3, period 6, recurring 3, urgent 1, none 13 (no relative,
    # which is left out of the macro average)
    per_class = dtype["per_class"]
    assert list(per_class) == ["date", "period", "recurring", "urgent", "none"]
    assert per_class["date"]["f1"] == pytest.approx(2 * 3 / (2 * 3 + 1))      # tp 3, fp 1
    assert per_class["period"]["f1"] == pytest.approx(2 * 5 / (2 * 5 + 1))    # tp 5, fn 1
    assert dtype["macro_f1"] == pytest.approx((6 / 7 + 10 / 11 + 3) / 5)


def test_assignee_agreement_on_matched_pairs(gold, pred):
    # 001 directive 8 names nine bodies; the prediction finds four and adds one wrong body
    directive = record(pred, DOC_001)["directives"][8]
    assert len(directive["assignees"]) == 9
    directive["assignees"] = directive["assignees"][:4] + ["Sở Lao động-Thương binh và Xã hội"]
    assignees = score_directives(gold, pred)["assignees"]
    # gold names over all 26 pairs: 36; tp 36 - 5 = 31, fp 1, fn 5
    assert (assignees["tp"], assignees["fp"], assignees["fn"]) == (31, 1, 5)
    assert assignees["f1"] == pytest.approx(62 / 68)
    # that pair's Jaccard is 4 / 10; the other 25 agree exactly
    assert assignees["mean_jaccard"] == pytest.approx((25 + 0.4) / 26)


def test_missing_prediction_counts_as_empty(gold):
    pred = [r for r in gold if r["doc_id"] != DOC_003]
    scores = score(gold, pred)
    assert scores["documents"]["missing"] == 1
    assert scores["entities"]["micro"]["fn"] == 31
    assert scores["directives"]["match"]["fn"] == 1


# --------------------------------------------------------------------------- fields

def test_changing_a_field_date_lowers_that_field_only(gold, pred):
    document = record(pred, DOC_003)["document"]
    assert document["issued_date"] == "2022-10-25"
    document["issued_date"] = "2022-10-26"
    fields = score_fields(gold, pred)
    assert fields["per_field"]["issued_date"] == pytest.approx(2 / 3)
    assert fields["accuracy"] == pytest.approx(26 / 27)
    assert all(acc == 1.0 for name, acc in fields["per_field"].items() if name != "issued_date")


def test_person_fields_compare_normalized_names_and_titles(gold, pred):
    document = record(pred, DOC_001)["document"]
    document["signer"] = {"name": "NGUYỄN ĐÌNH CẦU", "title": "Phó văn phòng"}
    document["chair"] = [{"name": "Trần Thị Nga", "title": "Phó Chủ tịch UBND tỉnh"}]
    fields = score_fields(gold, pred)
    assert fields["per_field"]["signer"] == 1.0
    assert fields["per_field"]["chair"] == pytest.approx(2 / 3)
    assert fields["names_only"]["chair"] == 1.0


def test_empty_chair_list_equals_null(gold, pred):
    document = record(pred, DOC_003)["document"]
    assert document["chair"] is None
    document["chair"] = []
    assert score_fields(gold, pred)["per_field"]["chair"] == 1.0


# --------------------------------------------------------------------------- records

def hand_built_document() -> Document:
    """The opening and the signature of seed 001, processed by hand."""
    text = ("THÔNG BÁO\n"
            "Kết luận của đồng chí Trần Thị Nga - Phó Chủ tịch UBND tỉnh\n"
            "1. Sở Lao động - Thương binh và Xã hội\n"
            "- Chủ trì phối hợp với các đơn vị liên quan xây dựng Kế hoạch năm 2018. "
            "**Hoàn thành trong Quý I/2018**\n"
            "PHÓ VĂN PHÒNG\nNguyễn Đình Cầu")
    doc = Document(doc_id=DOC_001, text=text, raw_text=text)

    def span(surface: str, label: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        return doc.make_span(start, start + len(surface), label)

    # appended out of order on purpose: the record lists entities in textual order
    doc.entities = [span("Nguyễn Đình Cầu", "PER"), span("Trần Thị Nga", "PER"),
                    span("Phó Chủ tịch UBND tỉnh", "TITLE"),
                    span("Sở Lao động - Thương binh và Xã hội", "ORG"),
                    span("năm 2018", "DATE"), span("Quý I/2018", "DATE"),
                    span("PHÓ VĂN PHÒNG", "TITLE")]
    item = "Chủ trì phối hợp với các đơn vị liên quan xây dựng Kế hoạch năm 2018."
    start = text.index(item)
    doc.directives = [Directive(
        directive_id=0, start=start, end=start + len(item), text=item,
        assignees=["Sở Lao động - Thương binh và Xã hội"], coordinators=["các đơn vị liên quan"],
        deadline=Deadline(type="period", text="trong Quý I/2018", date=dt.date(2018, 3, 31)))]
    doc.fields = DocumentFields(
        doc_type="THÔNG BÁO", title="Kết luận của đồng chí Trần Thị Nga - Phó Chủ tịch UBND tỉnh",
        meeting_date=dt.date(2018, 1, 19),
        chair=[Person("Trần Thị Nga", "Phó Chủ tịch UBND tỉnh")],
        signer=Person("Nguyễn Đình Cầu", "PHÓ VĂN PHÒNG"))
    return doc


def test_document_to_record_round_trip(tmp_path):
    doc = hand_built_document()
    rec = document_to_record(doc)
    # entities carry their offsets into the cleaned text (for exact scoring)
    assert [(e["start"], e["end"]) for e in rec["entities"]] == sorted(
        (e.start, e.end) for e in doc.entities)
    assert all(doc.text[e["start"]:e["end"]] == e["text"] for e in rec["entities"])
    assert {k: v for k, v in rec.items() if k != "entities"} | {
        "entities": [{"label": e["label"], "text": e["text"]} for e in rec["entities"]]} == {
        "doc_id": DOC_001,
        "document": {
            "doc_type": "THÔNG BÁO",
            "title": "Kết luận của đồng chí Trần Thị Nga - Phó Chủ tịch UBND tỉnh",
            "number": None, "issuer": None, "issued_date": None, "place": None,
            "meeting_date": "2018-01-19",
            "chair": [{"name": "Trần Thị Nga", "title": "Phó Chủ tịch UBND tỉnh"}],
            "signer": {"name": "Nguyễn Đình Cầu", "title": "PHÓ VĂN PHÒNG"},
        },
        "entities": [
            {"label": "PER", "text": "Trần Thị Nga"},
            {"label": "TITLE", "text": "Phó Chủ tịch UBND tỉnh"},
            {"label": "ORG", "text": "Sở Lao động - Thương binh và Xã hội"},
            {"label": "DATE", "text": "năm 2018"},
            {"label": "DATE", "text": "Quý I/2018"},
            {"label": "TITLE", "text": "PHÓ VĂN PHÒNG"},
            {"label": "PER", "text": "Nguyễn Đình Cầu"},
        ],
        "directives": [{
            "text": "Chủ trì phối hợp với các đơn vị liên quan xây dựng Kế hoạch năm 2018.",
            "assignees": ["Sở Lao động - Thương binh và Xã hội"],
            "coordinators": ["các đơn vị liên quan"],
            "deadline_type": "period", "deadline_text": "trong Quý I/2018",
            "deadline_date": "2018-03-31",
        }],
    }
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_records(path) == [rec]
    assert all(f == 1.0 for f in rates(score([rec], load_records(path))))


def test_empty_document_gives_null_people():
    rec = document_to_record(Document(doc_id="x", text=""))
    assert rec["document"]["chair"] is None and rec["document"]["signer"] is None
    assert rec["entities"] == [] and rec["directives"] == []


def test_duplicate_doc_ids_are_rejected(gold):
    with pytest.raises(ValueError, match="duplicate doc_id"):
        score_entities(gold + gold[:1], gold)


# --------------------------------------------------------------------------- bootstrap

def _worse(gold: list[dict]) -> list[dict]:
    """The gold with the first directive and the first entity of every document dropped."""
    worse = copy.deepcopy(gold)
    for record in worse:
        record["directives"] = record["directives"][1:]
        record["entities"] = record["entities"][1:]
    return worse


def test_counts_give_back_the_scores(gold):
    worse = _worse(gold)
    counts = document_counts(gold, worse)
    assert counts.shape == (len(gold), 13)
    from_counts = metrics_from_counts(counts.sum(axis=0))
    scores = score(gold, worse)
    assert from_counts["entities_f1"] == pytest.approx(scores["entities"]["micro"]["f1"])
    assert from_counts["directives_f1"] == pytest.approx(scores["directives"]["match"]["f1"])
    assert from_counts["assignees_f1"] == pytest.approx(scores["directives"]["assignees"]["f1"])
    assert from_counts["deadline_type_accuracy"] == pytest.approx(
        scores["directives"]["deadline_type"]["accuracy"])
    assert from_counts["directives_f1"] < 1.0


def test_bootstrap_intervals_hold_the_value_and_pair_the_systems(gold):
    counts = {"perfect": document_counts(gold, gold), "worse": document_counts(gold, _worse(gold))}
    boot = bootstrap(counts, resamples=200, seed=1, baseline="worse")
    perfect, worse = boot["systems"]["perfect"], boot["systems"]["worse"]
    assert perfect["directives_f1"] == {"value": 1.0, "interval": [1.0, 1.0]}
    low, high = worse["directives_f1"]["interval"]
    assert low <= worse["directives_f1"]["value"] <= high < 1.0
    # the perfect system is ahead on every resample that has a directive to find
    diff = boot["difference"]["perfect"]["directives_f1"]
    assert diff["interval"][0] > 0 and diff["share_above"] == 1.0
    assert "worse" not in boot["difference"]
    again = bootstrap(counts, resamples=200, seed=1, baseline="worse")
    assert again == boot                              # seeded: the same resamples


def test_bootstrap_of_a_system_without_directives(gold):
    counts = document_counts(gold, gold, directives=False)
    boot = bootstrap({"ner only": counts}, resamples=50)
    assert boot["systems"]["ner only"]["entities_f1"]["value"] == 1.0
    assert boot["systems"]["ner only"]["directives_f1"] == {"value": None, "interval": None}
