"""Command line: a thin layer over the Python API.

    python -m pipeline run INPUT [INPUT ...] --out DIR
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .core import Pipeline
from .dataset import DatasetWriter, base_manifest
from .readers import iter_input_paths


def cmd_run(args: argparse.Namespace) -> int:
    nlp = Pipeline(processors=args.processors.split(",") if args.processors else None,
                   config=args.config, models_dir=args.models)
    paths = list(iter_input_paths(args.inputs))
    if not paths:
        print("no input files found", file=sys.stderr)
        return 2
    manifest = base_manifest()
    manifest.update({"inputs": [str(i) for i in args.inputs], "processors": nlp.processors,
                     "models_dir": str(nlp.models_dir), "config": nlp.config})
    writer = DatasetWriter(args.out)
    t0 = time.perf_counter()
    failed: list[tuple[str, str]] = []
    chars = 0
    for doc in nlp.pipe_paths(paths):
        writer.add(doc)
        chars += len(doc.raw_text or "")
        if not doc.ok:
            failed.append((doc.source_path or doc.doc_id, doc.error or "unknown error"))
    elapsed = time.perf_counter() - t0
    manifest.update({"documents": len(paths), "failed": len(failed), "seconds": round(elapsed, 3),
                     "chars": chars, "docs_per_s": round(len(paths) / elapsed, 2) if elapsed else None})
    summary = writer.close(manifest)
    print(f"{len(paths)} documents, {len(paths) - len(failed)} ok, {len(failed)} failed "
          f"in {elapsed:.1f}s -> {args.out}")
    print("rows: " + ", ".join(f"{k}={v}" for k, v in summary["rows"].items()))
    for path, error in failed[:20]:
        print(f"  error: {path}: {error}", file=sys.stderr)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Structured directives from Vietnamese administrative documents.")
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process files or folders into a parquet dataset")
    run.add_argument("inputs", nargs="+", help="files, folders or glob patterns")
    run.add_argument("--out", required=True, type=Path, help="output folder")
    run.add_argument("--config", type=Path, help="pipeline config (TOML); default: the built-in one")
    run.add_argument("--models", type=Path, help="models directory (default: models/)")
    run.add_argument("--processors", help="comma-separated stage list, overriding the config")
    run.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
