"""Round trips with the annotators' tools: Label Studio, doccano, spaCy DocBin."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest
from spacy.tokens import DocBin

from pipeline.annotation.docbin import from_docbin, to_docbin
from pipeline.annotation.doccano import from_doccano, to_doccano
from pipeline.annotation.labelstudio import from_labelstudio, labeling_config, to_labelstudio
from pipeline.annotation.schema import from_document
from pipeline.annotation.tokenizer import blank_nlp, token_spans
from pipeline.annotation.validate import validate_record

from .conftest import RAW

LAYERS = ("doc_id", "source", "split", "text", "entities", "sentences", "directives", "document")
# data/raw/daknong_gov_sites_ocr/stc__img_216BC_CCHC_nam_2018.txt: OCR glued "trình" to "UBND"
GLUED = "Sở Tài chính tỉnh Đắk Nông: Quyết tâm rà soát,trìnhUBND tỉnh phê"


@pytest.fixture(scope="module")
def records(seed_docs, nlp):
    """Pre-annotations of the five seeds and two noisy documents (OCR, PDF text)."""
    docs = list(seed_docs.values()) + [
        nlp(RAW / "daknong_gov_sites_ocr" / "krongno__img_12-TB_20190530041840169205.txt"),
        nlp(RAW / "hanoi_qd_ubnd_2024_2025_pdftext" / sorted(
            p.name for p in (RAW / "hanoi_qd_ubnd_2024_2025_pdftext").glob("*.txt"))[0]),
    ]
    return [from_document(doc, "dev-sample", "train") for doc in docs]


def as_exported(tasks: list[dict], user: dict | int = 7) -> list[dict]:
    """What Label Studio exports when an annotator submits each task's prediction unchanged."""
    exported = json.loads(json.dumps(tasks))
    for task_id, task in enumerate(exported, start=1):
        task["id"] = task_id
        task["annotations"] = [{"id": task_id, "completed_by": user, "was_cancelled": False,
                                "result": task["predictions"][0]["result"],
                                "created_at": "2025-01-10T08:00:00Z", "updated_at": "2025-01-10T08:30:00Z"}]
    return exported


# --------------------------------------------------------------------------- Label Studio

def test_labeling_config_declares_every_control_the_tasks_use(records):
    config = ET.fromstring(labeling_config())
    controls = {el.get("name"): el for el in config.iter() if el.get("toName") == "text"}
    labels = [el.get("value") for el in controls["label"].iter("Label")]
    assert labels == ["ORG", "PER", "TITLE", "LOC", "DATE", "DOC", "DIRECTIVE", "DEADLINE"]
    assert config.find("Text").get("value") == "$text"
    assert controls["assignees"].get("perRegion") == "true"
    assert controls["assignees"].get("whenLabelValue") == "DIRECTIVE"
    assert controls["deadline_type"].get("whenLabelValue") == "DEADLINE"
    used = {item["from_name"] for task in to_labelstudio(records)
            for item in task["predictions"][0]["result"]}
    assert used <= set(controls)
    assert {"label", "assignees", "directive_deadline_type", "deadline_type", "deadline_date",
            "doc_type", "signer"} <= used


def test_labelstudio_task_layout(records):
    task = to_labelstudio(records[1:2])[0]                     # seed 001
    record = records[1]
    assert task["data"]["text"] == record["text"] and task["data"]["doc_id"] == "001_dcadee23f926a999"
    assert task["data"]["sentences"][0] == [record["sentences"][0]["start"], record["sentences"][0]["end"]]
    prediction = task["predictions"][0]
    assert prediction["model_version"] == "pipeline 0.1.0"
    first = prediction["result"][0]
    start = record["text"].index("Trần Thị Nga")
    assert first == {"id": "ent0", "from_name": "label", "to_name": "text", "type": "labels",
                     "value": {"start": start, "end": start + 12, "text": "Trần Thị Nga", "labels": ["PER"]}}
    deadline = next(r for r in prediction["result"]
                    if r["from_name"] == "deadline_date" and r["value"]["text"] == ["2018-02-10"])
    region = next(r for r in prediction["result"] if r["id"] == deadline["id"] and r["type"] == "labels")
    assert region["value"]["text"] == "trước ngày 10/02/2018" and region["value"]["labels"] == ["DEADLINE"]


def test_labelstudio_round_trip_gives_back_every_layer(records):
    back, problems = from_labelstudio(as_exported(to_labelstudio(records),
                                                  user={"id": 7, "email": "lan@example.vn"}))
    assert problems == []
    assert [{k: r[k] for k in LAYERS} for r in back] == [{k: r[k] for k in LAYERS} for r in records]
    assert back[0]["provenance"] == {"method": "pre-annotated by pipeline 0.1.0, corrected by hand",
                                     "annotator": "lan@example.vn", "reviewed_by": None, "notes": ""}
    # an uncorrected pre-annotation is gold but for one thing: a deadline class the classifier chose
    # with no phrase in the sentence, which an annotator must resolve (the validator flags exactly those)
    for record, original in zip(back, records):
        phraseless = sum(1 for s in original["sentences"] + original["directives"]
                         if s["deadline_type"] != "none" and s["deadline_text"] is None)
        problems = validate_record(record)
        assert len(problems) == phraseless
        assert all("without deadline_text" in p for p in problems)


def test_labelstudio_import_reads_an_annotators_edits(records):
    record = records[1]                                       # seed 001
    text = record["text"]
    [task] = as_exported(to_labelstudio([record]))
    result = task["annotations"][0]["result"]
    # the annotator drops the first entity, adds one with a trailing space selected, retypes
    # the first directive's assignees and makes the signer's title explicit
    del result[0]
    start = text.index("Ban VSTBCPN tỉnh")
    result.append({"id": "new1", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": start, "end": start + 17, "text": text[start:start + 17],
                             "labels": ["ORG"]}})
    assignees = next(r for r in result if r["id"] == "dir0" and r["from_name"] == "assignees")
    assignees["value"]["text"] = ["các đơn vị\nđịa phương"]
    signer = next(r for r in result if r["from_name"] == "signer")
    signer["value"]["text"] = ["Nguyễn Đình Cầu | PHÓ CHÁNH VĂN PHÒNG"]
    [back], problems = from_labelstudio([task])
    assert problems == []
    assert {"start": start, "end": start + 16, "label": "ORG", "text": "Ban VSTBCPN tỉnh"} in back["entities"]
    assert len(back["entities"]) == len(record["entities"])
    assert back["entities"][0] != record["entities"][0]
    assert back["directives"][0]["assignees"] == ["các đơn vị", "địa phương"]
    assert back["document"]["signer"] == {"name": "Nguyễn Đình Cầu", "title": "PHÓ CHÁNH VĂN PHÒNG"}
    assert back["provenance"]["annotator"] == "labelstudio user 7"


def test_labelstudio_offsets_counted_in_utf16_units_are_converted():
    # seed 001's first line with an emoji pasted in front: after it, UTF-16 offsets run one ahead
    text = "📌 Kết luận của đồng chí Trần Thị Nga - Phó Chủ tịch UBND tỉnh"
    start = text.index("Trần Thị Nga")
    task = {"id": 1, "data": {"text": text, "doc_id": "d", "source": "seeds", "split": "dev",
                              "sentences": [[0, len(text)]]},
            "annotations": [{"completed_by": 1, "result": [
                {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": start + 1, "end": start + 13, "text": "Trần Thị Nga", "labels": ["PER"]}},
                {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 3, "end": 9, "text": "Kết lx", "labels": ["ORG"]}},
            ]}]}
    [back], problems = from_labelstudio([task])
    assert back["entities"] == [{"start": start, "end": start + 12, "label": "PER", "text": "Trần Thị Nga"}]
    assert problems == ["d: region b (['ORG'], 'Kết lx'): offsets do not match its text"]
    assert back["provenance"]["method"] == "annotated from scratch"


def test_labelstudio_picks_the_annotation_asked_for(records):
    [task] = as_exported(to_labelstudio(records[:1]), user={"id": 3, "email": "a@example.vn"})
    second = copy.deepcopy(task["annotations"][0])
    second.update(completed_by={"id": 4, "email": "b@example.vn"}, result=second["result"][1:],
                  updated_at="2025-01-11T09:00:00Z")
    cancelled = {**copy.deepcopy(second), "was_cancelled": True, "updated_at": "2025-01-12T09:00:00Z"}
    task["annotations"] += [second, cancelled]
    [latest], _ = from_labelstudio([task])
    [by_a], _ = from_labelstudio([task], annotator="a@example.vn")
    assert latest["provenance"]["annotator"] == "b@example.vn"
    assert len(latest["entities"]) == len(records[0]["entities"]) - 1
    assert by_a["entities"] == records[0]["entities"]
    assert from_labelstudio([task], annotator="c@example.vn") == (
        [], ["000_61f4b3783d46edc1: no submitted annotation by c@example.vn"])


# --------------------------------------------------------------------------- doccano

def test_doccano_round_trip_gives_back_the_entities(records):
    lines = json.loads(json.dumps(to_doccano(records)))
    assert lines[1]["label"][0] == [records[1]["entities"][0]["start"], records[1]["entities"][0]["end"], "PER"]
    back, problems = from_doccano(lines, records, annotator="hoa")
    assert problems == []
    assert [{k: r[k] for k in LAYERS} for r in back] == [{k: r[k] for k in LAYERS} for r in records]
    assert back[0]["provenance"]["method"] == "pre-annotated by pipeline 0.1.0, corrected by hand"
    assert back[0]["provenance"]["annotator"] == "hoa"


def test_doccano_import_reads_the_entities_layout_and_reports_what_it_cannot_use(records):
    record = records[1]
    text = record["text"]
    start = text.index("Trần Thị Nga")
    exported = [
        {"id": 11, "text": text, "meta": {"doc_id": record["doc_id"]}, "Comments": [], "relations": [],
         "entities": [{"id": 1, "label": "PER", "start_offset": start, "end_offset": start + 13},
                      {"id": 2, "label": "ORG", "start_offset": 5, "end_offset": len(text) + 5}]},
        {"id": 12, "text": "Kết luận", "doc_id": "not_in_base", "label": []},
    ]
    [back], problems = from_doccano(exported, records)
    assert back["entities"] == [{"start": start, "end": start + 12, "label": "PER", "text": "Trần Thị Nga"}]
    assert problems == [f"line 1: 001_dcadee23f926a999: ORG [5:{len(text) + 5}] is outside the text",
                        "not_in_base: not in the base records"]


# --------------------------------------------------------------------------- spaCy

def test_tokenizer_splits_punctuation_off_words():
    # data/raw/hanoi_qd_ubnd_2024_2025_pdftext: "... Km 29 Đại lộ Thăng Long," and a recipient "(UBND)"
    text = "Km 29 Đại lộ Thăng Long,\n(UBND)  Số: 35/2024/QĐ-UBND"
    nlp = blank_nlp()
    doc = nlp(text)
    assert [t.text for t in doc if not t.is_space] == [
        "Km", "29", "Đại", "lộ", "Thăng", "Long", ",", "(", "UBND", ")", "Số", ":", "35", "/", "2024",
        "/", "QĐ", "-", "UBND"]
    assert doc.text == text
    assert [(t.idx, t.idx + len(t)) for t in doc if not t.is_space] == token_spans(text)


def test_docbin_round_trip_keeps_doc_ids_texts_and_entities(records, tmp_path):
    docbin, misaligned = to_docbin(records)
    assert misaligned == []
    docbin.to_disk(tmp_path / "train.spacy")
    back = from_docbin(DocBin().from_disk(tmp_path / "train.spacy"))
    assert back == [{k: r[k] for k in ("doc_id", "text", "entities")} for r in records]


def test_docbin_reports_entities_off_token_boundaries():
    # ORG "UBND tỉnh" starts inside the token "trìnhUBND"
    start = GLUED.index("UBND")
    record = {"doc_id": "stc__img_216BC_CCHC_nam_2018", "text": GLUED, "entities": [
        {"start": 0, "end": 12, "label": "ORG", "text": "Sở Tài chính"},
        {"start": start, "end": start + 9, "label": "ORG", "text": "UBND tỉnh"}]}
    docbin, [strict] = to_docbin([record])
    assert str(strict) == ("stc__img_216BC_CCHC_nam_2018: ORG 'UBND tỉnh' [51:60] does not fall on "
                           "token boundaries; left out")
    assert [e["text"] for e in from_docbin(docbin)[0]["entities"]] == ["Sở Tài chính"]
    docbin, [expanded] = to_docbin([record], alignment_mode="expand")
    assert expanded.snapped == (46, 60, "trìnhUBND tỉnh")
    assert [e["text"] for e in from_docbin(docbin)[0]["entities"]] == ["Sở Tài chính", "trìnhUBND tỉnh"]
    docbin, [contracted] = to_docbin([record], alignment_mode="contract")
    assert contracted.snapped == (56, 60, "tỉnh")
    with pytest.raises(ValueError, match="alignment_mode"):
        to_docbin([record], alignment_mode="nearest")


def test_labelstudio_import_skips_tasks_it_did_not_make():
    task = {"id": 5, "data": {"text": "Kết luận của đồng chí Trần Thị Nga"},
            "annotations": [{"completed_by": 1, "result": []}]}
    assert from_labelstudio([task]) == ([], ["task 5: task data lacks doc_id, source, split, sentences "
                                             "(not made by to_labelstudio)"])
