"""Extraction of structured directives from Vietnamese administrative documents."""

__version__ = "0.1.0"

from .analysis import load  # noqa: E402
from .core import Pipeline  # noqa: E402
from .doc import Deadline, Directive, Document, DocumentFields, Person, Sentence, Span  # noqa: E402

__all__ = ["Pipeline", "Document", "Sentence", "Span", "Directive", "Deadline", "DocumentFields",
           "Person", "load", "__version__"]
