"""Round trip with Label Studio: tasks with the pipeline's predictions out, JSON exports back in.

    >>> tasks = to_labelstudio(load_annotations("pre.jsonl"))     # import into a project
    >>> config = labeling_config()                                # the project's labeling config
    >>> records, problems = from_labelstudio(json.load(open("export.json")))

What an annotator sees and edits (one project, `labeling_config()`): one set of span labels,
so that every Label Studio version tells the region kinds apart (`whenLabelValue`):

* `ORG` `PER` `TITLE` `LOC` `DATE` `DOC` — entity spans (spec §2);
* `DIRECTIVE` — directive spans (spec §4), with per-region fields `assignees` and
  `coordinators` (one name a line), `directive_deadline_type` (spec §3),
  `directive_deadline_text`, `directive_deadline_date` (ISO);
* `DEADLINE` — the phrase that sets a sentence's deadline, with per-region `deadline_type` and
  `deadline_date`; a sentence's class is that of the deadline phrase starting in it (the first
  in spec §3 order when several do), `none` without one;
* the spec §5 fields of the document: `doc_type` (a choice) and one text box each for the others
  (`chair`: one `name | title` a line; `signer`: `name | title`).

The task's `data` carries what annotators do not edit: `doc_id`, `source`, `split`, the sentence
boundaries of the pipeline's splitter and the pre-annotation's provenance.

Offsets: Label Studio counts characters (code points) in current versions, UTF-16 units in some
older ones; they differ only after a character outside the Basic Multilingual Plane. An imported
span is checked against the text it quotes and re-read as UTF-16 when that fits, so both work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any
from xml.sax.saxutils import quoteattr

from ..doc import DEADLINE_TYPES, DOC_TYPES, ENTITY_LABELS
from ..scoring import FIELD_NAMES
from .schema import (
    METHOD_FROM_SCRATCH, PIPELINE_METHOD_PREFIX, AnnotatedDocument, DirectiveAnnotation,
    EntityAnnotation, Provenance, SentenceAnnotation, corrected_provenance, strip_span,
)

TEXT = "text"                   # the Text object tag
LABELS = "label"                # the Labels control: entity, directive and deadline spans
DIRECTIVE = "DIRECTIVE"
DEADLINE = "DEADLINE"
SPAN_LABELS = (*ENTITY_LABELS, DIRECTIVE, DEADLINE)
# per-region controls of a directive
ASSIGNEES = "assignees"
COORDINATORS = "coordinators"
DIRECTIVE_TYPE = "directive_deadline_type"
DIRECTIVE_DEADLINE_TEXT = "directive_deadline_text"
DIRECTIVE_DEADLINE_DATE = "directive_deadline_date"
# per-region controls of a deadline phrase
DEADLINE_TYPE = "deadline_type"
DEADLINE_DATE = "deadline_date"
PERSON_SEPARATOR = " | "
TASK_DATA_KEYS = (TEXT, "doc_id", "source", "split", "sentences")   # what the import needs
DATE_HINT = "YYYY-MM-DD (date: the day; period: its last day)"
PHRASE_CLASSES = [t for t in DEADLINE_TYPES if t != "none"]   # the classes a deadline phrase can have
PRECEDENCE = {kind: rank for rank, kind in enumerate(DEADLINE_TYPES)}   # spec §3: first wins
COLORS = {"ORG": "#4e79a7", "PER": "#e15759", "TITLE": "#f28e2b", "LOC": "#59a14f",
          "DATE": "#b07aa1", "DOC": "#9c755f", DIRECTIVE: "#76b7b2", DEADLINE: "#edc948"}


# --------------------------------------------------------------------------- labeling config

def labeling_config() -> str:
    """The Label Studio labeling config (XML) the tasks of `to_labelstudio` are made for."""
    labels = "".join(f'\n    <Label value="{v}" background="{COLORS[v]}"/>' for v in SPAN_LABELS)
    parts = [
        "<View>",
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>",
        f'  <Labels name="{LABELS}" toName="{TEXT}">{labels}\n  </Labels>',
        f'  <Text name="{TEXT}" value="${TEXT}"/>',
        _region_header(DIRECTIVE, "Directive (spec §4)"),
        _textarea(ASSIGNEES, "assignees, one a line, as written", DIRECTIVE, rows=2, single=False),
        _textarea(COORDINATORS, "coordinators (phối hợp ...), one a line", DIRECTIVE, rows=2,
                  single=False),
        _choices(DIRECTIVE_TYPE, DEADLINE_TYPES, DIRECTIVE),
        _textarea(DIRECTIVE_DEADLINE_TEXT, "the phrase that sets the deadline", DIRECTIVE),
        _textarea(DIRECTIVE_DEADLINE_DATE, DATE_HINT, DIRECTIVE),
        _region_header(DEADLINE, "Deadline phrase (spec §3)"),
        _choices(DEADLINE_TYPE, PHRASE_CLASSES, DEADLINE),
        _textarea(DEADLINE_DATE, DATE_HINT, DEADLINE),
        '  <Header value="Document fields (spec §5)"/>',
        _choices("doc_type", DOC_TYPES),
        *(_textarea(name, _field_hint(name), rows=2 if name in ("title", "chair") else 1,
                    single=name != "chair")
          for name in FIELD_NAMES if name != "doc_type"),
        "</View>",
    ]
    return "\n".join(parts) + "\n"


def _region_header(label: str, title: str) -> str:
    return (f'  <View visibleWhen="region-selected" whenLabelValue="{label}">'
            f'<Header value="{title}"/></View>')


def _per_region_attributes(label: str | None) -> str:
    return f' perRegion="true" whenLabelValue="{label}"' if label else ""


def _choices(name: str, values: Iterable[str], region_label: str | None = None) -> str:
    inner = "".join(f'\n    <Choice value="{v}"/>' for v in values)
    return (f'  <Choices name="{name}" toName="{TEXT}" choice="single" showInline="true"'
            f'{_per_region_attributes(region_label)}>{inner}\n  </Choices>')


def _textarea(name: str, hint: str, region_label: str | None = None, rows: int = 1,
              single: bool = True) -> str:
    limit = ' maxSubmissions="1"' if single else ""
    return (f'  <TextArea name="{name}" toName="{TEXT}" editable="true" rows="{rows}"{limit}'
            f' placeholder={quoteattr(hint)}{_per_region_attributes(region_label)}/>')


def _field_hint(name: str) -> str:
    if name == "chair":
        return "one chair a line: name | title"
    if name == "signer":
        return "name | title"
    if name.endswith("_date"):
        return f"{name}: YYYY-MM-DD"
    return name


# --------------------------------------------------------------------------- export

def to_labelstudio(records: Iterable[AnnotatedDocument]) -> list[dict[str, Any]]:
    """Label Studio tasks (JSON list) with each record's annotations as a prediction."""
    return [_task(record) for record in records]


def _task(record: AnnotatedDocument) -> dict[str, Any]:
    text = record["text"]
    result = [_region(f"ent{i}", e["start"], e["end"], text, e["label"])
              for i, e in enumerate(record["entities"])]
    for i, d in enumerate(record["directives"]):
        result += _directive_results(f"dir{i}", d, text)
    for i, s in enumerate(record["sentences"]):
        result += _deadline_results(f"dl{i}", s, text)
    result += _field_results(record["document"])
    return {
        "data": {
            TEXT: text,
            "doc_id": record["doc_id"],
            "source": record["source"],
            "split": record["split"],
            "sentences": [[s["start"], s["end"]] for s in record["sentences"]],
            "provenance": record["provenance"],
        },
        "predictions": [{"model_version": _model_version(record), "result": result}],
    }


def _model_version(record: AnnotatedDocument) -> str:
    """"pipeline 0.1.0" for a pipeline pre-annotation, else the record's method."""
    method = record["provenance"]["method"]
    if method.startswith(PIPELINE_METHOD_PREFIX):
        return "pipeline " + method.removeprefix(PIPELINE_METHOD_PREFIX).split(",")[0]
    return method


def _region(region_id: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {"id": region_id, "from_name": LABELS, "to_name": TEXT, "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def _per_region(region_id: str, control: str, kind: str, start: int, end: int,
                value: dict[str, Any]) -> dict[str, Any]:
    """A per-region result: it shares the region's id and repeats its offsets."""
    return {"id": region_id, "from_name": control, "to_name": TEXT, "type": kind,
            "value": {"start": start, "end": end, **value}}


def _directive_results(region_id: str, d: DirectiveAnnotation, text: str) -> list[dict[str, Any]]:
    start, end = d["start"], d["end"]
    results = [_region(region_id, start, end, text, DIRECTIVE),
               _per_region(region_id, DIRECTIVE_TYPE, "choices", start, end,
                           {"choices": [d["deadline_type"]]})]
    entries = {ASSIGNEES: d["assignees"], COORDINATORS: d["coordinators"],
               DIRECTIVE_DEADLINE_TEXT: [d["deadline_text"]] if d["deadline_text"] is not None else [],
               DIRECTIVE_DEADLINE_DATE: [d["deadline_date"]] if d["deadline_date"] is not None else []}
    results += [_per_region(region_id, control, "textarea", start, end, {"text": values})
                for control, values in entries.items() if values]
    return results


def _deadline_results(region_id: str, s: SentenceAnnotation, text: str) -> list[dict[str, Any]]:
    """The sentence's deadline phrase as a DEADLINE region with its class and date (the whole
    sentence when it has a class but no phrase, as the deadline classifier can decide)."""
    if s["deadline_type"] == "none":
        return []
    phrase = s["deadline_text"]
    found = text.find(phrase, s["start"], s["end"]) if phrase else -1
    start, end = (found, found + len(phrase)) if phrase and found >= 0 else (s["start"], s["end"])
    results = [_region(region_id, start, end, text, DEADLINE),
               _per_region(region_id, DEADLINE_TYPE, "choices", start, end,
                           {"choices": [s["deadline_type"]]})]
    if s["deadline_date"] is not None:
        results.append(_per_region(region_id, DEADLINE_DATE, "textarea", start, end,
                                   {"text": [s["deadline_date"]]}))
    return results


def _field_results(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    results = []
    for name in FIELD_NAMES:
        value = document.get(name)
        if not value:
            continue
        if name == "doc_type":
            results.append({"id": "doc_type", "from_name": name, "to_name": TEXT, "type": "choices",
                            "value": {"choices": [value]}})
            continue
        lines = ([_person_line(p) for p in value] if name == "chair"
                 else [_person_line(value)] if name == "signer" else [value])
        results.append({"id": f"doc_{name}", "from_name": name, "to_name": TEXT, "type": "textarea",
                        "value": {"text": lines}})
    return results


def _person_line(person: Mapping[str, Any]) -> str:
    return person["name"] + (PERSON_SEPARATOR + person["title"] if person.get("title") else "")


# --------------------------------------------------------------------------- import

def from_labelstudio(tasks: Iterable[dict[str, Any]], annotator: str | None = None
                     ) -> tuple[list[AnnotatedDocument], list[str]]:
    """Annotated documents from a Label Studio JSON export (a list of tasks with
    `annotations`), and what could not be converted. Per task, the latest submitted
    annotation is read — or `annotator`'s (email or user id) when given; tasks without one
    are left out and reported."""
    records: list[AnnotatedDocument] = []
    problems: list[str] = []
    for task in tasks:
        data = task.get("data", {})
        doc_id = data.get("doc_id", f"task {task.get('id')}")
        missing = [key for key in TASK_DATA_KEYS if key not in data]
        if missing:
            problems.append(f"{doc_id}: task data lacks {', '.join(missing)} (not made by to_labelstudio)")
            continue
        annotation = _pick_annotation(task, annotator)
        if annotation is None:
            problems.append(f"{doc_id}: no submitted annotation"
                            + (f" by {annotator}" if annotator else ""))
            continue
        record, record_problems = _record(data, annotation)
        records.append(record)
        problems += [f"{doc_id}: {p}" for p in record_problems]
    return records, problems


def _pick_annotation(task: dict[str, Any], annotator: str | None) -> dict[str, Any] | None:
    submitted = [a for a in task.get("annotations") or () if not a.get("was_cancelled")]
    if annotator is not None:
        submitted = [a for a in submitted if annotator in _user_keys(a.get("completed_by"))]
    # ISO timestamps sort in time order; annotations without one keep their list order
    submitted.sort(key=lambda a: a.get("updated_at") or a.get("created_at") or "")
    return submitted[-1] if submitted else None


def _user_keys(user: Any) -> set[str]:
    """What identifies an export's `completed_by`: a user id, or an object with id and email."""
    if isinstance(user, dict):
        return {str(user[k]) for k in ("id", "email") if user.get(k) is not None}
    return {str(user)} if user is not None else set()


def _user_name(user: Any) -> str | None:
    if isinstance(user, dict):
        return user.get("email") or (f"labelstudio user {user['id']}" if "id" in user else None)
    return f"labelstudio user {user}" if user is not None else None


def _record(data: dict[str, Any], annotation: dict[str, Any]) -> tuple[AnnotatedDocument, list[str]]:
    text = data[TEXT]
    problems: list[str] = []
    regions, attributes, fields = _group_results(annotation.get("result") or [])
    entities: list[EntityAnnotation] = []
    directives: list[DirectiveAnnotation] = []
    deadlines: list[tuple[int, int, str, str | None]] = []
    for region_id, item in regions.items():
        span = _resolve_span(text, item["value"])
        labels = item["value"].get("labels") or []
        if span is None or len(labels) != 1:
            problems.append(f"region {region_id} ({labels}, "
                            f"{item['value'].get('text')!r}): "
                            + ("offsets do not match its text" if span is None else "needs one label"))
            continue
        start, end = span
        if labels[0] == DIRECTIVE:
            directives.append(_directive(start, end, text, attributes[region_id]))
        elif labels[0] == DEADLINE:
            kind = _first(attributes[region_id].get(DEADLINE_TYPE))
            if kind is None:
                problems.append(f"deadline phrase {text[start:end]!r} at {start} has no deadline_type")
                continue
            deadlines.append((start, end, kind, _first(attributes[region_id].get(DEADLINE_DATE))))
        else:
            entities.append({"start": start, "end": end, "label": labels[0], "text": text[start:end]})
    record: AnnotatedDocument = {
        "doc_id": data["doc_id"],
        "source": data["source"],
        "split": data["split"],
        "text": text,
        "entities": sorted(entities, key=lambda e: (e["start"], e["end"])),
        "sentences": _sentences(data["sentences"], deadlines, text),
        "directives": sorted(directives, key=lambda d: (d["start"], d["end"])),
        "document": _document(fields),
        "provenance": _provenance(data.get("provenance"), annotation),
    }
    return record, problems


def _group_results(results: list[dict[str, Any]]
                   ) -> tuple[dict[str, dict], dict[str, dict[str, Any]], dict[str, Any]]:
    """Regions (labels results) by id; their per-region values by id and control name; and
    the document-level values by control name."""
    regions: dict[str, dict[str, Any]] = {}
    attributes: dict[str, dict[str, Any]] = defaultdict(dict)
    fields: dict[str, Any] = {}
    for item in results:
        value = item.get("value") or {}
        if item.get("type") == "labels" and item.get("from_name") == LABELS:
            regions[item["id"]] = item
        elif item.get("type") in ("textarea", "choices"):
            content = value.get("text") if item["type"] == "textarea" else value.get("choices")
            if "start" in value:
                attributes[item["id"]][item["from_name"]] = content
            else:
                fields[item["from_name"]] = content
    return regions, attributes, fields


def _resolve_span(text: str, value: dict[str, Any]) -> tuple[int, int] | None:
    """(start, end) in code points, white space trimmed from both ends; offsets counted in
    UTF-16 units are converted when the quoted text says so. None when nothing fits."""
    start, end, quoted = value.get("start"), value.get("end"), value.get("text")
    if not (isinstance(start, int) and isinstance(end, int)):
        return None
    if isinstance(quoted, str) and text[start:end] != quoted:
        start, end = _from_utf16(text, start), _from_utf16(text, end)
        if text[start:end] != quoted:
            return None
    if not 0 <= start < end <= len(text):
        return None
    start, end = strip_span(text, start, end)
    return (start, end) if start < end else None


def _from_utf16(text: str, units: int) -> int:
    """The code-point index of a UTF-16 offset into `text`."""
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _first(values: Any) -> str | None:
    """The first non-blank entry of a text box / choice list, stripped."""
    entries = _entries(values)
    return entries[0] if entries else None


def _entries(values: Any) -> list[str]:
    """A text box's entries, split on new lines (an annotator may type several in one)."""
    if isinstance(values, str):
        values = [values]
    return [line.strip() for value in values or () for line in str(value).splitlines() if line.strip()]


def _directive(start: int, end: int, text: str, attributes: dict[str, Any]) -> DirectiveAnnotation:
    return {
        "start": start, "end": end, "text": text[start:end],
        "assignees": _entries(attributes.get(ASSIGNEES)),
        "coordinators": _entries(attributes.get(COORDINATORS)),
        "deadline_type": _first(attributes.get(DIRECTIVE_TYPE)) or "none",
        "deadline_text": _first(attributes.get(DIRECTIVE_DEADLINE_TEXT)),
        "deadline_date": _first(attributes.get(DIRECTIVE_DEADLINE_DATE)),
    }


def _sentences(bounds: list[list[int]], deadlines: list[tuple[int, int, str, str | None]],
               text: str) -> list[SentenceAnnotation]:
    """Each sentence with the class of the deadline phrase starting in it (the first in
    spec §3 order when several do), or `none`."""
    sentences: list[SentenceAnnotation] = []
    for start, end in bounds:
        inside = [d for d in deadlines if start <= d[0] < end]
        if not inside:
            sentences.append({"start": start, "end": end, "deadline_type": "none",
                              "deadline_text": None, "deadline_date": None})
            continue
        d_start, d_end, kind, date = min(inside, key=lambda d: (PRECEDENCE.get(d[2], len(PRECEDENCE)), d[0]))
        # a region over the whole sentence is how `_deadline_results` exports a class with no phrase
        phrase = None if (d_start, d_end) == (start, end) else text[d_start:d_end]
        sentences.append({"start": start, "end": end, "deadline_type": kind,
                          "deadline_text": phrase, "deadline_date": date})
    return sentences


def _document(fields: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for name in FIELD_NAMES:
        entries = _entries(fields.get(name))
        if name == "chair":
            document[name] = [_person(line) for line in entries] or None
        elif name == "signer":
            document[name] = _person(entries[0]) if entries else None
        else:
            document[name] = entries[0] if entries else None
    return document


def _person(line: str) -> dict[str, str | None]:
    """"name | title" (or a name alone) as {name, title}."""
    name, _, title = line.partition(PERSON_SEPARATOR.strip())
    return {"name": name.strip(), "title": title.strip() or None}


def _provenance(pre: Provenance | None, annotation: dict[str, Any]) -> Provenance:
    """The pre-annotation's provenance, corrected by the annotation's author."""
    user = _user_name(annotation.get("completed_by"))
    if not pre:
        return {"method": METHOD_FROM_SCRATCH, "annotator": user, "reviewed_by": None, "notes": ""}
    return corrected_provenance(pre, user)
