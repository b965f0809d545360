"""Benchmark: throughput, scaling and memory of batch runs, against underthesea in the same run.

    python -m pipeline bench [--corpus data/raw] [--docs 1000] [--workers 1,2] [--rss-docs 1000,10000]

Every figure is measured in this run on this machine: the pipeline in a fresh child process per
configuration (so peak RSS is that run's own), underthesea's `ner` and `word_tokenize` in the parent
over the same cleaned texts. Ratios, not absolute times, are what carry over between machines.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import platform
import tempfile
import time
from typing import Any

from .batch import BatchRun, PipelineSpec, Source, iter_sources, peak_rss_mb


def scaled_sources(corpus: list[str], n_docs: int) -> list[Source]:
    """The corpus repeated (doc_ids suffixed ~k) until it has `n_docs` documents."""
    base = iter_sources(corpus)
    if not base:
        raise ValueError(f"no documents in {corpus}")
    out = []
    k = 0
    while len(out) < n_docs:
        for s in base:
            if len(out) == n_docs:
                break
            out.append(s if k == 0 else Source(f"{s.doc_id}~{k}", s.path, s.row, s.offset))
        k += 1
    return sorted(out, key=lambda s: s.doc_id)


def _child_run(sources: list[Source], workers: int, batch_size: int, queue) -> None:
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        manifest = BatchRun(out, PipelineSpec(), batch_size=batch_size, workers=workers).run(sources)
        seconds = time.perf_counter() - t0
    queue.put({"seconds": seconds, "documents": manifest["documents"], "chars": manifest["chars"],
               "failed": manifest["failed"], "peak_rss_mb": peak_rss_mb(),
               "stage_seconds": manifest["stage_seconds"]})


def run_pipeline(sources: list[Source], workers: int, batch_size: int = 64) -> dict[str, Any]:
    """One batch run in a fresh process; returns its timing and peak memory."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child_run, args=(sources, workers, batch_size, queue))
    proc.start()
    result = queue.get()
    proc.join()
    result["docs_per_s"] = result["documents"] / result["seconds"]
    result["chars_per_s"] = result["chars"] / result["seconds"]
    result["workers"] = workers
    return result


def underthesea_rate(texts: list[str], max_chars: int) -> dict[str, float]:
    """chars/s of underthesea's `ner` and `word_tokenize` over the same lines, in this process."""
    from underthesea import ner, word_tokenize

    lines, total = [], 0
    for text in texts:
        for line in text.split("\n"):
            if line.strip() and total < max_chars:
                lines.append(line)
                total += len(line)
    ner(lines[0])                                   # load the models before timing
    word_tokenize(lines[0])
    t0 = time.perf_counter()
    for line in lines:
        ner(line)
    ner_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for line in lines:
        word_tokenize(line)
    seg_s = time.perf_counter() - t0
    return {"chars": total, "ner_chars_per_s": total / ner_s, "word_tokenize_chars_per_s": total / seg_s}


def bench(corpus: list[str], n_docs: int, workers: list[int], rss_docs: list[int],
          underthesea_chars: int) -> dict[str, Any]:
    from .cleaning import clean_text
    from .readers import read_path

    sources = scaled_sources(corpus, n_docs)
    runs = [run_pipeline(sources, w) for w in workers]
    one = next(r for r in runs if r["workers"] == 1)
    texts = [clean_text(read_path(s.path).raw_text).text for s in iter_sources(corpus)]
    uts = underthesea_rate(texts, underthesea_chars)
    rss = [dict(run_pipeline(scaled_sources(corpus, n), 1), docs=n) for n in rss_docs]
    return {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "processor": platform.processor()},
        "corpus": corpus, "documents": n_docs,
        "runs": runs,
        "speedup_1_to_2_workers": (next((r["docs_per_s"] for r in runs if r["workers"] == 2), None) or 0)
        / one["docs_per_s"] if 2 in workers else None,
        "underthesea": uts,
        "ratio_vs_underthesea_ner": one["chars_per_s"] / uts["ner_chars_per_s"],
        "ratio_vs_underthesea_word_tokenize": one["chars_per_s"] / uts["word_tokenize_chars_per_s"],
        "rss": [{"docs": r["docs"], "peak_rss_mb": r["peak_rss_mb"]["main"], "seconds": r["seconds"]}
                for r in rss],
    }


def format_bench(result: dict[str, Any]) -> str:
    lines = ["| measure | value |", "|---|---|"]
    for r in result["runs"]:
        lines.append(f"| pipeline, {r['workers']} worker(s), {r['documents']} docs | "
                     f"{r['docs_per_s']:.1f} docs/s, {r['chars_per_s'] / 1000:.0f}k chars/s, "
                     f"peak RSS {r['peak_rss_mb']['main']:.0f} MiB (largest worker "
                     f"{r['peak_rss_mb']['largest_worker']:.0f} MiB) |")
    if result["speedup_1_to_2_workers"]:
        lines.append(f"| speed-up 1 → 2 workers | {result['speedup_1_to_2_workers']:.2f}× |")
    u = result["underthesea"]
    lines.append(f"| underthesea `ner` (same texts) | {u['ner_chars_per_s'] / 1000:.1f}k chars/s |")
    lines.append(f"| underthesea `word_tokenize` | {u['word_tokenize_chars_per_s'] / 1000:.1f}k chars/s |")
    lines.append(f"| pipeline (1 worker) / underthesea `ner` | {result['ratio_vs_underthesea_ner']:.1f}× |")
    lines.append(f"| pipeline (1 worker) / `word_tokenize` | "
                 f"{result['ratio_vs_underthesea_word_tokenize']:.1f}× |")
    for r in result["rss"]:
        lines.append(f"| peak RSS, 1 worker, {r['docs']} docs | {r['peak_rss_mb']:.0f} MiB |")
    return "\n".join(lines)
