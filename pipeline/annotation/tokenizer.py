"""The token boundaries shared by spaCy training data and annotator agreement.

A token is a run of letters/digits or one punctuation character, so punctuation always comes
off a word: `Long,` -> `Long` `,`; `(UBND` -> `(` `UBND`; `217/TB-UBND` -> `217` `/` `TB` `-`
`UBND`. Vietnamese is written one syllable a word, so a syllable is a token and every entity
boundary the spec allows falls on a token boundary.

    >>> token_spans("(UBND tỉnh)")
    [(0, 1), (1, 5), (6, 10), (10, 11)]
    >>> nlp = blank_nlp()          # spaCy pipeline with this tokenizer, for training
    >>> [t.text for t in nlp("Đ/c Trần Anh Tuấn,")]
    ['Đ', '/', 'c', 'Trần', 'Anh', 'Tuấn', ',']

spaCy training configs reach the tokenizer by its registered name (load this file with
`spacy train ... --code pipeline/annotation/tokenizer.py`):

    [nlp.tokenizer]
    @tokenizers = "vi_admin_tokenizer.v1"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
TOKENIZER_NAME = "vi_admin_tokenizer.v1"


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token of `text`; white space belongs to no token."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


class VietnameseTokenizer:
    """A spaCy tokenizer over `TOKEN_RE`: `doc.text == text` always (extra white space
    becomes white-space tokens, the spaCy convention)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = _words_and_spaces(text, token_spans(text))
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serializes the tokenizer with the pipeline; this one has no state to save.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> VietnameseTokenizer:
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> VietnameseTokenizer:
        return self


def _words_and_spaces(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy's (words, spaces): one trailing " " is a token's `whitespace_`; any other white
    space between tokens is a token of its own."""
    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for start, end in spans:
        _add_gap(text[position:start], words, spaces)
        words.append(text[start:end])
        spaces.append(False)
        position = end
    _add_gap(text[position:], words, spaces)
    return words, spaces


def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    if not gap:
        return
    if words and not spaces[-1] and gap[0] == " ":
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Callable[[Language], VietnameseTokenizer]:
    def make(nlp: Language) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab)
    return make


def blank_nlp() -> Language:
    """A blank multi-language pipeline with the Vietnamese tokenizer (spaCy's `vi` needs pyvi)."""
    return spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
