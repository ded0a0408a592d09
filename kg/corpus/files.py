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


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c")


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8, allowing a multi-byte character cut off at the end."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start >= len(data) - 3 and e.reason == "unexpected end of data"
    return True


def binary_reason(head: bytes) -> str | None:
    """Say why ``head`` is not UTF-8 text, or return None when it may be.

    A few stray NUL bytes in otherwise valid UTF-8 text do not make it binary: the lines
    holding them are reported (or cleaned) by the readers and the rest of the file is read.

    >>> binary_reason(b"title\\tabstract\\n") is None
    True
    >>> binary_reason(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    'binary file (contains NUL bytes), not a text export'
    >>> binary_reason(b'{"title": "A"}\\n' * 20 + b"\\x00\\n") is None
    True
    """
    if head.startswith(_UTF16_BOMS):
        return "UTF-16 encoded text; save the file as UTF-8"
    if b"\x00" in head:
        # Binary formats are dense with control bytes; text with a few stray NULs is not.
        controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
        if controls * 20 > len(head):
            return "binary file (contains NUL bytes), not a text export"
    return None


def detect_encoding(head: bytes) -> str:
    """Return the encoding of a text file that starts with ``head``.

    ``"utf-8"`` (ASCII included, and text that is mostly UTF-8 with a few bad lines, which
    the readers report line by line); ``"utf-16"`` (byte-order mark) or ``"utf-16-le"`` /
    ``"utf-16-be"`` (no mark, recognised by the NUL byte of each ASCII character);
    ``"cp1252"`` for 8-bit text that is not UTF-8 and holds no UTF-8 multi-byte character
    at all (Latin-1 / Windows-1252 exports).

    >>> detect_encoding("Résumé".encode("utf-8")), detect_encoding("Résumé".encode("latin-1"))
    ('utf-8', 'cp1252')
    >>> detect_encoding("Title\\n".encode("utf-16-le"))
    'utf-16-le'
    """
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    if _is_utf8(head):
        return "utf-8"
    text = head.decode("utf-8", errors="replace")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in text):
        return "utf-8"  # some real UTF-8: the bad lines are the exception
    return "cp1252"


def decode_legacy(raw: bytes) -> str:
    """Decode a line of an 8-bit file: UTF-8 if it is, else Windows-1252, else Latin-1.

    >>> decode_legacy(b"M\\xfcller \\x93quoted\\x94"), decode_legacy(b"\\x81")
    ('Müller “quoted”', '\\x81')
    """
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


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
