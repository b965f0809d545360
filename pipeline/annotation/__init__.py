"""Gold annotation: the JSONL format, its validation, and the annotators' tools.

    schema       the format (`AnnotatedDocument`), `from_document`, `to_record`, JSONL files
    validate     `validate_paths` -> readable `Problem`s
    labelstudio  Label Studio tasks / labeling config out, JSON exports in
    doccano      doccano sequence-labeling JSONL out and in
    docbin       spaCy DocBin (.spacy) for training, and back
    tokenizer    the token boundaries shared by spaCy training data and agreement
    agreement    `agree`: span F1, token kappa, deadline and directive agreement
    commands     `python -m pipeline annotate ...`

Import the modules themselves (`from pipeline.annotation.schema import from_document`): the
package imports nothing, so `python -m pipeline` starts without numpy, scipy or spaCy.
"""
