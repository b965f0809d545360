"""Component registry: stages are created by name from the config file.

    @registry.component("deadlines")
    def make_deadlines(config: dict, models_dir: Path) -> Callable[[Document], Document]: ...

`Pipeline(processors=[...])` looks the names up here, so a new stage (or a
trained replacement for a rule stage) plugs in without touching the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .doc import Document

Component = Callable[[Document], Document]
Factory = Callable[[dict[str, Any], Path], Component]

_FACTORIES: dict[str, Factory] = {}


def component(name: str) -> Callable[[Factory], Factory]:
    def register(factory: Factory) -> Factory:
        _FACTORIES[name] = factory
        return factory
    return register


def create(name: str, config: dict[str, Any], models_dir: Path) -> Component:
    _load_builtin()
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise ValueError(f"unknown pipeline component {name!r}; known: {sorted(_FACTORIES)}") from None
    return factory(config, models_dir)


def names() -> list[str]:
    _load_builtin()
    return sorted(_FACTORIES)


def _load_builtin() -> None:
    # importing the stage modules runs their @component decorators
    from . import cleaning, deadlines, directives, entities, fields, sentences  # noqa: F401
