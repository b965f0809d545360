"""`Pipeline`: the Python API under the CLI.

    >>> from pipeline import Pipeline
    >>> nlp = Pipeline()
    >>> doc = nlp("THÔNG BÁO\\n\\nKết luận ...")          # a string
    >>> doc = nlp(Path("data/raw/seeds/001_dcadee23f926a999.txt"))  # or a path
    >>> [(d.assignees, d.deadline.date) for d in doc.directives]
"""

from __future__ import annotations

import time
import tomllib
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import readers, registry
from .doc import Document

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CONFIG = PACKAGE_DIR / "config" / "default.toml"
DEFAULT_MODELS_DIR = PACKAGE_DIR.parent / "models"


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    with open(path or DEFAULT_CONFIG, "rb") as f:
        return tomllib.load(f)


def apply_overrides(config: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    """A copy of `config` with the nested `overrides` set on top
    (`{"components": {"entities": {"backend": "transformers"}}}`)."""
    merged = dict(config)
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = apply_overrides(merged[key], value)
        else:
            merged[key] = value
    return merged


def rules_only_overrides(config: dict[str, Any]) -> dict[str, Any]:
    """Overrides that switch every trained model of `config` off (`model = ""`)."""
    return {"components": {name: {"model": ""} for name, section in config.get("components", {}).items()
                           if "model" in section}}


class Pipeline:
    """Runs the configured stages over documents.

    `processors` overrides the config's list (e.g. `["clean", "sentences"]`);
    `models_dir` is where trained models and gazetteers are read from; `overrides` sets config
    values on top of the config (`Pipeline(overrides=rules_only_overrides(load_config()))` runs
    the rules alone).
    """

    def __init__(self, processors: list[str] | None = None, config: str | Path | dict | None = None,
                 models_dir: str | Path | None = None, overrides: dict[str, Any] | None = None):
        config = config if isinstance(config, dict) else load_config(config)
        self.config = apply_overrides(config, overrides)
        self.models_dir = Path(models_dir) if models_dir else DEFAULT_MODELS_DIR
        self.processors = list(processors or self.config["pipeline"]["processors"])
        comp_cfg = self.config.get("components", {})
        self.components = [(name, registry.create(name, comp_cfg.get(name, {}), self.models_dir))
                           for name in self.processors]

    def __call__(self, source: str | Path | Document, doc_id: str | None = None) -> Document:
        """Process a string, a path or a `Document`; raises on failure (see `process`)."""
        if isinstance(source, Document):
            doc = source
        elif isinstance(source, Path):
            doc = readers.read_path(source)
            if not doc.ok:
                raise ValueError(doc.error)
        else:
            doc = Document(doc_id=doc_id or "doc", raw_text=source)
        return self._run(doc)

    def _run(self, doc: Document) -> Document:
        timings = doc.meta.setdefault("timings", {})
        for name, comp in self.components:
            t0 = time.perf_counter()
            doc = comp(doc)
            timings[name] = round(time.perf_counter() - t0, 6)
        return doc

    def process(self, doc: Document) -> Document:
        """Like `__call__` but never raises: a failure becomes `status="error"` with a message."""
        if not doc.ok:
            return doc
        try:
            return self._run(doc)
        except Exception as exc:  # one bad document must not stop a batch
            failed = Document(doc_id=doc.doc_id, raw_text=doc.raw_text, source_path=doc.source_path,
                              status="error", meta=doc.meta)
            failed.error = f"processing failed: {type(exc).__name__}: {exc}"
            failed.meta["traceback"] = traceback.format_exc(limit=5)
            return failed

    def pipe_paths(self, paths: Iterable[Path]) -> Iterator[Document]:
        for path, doc_id in readers.unique_doc_ids(list(paths)):
            yield self.process(readers.read_path(path, doc_id=doc_id))
