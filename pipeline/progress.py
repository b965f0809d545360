"""Progress of a batch run: a tqdm bar on a terminal, plain periodic lines in logs."""

from __future__ import annotations

import sys
import time


class Progress:
    """Callable `progress(done, total, errors)`; prints to stderr."""

    def __init__(self, total: int, every_s: float = 10.0, stream=None):
        self.stream = stream or sys.stderr
        self.every_s = every_s
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.bar = None
        if self.stream.isatty():
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True)

    def __call__(self, done: int, total: int, errors: int) -> None:
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
            self.bar.set_postfix(errors=errors)
            if done >= total:
                self.bar.close()
            return
        now = time.perf_counter()
        if done == 0 or (done < total and now - self.last < self.every_s):
            return
        self.last = now
        elapsed = now - self.t0
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else float("nan")
        print(f"[progress] {done}/{total} documents, {rate:.1f} docs/s, {errors} errors, "
              f"ETA {eta:.0f}s", file=self.stream, flush=True)
