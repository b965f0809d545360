"""The annotated corpus as Hugging Face `datasets`, the form the trainers read.

    >>> corpus = ner_dataset("data/annotated")         # DatasetDict: train / dev / test
    >>> corpus["train"].features["ner_tags"].feature.names[:3]
    ['O', 'B-ORG', 'I-ORG']
    >>> sentences = sentence_dataset("data/annotated")  # one row per gold sentence

`ner_dataset`: one row per gold sentence — its tokens (`annotation.tokenizer`, the same tokens
as the spaCy DocBin export), their character offsets in the document, and BIO tags as a
`ClassLabel` sequence. An entity that crosses a sentence boundary (none in the corpus as it
stands) is left out of both sentences.

`sentence_dataset`: one row per gold sentence — text, offsets, the deadline class
(`ClassLabel` over spec §3) with its phrase and date, and where the sentence stands in the
gold directives (`directive`: O outside, B first sentence, I a following one).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from datasets import ClassLabel, Dataset, DatasetDict, Features, Sequence, Value

from ..doc import DEADLINE_TYPES, ENTITY_LABELS
from .schema import SPLITS, AnnotatedDocument, load_annotations
from .tokenizer import token_spans

NER_TAGS = ("O",) + tuple(f"{prefix}-{label}" for label in ENTITY_LABELS for prefix in "BI")
DIRECTIVE_TAGS = ("O", "B", "I")

NER_FEATURES = Features({
    "doc_id": Value("string"),
    "sent_index": Value("int32"),
    "tokens": Sequence(Value("string")),
    "starts": Sequence(Value("int32")),    # character offsets of each token in the document
    "ends": Sequence(Value("int32")),
    "ner_tags": Sequence(ClassLabel(names=list(NER_TAGS))),
})

SENTENCE_FEATURES = Features({
    "doc_id": Value("string"),
    "sent_index": Value("int32"),
    "start": Value("int32"),
    "end": Value("int32"),
    "text": Value("string"),
    "deadline_type": ClassLabel(names=list(DEADLINE_TYPES)),
    "deadline_text": Value("string"),
    "deadline_date": Value("string"),
    "directive": ClassLabel(names=list(DIRECTIVE_TAGS)),
})


def _split_files(root: str | Path, splits: Iterable[str]) -> dict[str, Path]:
    root = Path(root)
    files = {split: root / f"{split}.jsonl" for split in splits}
    missing = [str(p) for p in files.values() if not p.exists()]
    if missing:
        raise FileNotFoundError(f"annotated split file(s) not found: {', '.join(missing)}")
    return files


def bio_tags(text: str, entities: Iterable[dict], start: int, end: int
             ) -> tuple[list[tuple[int, int]], list[str]]:
    """Tokens of `text[start:end]` (document offsets) and their BIO tags; entities must lie
    inside the window and on token boundaries to be tagged."""
    spans = [(start + s, start + e) for s, e in token_spans(text[start:end])]
    tags = ["O"] * len(spans)
    index_of_start = {s: i for i, (s, _) in enumerate(spans)}
    index_of_end = {e: i for i, (_, e) in enumerate(spans)}
    for ent in entities:
        first, last = index_of_start.get(ent["start"]), index_of_end.get(ent["end"])
        if first is None or last is None or last < first:
            continue
        if any(tag != "O" for tag in tags[first:last + 1]):
            continue                      # overlapping entities: the first one wins
        tags[first] = f"B-{ent['label']}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{ent['label']}"
    return spans, tags


def ner_rows(record: AnnotatedDocument) -> list[dict]:
    """The `ner_dataset` rows of one annotated document."""
    rows = []
    entities = sorted(record["entities"], key=lambda e: (e["start"], e["end"]))
    for index, sent in enumerate(record["sentences"]):
        inside = [e for e in entities if e["start"] >= sent["start"] and e["end"] <= sent["end"]]
        spans, tags = bio_tags(record["text"], inside, sent["start"], sent["end"])
        if not spans:
            continue
        rows.append({
            "doc_id": record["doc_id"], "sent_index": index,
            "tokens": [record["text"][s:e] for s, e in spans],
            "starts": [s for s, _ in spans], "ends": [e for _, e in spans],
            "ner_tags": tags,
        })
    return rows


def directive_tags(record: AnnotatedDocument) -> list[str]:
    """O / B / I for each gold sentence: B where a directive starts, I inside one."""
    tags = []
    for sent in record["sentences"]:
        tag = "O"
        for d in record["directives"]:
            if d["start"] <= sent["start"] < d["end"]:
                tag = "B" if sent["start"] <= d["start"] else "I"
                break
            if sent["start"] < d["start"] < sent["end"]:      # a directive opening mid-sentence
                tag = "B"
                break
        tags.append(tag)
    return tags


def sentence_rows(record: AnnotatedDocument) -> list[dict]:
    """The `sentence_dataset` rows of one annotated document."""
    text = record["text"]
    return [{
        "doc_id": record["doc_id"], "sent_index": index,
        "start": sent["start"], "end": sent["end"], "text": text[sent["start"]:sent["end"]],
        "deadline_type": sent["deadline_type"], "deadline_text": sent["deadline_text"],
        "deadline_date": sent["deadline_date"], "directive": tag,
    } for index, (sent, tag) in enumerate(zip(record["sentences"], directive_tags(record), strict=True))]


def _dataset_dict(root: str | Path, splits: Iterable[str], rows_of, features: Features) -> DatasetDict:
    parts = {}
    for split, path in _split_files(root, splits).items():
        rows = [row for record in load_annotations(path) for row in rows_of(record)]
        parts[split] = Dataset.from_list(rows, features=features)
    return DatasetDict(parts)


def ner_dataset(root: str | Path = "data/annotated", splits: Iterable[str] = SPLITS) -> DatasetDict:
    """Token-level NER data, one row per gold sentence, BIO tags as ClassLabel."""
    return _dataset_dict(root, splits, ner_rows, NER_FEATURES)


def sentence_dataset(root: str | Path = "data/annotated", splits: Iterable[str] = SPLITS) -> DatasetDict:
    """Sentence-level data: deadline class and directive position as ClassLabel."""
    return _dataset_dict(root, splits, sentence_rows, SENTENCE_FEATURES)
