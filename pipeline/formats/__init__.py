"""File formats: bytes in, Unicode text out (`readers.read_path` picks the format).

Each module turns one kind of input into plain text with its line structure:
`encodings` (text files, legacy Vietnamese encodings), `html` (portal pages),
`docx` (Word) and `pdf` (text-layer PDFs).  A file that cannot be read raises
`UnreadableFile`, whose message is written for the user.
"""


class UnreadableFile(Exception):
    """The input cannot be turned into text; `str(exc)` says why, in words a user understands."""
