"""Text edits that remember where every character came from.

Cleaning is a chain of substitutions; each one returns a new `MappedText` whose
`offsets[i]` is the raw-input index of character `i`.  The map is monotone
non-decreasing and always in range, so any cleaned span maps back to raw text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Union

Replacement = Union[str, Callable[[re.Match], str]]


class MappedText:
    __slots__ = ("text", "offsets", "raw_length")

    def __init__(self, text: str, offsets: list[int] | None = None, raw_length: int | None = None):
        self.text = text
        self.raw_length = len(text) if raw_length is None else raw_length
        # one entry per character plus a sentinel for the end of the text
        self.offsets = list(range(len(text) + 1)) if offsets is None else offsets
        assert len(self.offsets) == len(text) + 1

    def __repr__(self) -> str:
        return f"MappedText({self.text[:40]!r}…, {len(self.text)} chars)"

    def sub(self, pattern: str | re.Pattern, repl: Replacement, flags: int = 0) -> MappedText:
        """`re.sub` that carries the offset map along.

        Characters of a replacement map onto the matched raw characters in order
        (a shorter replacement keeps the first ones, a longer one repeats the last).
        """
        rx = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        text, offs = self.text, self.offsets
        pieces: list[str] = []
        new_offs: list[int] = []
        pos = 0
        changed = False
        for m in rx.finditer(text):
            s, e = m.span()
            r = repl(m) if callable(repl) else m.expand(repl)
            if r == text[s:e]:
                continue
            changed = True
            pieces.append(text[pos:s])
            new_offs.extend(offs[pos:s])
            pieces.append(r)
            n = e - s
            if len(r) <= n:
                new_offs.extend(offs[s:s + len(r)])
            else:
                last = offs[e - 1] if n else offs[s]
                new_offs.extend(offs[s:e])
                new_offs.extend([last] * (len(r) - n))
            pos = e
        if not changed:
            return self
        pieces.append(text[pos:])
        new_offs.extend(offs[pos:])
        return MappedText("".join(pieces), new_offs, self.raw_length)

    def delete(self, ranges: Iterable[tuple[int, int]]) -> MappedText:
        """Drop the given (start, end) ranges of the current text."""
        text, offs = self.text, self.offsets
        pieces: list[str] = []
        new_offs: list[int] = []
        pos = 0
        for s, e in sorted(ranges):
            s = max(s, pos)
            if e <= s:
                continue
            pieces.append(text[pos:s])
            new_offs.extend(offs[pos:s])
            pos = e
        if pos == 0 and not pieces:
            return self
        pieces.append(text[pos:])
        new_offs.extend(offs[pos:])
        return MappedText("".join(pieces), new_offs, self.raw_length)

    def map_chars(self, fn: Callable[[str], str]) -> MappedText:
        """Apply a per-character function that returns exactly one character."""
        new = "".join(fn(c) for c in self.text)
        assert len(new) == len(self.text)
        return MappedText(new, self.offsets, self.raw_length)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) covering cleaned [start, end)."""
        if end <= start:
            r = self.offsets[start]
            return r, r
        return self.offsets[start], self.offsets[end - 1] + 1
