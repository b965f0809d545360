"""The transformers NER backend on a tiny BERT made here: a WordPiece tokenizer trained on a few
raw documents and a random 2-layer model, saved as a local checkpoint (nothing is downloaded)."""

import json
from pathlib import Path

import pytest

from pipeline.annotation.hf_dataset import NER_TAGS, ner_dataset
from pipeline.annotation.schema import load_annotations
from pipeline.annotation.tokenizer import token_spans
from pipeline.doc import ENTITY_LABELS, Document
from pipeline.models.transformers_ner import (
    IGNORE,
    TransformersNER,
    align_labels,
    bio_spans,
    special_tokens,
    subwords,
    train_transformers_ner,
    windows,
)

from .conftest import ROOT, SEED_001, SEEDS

ANNOTATED = ROOT / "data" / "annotated"
MAX_POSITIONS = 64          # small, so that long sentences need several windows


def make_tiny_checkpoint(path: Path, texts: list[str], vocab_size: int = 1500,
                         max_positions: int = MAX_POSITIONS) -> Path:
    """A WordPiece tokenizer trained on `texts` and a random tiny BERT, saved in `path`."""
    import torch
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece
    from tokenizers.trainers import WordPieceTrainer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    torch.manual_seed(0)
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(WordPiece(unk_token="[UNK]"))
    # keep case and tone marks: both matter for Vietnamese names
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(texts, WordPieceTrainer(vocab_size=vocab_size, special_tokens=specials))
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]", special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    tokenizer = BertTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]",
                                  cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]",
                                  do_lower_case=False, model_max_length=max_positions)
    config = BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=max_positions)
    BertModel(config).save_pretrained(str(path))
    tokenizer.save_pretrained(str(path))
    return path


def write_subset(root: Path, n_train: int = 2, n_dev: int = 1, n_test: int = 1) -> Path:
    """A tiny annotated corpus of real records (the first documents of each split)."""
    root.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("dev", n_dev), ("test", n_test)):
        lines = (ANNOTATED / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()[:n]
        (root / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def make_tiny_phobert(path: Path, texts: list[str], max_positions: int = MAX_POSITIONS) -> Path:
    """A PhoBERT-style checkpoint: the slow `PhobertTokenizer` (no `word_ids()`) over a
    character vocabulary (so every word has several sub-words) and a random tiny RoBERTa."""
    import torch
    from transformers import PhobertTokenizer, RobertaConfig, RobertaModel

    torch.manual_seed(0)
    path.mkdir(parents=True, exist_ok=True)
    chars = sorted({c for text in texts for c in text if not c.isspace()})
    (path / "vocab.txt").write_text("".join(f"{c} 1\n{c}@@ 1\n" for c in chars), encoding="utf-8")
    (path / "bpe.codes").write_text("", encoding="utf-8")          # no merges
    tokenizer = PhobertTokenizer(str(path / "vocab.txt"), str(path / "bpe.codes"), model_max_length=max_positions)
    config = RobertaConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                           intermediate_size=64, max_position_embeddings=max_positions + 2,
                           pad_token_id=tokenizer.pad_token_id, type_vocab_size=1)
    RobertaModel(config).save_pretrained(str(path))
    tokenizer.save_pretrained(str(path))
    return path


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Tiny models: torch's threads cost more than they save, many times more when the test
    run shares its cores (17 s against 1.6 s for the training fixture under load)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return make_tiny_checkpoint(tmp_path_factory.mktemp("tiny-bert"), texts)


@pytest.fixture(scope="module")
def trained(checkpoint, tmp_path_factory):
    """A few training steps on one document (dev: another one), saved with its model card."""
    root = tmp_path_factory.mktemp("ner-transformers")
    data = write_subset(root / "data", n_train=1)
    out = root / "model"
    metrics = train_transformers_ner(data, out, seed=0, base_model=checkpoint, epochs=1,
                                     learning_rate=1e-3, batch_size=16)
    return out, metrics


# --------------------------------------------------------------------------- pure functions

def test_bio_spans_decodes_and_starts_on_a_stray_inside_tag():
    tags = ["O", "B-ORG", "I-ORG", "O", "I-PER", "I-PER", "B-PER", "I-LOC", "I-XYZ", "B-DATE"]
    assert bio_spans(tags) == [(1, 3, "ORG"), (4, 6, "PER"), (6, 7, "PER"), (7, 8, "LOC"), (9, 10, "DATE")]


def test_windows_cover_every_word_within_the_budget():
    groups = [[1], [2, 3], [4], [5, 6, 7, 8, 9], [10], [11, 12]]
    ranges = windows(groups, budget=3)
    assert ranges == [(0, 2), (2, 3), (3, 4), (4, 6)]
    assert [i for start, end in ranges for i in range(start, end)] == list(range(len(groups)))


def test_first_subword_gets_the_tag_the_others_ignore(checkpoint):
    ner = TransformersNER.from_pretrained(checkpoint)
    words = ["Đồng", "chí", "Nguyễn", "Xuântrườngthành", "Phúc"]
    tags = [NER_TAGS.index(t) for t in ("O", "O", "B-PER", "I-PER", "I-PER")]
    groups = subwords(ner.tokenizer, words)
    assert len(groups[3]) > 1                     # an unseen word: several sub-words
    ids, labels = align_labels(groups, tags)
    assert ids == [i for g in groups for i in g]
    expected = []
    for group, tag in zip(groups, tags):
        expected += [tag] + [IGNORE] * (len(group) - 1)
    assert labels == expected
    # with the special tokens: -100 on [CLS] and [SEP]
    (row,) = ner.features(words, tags)
    assert row["input_ids"][0] == ner.tokenizer.cls_token_id
    assert row["input_ids"][-1] == ner.tokenizer.sep_token_id
    assert row["labels"][0] == row["labels"][-1] == IGNORE
    assert [label for label in row["labels"] if label != IGNORE] == tags
    assert special_tokens(ner.tokenizer) == ([ner.tokenizer.cls_token_id], [ner.tokenizer.sep_token_id])


def test_slow_path_matches_word_ids(checkpoint):
    """Word-by-word encoding (tokenizers without word_ids) gives the same sub-words."""
    ner = TransformersNER.from_pretrained(checkpoint)
    text = (SEED_001).read_text(encoding="utf-8")[:2000]
    words = [text[s:e] for s, e in token_spans(text)]
    fast = subwords(ner.tokenizer, words)

    class Slow:                                   # the tokenizer, seen as a slow one
        is_fast = False
        unk_token_id = ner.tokenizer.unk_token_id

        def __call__(self, *args, **kwargs):
            return ner.tokenizer(*args, **kwargs)

    assert subwords(Slow(), words) == fast


def test_long_sentences_are_split_into_windows(checkpoint):
    ner = TransformersNER.from_pretrained(checkpoint)
    assert ner.max_length == MAX_POSITIONS
    words = ["Ủy", "ban", "nhân", "dân", "tỉnh"] * 40
    tags = [0] * len(words)
    rows = ner.features(words, tags)
    assert len(rows) > 1
    assert all(len(r["input_ids"]) <= MAX_POSITIONS for r in rows)
    assert sum(label != IGNORE for r in rows for label in r["labels"]) == len(words)
    (tagged,) = ner.predict_words([words])
    assert len(tagged) == len(words)
    assert all(tag in NER_TAGS and 0.0 < p <= 1.0 for tag, p in tagged)


# --------------------------------------------------------------------------- training and prediction

def test_training_writes_model_and_card(trained):
    out, metrics = trained
    assert (out / "config.json").exists() and (out / "README.md").exists()
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert [config["id2label"][str(i)] for i in range(len(NER_TAGS))] == list(NER_TAGS)
    assert metrics["training"]["steps"] > 0
    assert metrics["rows"]["train"] > 0
    for split in ("dev", "test"):
        assert 0.0 <= metrics[split]["spans"]["f1"] <= 1.0
        assert "micro" in metrics[split]["spec_7a"]
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "python -m pipeline train transformers --base-model" in card
    assert f"| train | {metrics['rows']['train']} |" in card


def test_predict_gives_valid_spans_on_a_real_document(trained):
    out, _ = trained
    ner = TransformersNER.load(out)
    record = next(iter(load_annotations(ANNOTATED / "dev.jsonl")))
    doc = Document(doc_id=record["doc_id"], text=record["text"])      # no sentences: windows
    spans = ner.predict(doc)
    for span in spans:
        assert doc.text[span.start:span.end] == span.text
        assert span.label in ENTITY_LABELS
        assert span.source == "transformers"
        assert 0.0 < span.score <= 1.0


def test_save_load_round_trip_predicts_the_same(trained, tmp_path):
    out, _ = trained
    ner = TransformersNER.load(out)
    copy = TransformersNER.load(ner.save(tmp_path / "copy"))
    words = [["Sở", "Lao", "động", "-", "Thương", "binh", "và", "Xã", "hội", "tỉnh", "Đắk", "Nông"]]
    (before,), (after,) = ner.predict_words(words), copy.predict_words(words)
    assert [tag for tag, _ in after] == [tag for tag, _ in before]
    assert [p for _, p in after] == pytest.approx([p for _, p in before], abs=1e-5)
    assert copy.model.config.id2label == ner.model.config.id2label


def test_training_lowers_the_loss_on_the_training_sentences(checkpoint, tmp_path):
    """The aligned labels reach the model: a few steps on 16 sentences lower their loss."""
    import torch
    from transformers import DataCollatorForTokenClassification

    data = write_subset(tmp_path / "data", n_train=1, n_dev=1, n_test=1)
    rows = ner_dataset(data)["train"].select(range(16))
    ner = TransformersNER.from_pretrained(checkpoint)
    batch = DataCollatorForTokenClassification(ner.tokenizer)(list(ner.encode_dataset(rows)))

    def loss() -> float:
        ner.model.eval()
        with torch.no_grad():
            return ner.model(**{k: v.to(ner.model.device) for k, v in batch.items()}).loss.item()

    before = loss()
    result = ner.fit(rows, max_steps=8, learning_rate=2e-3, batch_size=16, seed=0)
    assert result["steps"] == 8
    assert loss() < before


def test_unknown_labels_are_refused(checkpoint):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    model = AutoModelForTokenClassification.from_pretrained(str(checkpoint), num_labels=3)
    with pytest.raises(ValueError, match="BIO tags"):
        TransformersNER(model, AutoTokenizer.from_pretrained(str(checkpoint)))


def test_missing_model_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        TransformersNER.load(tmp_path / "nothing")


def test_pipeline_runs_with_the_transformers_backend(trained, monkeypatch):
    from pipeline import Pipeline
    from pipeline.core import load_config, rules_only_overrides

    out, _ = trained
    calls = []
    predict = TransformersNER.predict

    def spy(self, doc):
        calls.append(doc.doc_id)
        return predict(self, doc)

    monkeypatch.setattr(TransformersNER, "predict", spy)
    overrides = rules_only_overrides(load_config())
    overrides["components"]["entities"] = {"backend": "transformers", "model": str(out)}
    nlp = Pipeline(overrides=overrides)
    doc = nlp(SEED_001)
    assert doc.status == "ok", doc.error
    assert calls == [doc.doc_id]                  # the entities stage ran the model
    for span in doc.entities:
        assert doc.text[span.start:span.end] == span.text
        assert span.label in ENTITY_LABELS


def test_slow_tokenizer_checkpoint_trains_and_predicts(tmp_path):
    """PhoBERT's tokenizer is slow only: encoded word by word, trained, saved, loaded, run."""
    texts = [SEED_001.read_text(encoding="utf-8")]
    base = make_tiny_phobert(tmp_path / "phobert-tiny", texts)
    ner = TransformersNER.from_pretrained(base)
    assert not ner.tokenizer.is_fast
    assert ner.max_length == MAX_POSITIONS                # RoBERTa: 2 positions fewer than the table
    words = ["Bùi", "Đình", "Long"]
    (row,) = ner.features(words, [NER_TAGS.index(t) for t in ("B-PER", "I-PER", "I-PER")])
    assert row["labels"] == [IGNORE, 3, IGNORE, IGNORE, 4, IGNORE, IGNORE, IGNORE, 4, IGNORE, IGNORE, IGNORE, IGNORE]
    data = write_subset(tmp_path / "data", n_train=1, n_dev=1, n_test=1)
    ner.fit(ner_dataset(data)["train"], max_steps=2, seed=0)
    loaded = TransformersNER.load(ner.save(tmp_path / "model"))
    record = next(iter(load_annotations(data / "dev.jsonl")))
    doc = Document(doc_id=record["doc_id"], text=record["text"])
    for span in loaded.predict(doc):
        assert doc.text[span.start:span.end] == span.text and span.label in ENTITY_LABELS
