"""Extraction of structured directives from Vietnamese administrative documents."""

import os

__version__ = "0.1.0"

# Arrow's default allocator (mimalloc) keeps freed memory, so the RSS of a long batch run creeps up
# with the corpus; the system allocator hands it back (measured with `python -m pipeline bench`).
# Must be set before pyarrow is first imported; a user's own setting wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from .core import Pipeline  # noqa: E402
from .doc import Deadline, Directive, Document, DocumentFields, Person, Sentence, Span  # noqa: E402

__all__ = ["Pipeline", "Document", "Sentence", "Span", "Directive", "Deadline", "DocumentFields",
           "Person", "load", "__version__"]


def __getattr__(name: str):
    # `load` pulls in pandas, which no stage needs: import it only when an analyst asks for it
    if name == "load":
        from .analysis import load
        return load
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
