"""The shared data model: one `Document` flows through every stage.

Every offset (`start`, `end`) is a character offset into `Document.text`, the
*cleaned* text; `Document.raw_offset()` maps it back to the raw input.  Stages
read and extend a `Document` in place and never do I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Spec §2 labels and §3 deadline classes (order = precedence when several apply).
ENTITY_LABELS = ("ORG", "PER", "TITLE", "LOC", "DATE", "DOC")
DEADLINE_TYPES = ("date", "period", "relative", "recurring", "urgent", "none")
DOC_TYPES = (
    "THÔNG BÁO", "KẾ HOẠCH", "CHỈ THỊ", "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CÔNG VĂN",
    "BÁO CÁO", "KẾT LUẬN", "TIN BÀI", "KHÁC",
)
# What a sentence is in the layout of the document (set by the sentence splitter).
SENTENCE_KINDS = (
    "header",      # the national motto / issuer / number / place-date block
    "title",       # document type word and its summary line(s)
    "heading",     # numbered or roman section heading ("1. Sở Lao động ...", "II. NHIỆM VỤ")
    "item",        # first sentence of a list item ("- ...", "a) ...", "1.1. ...")
    "text",        # running text (also continuation sentences of an item)
    "deadline",    # a line that only sets a deadline ("Hoàn thành trước ngày 10/02/2018.")
    "closing",     # recipients list ("Nơi nhận:") and signature block
)


@dataclass(slots=True)
class Span:
    """An entity mention: `text == doc.text[start:end]`."""

    start: int
    end: int
    label: str
    text: str
    source: str = "rules"
    score: float = 1.0


@dataclass(slots=True)
class Deadline:
    """A deadline clause (spec §3). `start`/`end` locate `text` in the document."""

    type: str = "none"
    text: str | None = None
    date: dt.date | None = None
    start: int | None = None
    end: int | None = None
    score: float = 1.0
    source: str = "rules"


@dataclass(slots=True)
class Sentence:
    sent_id: int
    start: int
    end: int
    text: str
    kind: str = "text"
    marker: str | None = None   # list marker or heading number ("-", "a)", "1.", "II.")
    level: int = 0              # nesting depth of a heading / item marker
    deadline: Deadline = field(default_factory=Deadline)


@dataclass(slots=True)
class Directive:
    """One task the document assigns (spec §4)."""

    directive_id: int
    start: int
    end: int
    text: str
    assignees: list[str] = field(default_factory=list)
    coordinators: list[str] = field(default_factory=list)
    deadline: Deadline = field(default_factory=Deadline)
    sent_ids: list[int] = field(default_factory=list)
    assignee_source: str = "none"  # item | heading | lead-in | none
    score: float = 1.0             # the classifier's probability that this is a directive (rules: 1.0)


@dataclass(slots=True)
class Person:
    name: str
    title: str | None = None


@dataclass(slots=True)
class DocumentFields:
    """Header fields (spec §5); `None` where the text does not give them."""

    doc_type: str | None = None
    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_date: dt.date | None = None
    place: str | None = None
    meeting_date: dt.date | None = None
    chair: list[Person] = field(default_factory=list)
    signer: Person | None = None


@dataclass
class Document:
    doc_id: str
    text: str = ""
    raw_text: str = ""
    source_path: str | None = None
    # offsets[i] = index in raw_text of cleaned character i; len(offsets) == len(text) + 1
    offsets: list[int] | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Span] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    fields: DocumentFields = field(default_factory=DocumentFields)
    people: list[Person] = field(default_factory=list)
    status: str = "ok"
    error: str | None = None
    meta: dict = field(default_factory=dict)  # reader facts: encoding, format, timings

    def raw_offset(self, i: int) -> int:
        """Offset in `raw_text` of cleaned offset `i` (0 <= i <= len(text))."""
        if self.offsets is None:
            return i
        return self.offsets[i]

    def make_span(self, start: int, end: int, label: str, source: str = "rules",
                  score: float = 1.0) -> Span:
        return Span(start, end, label, self.text[start:end], source, score)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing `offset` (binary search; sentences are sorted)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def spans_in(self, start: int, end: int, labels: tuple[str, ...] | None = None) -> list[Span]:
        return [e for e in self.entities
                if e.start >= start and e.end <= end and (labels is None or e.label in labels)]

    @property
    def ok(self) -> bool:
        return self.status == "ok"
