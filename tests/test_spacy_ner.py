"""The spaCy NER model (`pipeline.models.spacy_ner`) and its merge with the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.annotation.schema import load_annotations
from pipeline.core import DEFAULT_MODELS_DIR, Pipeline
from pipeline.doc import Document, Person, Sentence
from pipeline.entities import HybridEntityRecognizer, merge_entities
from pipeline.models import load_ner
from pipeline.models.spacy_ner import SpacyNER

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = DEFAULT_MODELS_DIR / "ner"


# training documents named, so that adding gold documents does not change what the tiny model learns
SHORT_DOC_IDS = ("002_74fea900b9d7aa31", "004_a05d4e35d3e1933a", "05-nq-hdnd", "07-nq-hdnd")


def _short_records(n: int = 3, max_sentences: int = 12) -> list[dict]:
    """The first sentences of a few training documents (keeps training to a few seconds)."""
    by_id = {r["doc_id"]: r for r in load_annotations(ROOT / "data/annotated/train.jsonl")}
    out = []
    for record in [by_id[doc_id] for doc_id in SHORT_DOC_IDS[:n]]:
        sents = record["sentences"][:max_sentences]
        end = sents[-1]["end"]
        out.append({**record, "text": record["text"][:end], "sentences": sents,
                    "entities": [e for e in record["entities"] if e["end"] <= end]})
    return out


def _rule_tagger():
    return Pipeline(processors=["entities"], overrides={"components": {"entities": {"model": ""}}})


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    records = _short_records()
    model = SpacyNER(width=32, depth=1, hidden_width=32, epochs=3, batch_size=8, learn_rate=0.005,
                     word_segments=False
                     ).fit(records, seed=0, rule_tagger=_rule_tagger())
    path = tmp_path_factory.mktemp("ner") / "tiny"
    model.save(path)
    return model, path, records


def _document(record: dict) -> Document:
    doc = Document(doc_id=record["doc_id"], text=record["text"], raw_text=record["text"])
    doc.sentences = [Sentence(i, s["start"], s["end"], record["text"][s["start"]:s["end"]])
                     for i, s in enumerate(record["sentences"])]
    return _rule_tagger()(doc)


def test_tiny_model_spans_are_exact_slices(tiny):
    model, _, records = tiny
    assert model.best_epoch_ == 3 and len(model.history_) == 3   # no dev set: the last epoch
    n = 0
    for record in records:
        doc = _document(record)
        for span in model.predict(doc):
            assert doc.text[span.start:span.end] == span.text and span.source == "spacy"
            assert span.label in ("ORG", "PER", "TITLE", "LOC", "DATE", "DOC")
            n += 1
    assert n > 0


def test_save_load_round_trip_predicts_the_same(tiny):
    model, path, records = tiny
    loaded = load_ner("spacy", path)
    assert isinstance(loaded, SpacyNER) and loaded.get_params() == model.get_params()
    for record in records:
        doc = _document(record)
        assert loaded.predict(doc) == model.predict(doc)


def test_rule_tags_reach_the_model_tokens(tiny):
    model, _, records = tiny
    doc = _document(records[0])
    assert doc.entities
    first = doc.entities[0]
    sdoc = model._featurize(doc.text, 0, len(doc.text), doc.entities)
    token = sdoc.char_span(first.start, first.end, alignment_mode="expand")[0]
    assert token.tag_ == f"B-{first.label}"
    assert {t.tag_ for t in sdoc} >= {"O", f"B-{first.label}"}


class _FixedModel:
    """A stand-in backend: any object with `.predict(doc) -> list[Span]`."""

    def __init__(self, spans):
        self.spans = spans

    def predict(self, doc):
        return [doc.make_span(s, e, label, "model") for s, e, label in self.spans]


TEXT = "Ngày 07/02/2023, đồng chí Trần Anh Tuấn, Phó Chủ tịch UBND tỉnh chủ trì; Sở Y tế thực hiện."


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def test_merge_keeps_rule_dates_and_docs_and_fills_gaps():
    doc = Document(doc_id="t", text=TEXT)
    rules = [doc.make_span(*_at("Ngày 07/02/2023"), "DATE"), doc.make_span(*_at("Trần Anh Tuấn"), "PER"),
             doc.make_span(*_at("Sở Y tế"), "ORG")]
    model = [doc.make_span(*_at("07/02/2023, đồng"), "ORG", "model"),      # disagrees with the rule DATE
             doc.make_span(*_at("Trần Anh"), "PER", "model"),              # overrides the rule PER
             doc.make_span(*_at("UBND tỉnh"), "ORG", "model")]
    merged = merge_entities(rules, model)
    assert [(s.text, s.label, s.source) for s in merged] == [
        ("Ngày 07/02/2023", "DATE", "rules"), ("Trần Anh", "PER", "model"),
        ("UBND tỉnh", "ORG", "model"), ("Sở Y tế", "ORG", "rules")]
    no_fill = merge_entities(rules, model, fill=False)
    assert "Sở Y tế" not in [s.text for s in no_fill]
    model_wins = merge_entities(rules, model, rule_labels=())
    assert model_wins[0].label == "ORG" and "Ngày 07/02/2023" not in [s.text for s in model_wins]
    assert all(TEXT[s.start:s.end] == s.text for s in merged + no_fill + model_wins)


def test_merge_prefers_a_longer_rule_org_that_contains_the_model_org():
    text = "Giao Công ty Khai thác công trình Thủy lợi và UBND tỉnh thực hiện."
    doc = Document(doc_id="t", text=text)

    def at(phrase):
        return text.index(phrase), text.index(phrase) + len(phrase)
    rules = [doc.make_span(*at("Công ty Khai thác công trình Thủy lợi"), "ORG"), doc.make_span(*at("UBND"), "ORG")]
    model = [doc.make_span(*at("Công ty Khai thác"), "ORG", "model"), doc.make_span(*at("UBND tỉnh"), "ORG", "model")]
    assert [(s.text, s.source) for s in merge_entities(rules, model)] == [
        ("Công ty Khai thác công trình Thủy lợi", "rules"), ("UBND tỉnh", "model")]


def test_hybrid_keeps_people_consistent_with_entities():
    class Rules:
        def __call__(self, doc):
            doc.entities = [doc.make_span(*_at("Trần Anh Tuấn"), "PER"),
                            doc.make_span(*_at("Phó Chủ tịch UBND tỉnh"), "TITLE")]
            doc.people = [Person("Trần Anh Tuấn", "Phó Chủ tịch UBND tỉnh")]
            return doc

    keep_title = HybridEntityRecognizer(Rules(), _FixedModel([(*_at("Sở Y tế"), "ORG")]))
    doc = keep_title(Document(doc_id="t", text=TEXT))
    assert doc.people == [Person("Trần Anh Tuấn", "Phó Chủ tịch UBND tỉnh")]
    # the model reads the title as a body: the person stays, the title goes
    drop_title = HybridEntityRecognizer(Rules(), _FixedModel([(*_at("UBND tỉnh"), "ORG")]))
    doc = drop_title(Document(doc_id="t", text=TEXT))
    assert [e.text for e in doc.entities if e.label == "TITLE"] == []
    assert doc.people == [Person("Trần Anh Tuấn", None)]
    # the model shortens the name: the rule person is no longer a PER span
    drop_name = HybridEntityRecognizer(Rules(), _FixedModel([(*_at("Trần Anh"), "PER")]))
    assert drop_name(Document(doc_id="t", text=TEXT)).people == []


@pytest.mark.skipif(not SHIPPED.exists(), reason="models/ner not trained yet")
def test_shipped_model_tags_an_org_in_a_real_document():
    path = ROOT / "data/raw/seeds/000_61f4b3783d46edc1.txt"
    nlp = Pipeline(processors=["clean", "sentences", "entities"])
    doc = nlp(path)
    model = load_ner("spacy", SHIPPED)
    spans = model.predict(doc)
    assert any(s.label == "ORG" and "UBND" in s.text for s in spans)
    assert all(doc.text[s.start:s.end] == s.text for s in spans + doc.entities)


def test_hybrid_settles_the_edges_of_model_spans():
    # Difficult_00181881: the model stops at "(" or before a company's number
    text = "Công ty cổ phần Sông Đà 5 (Hà Nội); Công ty cổ phần Thủy điện Sê San 3 A (Gia Lai); Sở Y tế -"

    def at(phrase):
        return text.index(phrase), text.index(phrase) + len(phrase)

    class NoRules:
        def __call__(self, doc):
            return doc

    model = _FixedModel([(*at("Công ty cổ phần Sông Đà 5 ("), "ORG"), (*at("Công ty cổ phần Thủy điện Sê San"), "ORG"),
                         (*at("Sở Y tế -"), "ORG"), (*at(" ("), "ORG")])
    doc = HybridEntityRecognizer(NoRules(), model)(Document(doc_id="t", text=text))
    assert [e.text for e in doc.entities] == [
        "Công ty cổ phần Sông Đà 5", "Công ty cổ phần Thủy điện Sê San 3 A", "Sở Y tế"]
    assert all(text[e.start:e.end] == e.text for e in doc.entities)


def test_hybrid_cuts_a_model_org_before_the_predicate_it_runs_into():
    # Difficult_00180489, 26-nq-hdnd: "Cục An toàn lao động có trách nhiệm đôn đốc", "Ủy ban nhân dân tỉnh thành"
    # (of "thành lập"); "Ban quản lý dự án 2" keeps its lower-case verb (names of the gold contain it)
    text = ("Cục An toàn lao động có trách nhiệm đôn đốc. Đề nghị Ủy ban nhân dân tỉnh thành lập Đoàn. "
            "Ban quản lý dự án 2 thu hồi tài sản.")

    def at(phrase):
        return text.index(phrase), text.index(phrase) + len(phrase)

    class NoRules:
        def __call__(self, doc):
            return doc

    model = _FixedModel([(*at("Cục An toàn lao động có trách nhiệm đôn đốc"), "ORG"),
                         (*at("Ủy ban nhân dân tỉnh thành"), "ORG"), (*at("Ban quản lý dự án 2"), "ORG")])
    doc = HybridEntityRecognizer(NoRules(), model)(Document(doc_id="t", text=text))
    assert [e.text for e in doc.entities] == ["Cục An toàn lao động", "Ủy ban nhân dân tỉnh", "Ban quản lý dự án 2"]


@pytest.mark.slow
def test_seed_selection_keeps_the_model_best_on_dev(tmp_path):
    from pipeline.annotation.schema import write_jsonl
    from pipeline.models.spacy_ner import train_spacy_ner_seeds

    records = _short_records(n=4, max_sentences=8)
    data, raw = tmp_path / "annotated", tmp_path / "raw"
    for split, part in (("train", records[:2]), ("dev", records[2:3]), ("test", records[3:])):
        write_jsonl(part, data / f"{split}.jsonl")
    raw.mkdir()
    for r in records:
        (raw / f"{r['doc_id']}.txt").write_text(r["text"], encoding="utf-8")
    metrics = train_spacy_ner_seeds(data, tmp_path / "ner", seeds=(0, 1), inputs=raw, width=32, depth=1,
                                    hidden_width=32, epochs=2, batch_size=8, word_segments=False)
    chosen = metrics["seed_selection"]
    assert set(chosen) == {"0", "1"}
    assert chosen[str(metrics["seed"])] == max(chosen.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotated", "ner", "raw"]   # the other seed is gone
    assert "--seeds 0,1" in (tmp_path / "ner" / "README.md").read_text(encoding="utf-8")
    assert load_ner("spacy", tmp_path / "ner").predict is not None
