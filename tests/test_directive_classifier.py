"""The directive sentence classifier and the rules it builds on."""

from dataclasses import replace

import pytest

from pipeline.annotation.schema import load_annotations
from pipeline.directives import (apply_classifier, assemble_directives, build_directives, named_bodies,
                                 rule_decisions)
from pipeline.doc import Document, Sentence
from pipeline.models.directive_classifier import DOCUMENT_WEIGHT_POWER, DirectiveClassifier, examples, pooled

from .conftest import ROOT, SEED_001


@pytest.fixture(scope="module")
def train_docs(rules_nlp):
    records = load_annotations(ROOT / "data" / "annotated" / "train.jsonl")[:6]
    return [rules_nlp(r["text"], r["doc_id"]) for r in records], records


@pytest.fixture(scope="module")
def small_classifier(train_docs):
    docs, records = train_docs
    return DirectiveClassifier(C=1.0).fit(*examples(docs, records))


class OpensEverything:
    """A stand-in classifier that opens a directive at every sentence."""

    def predict_tags(self, features, texts):
        return ["B"] * len(texts), [0.9] * len(texts)


def test_rule_decisions_rebuild_the_rules_directives(rules_nlp):
    doc = rules_nlp(SEED_001)
    rebuilt = build_directives(doc, rule_decisions(doc))
    assert [(d.start, d.end, d.assignees) for d in rebuilt] == \
        [(d.start, d.end, d.assignees) for d in assemble_directives(doc)] == \
        [(d.start, d.end, d.assignees) for d in doc.directives]
    assert all(d.score == 1.0 for d in rebuilt)


def test_classifier_tags_and_probabilities(train_docs, small_classifier, tmp_path):
    docs, records = train_docs
    features, texts, tags = examples(docs, records)
    assert set(tags) <= {"O", "B", "I"} and "B" in tags and "O" in tags
    predicted, scores = small_classifier.predict_tags(features, texts)
    assert set(predicted) <= set(small_classifier.classes_)
    assert all(0.0 <= s <= 1.0 for s in scores)
    # fit on these sentences, it must reproduce most of their tags
    assert sum(p == t for p, t in zip(predicted, tags)) / len(tags) > 0.9
    small_classifier.save(tmp_path / "m")
    again = DirectiveClassifier.load(tmp_path / "m")
    assert again.predict_tags(features, texts) == (predicted, scores)


def test_pooled_examples_weigh_each_document_by_its_size(train_docs):
    docs, records = train_docs
    per_doc = [examples([d], [r]) for d, r in zip(docs, records)]
    features, texts, tags, weights = pooled(per_doc)
    assert (features, texts, tags) == examples(docs, records)
    assert len(weights) == len(tags) and abs(weights.mean() - 1.0) < 1e-9
    sizes = [len(y) for _, _, y in per_doc]
    small, large = sizes.index(min(sizes)), sizes.index(max(sizes))
    assert sizes[small] < sizes[large]
    first = [sum(sizes[:k]) for k in range(len(sizes))]
    # a sentence of a short document weighs more, by (n_large / n_small) ** power
    ratio = weights[first[small]] / weights[first[large]]
    assert ratio == pytest.approx((sizes[large] / sizes[small]) ** DOCUMENT_WEIGHT_POWER)


def test_sample_weights_change_the_fit(train_docs):
    docs, records = train_docs
    features, texts, tags, weights = pooled([examples([d], [r]) for d, r in zip(docs, records)])
    plain = DirectiveClassifier(C=1.0).fit(features, texts, tags)
    weighted = DirectiveClassifier(C=1.0).fit(features, texts, tags, sample_weight=weights)
    assert not (plain.predict_proba(features, texts) == weighted.predict_proba(features, texts)).all()


def test_the_outside_threshold_trades_precision_for_recall(train_docs, small_classifier):
    docs, records = train_docs
    features, texts, _ = examples(docs, records)
    default, scores = small_classifier.predict_tags(features, texts)
    try:
        small_classifier.min_outside = 0.9      # O only when the model is sure
        eager, _ = small_classifier.predict_tags(features, texts)
        small_classifier.min_outside = 0.0      # always O
        none, _ = small_classifier.predict_tags(features, texts)
    finally:
        small_classifier.min_outside = 0.5
    assert set(none) == {"O"}
    assert eager.count("O") < default.count("O")
    # a sentence the default calls O stays O only where P(O) >= 0.9, i.e. P(B or I) <= 0.1
    assert all(s <= 0.1 + 1e-6 for tag, s in zip(eager, scores) if tag == "O")


def test_deadline_lines_follow_the_sentence_above(rules_nlp, small_classifier):
    doc = rules_nlp(SEED_001)
    decided = apply_classifier(doc, rule_decisions(doc), small_classifier)
    for i, (sent, decision) in enumerate(zip(doc.sentences, decided)):
        if sent.kind == "deadline":
            above = decided[i - 1].tag if i else "O"
            assert decision.tag == ("D" if above in ("B", "I", "D") else "O")
    for directive in build_directives(doc, decided):
        assert doc.text[directive.start:directive.end] == directive.text
        assert 0.0 <= directive.score <= 1.0


def test_shipped_model_finds_the_seed_tasks_with_their_deadlines(nlp):
    doc = nlp(SEED_001)
    # the five "Hoàn thành ..." lines of the first section, on their items
    dated = sorted((d.deadline.type, str(d.deadline.date)) for d in doc.directives
                   if d.assignees == ["Sở Lao động - Thương binh và Xã hội"] and d.deadline.date)
    assert dated == [("date", "2018-02-10")] * 2 + [("period", "2018-03-31")] * 3
    assert any(d.score < 1.0 for d in doc.directives)     # the classifier decided, not the rules


def _line(text: str, marker: str | None = None) -> tuple[Document, Sentence]:
    doc = Document(doc_id="t", text=text)
    sent = Sentence(sent_id=0, start=0, end=len(text), text=text, kind="heading", marker=marker, level=1)
    doc.sentences = [sent]
    return doc, sent


@pytest.mark.parametrize("line, bodies", [
    ("Trách nhiệm của Sở Xây dựng", ["Sở Xây dựng"]),
    ("Vụ Kế hoạch - Tài chính", ["Vụ Kế hoạch - Tài chính"]),
    ("Vụ Phổ biến, giáo dục pháp luật", ["Vụ Phổ biến, giáo dục pháp luật"]),
    ("Đối với Ủy ban nhân dân các huyện:", ["Ủy ban nhân dân các huyện"]),
    ("Tổ chức thực hiện", []),
    ("Ban hành kèm theo Quyết định này Quy chế", []),
    ("Sở Y tế đã triển khai kế hoạch.", []),
])
def test_named_bodies_of_heading_lines(line, bodies):
    doc, sent = _line(line)
    assert named_bodies(doc, sent) == bodies


def test_a_directive_the_rules_missed_gets_the_bodies_it_opens_with(rules_nlp):
    # Difficult_00242987: "Tổ chức pháp chế ..." is the noun here; a verb-first sentence names nobody
    from pipeline.directives import own_assignees
    doc = rules_nlp("THÔNG TƯ\nHướng dẫn công tác theo dõi thi hành pháp luật\n"
                    "Tổ chức pháp chế các Bộ, ngành chủ trì, phối hợp với các cơ quan, đơn vị thuộc Bộ, "
                    "ngành tham mưu, giúp Bộ trưởng xây dựng báo cáo.\n"
                    "Tham mưu cho Bộ trưởng xây dựng kế hoạch theo dõi.\n")
    decisions = rule_decisions(doc)
    by_text = {s.text[:12]: (s, d) for s, d in zip(doc.sentences, decisions)}
    sent, decision = by_text["Tổ chức pháp"]
    assert own_assignees(doc, sent, replace(decision, tag="O"))[0] == ["Tổ chức pháp chế các Bộ, ngành"]
    sent, decision = by_text["Tham mưu cho"]
    assert own_assignees(doc, sent, replace(decision, tag="O"))[0] == []


def test_a_continuation_the_classifier_opens_keeps_the_bodies_of_its_directive(rules_nlp):
    # tuandaknong-dakrlap OCR plans: "Chỉ đạo UBMT và các Đoàn thể cơ sở ..." continues the item that names
    # who directs; opened as a directive of its own, it still names both
    doc = rules_nlp("KẾ HOẠCH\nPhòng, chống dịch tả lợn châu Phi\nIII. Tổ chức thực hiện\n"
                    "1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện tuyên truyền, vận động nhân dân phòng dịch. "
                    "Chỉ đạo các Đoàn thể cơ sở tổ chức tuyên truyền đến hội viên.\n")
    decisions = rule_decisions(doc)
    assert [d.tag for s, d in zip(doc.sentences, decisions) if s.kind in ("item", "text")] == ["B", "I"]
    directives = build_directives(doc, apply_classifier(doc, decisions, OpensEverything()))
    assert [d.assignees for d in directives] == [
        ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện"],
        ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "các Đoàn thể cơ sở"]]


def test_features_say_how_much_of_the_document_is_tasks_and_what_article_a_sentence_is_in(rules_nlp):
    from pipeline.directives import sentence_features
    doc = rules_nlp("QUYẾT ĐỊNH\nBan hành Quy định về phí\nQUYẾT ĐỊNH:\n"
                    "Điều 1. Đối tượng áp dụng\nQuy định này áp dụng đối với tổ chức, cá nhân nộp phí.\n"
                    "Điều 2. Tổ chức thực hiện\nGiao Sở Tài chính hướng dẫn thu phí.\n")
    rows = {s.text[:12]: row for s, row in zip(doc.sentences, sentence_features(doc, rule_decisions(doc)))}
    rule, task = rows["Quy định này"], rows["Giao Sở Tài "]
    assert (rule["article_rules"], rule["article_duties"]) == (1.0, 0.0)
    assert (task["article_rules"], task["article_duties"]) == (0.0, 1.0)
    # one of the document's two item/text sentences is a task by the rules
    assert rule["doc_task_share"] == task["doc_task_share"] == 0.5


def test_the_classifier_does_not_open_a_bare_lead_in_or_a_closing_formula(rules_nlp):
    doc = rules_nlp("CHỈ THỊ\nVề công tác phòng, chống lụt bão\n"
                    "1. Giao Giám đốc Sở Nông nghiệp và Phát triển nông thôn:\n"
                    "a) Kiểm tra các hồ chứa trước mùa mưa bão.\n"
                    "2. Giám đốc các Sở, ngành chịu trách nhiệm thi hành Chỉ thị này.\n")
    directives = build_directives(doc, apply_classifier(doc, rule_decisions(doc), OpensEverything()))
    assert [d.text for d in directives] == ["Kiểm tra các hồ chứa trước mùa mưa bão."]
    assert directives[0].assignees == ["Giám đốc Sở Nông nghiệp và Phát triển nông thôn"]
