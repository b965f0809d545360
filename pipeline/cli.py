"""Command line: a thin layer over the Python API.

    python -m pipeline run INPUT [INPUT ...] --out DIR
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .annotation.commands import add_subparsers as add_annotate_subparsers
from .batch import BatchRun, PipelineSpec, iter_sources
from .core import Pipeline
from .progress import Progress
from .report import add_report_subparser
from .readers import iter_input_paths


def cmd_run(args: argparse.Namespace) -> int:
    spec = PipelineSpec(processors=args.processors.split(",") if args.processors else None,
                        config=str(args.config) if args.config else None,
                        models_dir=str(args.models) if args.models else None)
    sources = iter_sources(args.inputs)
    if not sources:
        print("no input files found", file=sys.stderr)
        return 2
    nlp = spec.build()          # fail fast on a bad config or missing model, before any worker starts
    manifest = {"inputs": [str(i) for i in args.inputs], "processors": nlp.processors,
                "models_dir": str(nlp.models_dir), "config": nlp.config}
    run = BatchRun(args.out, spec, batch_size=args.batch_size, workers=args.workers, engine=args.engine,
                   scheduler=args.scheduler, progress=Progress(len(sources)))
    try:
        summary = run.run(sources, resume=args.resume, manifest=manifest)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    n, failed = summary["documents"], summary["errors"]
    print(f"{n} documents, {n - len(failed)} ok, {len(failed)} failed in {summary['seconds']:.1f}s "
          f"-> {args.out}")
    print("rows: " + ", ".join(f"{k}={v}" for k, v in summary["rows"].items()))
    for path, error in failed[:20]:
        print(f"  error: {path}: {error}", file=sys.stderr)
    if len(failed) > 20:
        print(f"  ... and {len(failed) - 20} more (manifest.json lists them all)", file=sys.stderr)
    return 1 if failed else 0


def cmd_score(args: argparse.Namespace) -> int:
    from .dataset import read_records
    from .scoring import document_to_record, format_report, load_records, score

    gold = load_records(args.gold)
    if args.pred:
        pred = read_records(args.pred) if Path(args.pred).is_dir() else load_records(args.pred)
    else:
        nlp = Pipeline(config=args.config, models_dir=args.models)
        wanted = {r["doc_id"] for r in gold}
        paths = [p for p in iter_input_paths(args.inputs) if p.stem in wanted]
        pred = [document_to_record(doc) for doc in nlp.pipe_paths(paths) if doc.ok]
    print(format_report(score(gold, pred)))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import bench, format_bench

    result = bench([str(c) for c in args.corpus], args.docs, [int(w) for w in args.workers.split(",")],
                   [int(n) for n in args.rss_docs.split(",") if n], args.underthesea_chars)
    print(format_bench(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from .gazetteer import build_gazetteer

    gazetteer = build_gazetteer(args.metadata, args.raw)
    gazetteer.save(args.out)
    print(f"gazetteer {gazetteer.sizes()} -> {args.out}")
    return 0


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
    run.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                     help="worker processes (default: all cores)")
    run.add_argument("--batch-size", type=int, default=64, help="documents per batch (default: 64)")
    run.add_argument("--resume", action="store_true",
                     help="continue an interrupted run in the same --out folder")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local processes, or a Dask cluster")
    run.add_argument("--scheduler", help="with --engine dask: the scheduler address (default: a LocalCluster)")
    run.set_defaults(func=cmd_run)

    sc = sub.add_parser("score", help="score predictions against gold records (spec §7a)")
    sc.add_argument("gold", type=Path, help="gold records: a JSON/JSONL file or a folder of them")
    sc.add_argument("--pred", type=Path, help="a run's output folder, or JSON/JSONL records")
    sc.add_argument("--inputs", nargs="+", default=["data/raw"],
                    help="without --pred: run the pipeline on the gold documents found here")
    sc.add_argument("--config", type=Path)
    sc.add_argument("--models", type=Path)
    sc.set_defaults(func=cmd_score)

    gz = sub.add_parser("gazetteer", help="rebuild the gazetteer (models/gazetteer) from the corpus")
    gz.add_argument("--metadata", type=Path, default=Path("data/metadata"))
    gz.add_argument("--raw", type=Path, default=Path("data/raw"))
    gz.add_argument("--out", type=Path, default=Path("models/gazetteer"))
    gz.set_defaults(func=cmd_gazetteer)

    bn = sub.add_parser("bench", help="benchmark throughput, scaling and memory against underthesea")
    bn.add_argument("--corpus", nargs="+", default=["data/raw"], help="files or folders (default: data/raw)")
    bn.add_argument("--docs", type=int, default=1000, help="documents per run (corpus repeated to reach it)")
    bn.add_argument("--workers", default="1,2", help="worker counts to run (default: 1,2)")
    bn.add_argument("--rss-docs", default="", help="also measure peak RSS at these sizes, e.g. 1000,10000")
    bn.add_argument("--underthesea-chars", type=int, default=300_000,
                    help="characters of the corpus to time underthesea on (default: 300000)")
    bn.add_argument("--json", type=Path, help="also write the full result as JSON")
    bn.set_defaults(func=cmd_bench)

    add_annotate_subparsers(sub)
    add_report_subparser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
