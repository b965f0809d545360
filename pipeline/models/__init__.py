"""Trained models: estimators with `fit` / `predict` / `save` / `load`, trained on
`data/annotated/` and shipped in `models/`.

- `spacy_ner`        — spaCy NER over the Vietnamese tokenizer, rule tags as a token feature
- `transformers_ner` — token classification with any local checkpoint (PhoBERT, XLM-R, ...)
- `deadline_classifier`  — TF-IDF + linear model over sentences (spec §3 classes)
- `directive_classifier` — which sentences open / continue a directive (spec §4)

Stage components (`entities`, `deadlines`, `directives`) load them by the `model` key of their
config section; an empty `model` runs the rules alone.
"""

from __future__ import annotations

from pathlib import Path

NER_BACKENDS = ("spacy", "transformers")


def load_ner(backend: str, path: str | Path):
    """A trained NER model: `.predict(doc) -> list[Span]` over a document whose
    `entities` already hold the rule tagger's spans."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"NER model not found: {path}")
    if backend == "spacy":
        from .spacy_ner import SpacyNER
        return SpacyNER.load(path)
    if backend == "transformers":
        from .transformers_ner import TransformersNER
        return TransformersNER.load(path)
    raise ValueError(f"unknown NER backend {backend!r}; known: {', '.join(NER_BACKENDS)}")


def model_path(config: dict, models_dir: str | Path, key: str = "model") -> Path | None:
    """The trained model a component's config names (relative to `models_dir`, or absolute);
    None when the key is empty (rules only). A named model that is not there is an error, not a
    silent fall-back to the rules."""
    name = config.get(key) or ""
    if not name:
        return None
    path = Path(models_dir) / name
    if not path.exists():
        raise FileNotFoundError(f"model {name!r} not found at {path} (set {key} = \"\" for rules only)")
    return path


def document_folds(n: int, folds: int = 5, seed: int = 0) -> list[int]:
    """The cross-validation fold of each of `n` documents: shuffled by `seed`, dealt in turn.
    Folds hold whole documents, so no document's sentences are on both sides."""
    import numpy as np
    fold = [0] * n
    for position, i in enumerate(np.random.default_rng(seed).permutation(n)):
        fold[i] = position % folds
    return fold
