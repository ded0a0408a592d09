"""Choosing a reader for an input file: by suffix, and by content where the suffix is unclear."""

from __future__ import annotations

import gzip
import io
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

from kg.corpus.arxiv_atom import read_arxiv_atom
from kg.corpus.files import (
    binary_reason,
    decode_legacy,
    detect_encoding,
    iter_raw_lines,
    open_binary,
    read_head,
)
from kg.corpus.hf_listing import read_hf_listing
from kg.corpus.jsonl import read_jsonl
from kg.corpus.models import InputProblem, Paper, SourceRef
from kg.corpus.pubmed_xml import read_pubmed_xml
from kg.corpus.tabular import header_delimiter, read_tabular

Reader = Callable[[Path, str], Iterator[Paper | InputProblem]]

READERS: Mapping[str, Reader] = MappingProxyType(
    {
        "hf_listing": read_hf_listing,
        "jsonl": read_jsonl,
        "tabular": read_tabular,
        "arxiv_atom": read_arxiv_atom,
        "pubmed_xml": read_pubmed_xml,
    }
)
"""Format name → reader. Each reader is a generator of papers and problems."""

SUFFIX_FORMATS: Mapping[str, str] = MappingProxyType(
    {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "tabular", ".tsv": "tabular"}
)
"""Suffixes that settle the format; others (``.txt``, ``.xml``, ``.atom``, ...) are sniffed."""

XML_ROOTS: Mapping[str, str] = MappingProxyType(
    {
        "feed": "arxiv_atom",
        "PubmedArticleSet": "pubmed_xml",
        "PubmedArticle": "pubmed_xml",
        "PubmedBookArticle": "pubmed_xml",
    }
)

INPUT_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".jsonl", ".ndjson", ".csv", ".tsv", ".xml", ".atom"}
)
"""Files a directory argument contributes (also gzipped: ``.jsonl.gz``)."""

_XML_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.DOTALL)
_XML_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")


class UnsupportedInput(ValueError):
    """The file is readable but in no format medkg reads."""


def logical_suffix(path: Path) -> str:
    """Return the suffix that names the format, looking through ``.gz``.

    >>> logical_suffix(Path("papers.JSONL.gz"))
    '.jsonl'
    """
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def xml_root(text: str) -> str | None:
    """Return the local name of the document element, skipping prolog, comments and DOCTYPE.

    >>> xml_root('<?xml version="1.0"?><!DOCTYPE PubmedArticleSet SYSTEM "x"><PubmedArticleSet>')
    'PubmedArticleSet'
    """
    match = _XML_ROOT.search(_XML_PROLOG.sub("", text))
    return match[1].rpartition(":")[2] if match else None


def sniff_format(head: bytes, suffix: str = "") -> str:
    """Return the format name for a file that starts with ``head``.

    Raises:
        UnsupportedInput: empty, binary, or XML with an unknown document element.

    >>> sniff_format(b'{"title": "A", "abstract": "B"}\\n')
    'jsonl'
    >>> sniff_format(b"Title\\tAbstract\\nA\\tB\\n")
    'tabular'
    """
    reason = binary_reason(head)
    if reason is not None:
        raise UnsupportedInput(reason)
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not text:
        raise UnsupportedInput("empty file")
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    if text.startswith("<"):
        root = xml_root(text)
        if root is not None and root in XML_ROOTS:
            return XML_ROOTS[root]
        raise UnsupportedInput(
            f"XML document <{root}> is neither an arXiv Atom <feed> nor a PubMed <PubmedArticleSet>"
            if root
            else "XML without a document element"
        )
    if suffix in (".xml", ".atom"):
        raise UnsupportedInput("not an XML document")
    if text.startswith("{"):
        return "jsonl"
    if header_delimiter(text.partition("\n")[0].strip("\r")) is not None:
        return "tabular"
    return "hf_listing"


def detect_format(path: Path) -> str:
    """Return the name (a key of :data:`READERS`) of the reader for ``path``.

    Raises:
        UnsupportedInput: see :func:`sniff_format`.
        OSError: the file cannot be read.
    """
    return sniff_format(read_head(path), logical_suffix(path))


def input_files(directory: Path) -> list[Path]:
    """Return the input files directly in ``directory``: by suffix, sorted, not hidden."""
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and not p.name.startswith(".") and logical_suffix(p) in INPUT_SUFFIXES
    )


def iter_records(path: Path | str) -> Iterator[Paper | InputProblem]:
    """Read one input file, or every input file in a directory, record by record.

    Nothing escapes as an exception: a file that cannot be read (missing, unreadable,
    binary, unsupported, corrupt gzip) or holds no paper at all is reported as an
    :class:`InputProblem` and the caller moves on.

    Args:
        path: a file in any supported format (optionally gzipped) or a directory.

    Yields:
        Papers and problems in file order; papers are not deduplicated here.
    """
    path = Path(path)
    name = str(path)
    if path.is_dir():
        try:
            files = input_files(path)
        except OSError as e:
            yield InputProblem(SourceRef(name), f"cannot list directory: {e.strerror or e}")
            return
        if not files:
            yield InputProblem(SourceRef(name), "directory holds no supported input files")
        for file in files:
            yield from iter_records(file)
        return
    if not path.exists():
        yield InputProblem(SourceRef(name), "no such file or directory")
        return
    if not path.is_file():
        yield InputProblem(SourceRef(name), "not a regular file")
        return
    try:
        head = read_head(path)
        encoding = detect_encoding(head)
        if encoding != "utf-8":
            head = _decode(head, encoding).encode("utf-8")
        format_name = sniff_format(head, logical_suffix(path))
    except UnsupportedInput as e:
        yield InputProblem(SourceRef(name), str(e))
        return
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        yield InputProblem(SourceRef(name), f"not a valid gzip file (corrupt or truncated): {e}")
        return
    except OSError as e:
        yield InputProblem(
            SourceRef(name), f"cannot read file: {getattr(e, 'strerror', None) or e}"
        )
        return
    reader = READERS[format_name]
    workdir: str | None = None
    source = path
    count = 0
    try:
        if encoding != "utf-8" and not (
            format_name in _XML_FORMATS and _declares_encoding(read_head(path, 200), encoding)
        ):
            # Read a UTF-8 copy, so every reader sees the text it expects; the papers are
            # kept and the file is named once so that the user can fix its encoding.
            workdir = tempfile.mkdtemp(prefix="medkg-transcode-")
            source = Path(workdir) / f"input{logical_suffix(path)}"
            _transcode(path, encoding, source, xml=format_name in _XML_FORMATS)
            yield InputProblem(SourceRef(name), _ENCODING_NOTES[encoding])
        for record in reader(source, name):
            count += 1
            yield record
    except (OSError, EOFError, zlib.error) as e:
        yield InputProblem(SourceRef(name), f"reading stopped: {getattr(e, 'strerror', None) or e}")
        return
    except Exception as e:
        yield InputProblem(SourceRef(name), f"reading stopped by an internal error: {e!r}")
        return
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    if count == 0:
        yield InputProblem(SourceRef(name), "no records found")


_XML_FORMATS = frozenset({"arxiv_atom", "pubmed_xml"})
_ENCODING_NOTES: Mapping[str, str] = MappingProxyType(
    {
        "utf-16": "file is UTF-16, not UTF-8: decoded as UTF-16 and read (nothing skipped)",
        "utf-16-le": "file is UTF-16 (little-endian, no byte-order mark), not UTF-8: decoded "
        "and read (nothing skipped)",
        "utf-16-be": "file is UTF-16 (big-endian, no byte-order mark), not UTF-8: decoded "
        "and read (nothing skipped)",
        "cp1252": "file is not UTF-8: decoded as Latin-1/Windows-1252 and read (nothing "
        "skipped; check its accented characters)",
    }
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_XML_ENCODING_TEXT = re.compile(r"""^(<\?xml[^>]*?)\sencoding\s*=\s*["'][A-Za-z0-9._-]+["']""")


def _declares_encoding(head: bytes, encoding: str) -> bool:
    """Whether an XML file declares its encoding itself (then the XML parser decodes it)."""
    if encoding == "utf-16":
        return True  # byte-order mark: expat reads UTF-16 natively
    match = _XML_ENCODING.match(head)
    return match is not None and match[1].lower().replace(b"_", b"-") not in (b"utf-8", b"utf8")


def _decode(data: bytes, encoding: str) -> str:
    if encoding == "cp1252":
        return "".join(decode_legacy(line) for line in data.splitlines(keepends=True))
    text = data.decode(encoding, errors="replace")
    return text.removeprefix("\ufeff")


def _transcode(path: Path, encoding: str, target: Path, *, xml: bool) -> None:
    """Write a UTF-8 copy of the (possibly gzipped) text file ``path`` to ``target``."""
    with open_binary(path) as stream, target.open("w", encoding="utf-8", newline="") as out:
        if encoding == "cp1252":
            lines: Iterator[str] = (decode_legacy(raw) for _, raw in iter_raw_lines(stream))
        else:
            # A TextIOWrapper keeps "\r\n" and lone "\r" as they are (newline="").
            lines = iter(io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=""))
        for number, line in enumerate(lines):
            if number == 0:
                line = line.removeprefix("\ufeff")
                if xml:
                    line = _XML_ENCODING_TEXT.sub(r"\1", line)
            out.write(line)
