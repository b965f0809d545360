"""The trained deadline-clause classifier (pipeline/models/deadline_classifier.py) and how the
deadlines stage combines it with the rule normalizer (pipeline/deadlines.py)."""

import copy
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from pipeline.deadlines import (combine_deadline, deadline_cues, find_deadline, find_deadline_of_type,
                                make_deadlines)
from pipeline.doc import DEADLINE_TYPES, Deadline, Document, DocumentFields, Sentence
from pipeline.models.deadline_classifier import (DeadlineClassifier, cross_validated_metrics, pipeline_deadlines,
                                                 sentence_examples, sentence_metrics)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "annotated"
MODELS = ROOT / "models"
D001 = dt.date(2018, 1, 19)   # seeds/001: meeting date


@pytest.fixture(scope="module")
def train():
    return sentence_examples(DATA, "train")


@pytest.fixture(scope="module")
def small_model(train):
    """Fitted on every deadline sentence of train and the first 300 'none' ones."""
    keep = [i for i, y in enumerate(train["label"]) if y != "none"]
    keep += [i for i, y in enumerate(train["label"]) if y == "none"][:300]
    pick = {k: [train[k][i] for i in keep] for k in ("text", "rule", "label", "cues")}
    return DeadlineClassifier(C=10.0, char_ngrams=(2, 4)).fit(pick["text"], pick["rule"], pick["label"],
                                                             pick["cues"])


def _doc(lines: list[str], fields: DocumentFields | None = None) -> Document:
    text = "\n".join(lines)
    doc = Document(doc_id="t", text=text, fields=fields or DocumentFields())
    start = 0
    for i, line in enumerate(lines):
        doc.sentences.append(Sentence(sent_id=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    return doc


def test_predict_proba_columns_are_the_deadline_types(small_model, train):
    texts, rules = train["text"][:200], train["rule"][:200]
    proba = small_model.predict_proba(texts, rules)
    assert proba.shape == (200, len(DEADLINE_TYPES))
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert set(small_model.predict(texts, rules)) <= set(DEADLINE_TYPES)
    # it learned something: the training sentences' own classes mostly come back
    labelled = [i for i, y in enumerate(train["label"]) if y != "none"][:40]
    pred = small_model.predict([train["text"][i] for i in labelled], [train["rule"][i] for i in labelled])
    assert sum(p == train["label"][i] for p, i in zip(pred, labelled)) >= 30


def test_unseen_class_gets_a_zero_column():
    texts = ["Hoàn thành trước ngày 10/02/2018.", "Báo cáo định kỳ hằng tháng.", "Tổ chức hội nghị.",
             "Gửi trước ngày 15/3/2019.", "Thực hiện hằng năm.", "Giao Sở Tài chính."]
    labels = ["date", "recurring", "none", "date", "recurring", "none"]
    clf = DeadlineClassifier(C=1.0, char_ngrams=(2, 3)).fit(texts, ["none"] * 6, labels)
    proba = clf.predict_proba(texts, ["none"] * 6)
    for missing in ("period", "relative", "urgent"):
        assert (proba[:, DEADLINE_TYPES.index(missing)] == 0).all()
    assert np.allclose(proba.sum(axis=1), 1.0)


def test_fit_rejects_unknown_classes():
    with pytest.raises(ValueError):
        DeadlineClassifier().fit(["a", "b"], ["none", "none"], ["none", "deadline"])


def test_save_load_round_trip(small_model, train, tmp_path):
    texts, rules = train["text"][:300], train["rule"][:300]
    small_model.save(tmp_path / "m")
    loaded = DeadlineClassifier.load(tmp_path / "m")
    assert np.allclose(loaded.predict_proba(texts, rules), small_model.predict_proba(texts, rules))
    assert loaded.predict(texts, rules) == small_model.predict(texts, rules)
    assert loaded.get_params() == small_model.get_params()


def test_load_missing_model_fails(tmp_path):
    with pytest.raises(FileNotFoundError):
        DeadlineClassifier.load(tmp_path)


def test_threshold_above_one_keeps_the_rules(small_model, train):
    texts, rules = train["text"][:300], train["rule"][:300]
    clf = copy.deepcopy(small_model)
    clf.override_threshold = 1.01
    assert clf.predict(texts, rules) == list(rules)


def test_cross_validation_holds_out_whole_documents(train):
    # the deadline sentences of 40 train documents and a few 'none' sentences of each
    doc_ids = sorted({d for d, y in zip(train["doc_id"], train["label"]) if y != "none"})[:40]
    keep, nones = [], {}
    for i, (d, y) in enumerate(zip(train["doc_id"], train["label"])):
        if d in doc_ids and (y != "none" or nones.setdefault(d, 0) < 5):
            keep.append(i)
            nones[d] += y == "none"
    sample = {k: [v[i] for i in keep] for k, v in train.items()}
    params = {"C": 1.0, "class_weight": "balanced", "char_ngrams": (2, 4), "word_ngrams": (1, 2),
              "rule_weight": 1.0, "override_threshold": 1.01}
    cv = cross_validated_metrics(sample, params, folds=4)
    assert cv["documents"] == 40 and cv["folds"] == 4
    assert sum(cv["rules"]["per_class"][t]["support"] for t in cv["rules"]["per_class"]) == len(keep)
    # a threshold above 1 never overrides the rules: the combined stage is the rules
    assert cv["combined"]["accuracy"] == cv["rules"]["accuracy"]
    params["override_threshold"] = 0.0
    assert cross_validated_metrics(sample, params, folds=4)["combined"]["accuracy"] != cv["rules"]["accuracy"]


# --- the rule normalizer for a given class ---------------------------------------------------------

def test_find_deadline_of_type():
    text = "Hoàn thành trong Quý I/2018 và báo cáo trước ngày 10/02/2018."
    assert find_deadline(text, D001).type == "date"
    period = find_deadline_of_type(text, "period", D001)
    assert (period.type, period.text, period.date) == ("period", "trong Quý I/2018", dt.date(2018, 3, 31))
    assert text[period.start:period.end] == period.text
    assert find_deadline_of_type(text, "date", D001).date == dt.date(2018, 2, 10)
    assert find_deadline_of_type(text, "urgent", D001) is None
    assert find_deadline_of_type(text, "none", D001) == Deadline()
    with pytest.raises(ValueError):
        find_deadline_of_type(text, "soon")


def test_relaxed_finds_a_phrase_past_the_gates():
    text = "Thời gian đóng hồ sơ: 8h05 ngày 06/6/2019."   # no time-limit cue before the date
    assert find_deadline(text).type == "none"
    assert find_deadline_of_type(text, "date") is None
    found = find_deadline_of_type(text, "date", relaxed=True)
    assert (found.type, found.date) == ("date", dt.date(2019, 6, 6))
    assert text[found.start:found.end] == found.text


def test_relaxed_date_skips_a_document_date():
    text = ("Thực hiện công văn số 1088/VPCP-KTTH ngày 22/02/2010, Bộ đã thành lập các đoàn kiểm tra "
            "đến hết ngày 10/3/2010.")
    found = find_deadline_of_type(text, "date", relaxed=True)
    assert (found.text, found.date) == ("ngày 10/3/2010", dt.date(2010, 3, 10))


def test_deadline_cues():
    assert deadline_cues("Xây dựng kế hoạch hàng năm và 5 năm.") == {"recurring"}   # the rules say none
    assert deadline_cues("Tổ chức hội nghị tổng kết.") == set()
    assert {"date", "urgent"} <= deadline_cues("Khẩn trương gửi trước ngày 10/02/2018.")


def test_combine_deadline_fallbacks():
    text = "Nộp lệ phí theo tháng."       # recurring to gold, no phrase the rules know
    rule = find_deadline(text)
    proba = {"recurring": 0.95, "none": 0.05}
    kept = combine_deadline(text, find_deadline(text), "recurring", proba, True, None, "rules")
    assert (kept.type, kept.source, kept.score) == (rule.type, "rules", 0.05)
    relaxed = combine_deadline(text, find_deadline(text), "recurring", proba, True, None, "relaxed")
    assert (relaxed.type, relaxed.text, relaxed.source, relaxed.score) == ("recurring", None, "model", 0.95)
    with pytest.raises(ValueError):
        combine_deadline(text, rule, "recurring", proba, True, None, "guess")


# --- the shipped model through the stage ----------------------------------------------------------

@pytest.fixture(scope="module")
def shipped_stage():
    if not (MODELS / "deadline").exists():
        pytest.fail("models/deadline is missing: python -m pipeline train deadline")
    return make_deadlines({"model": "deadline"}, MODELS)


def test_shipped_model_dates_a_deadline_line(shipped_stage):
    lines = ["Hoàn thành trước ngày 10/02/2018.",
             "Tiếp thu ý kiến các thành viên dự họp, hoàn chỉnh Chương trình công tác năm 2018."]
    doc = shipped_stage(_doc(lines, DocumentFields(meeting_date=D001)))
    first, second = (s.deadline for s in doc.sentences)
    assert (first.type, first.date) == ("date", dt.date(2018, 2, 10))
    assert doc.text[first.start:first.end] == first.text == "trước ngày 10/02/2018"
    assert first.source == "model" and 0.5 < first.score <= 1.0
    assert second.type == "none" and second.text is None and second.date is None
    assert 0.0 < second.score <= 1.0


def test_factory_without_model_gives_the_rules():
    record = sentence_examples(DATA, "dev")
    lines = [t.replace("\n", " ") for t in record["text"][:120]]
    doc = make_deadlines({"model": ""}, MODELS)(_doc(lines, DocumentFields(meeting_date=D001)))
    for sentence in doc.sentences:
        expected = find_deadline(sentence.text, D001)
        got = sentence.deadline
        assert (got.type, got.text, got.date, got.score, got.source) == (
            expected.type, expected.text, expected.date, 1.0, "rules")
        if expected.start is not None:
            assert got.start == expected.start + sentence.start


def test_missing_named_model_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        make_deadlines({"model": "deadline"}, tmp_path)


def test_shipped_model_is_no_worse_than_the_rules_on_dev():
    """The combination the stage uses must not lose to the rules alone (model card, dev)."""
    dev = sentence_examples(DATA, "dev")
    clf = DeadlineClassifier.load(MODELS / "deadline")
    rules = pipeline_deadlines(None, dev)
    combined = pipeline_deadlines(clf, dev)
    before = sentence_metrics(dev["label"], [d.type for d in rules])
    after = sentence_metrics(dev["label"], [d.type for d in combined])
    assert after["macro_f1"] >= before["macro_f1"]
    assert after["accuracy"] >= before["accuracy"]


@pytest.mark.slow
def test_train_command_writes_model_and_card(tmp_path):
    from pipeline.models.deadline_classifier import train_deadline_classifier
    metrics = train_deadline_classifier(DATA, tmp_path / "deadline", seed=0)
    assert (tmp_path / "deadline" / "README.md").read_text(encoding="utf-8").count("python -m pipeline train deadline")
    assert metrics["dev"]["combined"]["macro_f1"] >= metrics["dev"]["rules"]["macro_f1"]
    assert set(metrics["class_counts"]) == {"train", "dev", "test"}
    clf = DeadlineClassifier.load(tmp_path / "deadline")
    assert clf.get_params() == metrics["params"]


def test_document_folds_are_balanced_seeded_and_shuffled():
    from pipeline.models import document_folds
    folds = document_folds(23, folds=5, seed=3)
    assert len(folds) == 23 and sorted(set(folds)) == [0, 1, 2, 3, 4]
    assert max(folds.count(k) for k in range(5)) - min(folds.count(k) for k in range(5)) <= 1
    assert folds == document_folds(23, folds=5, seed=3)
    assert folds != document_folds(23, folds=5, seed=4)
    assert folds != [i % 5 for i in range(23)]
