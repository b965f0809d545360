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
from .core import Pipeline, load_config, rules_only_overrides
from .models import NER_BACKENDS
from .progress import Progress
from .report import add_report_subparser
from .readers import iter_input_paths


def cmd_run(args: argparse.Namespace) -> int:
    spec = PipelineSpec(processors=args.processors.split(",") if args.processors else None,
                        config=str(args.config) if args.config else None,
                        models_dir=str(args.models) if args.models else None,
                        overrides=_model_overrides(args))
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


def _model_overrides(args: argparse.Namespace) -> dict | None:
    """Config values set by --ner-backend / --model / --rules-only."""
    entities: dict = {}
    if args.ner_backend:
        entities["backend"] = args.ner_backend
    if args.model:
        entities["model"] = str(args.model.resolve())
    rules_only = getattr(args, "rules_only", False)
    overrides = rules_only_overrides(load_config(getattr(args, "config", None))) if rules_only else {}
    if entities:
        overrides.setdefault("components", {}).setdefault("entities", {}).update(entities)
    return overrides or None


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


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_evaluation

    result = evaluate(args.annotated, split=args.split, inputs=args.inputs, models_dir=args.models,
                      systems=args.systems.split(","), overrides=_model_overrides(args),
                      resamples=args.bootstrap, seed=args.seed)
    print(format_evaluation(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    if args.model == "ner" and args.seeds:
        from .models.spacy_ner import train_spacy_ner_seeds as train
    elif args.model == "ner":
        from .models.spacy_ner import train_spacy_ner as train
    elif args.model == "transformers":
        from .models.transformers_ner import train_transformers_ner as train
    elif args.model == "deadline":
        from .models.deadline_classifier import train_deadline_classifier as train
    else:
        from .models.directive_classifier import train_directive_classifier as train
    kwargs = {"data": args.data, "out": args.out or Path("models") / DEFAULT_MODEL_DIRS[args.model]}
    if args.model == "ner" and args.seeds:
        kwargs["seeds"] = tuple(int(s) for s in args.seeds.split(","))
    else:
        kwargs["seed"] = args.seed
    if args.model == "transformers":
        if not args.base_model:
            print("train transformers needs --base-model PATH (a local checkpoint)", file=sys.stderr)
            return 2
        kwargs.update(base_model=args.base_model, epochs=args.epochs)
    metrics = train(**kwargs)
    print(json.dumps(metrics, ensure_ascii=False, indent=1, default=str))
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


DEFAULT_MODEL_DIRS = {"ner": "ner", "transformers": "ner-transformers", "deadline": "deadline",
                      "directives": "directives"}


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
    run.add_argument("--ner-backend", choices=NER_BACKENDS,
                     help="trained NER backend (default: the config's, spacy)")
    run.add_argument("--model", type=Path, help="NER model folder for --ner-backend (default: models/ner)")
    run.add_argument("--rules-only", action="store_true", help="run the rules without any trained model")
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

    ev = sub.add_parser("evaluate", help="score the full pipeline, the rules alone and underthesea "
                                          "on the annotated corpus (spec §7a), in one table")
    ev.add_argument("--split", default="test", help="annotated split to score (default: test)")
    ev.add_argument("--annotated", type=Path, default=Path("data/annotated"))
    ev.add_argument("--inputs", nargs="+", default=["data/raw"], help="where the raw documents are")
    ev.add_argument("--models", type=Path, help="models directory (default: models/)")
    ev.add_argument("--systems", default="pipeline,rules,underthesea",
                    help="comma-separated: pipeline, rules, underthesea (default: all three)")
    ev.add_argument("--json", type=Path, help="also write the full scores as JSON")
    ev.add_argument("--bootstrap", type=int, default=0, metavar="N",
                    help="add 95%% intervals from N document resamples (and each system minus the rules)")
    ev.add_argument("--seed", type=int, default=0, help="seed of the --bootstrap resamples")
    ev.add_argument("--ner-backend", choices=NER_BACKENDS, help="NER backend of the 'pipeline' system")
    ev.add_argument("--model", type=Path, help="NER model folder for --ner-backend")
    ev.set_defaults(func=cmd_evaluate)

    tr = sub.add_parser("train", help="train a model on data/annotated and save it under models/")
    tr.add_argument("model", choices=tuple(DEFAULT_MODEL_DIRS),
                    help="ner (spaCy), transformers (NER on a local checkpoint), deadline, directives")
    tr.add_argument("--data", type=Path, default=Path("data/annotated"), help="annotated corpus folder")
    tr.add_argument("--out", type=Path, help="output folder (default: models/<name>)")
    tr.add_argument("--seed", type=int, default=0)
    tr.add_argument("--seeds", help="ner: comma-separated seeds; trains one model each, keeps the best on dev")
    tr.add_argument("--base-model", type=Path, help="transformers: the local checkpoint to fine-tune")
    tr.add_argument("--epochs", type=float, default=3.0, help="transformers: training epochs")
    tr.set_defaults(func=cmd_train)

    add_annotate_subparsers(sub)
    add_report_subparser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
