"""`python -m pipeline evaluate`: the full pipeline, the rules alone and underthesea's shipped
`ner`, scored against one split of `data/annotated/` (spec §7a) and shown in one table.

    >>> result = evaluate(Path("data/annotated"), split="dev", systems=["rules", "underthesea"])
    >>> print(format_evaluation(result))

Systems:
- ``pipeline``    — the default config (`overrides` on top, e.g. another NER backend);
- ``rules``       — the same config with every trained model switched off;
- ``underthesea`` — entities only: `underthesea.ner` (the CRF model shipped in the wheel) on each
  sentence of the cleaned text, B-/I-PER/ORG/LOC kept, MISC dropped.  It finds no directives or
  fields, so those rows show "-" for it, not 0.

Every system reads the same raw documents (`data/raw`, found by doc_id) and is scored on the same
gold records.  Besides `scoring.score` each system gets exact-offset entity scores and a
PER/ORG/LOC micro-F1, the one comparison that is fair to underthesea.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from . import readers
from .core import Pipeline, load_config, rules_only_overrides
from .doc import ENTITY_LABELS, Document, Span
from .scoring import (
    BOOTSTRAP_METRICS,
    Record,
    bootstrap,
    document_counts,
    document_to_record,
    load_records,
    score,
    score_entities,
    score_entities_exact,
)

SYSTEMS = ("pipeline", "rules", "underthesea")
UNDERTHESEA_LABELS = ("PER", "ORG", "LOC")
# how far past the cursor a word underthesea rewrote or moved may be looked for
_SEARCH_WINDOW = 64
_WORD_PIECES = re.compile(r"[^\s_]+")


# --------------------------------------------------------------------------- underthesea

def _fold(text: str) -> str:
    """Lower case without diacritics: underthesea normalizes some tokens (tone placement,
    look-alike characters) before tagging, so its words may differ from the text in marks."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")


def _find_piece(text: str, piece: str, pos: int, end: int) -> tuple[int, int] | None:
    """Where `piece` lies in text[pos:end]: right after white space at `pos` (exactly, or equal
    up to marks), else the first exact occurrence within the search window."""
    at = pos
    while at < end and text[at].isspace():
        at += 1
    stop = at + len(piece)
    if stop <= end and (text[at:stop] == piece or _fold(text[at:stop]) == _fold(piece)):
        return at, stop
    found = text.find(piece, pos, min(end, pos + _SEARCH_WINDOW + len(piece)))
    return (found, found + len(piece)) if found >= 0 else None


def align_words(text: str, words: Sequence[str], start: int = 0, end: int | None = None
                ) -> list[tuple[int, int] | None]:
    """Character offsets in `text` of each word of a tokenization of text[start:end], in order.

    A word may hold spaces or underscores between its syllables ("Hà Nội", "Hà_Nội"); each
    syllable run is found after the previous one.  A word that cannot be found is None and does
    not move the cursor, so one rewritten word never shifts the words after it."""
    end = len(text) if end is None else end
    cursor = start
    offsets: list[tuple[int, int] | None] = []
    for word in words:
        pieces = _WORD_PIECES.findall(word)
        found, pos = [], cursor
        for piece in pieces:
            hit = _find_piece(text, piece, pos, end)
            if hit is None:
                break
            found.append(hit)
            pos = hit[1]
        if pieces and len(found) == len(pieces):
            offsets.append((found[0][0], found[-1][1]))
            cursor = found[-1][1]
        else:
            offsets.append(None)
    return offsets


def bio_spans(offsets: Sequence[tuple[int, int] | None], tags: Sequence[str],
              labels: Iterable[str] = UNDERTHESEA_LABELS) -> list[tuple[int, int, str]]:
    """(start, end, label) of the B-/I- runs of `labels`; an I- without a matching open run
    starts one, other labels (MISC) and unaligned words close the open run."""
    wanted = set(labels)
    spans: list[tuple[int, int, str]] = []
    current: list | None = None  # [start, end, label]
    for offset, tag in zip(offsets, tags, strict=True):
        prefix, _, label = tag.partition("-")
        if offset is None or label not in wanted or prefix not in ("B", "I"):
            current = None
            continue
        if prefix == "I" and current is not None and current[2] == label:
            current[1] = offset[1]
        else:
            current = [offset[0], offset[1], label]
            spans.append(current)  # type: ignore[arg-type]
    return [(s, e, label) for s, e, label in spans]


class UndertheseaNER:
    """underthesea's shipped `ner`, per sentence, mapped to PER/ORG/LOC spans of `doc.text`."""

    labels = UNDERTHESEA_LABELS

    def __init__(self, tagger: Callable[[str], list[tuple]] | None = None):
        if tagger is None:
            from underthesea import ner as tagger
        self.tagger = tagger

    def predict(self, doc: Document) -> list[Span]:
        sentences = doc.sentences or []
        ranges = [(s.start, s.end) for s in sentences] or [(0, len(doc.text))]
        spans: list[Span] = []
        for start, end in ranges:
            if not doc.text[start:end].strip():
                continue
            tokens = self.tagger(doc.text[start:end])
            words, tags = [t[0] for t in tokens], [t[-1] for t in tokens]
            offsets = align_words(doc.text, words, start, end)
            spans += [doc.make_span(s, e, label, source="underthesea")
                      for s, e, label in bio_spans(offsets, tags, self.labels)]
        return spans


# --------------------------------------------------------------------------- evaluation

def gold_path(annotated: str | Path, split: str) -> Path:
    """`annotated/<split>.jsonl`, or `annotated` itself when it is a .jsonl file."""
    annotated = Path(annotated)
    return annotated if annotated.suffix == ".jsonl" else annotated / f"{split}.jsonl"


def find_inputs(inputs: Iterable[str | Path], doc_ids: Iterable[str]) -> dict[str, Path]:
    """The first input file (in `iter_input_paths` order) of each wanted doc_id."""
    wanted, found = set(doc_ids), {}
    for path in readers.iter_input_paths(inputs):
        doc_id = readers.doc_id_for(path)
        if doc_id in wanted and doc_id not in found:
            found[doc_id] = path
    return found


def _run_system(name: str, paths: list[Path], models_dir: str | Path | None,
                overrides: dict[str, Any] | None) -> tuple[list[Document], float, float]:
    """(processed documents, load seconds, processing seconds) of one system."""
    t0 = time.perf_counter()
    if name == "pipeline":
        nlp = Pipeline(models_dir=models_dir, overrides=overrides)
    elif name == "rules":
        nlp = Pipeline(models_dir=models_dir, overrides=rules_only_overrides(load_config()))
    elif name == "underthesea":
        nlp = Pipeline(processors=["clean", "sentences"], models_dir=models_dir)
        ner = UndertheseaNER()
        ner.tagger("Hà Nội")  # load the CRF models now, so that load time is not counted as work
    else:
        raise ValueError(f"unknown system {name!r}; known: {', '.join(SYSTEMS)}")
    t1 = time.perf_counter()
    docs = []
    for doc in nlp.pipe_paths(paths):
        if name == "underthesea" and doc.ok:
            doc.entities = ner.predict(doc)
        docs.append(doc)
    return docs, t1 - t0, time.perf_counter() - t1


def _scores(name: str, gold: list[Record], pred: list[Record]) -> dict[str, Any]:
    if name == "underthesea":  # entities only: nothing else was attempted, so nothing to score
        scores: dict[str, Any] = {"entities": score_entities(gold, pred), "directives": None,
                                  "fields": None}
    else:
        scores = score(gold, pred)
    return {
        "scores": scores,
        "entities_exact": score_entities_exact(gold, pred),
        "per_org_loc": {
            "text": score_entities(gold, pred, labels=UNDERTHESEA_LABELS)["micro"],
            "exact": score_entities_exact(gold, pred, labels=UNDERTHESEA_LABELS)["micro"],
        },
    }


def evaluate(annotated: str | Path, split: str = "test", inputs: Iterable[str | Path] = ("data/raw",),
             models_dir: str | Path | None = None, systems: Iterable[str] = SYSTEMS,
             overrides: dict[str, Any] | None = None, resamples: int = 0,
             seed: int = 0) -> dict[str, Any]:
    """Score each of `systems` on the gold records of `annotated/<split>.jsonl` (or of the
    .jsonl file `annotated`), reading the raw documents from `inputs` by doc_id.
    `resamples` > 0 adds `bootstrap`: 95% document-bootstrap intervals of the headline figures,
    and of each system's difference from the rules (`scoring.bootstrap`, seeded by `seed`).

    Per system: `scores` (`scoring.score`; for underthesea entities only), `entities_exact`,
    `per_org_loc` (text and exact micro P/R/F1), `labels` (None = all), `documents`, `errors`,
    `missing`, `text_mismatch` (doc_ids whose cleaned text differs from the gold text, so
    exact offsets cannot match), `load_seconds`, `seconds` and the `predictions` scored."""
    path = gold_path(annotated, split)
    gold = load_records(path)
    systems = [s.strip() for s in systems if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise ValueError(f"unknown system(s) {', '.join(unknown)}; known: {', '.join(SYSTEMS)}")
    found = find_inputs(inputs, (r["doc_id"] for r in gold))
    paths = [found[r["doc_id"]] for r in gold if r["doc_id"] in found]
    gold_text = {r["doc_id"]: r.get("text") for r in gold}
    result: dict[str, Any] = {
        "gold": str(path), "split": path.stem, "gold_documents": len(gold),
        "missing_inputs": sorted(set(gold_text) - set(found)), "systems": {},
    }
    for name in systems:
        docs, load_seconds, seconds = _run_system(name, paths, models_dir, overrides)
        ok = [d for d in docs if d.ok]
        pred = [document_to_record(d) for d in ok]
        result["systems"][name] = {
            **_scores(name, gold, pred),
            "labels": list(UNDERTHESEA_LABELS) if name == "underthesea" else None,
            "documents": len(ok),
            "errors": {d.doc_id: d.error for d in docs if not d.ok},
            "text_mismatch": sorted(d.doc_id for d in ok
                                    if gold_text.get(d.doc_id) not in (None, d.text)),
            "load_seconds": round(load_seconds, 3),
            "seconds": round(seconds, 3),
            "predictions": pred,
        }
    if resamples > 0:
        counts = {name: document_counts(gold, r["predictions"], directives=name != "underthesea")
                  for name, r in result["systems"].items()}
        # underthesea tags three labels and no directives: no difference from the rules to show
        result["bootstrap"] = bootstrap(counts, resamples, seed,
                                        baseline="rules" if "rules" in counts else None,
                                        compare=[n for n in counts if n not in ("rules", "underthesea")])
    return result


# --------------------------------------------------------------------------- the table

def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if data is None:
            return None
        data = data.get(key)
    return data


def _rows() -> list[tuple[str, Callable[[dict[str, Any]], Any]]]:
    """(row name, value of one system's result); a None value prints "-"."""
    def label_f1(part: str, label: str) -> Callable[[dict], Any]:
        def value(r: dict) -> Any:
            if r["labels"] is not None and label not in r["labels"]:
                return None  # a label the system does not produce: not applicable, not 0
            source = r["scores"]["entities"] if part == "text" else r["entities_exact"]
            return _get(source, "per_label", label, "f1")
        return value

    rows: list[tuple[str, Callable[[dict], Any]]] = [("documents scored", lambda r: r["documents"])]
    for key, name in (("precision", "P"), ("recall", "R"), ("f1", "F1")):
        rows.append((f"entities {name}", lambda r, k=key: r["scores"]["entities"]["micro"][k]))
    rows += [(f"  {label} F1", label_f1("text", label)) for label in ENTITY_LABELS]
    for key, name in (("precision", "P"), ("recall", "R"), ("f1", "F1")):
        rows.append((f"entities exact-offset {name}", lambda r, k=key: r["entities_exact"]["micro"][k]))
    rows += [(f"  {label} exact F1", label_f1("exact", label)) for label in ENTITY_LABELS]
    rows += [
        ("PER/ORG/LOC F1", lambda r: r["per_org_loc"]["text"]["f1"]),
        ("PER/ORG/LOC exact F1", lambda r: r["per_org_loc"]["exact"]["f1"]),
        ("directives P", lambda r: _get(r["scores"]["directives"], "match", "precision")),
        ("directives R", lambda r: _get(r["scores"]["directives"], "match", "recall")),
        ("directives F1", lambda r: _get(r["scores"]["directives"], "match", "f1")),
        ("assignees F1", lambda r: _get(r["scores"]["directives"], "assignees", "f1")),
        ("deadline type accuracy", lambda r: _get(r["scores"]["directives"], "deadline_type", "accuracy")),
        ("deadline type macro F1", lambda r: _get(r["scores"]["directives"], "deadline_type", "macro_f1")),
        ("deadline date accuracy", lambda r: _get(r["scores"]["directives"], "deadline_date", "accuracy")),
        ("fields accuracy", lambda r: _get(r["scores"]["fields"], "accuracy")),
        ("seconds (processing)", lambda r: r["seconds"]),
        ("seconds (loading)", lambda r: r["load_seconds"]),
    ]
    return rows


ROW_NAMES = tuple(name for name, _ in _rows())


def _cell(value: Any, row: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}" if row.startswith("seconds") else f"{value:.3f}"


def format_evaluation(result: dict[str, Any]) -> str:
    """One Markdown table: a row per metric, a column per system ("-" = not applicable)."""
    systems = list(result["systems"])
    header = ["metric", *systems]
    body = [[row, *(_cell(value(result["systems"][s]), row) for s in systems)]
            for row, value in _rows()]
    lines = [f"{result['split']}: {result['gold_documents']} gold documents ({result['gold']})", "",
             *_markdown_table(header, body, numbers=True)]
    notes = []
    if result["missing_inputs"]:
        notes.append(f"no input file for {len(result['missing_inputs'])} gold document(s): "
                     + ", ".join(result["missing_inputs"]))
    for name, r in result["systems"].items():
        if r["errors"]:
            notes.append(f"{name}: {len(r['errors'])} document(s) failed: " + ", ".join(r["errors"]))
        if r["text_mismatch"]:
            notes.append(f"{name}: cleaned text differs from the gold text in "
                         f"{len(r['text_mismatch'])} document(s); their exact offsets cannot match")
    notes.append("entities: (label, normalized text) per document; exact-offset: (label, start, end); "
                 "'-' = not produced by that system")
    if result.get("bootstrap"):
        notes += ["", *format_bootstrap(result["bootstrap"])]
    return "\n".join(lines + [""] + notes)


def format_bootstrap(boot: dict[str, Any]) -> list[str]:
    """The bootstrap intervals as a Markdown table: value [low, high] per system, then each
    system minus the baseline with the share of resamples where it is ahead."""
    def span(interval: list[float] | None, signed: bool = False) -> str:
        if interval is None:
            return "-"
        fmt = "{:+.3f}" if signed else "{:.3f}"
        return f"[{fmt.format(interval[0])}, {fmt.format(interval[1])}]"

    systems, baseline = list(boot["systems"]), boot["baseline"]
    header = ["metric", *systems, *(f"{s} − {baseline}" for s in boot["difference"])]
    rows = []
    for metric in BOOTSTRAP_METRICS:
        cells = [metric.replace("_", " ").replace(" f1", " F1")]
        for name in systems:
            m = boot["systems"][name][metric]
            cells.append("-" if m["value"] is None else f"{m['value']:.3f} {span(m['interval'])}")
        for name, diff in boot["difference"].items():
            d = diff[metric]
            cells.append("-" if d["interval"] is None
                         else f"{span(d['interval'], True)} ahead in {d['share_above']:.0%}")
        rows.append(cells)
    return [f"document bootstrap: {boot['resamples']} resamples of the {boot['documents']} documents, "
            f"{boot['confidence']:.0%} percentile intervals (seed {boot['seed']})", "",
            *_markdown_table(header, rows, numbers=False)]


def _markdown_table(header: list[str], rows: list[list[str]], numbers: bool) -> list[str]:
    """Padded Markdown table lines; `numbers` right-aligns every column but the first."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [c.rjust(w) if numbers and i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 2) if not (numbers and i) else "-" * (w + 1) + ":"
                          for i, w in enumerate(widths)) + "|"
    return [line(header), rule, *(line(r) for r in rows)]
