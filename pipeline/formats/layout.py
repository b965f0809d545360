"""The layout of administrative documents that every format shares: the two-column header
(issuer | national motto, number | place and date) and signature block ("Nơi nhận:" and its
list | "TM. ỦY BAN NHÂN DÂN", the signer), and how a table becomes lines.
"""

from __future__ import annotations

import re

HEADER_ANCHOR_RE = re.compile(r"C[ỘÔO]NG\s+H[ÒOÔ]À?A?\s+X[ÃA]\s+H[ỘÔO]I|Độc\s+lập\s*[-–]\s*Tự\s+do", re.I)
SIGNATURE_ANCHOR_RE = re.compile(r"Nơi\s+nhận\b", re.I)
DATA_TABLE_MIN_COLUMNS = 3


def is_two_column_block(text: str) -> bool:
    """Text of the header or of the signature block."""
    return bool(HEADER_ANCHOR_RE.search(text) or SIGNATURE_ANCHOR_RE.search(text))


def table_lines(rows: list[list[list[str]]]) -> list[str]:
    """Lines of a table given as rows of cells of lines.

    A data table (three columns or more) gives a line a row, `cell | cell | cell`.  The header
    or signature table gives its left column, then its right column, so the issuer and the motto
    never share a line.  Any other table gives its cells in reading order, a line a cell line."""
    columns = max((len(row) for row in rows), default=0)
    if columns >= DATA_TABLE_MIN_COLUMNS:
        return [" | ".join(" ".join(cell) for cell in row) for row in rows if row]
    if columns == 2 and is_two_column_block(" ".join(line for row in rows for cell in row for line in cell)):
        return [line for k in range(columns) for row in rows if k < len(row) for line in row[k]]
    return [line for row in rows for cell in row for line in cell]
