"""Damaging a store's page on purpose, where a test means it: a page of rows, never the schema's.

Flipping bytes "in the middle of the file" hit the schema pages once the schema grew (a migration adds tables):
the file then no longer opened at all, which is another test. Here the page damaged is the first page of a table
of rows, found through the schema with the key, so the file still opens and reading that table fails.
"""

from __future__ import annotations

from pathlib import Path

from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.engine import connect_raw

ROWS_TABLE = "occupancy_status"
"""A reference table the first migration fills: every store has rows in it."""


def damage_a_page_of_rows(path: Path, key: DatabaseKey, table: str = ROWS_TABLE) -> None:
    """Flip 64 bytes in the middle of ``table``'s first page in the encrypted file at ``path``."""
    connection = connect_raw(path, key)
    try:
        page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
        root = int(connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])
    finally:
        connection.close()
    content = bytearray(path.read_bytes())
    start = (root - 1) * page_size + page_size // 2
    content[start : start + 64] = bytes(byte ^ 0xFF for byte in content[start : start + 64])
    path.write_bytes(bytes(content))
