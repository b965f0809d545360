"""`python -m pipeline annotate ...`: the annotators' commands (docs/annotation.md).

    pre-annotate INPUT... --out FILE [--split auto|train|dev|test] [--source NAME] [--blank]
    validate [PATH...] [--draft] [--raw DIR]
    collect FILE... [--into DIR]
    export-labelstudio FILE... --out TASKS.json [--labeling-config CONFIG.xml]
    import-labelstudio EXPORT.json --out FILE [--annotator USER]
    export-doccano FILE... --out FILE
    import-doccano EXPORT.jsonl --base FILE... --out FILE [--annotator NAME]
    to-spacy FILE... --out FILE.spacy [--alignment strict|contract|expand]
    from-spacy FILE.spacy --base FILE... --out FILE
    agree A.jsonl B.jsonl [--json]

`add_subparsers(sub)` adds them to the CLI's subparsers; heavy imports (the pipeline, spaCy)
happen inside the command that needs them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .schema import SPLITS, AnnotatedDocument, annotation_files, load_annotations, write_jsonl

DEFAULT_ANNOTATED = Path("data/annotated")
DEFAULT_RAW = Path("data/raw")


def add_subparsers(sub: argparse._SubParsersAction) -> None:
    """Add `annotate` and its subcommands to the CLI's subparsers."""
    annotate = sub.add_parser("annotate", help="gold annotation: pre-annotate, convert, validate, agree")
    commands = annotate.add_subparsers(dest="annotate_command", required=True)

    p = commands.add_parser("pre-annotate", help="run the pipeline and write its output as a "
                                                 "pre-annotation to correct")
    p.add_argument("inputs", nargs="+", help="files or folders of raw documents")
    p.add_argument("--out", required=True, type=Path, help="JSONL file to write")
    p.add_argument("--split", default="auto", choices=("auto", *SPLITS),
                   help="split of every document; auto: fixed by the doc_id's hash (70/15/15)")
    p.add_argument("--source", help="corpus name (default: each file's folder name)")
    p.add_argument("--blank", action="store_true",
                   help="no predictions: text and sentences only, to annotate from scratch")
    p.add_argument("--config", type=Path, help="pipeline config (TOML)")
    p.add_argument("--models", type=Path, help="models directory")
    p.set_defaults(func=cmd_pre_annotate)

    p = commands.add_parser("validate", help="check annotated JSONL against the schema and the spec")
    p.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_ANNOTATED],
                   help=f"JSONL files or folders (default: {DEFAULT_ANNOTATED})")
    p.add_argument("--draft", action="store_true",
                   help="accept uncorrected pre-annotations (no annotator yet)")
    p.add_argument("--raw", type=Path, default=DEFAULT_RAW,
                   help="check each text against clean_text(RAW/source/doc_id.*) where that file "
                        f"exists (default: {DEFAULT_RAW})")
    p.set_defaults(func=cmd_validate)

    p = commands.add_parser("collect", help="add corrected documents to the gold split files")
    p.add_argument("inputs", nargs="+", type=Path, help="annotated JSONL files (gold, validated)")
    p.add_argument("--into", type=Path, default=DEFAULT_ANNOTATED,
                   help=f"folder of train/dev/test.jsonl (default: {DEFAULT_ANNOTATED})")
    p.set_defaults(func=cmd_collect)

    p = commands.add_parser("export-labelstudio", help="Label Studio tasks with pre-annotations")
    p.add_argument("inputs", nargs="+", type=Path, help="annotated JSONL files or folders")
    p.add_argument("--out", required=True, type=Path, help="tasks JSON file to import in Label Studio")
    p.add_argument("--labeling-config", type=Path,
                   help="where to write the labeling config (default: OUT with .xml)")
    p.set_defaults(func=cmd_export_labelstudio)

    p = commands.add_parser("import-labelstudio", help="a Label Studio JSON export back to JSONL")
    p.add_argument("export", type=Path, help="Label Studio export (JSON format)")
    p.add_argument("--out", required=True, type=Path, help="JSONL file to write")
    p.add_argument("--annotator", help="read this user's annotations (email or id); "
                                       "default: the latest per task")
    p.set_defaults(func=cmd_import_labelstudio)

    p = commands.add_parser("export-doccano", help="doccano sequence-labeling JSONL (entities)")
    p.add_argument("inputs", nargs="+", type=Path, help="annotated JSONL files or folders")
    p.add_argument("--out", required=True, type=Path, help="JSONL file to import in doccano")
    p.set_defaults(func=cmd_export_doccano)

    p = commands.add_parser("import-doccano", help="a doccano export's entities into base records")
    p.add_argument("export", type=Path, help="doccano export (JSONL)")
    p.add_argument("--base", required=True, nargs="+", type=Path,
                   help="the annotated JSONL the export was made from")
    p.add_argument("--out", required=True, type=Path, help="JSONL file to write")
    p.add_argument("--annotator", help="who annotated in doccano")
    p.set_defaults(func=cmd_import_doccano)

    p = commands.add_parser("to-spacy", help="spaCy DocBin of the entities, for training")
    p.add_argument("inputs", nargs="+", type=Path, help="annotated JSONL files or folders")
    p.add_argument("--out", required=True, type=Path, help=".spacy file to write")
    p.add_argument("--alignment", default="strict", choices=("strict", "contract", "expand"),
                   help="what to do with entities off token boundaries (always reported)")
    p.set_defaults(func=cmd_to_spacy)

    p = commands.add_parser("from-spacy", help="a DocBin's entities into base records")
    p.add_argument("docbin", type=Path, help=".spacy file")
    p.add_argument("--base", required=True, nargs="+", type=Path, help="annotated JSONL")
    p.add_argument("--out", required=True, type=Path, help="JSONL file to write")
    p.set_defaults(func=cmd_from_spacy)

    p = commands.add_parser("agree", help="inter-annotator agreement of two annotation files")
    p.add_argument("a", type=Path, help="annotator A's JSONL (the reference for P/R)")
    p.add_argument("b", type=Path, help="annotator B's JSONL")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.set_defaults(func=cmd_agree)


# --------------------------------------------------------------------------- handlers

def cmd_pre_annotate(args: argparse.Namespace) -> int:
    from ..core import Pipeline
    from ..readers import iter_input_paths
    from .schema import assign_split, blank_annotation, from_document

    # a blank annotation needs only the cleaned text and the sentences
    nlp = Pipeline(processors=["clean", "sentences"] if args.blank else None, config=args.config,
                   models_dir=args.models)
    annotation = blank_annotation if args.blank else from_document
    records, failed = [], 0
    for doc in nlp.pipe_paths(iter_input_paths(args.inputs)):
        if not doc.ok:
            failed += 1
            print(f"  error: {doc.source_path}: {doc.error}", file=sys.stderr)
            continue
        source = args.source or Path(doc.source_path or "").parent.name
        split = assign_split(doc.doc_id) if args.split == "auto" else args.split
        records.append(annotation(doc, source, split))
    write_jsonl(records, args.out)
    print(f"{len(records)} documents pre-annotated -> {args.out}" + (f", {failed} failed" if failed else ""))
    return 1 if failed else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate_paths

    problems = validate_paths(args.paths, draft=args.draft, raw_root=args.raw)
    for problem in problems:
        print(problem)
    files = annotation_files(args.paths)
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


def cmd_collect(args: argparse.Namespace) -> int:
    from .schema import collect_into_splits
    from .validate import validate_paths

    problems = validate_paths(args.inputs)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problems: nothing collected")
        return 1
    counts = collect_into_splits(load_annotations(args.inputs), args.into)
    print(f"{args.into}: " + ", ".join(f"{split} {count}" for split, count in counts.items()))
    return 0


def cmd_export_labelstudio(args: argparse.Namespace) -> int:
    from .labelstudio import labeling_config, to_labelstudio

    tasks = to_labelstudio(load_annotations(args.inputs))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    config_path = args.labeling_config or args.out.with_suffix(".xml")
    config_path.write_text(labeling_config(), encoding="utf-8")
    print(f"{len(tasks)} tasks -> {args.out}; labeling config -> {config_path}")
    return 0


def cmd_import_labelstudio(args: argparse.Namespace) -> int:
    from .labelstudio import from_labelstudio

    tasks = json.loads(args.export.read_text(encoding="utf-8"))
    records, problems = from_labelstudio(tasks, annotator=args.annotator)
    return _write_imported(records, problems, args.out)


def cmd_export_doccano(args: argparse.Namespace) -> int:
    from .doccano import to_doccano

    count = write_jsonl(to_doccano(load_annotations(args.inputs)), args.out)
    print(f"{count} documents -> {args.out}")
    return 0


def cmd_import_doccano(args: argparse.Namespace) -> int:
    from .doccano import from_doccano
    from .schema import read_jsonl

    lines = [line for _, line in read_jsonl(args.export)]
    records, problems = from_doccano(lines, load_annotations(args.base), annotator=args.annotator)
    return _write_imported(records, problems, args.out)


def cmd_to_spacy(args: argparse.Namespace) -> int:
    from .docbin import to_docbin

    records = load_annotations(args.inputs)
    docbin, misaligned = to_docbin(records, alignment_mode=args.alignment)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(args.out)
    for item in misaligned:
        print(f"  misaligned: {item}", file=sys.stderr)
    print(f"{len(records)} documents -> {args.out}; {len(misaligned)} entities off token boundaries")
    return 0


def cmd_from_spacy(args: argparse.Namespace) -> int:
    from spacy.tokens import DocBin

    from .docbin import from_docbin
    from .schema import merge_entities

    partials = from_docbin(DocBin().from_disk(args.docbin))
    records, problems = merge_entities(load_annotations(args.base), partials)
    return _write_imported(records, problems, args.out)


def cmd_agree(args: argparse.Namespace) -> int:
    from .agreement import agree, format_agreement

    report = agree(load_annotations(args.a), load_annotations(args.b))
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_agreement(report))
    return 0


def _write_imported(records: list[AnnotatedDocument], problems: list[str], out: Path) -> int:
    """Write imported records; print conversion problems and what validation finds in them."""
    from .validate import validate_record

    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    invalid = 0
    for record in records:
        for what in validate_record(record, draft=True):
            invalid += 1
            print(f"  {record['doc_id']}: {what}", file=sys.stderr)
    write_jsonl(records, out)
    print(f"{len(records)} documents -> {out}; {len(problems)} not converted, {invalid} validation problems")
    return 1 if problems or invalid else 0
