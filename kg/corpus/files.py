"""Opening input files: transparent gzip, binary sniffing and line-by-line UTF-8 decoding."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def open_binary(path: Path) -> BinaryIO:
    """Open ``path`` for binary reading, decompressing it when it is gzipped.

    Compression is recognised by the gzip magic number, not the suffix, so a mis-named
    ``papers.jsonl`` that is really gzipped still reads.

    Raises:
        OSError: the file cannot be opened.
    """
    with path.open("rb") as probe:
        magic = probe.read(2)
    if magic == GZIP_MAGIC:
        return cast(BinaryIO, gzip.open(path, "rb"))
    return path.open("rb")


def read_head(path: Path, size: int = 65536) -> bytes:
    """Return the first ``size`` (decompressed) bytes of ``path``.

    Raises:
        OSError: the file cannot be read (including a corrupt gzip header).
        EOFError: a gzip stream ends early.
    """
    with open_binary(path) as stream:
        return stream.read(size)


def binary_reason(head: bytes) -> str | None:
    """Say why ``head`` is not UTF-8 text, or return None when it may be.

    >>> binary_reason(b"title\\tabstract\\n") is None
    True
    >>> binary_reason(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    'binary file (contains NUL bytes), not a text export'
    """
    if head.startswith(_UTF16_BOMS):
        return "UTF-16 encoded text; save the file as UTF-8"
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not a text export"
    return None


def iter_raw_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line_number, raw_line)``, line ending kept, without a leading UTF-8 BOM."""
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM) :]
        yield number, raw


def iter_lines(stream: BinaryIO) -> Iterator[tuple[int, str | None]]:
    """Yield ``(line_number, text)`` for each line; ``text`` is None if it is not UTF-8.

    Lines keep their line ending (the CSV reader needs it inside quoted fields); a UTF-8
    byte-order mark on the first line is dropped. Decoding line by line lets one bad line be
    reported while the rest of the file is still read.
    """
    for number, raw in iter_raw_lines(stream):
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None
