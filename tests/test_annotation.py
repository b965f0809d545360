"""The annotation format (pipeline/annotation/schema.py), its validation and the commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from pipeline.annotation.commands import add_subparsers
from pipeline.annotation.schema import (
    SPLITS, assign_split, from_document, load_annotations, merge_entities, to_record, write_jsonl,
)
from pipeline.annotation.validate import Problem, validate_paths, validate_record
from pipeline.cleaning import clean_text
from pipeline.scoring import document_to_record

from .conftest import RAW

# data/raw/daknong_gov_sites_ocr/krongno__img_12-TB_20190530041840169205.txt, line 3 (OCR: "5Š")
OCR_HEADER = "Số:42 /TB-BQL Krông Nó, ngày 30 tháng 5Š năm 2019"
# data/raw/seeds/001_dcadee23f926a999.txt, line 17, markup removed as the cleaner does
ITEM_AND_DEADLINE = ("- Tiếp thu ý kiến các thành viên dự họp, hoàn chỉnh Chương trình công tác năm 2018 "
                     "của Ban VSTBCPN tỉnh, trình Trưởng Ban VSTBCPN tỉnh ban hành. "
                     "Hoàn thành trước ngày 10/02/2018.")
NULL_FIELDS = dict.fromkeys(("doc_type", "title", "number", "issuer", "issued_date", "place",
                             "meeting_date", "chair", "signer"))


def span(text: str, part: str, label: str | None = None, nth: int = 0) -> dict:
    """{start, end, text[, label]} of the nth occurrence of `part` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    item = {"start": start, "end": start + len(part), "text": part}
    return {**item, "label": label} if label else item


def gold_record(text: str, **layers) -> dict:
    record = {
        "doc_id": "krongno__img_12-TB_20190530041840169205", "source": "daknong_gov_sites_ocr",
        "split": "train", "text": text, "entities": [], "sentences": [], "directives": [],
        "document": dict(NULL_FIELDS),
        "provenance": {"method": "pre-annotated by pipeline 0.1.0, corrected by hand",
                       "annotator": "lan", "reviewed_by": None, "notes": ""},
    }
    record.update(layers)
    return record


# --------------------------------------------------------------------------- from_document

@pytest.fixture(scope="module")
def seed_001(seed_docs):
    return seed_docs["001_dcadee23f926a999"]


def test_from_document_keeps_every_layer_of_a_real_document(seed_001):
    record = from_document(seed_001, "seeds", "dev")
    text = record["text"]
    assert record["doc_id"] == "001_dcadee23f926a999" and record["source"] == "seeds"
    assert record["split"] == "dev" and text == seed_001.text
    assert {"start": text.index("Trần Thị Nga"), "end": text.index("Trần Thị Nga") + 12,
            "label": "PER", "text": "Trần Thị Nga"} == record["entities"][0]
    assert len(record["sentences"]) == len(seed_001.sentences)
    item = next(d for d in record["directives"] if d["text"].startswith("Tiếp thu ý kiến các thành "
                                                                         "viên dự họp, hoàn chỉnh Chương"))
    assert item["deadline_type"] == "date"
    assert item["deadline_text"] == "trước ngày 10/02/2018"
    assert item["deadline_date"] == "2018-02-10"
    assert item["assignees"] == ["Sở Lao động - Thương binh và Xã hội"]
    assert record["document"]["signer"] == {"name": "Nguyễn Đình Cầu", "title": "PHÓ VĂN PHÒNG"}
    assert record["provenance"] == {"method": "pre-annotated by pipeline 0.1.0", "annotator": None,
                                    "reviewed_by": None, "notes": ""}
    json.dumps(record)  # plain JSON: dates are ISO strings


def test_pre_annotation_is_a_valid_draft_but_not_gold(seed_001):
    record = from_document(seed_001, "seeds", "train")
    assert validate_record(record, draft=True) == []
    assert validate_record(record) == [
        "provenance.method 'pre-annotated by pipeline 0.1.0' is not 'pre-annotated by pipeline "
        "<version>, corrected by hand' or 'annotated from scratch' (a draft? validate with --draft)",
        "provenance.annotator is empty",
    ]


def test_to_record_is_the_scoring_layout(seed_docs):
    for doc in seed_docs.values():
        assert to_record(from_document(doc, "seeds", "test")) == document_to_record(doc)


def test_assign_split_is_fixed_by_the_doc_id():
    ids = [f"doc_{i:04d}" for i in range(2000)]
    splits = [assign_split(doc_id) for doc_id in ids]
    assert splits == [assign_split(doc_id) for doc_id in ids]
    shares = {split: splits.count(split) / len(ids) for split in SPLITS}
    assert 0.66 < shares["train"] < 0.74 and 0.12 < shares["dev"] < 0.18 and 0.12 < shares["test"] < 0.18


def test_merge_entities_replaces_entities_and_reports_strangers():
    base = gold_record(OCR_HEADER)
    new = [span(OCR_HEADER, "Krông Nó", "LOC")]
    records, problems = merge_entities([base], [
        {"doc_id": base["doc_id"], "text": OCR_HEADER, "entities": new},
        {"doc_id": "unknown_doc", "text": OCR_HEADER, "entities": []},
        {"doc_id": base["doc_id"], "text": OCR_HEADER + " ", "entities": []},
    ])
    assert [r["entities"] for r in records] == [new]
    assert records[0]["sentences"] == base["sentences"]
    assert problems == ["unknown_doc: not in the base records",
                        "krongno__img_12-TB_20190530041840169205: text differs from the base record's"]


# --------------------------------------------------------------------------- validate_record

def test_a_correct_hand_annotation_has_no_problems():
    text = OCR_HEADER
    record = gold_record(
        text,
        entities=[span(text, "42 /TB-BQL", "DOC"), span(text, "Krông Nó", "LOC"),
                  span(text, "ngày 30 tháng 5Š năm 2019", "DATE")],
        sentences=[{"start": 0, "end": len(text), "deadline_type": "none", "deadline_text": None,
                    "deadline_date": None}],
        document={**NULL_FIELDS, "doc_type": "THÔNG BÁO", "number": None, "place": "Krông Nó",
                  "issued_date": "2019-05-30"},
    )
    assert validate_record(record) == []


def test_entity_problems_are_named():
    text = OCR_HEADER
    record = gold_record(text, entities=[
        span(text, "42 /TB-BQL", "DOC"),
        {**span(text, "Krông Nó", "LOC"), "text": "Krông Nô"},        # text not at the offsets
        span(text, "ngày 30 tháng 5Š", "DATE"),
        span(text, "30 tháng 5Š năm 2019", "DATE"),                   # overlaps the one before
        span(text, "TB-BQL", "ORGANIZATION"),                         # not a spec label; overlaps DOC
        {"start": 40, "end": 90, "label": "DATE", "text": "x"},       # beyond the text
        span(text, "Nó, ", "LOC"),                                    # ends in white space
    ])
    assert validate_record(record) == [
        "entities[1] LOC 'Krông Nô': text[14:22] is 'Krông Nó', not 'Krông Nô'",
        "entities[4] ORGANIZATION 'TB-BQL': label not one of ORG, PER, TITLE, LOC, DATE, DOC (spec §2)",
        "entities[5] DATE 'x': [40:90] outside the text (length 49) or empty",
        "entities[6] LOC 'Nó, ': span starts or ends with white space",
        "entities[4] [7:13] overlaps entities[0] [3:13]",
        "entities[3] [29:49] overlaps entities[2] [24:40]",
    ]


def test_deadline_problems_follow_spec_section_3():
    text = ITEM_AND_DEADLINE
    item_end = text.index(" Hoàn thành")
    sentences = [
        {"start": 2, "end": item_end, "deadline_type": "urgent", "deadline_text": "ngay",
         "deadline_date": "2018-02-10"},
        {"start": item_end + 1, "end": len(text), "deadline_type": "date",
         "deadline_text": "trước ngày 10/02/2018", "deadline_date": "10/02/2018"},
        {"start": item_end + 1, "end": len(text), "deadline_type": "soon", "deadline_text": None,
         "deadline_date": None},
    ]
    directive = {**span(text, text[2:item_end]), "assignees": ["Sở Lao động - Thương binh và Xã hội"],
                 "coordinators": [""], "deadline_type": "none", "deadline_text": "trước ngày 10/02/2018",
                 "deadline_date": None}
    problems = validate_record(gold_record(text, sentences=sentences, directives=[directive]))
    assert problems == [
        "sentences[0]: deadline_text 'ngay' not found in the sentence",
        "sentences[0]: deadline_date '2018-02-10' with deadline_type urgent (only date and period have one)",
        "sentences[1]: deadline_date '10/02/2018' is not an ISO date YYYY-MM-DD",
        "sentences[2]: deadline_type 'soon' not one of date, period, relative, recurring, urgent, none (spec §3)",
        "sentences[2] [145:178] overlaps sentences[1] [145:178]",
        "directives[0] 'Tiếp thu ý kiến các thành viên dự họp, h': coordinators must be a list of "
        "non-empty strings",
        "directives[0] 'Tiếp thu ý kiến các thành viên dự họp, h': deadline_text 'trước ngày 10/02/2018' "
        "with deadline_type none",
    ]


def test_document_provenance_and_top_level_problems():
    record = gold_record(OCR_HEADER, split="validation", comment="x",
                         document={**NULL_FIELDS, "doc_type": "Thông báo", "issued_date": "2019-05-32",
                                   "chair": {"name": "Nguyễn Văn A"}, "signer": {"title": "CHỦ TỊCH"},
                                   "author": None},
                         provenance={"method": "by hand", "annotator": "", "reviewed_by": None,
                                     "notes": ""},
                         entities=[[0, 5, "ORG"]])
    del record["sentences"]
    assert validate_record(record) == [
        "missing key 'sentences'",
        "unknown key 'comment'",
        "split 'validation' is not one of train, dev, test",
        "entities[0] must be an object",
        "document: unknown field 'author' (spec §5: doc_type, title, number, issuer, issued_date, place, "
        "meeting_date, chair, signer)",
        "document.doc_type 'Thông báo' not one of THÔNG BÁO, KẾ HOẠCH, CHỈ THỊ, QUYẾT ĐỊNH, NGHỊ QUYẾT, "
        "CÔNG VĂN, BÁO CÁO, KẾT LUẬN, TIN BÀI, KHÁC (spec §5)",
        "document.issued_date '2019-05-32' is not an ISO date YYYY-MM-DD",
        "document.chair must be a list of {name, title} or null",
        "document.signer: {'title': 'CHỦ TỊCH'} is not a {name, title} object with a name",
        "provenance.method 'by hand' is not 'pre-annotated by pipeline <version>, corrected by hand' or "
        "'annotated from scratch' (a draft? validate with --draft)",
        "provenance.annotator is empty",
    ]


# --------------------------------------------------------------------------- validate_paths

def test_validate_paths_reports_file_line_and_doc_id(tmp_path):
    good = gold_record(OCR_HEADER)
    folder = tmp_path / "annotated"
    write_jsonl([good, {**good, "doc_id": "other", "split": "dev"}], folder / "train.jsonl")
    (folder / "dev.jsonl").write_text(json.dumps(good) + "\n\n{not json\n[1, 2]\n", encoding="utf-8")
    write_jsonl([{**good, "split": "test"}], folder / "work" / "batch1.draft.jsonl")  # not gold: skipped
    problems = validate_paths([folder])
    assert [str(p) for p in problems] == [
        f"{folder / 'dev.jsonl'}:1: krongno__img_12-TB_20190530041840169205: split 'train' in a file "
        "named dev.jsonl",
        f"{folder / 'dev.jsonl'}:3: ?: invalid JSON: Expecting property name enclosed in double quotes "
        "at column 2",
        f"{folder / 'dev.jsonl'}:4: ?: line is not a JSON object",
        f"{folder / 'train.jsonl'}:1: krongno__img_12-TB_20190530041840169205: doc_id repeated "
        f"(first at {folder / 'dev.jsonl'}:1)",
        f"{folder / 'train.jsonl'}:2: other: split 'dev' in a file named train.jsonl",
    ]
    assert problems[0] == Problem(str(folder / "dev.jsonl"), 1, good["doc_id"], problems[0].what)
    assert [str(p) for p in validate_paths([tmp_path / "missing.jsonl"])] == [
        f"{tmp_path / 'missing.jsonl'}: ?: no such file"]


def test_validate_paths_checks_the_text_against_the_cleaned_raw_file(tmp_path):
    raw_file = RAW / "daknong_gov_sites_ocr" / "krongno__img_12-TB_20190530041840169205.txt"
    text = clean_text(raw_file.read_text(encoding="utf-8")).text
    write_jsonl([gold_record(text)], tmp_path / "ok.jsonl")
    assert validate_paths([tmp_path / "ok.jsonl"], raw_root=RAW) == []
    # a cleaner that dropped "UBND " would shift every offset after it
    write_jsonl([gold_record(text.replace("UBND ", "", 1))], tmp_path / "shifted.jsonl")
    [problem] = validate_paths([tmp_path / "shifted.jsonl"], raw_root=RAW)
    assert problem.what == (f"text differs from clean_text({raw_file}) from offset 0: 'HUYỆN KRÔNGNÔ "
                            "CỘNG HÒA XÃ HỘI ' vs 'UBND HUYỆN KRÔNGNÔ CỘNG HÒA XÃ'; offsets need "
                            "re-anchoring")


# --------------------------------------------------------------------------- commands

def run_annotate(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_subparsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["annotate", *argv])
    return args.func(args)


def test_pre_annotate_then_validate_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "pre.jsonl"
    assert run_annotate("pre-annotate", str(RAW / "seeds"), "--out", str(out), "--split", "dev") == 0
    records = load_annotations(out)
    assert [r["doc_id"] for r in records] == [p.stem for p in sorted((RAW / "seeds").glob("*.txt"))]
    assert {(r["source"], r["split"]) for r in records} == {("seeds", "dev")}
    assert run_annotate("validate", str(out), "--draft") == 0
    assert run_annotate("validate", str(out)) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "1 files, 10 problems"


def test_default_validate_path_is_data_annotated():
    parser = argparse.ArgumentParser()
    add_subparsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["annotate", "validate"])
    assert args.paths == [Path("data/annotated")] and args.raw == Path("data/raw")


def test_collect_adds_gold_documents_to_their_split_files(tmp_path, capsys):
    folder = tmp_path / "annotated"
    first = gold_record(OCR_HEADER)
    write_jsonl([first], folder / "train.jsonl")
    moved = {**first, "split": "test", "provenance": {**first["provenance"], "notes": "moved to test"}}
    other = {**first, "doc_id": "VanBanGoc_67.2024", "split": "dev"}
    write_jsonl([moved, other], tmp_path / "batch.jsonl")
    assert run_annotate("collect", str(tmp_path / "batch.jsonl"), "--into", str(folder)) == 0
    assert capsys.readouterr().out.strip() == f"{folder}: train 0, dev 1, test 1"
    assert load_annotations(folder / "test.jsonl") == [moved]
    assert load_annotations(folder / "dev.jsonl") == [other]
    # a draft is refused and nothing is written
    write_jsonl([{**other, "provenance": {**other["provenance"], "annotator": None}}], tmp_path / "draft.jsonl")
    assert run_annotate("collect", str(tmp_path / "draft.jsonl"), "--into", str(folder)) == 1
    assert load_annotations(folder / "dev.jsonl") == [other]


def test_blank_pre_annotation_is_for_annotating_from_scratch(tmp_path):
    out = tmp_path / "blank.jsonl"
    seed = RAW / "seeds" / "001_dcadee23f926a999.txt"
    assert run_annotate("pre-annotate", str(seed), "--out", str(out), "--blank", "--split", "test") == 0
    [record] = load_annotations(out)
    assert record["text"] == clean_text(seed.read_text(encoding="utf-8")).text
    assert record["entities"] == [] and record["directives"] == []
    assert record["sentences"][0] == {"start": 0, "end": 9, "deadline_type": "none", "deadline_text": None,
                                      "deadline_date": None}
    assert record["document"] == NULL_FIELDS
    assert record["provenance"]["method"] == "annotated from scratch"
    assert validate_record(record, draft=True) == []
