"""Property-based tests: every corpus reader survives hostile input and reports what it skips.

For each format (Hugging Face listing text, JSON Lines, CSV/TSV, arXiv Atom, PubMed XML):

* arbitrary bytes (and arbitrary Unicode, encoded several ways) never make ``read_corpus`` or
  the reader itself raise, and every problem names the file;
* good records mixed with bad ones: every good record is kept (its title exactly as the reader
  normalises it) and every bad record is reported by file and line or record number.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from kg.corpus import READERS, InputProblem, Paper, read_corpus
from kg.corpus.fields import clean_text

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

SUFFIXES = (".txt", ".jsonl", ".csv", ".tsv", ".xml", ".atom", "")
# Characters that have broken parsers and serialisers before: markup, quotes, escapes,
# byte-order marks, bidi controls, zero-width joiners, combining marks, emoji.
SPECIALS = (
    "<",
    ">",
    "&",
    '"',
    "'",
    "\\",
    "\t",
    " ",
    "\ufeff",
    "\u200f",
    "\u202e",
    "\u200d",
    "\u0301",
    "\u05d0",
    "\u0627",
    "😀",
    "🩺",
    "\u00e9",
    "\u00a0",
    "\u2028",
    "{",
    "}",
    ",",
    ";",
)
_TEXT_CHARS = st.one_of(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"),
    st.sampled_from(SPECIALS),
)
# Text that is valid anywhere, XML included (no controls, surrogates or noncharacters).
clean_unicode = st.text(alphabet=_TEXT_CHARS, min_size=0, max_size=40)
# Anything a Python string can hold, lone surrogates and NUL included.
any_unicode = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(("\ud800", "\udfff", "\x00", "\x85"))),
    max_size=60,
)


@pytest.fixture()
def workdir() -> Iterator[Path]:
    # A fresh directory per example (hypothesis reruns a test body in one tmp_path).
    with tempfile.TemporaryDirectory(prefix="medkg-fuzz-") as name:
        yield Path(name)


def _read_all(path: Path) -> tuple[list[Paper], list[InputProblem]]:
    corpus = read_corpus([path])
    return list(corpus.papers), list(corpus.problems)


def _assert_named(problems: list[InputProblem], path: Path) -> None:
    for problem in problems:
        assert problem.source.path == str(path), problem
        assert "internal error" not in problem.message, problem
        assert problem.message


def _assert_positioned(problems: list[InputProblem], path: Path) -> None:
    """Every record-level problem has a line or record; file-level notes are encoding notes."""
    _assert_named(problems, path)
    for problem in problems:
        if problem.source.line is None and problem.source.record is None:
            assert "decoded as" in problem.message or "decoded and read" in problem.message, problem


def _direct_read(path: Path) -> None:
    """Call every reader straight (no dispatch safety net): only I/O errors may escape."""
    for reader in READERS.values():
        try:
            for item in reader(path, str(path)):
                assert isinstance(item, Paper | InputProblem)
                if isinstance(item, Paper):
                    assert item.title and item.abstract
                    item.title.encode("utf-8")
                    item.abstract.encode("utf-8")
        except (OSError, EOFError, zlib.error):
            pass


# --- arbitrary input never crashes ----------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), gz=st.booleans())
@example(data=b"", suffix=".txt", gz=False)
@example(data=b"\xef\xbb\xbf", suffix=".jsonl", gz=False)
@example(data=b"\x1f\x8bnot gzip at all", suffix=".jsonl", gz=False)
@example(data=b'<?xml version="1.0"?><feed><entry><title>T', suffix=".xml", gz=False)
@example(data=b"<PubmedArticleSet><PubmedArticle>\x00", suffix=".xml", gz=True)
@example(data=b'title,abstract\n"unterminated,x\n', suffix=".csv", gz=False)
@example(data=b"\xff\xfe\x00\xd8", suffix=".txt", gz=False)
def test_arbitrary_bytes_never_raise(workdir: Path, data: bytes, suffix: str, gz: bool) -> None:
    path = workdir / f"input{suffix}{'.gz' if gz else ''}"
    path.write_bytes(gzip.compress(data) if gz else data)
    papers, problems = _read_all(path)
    _assert_named(problems, path)
    assert papers or problems  # an input that yields nothing is reported
    _direct_read(path)


@FUZZ
@given(
    text=any_unicode,
    suffix=st.sampled_from(SUFFIXES),
    encoding=st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252")),
    newline=st.sampled_from(("\n", "\r\n", "\r")),
)
def test_arbitrary_unicode_never_raises(
    workdir: Path, text: str, suffix: str, encoding: str, newline: str
) -> None:
    data = text.replace("\n", newline).encode(encoding, errors="replace")
    path = workdir / f"input{suffix}"
    path.write_bytes(data)
    papers, problems = _read_all(path)
    _assert_named(problems, path)
    for paper in papers:
        assert paper.title == clean_text(paper.title)  # no control characters, no surrogates
        paper.title.encode("utf-8")
    _direct_read(path)


@FUZZ
@given(
    prefix=st.sampled_from(
        [
            '{"title": "A", "abstract": "B"}',
            '[{"title": "A"',
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A'
            "</title><summary>B.</summary></entry>",
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
            "<ArticleTitle>A</ArticleTitle><Abstract><AbstractText>B.</AbstractText>"
            "</Abstract></Article></MedlineCitation></PubmedArticle>",
            "title,abstract\nA,B\n",
        ]
    ),
    junk=st.binary(max_size=200),
    cut=st.integers(min_value=0, max_value=400),
)
def test_truncated_and_corrupted_documents(
    workdir: Path, prefix: str, junk: bytes, cut: int
) -> None:
    data = (prefix.encode() + junk)[:cut]
    for suffix in (".jsonl", ".xml", ".csv", ".txt"):
        path = workdir / f"doc{suffix}"
        path.write_bytes(data)
        _, problems = _read_all(path)
        _assert_named(problems, path)
        _direct_read(path)


# --- good records around bad ones -----------------------------------------------------------


def _title(i: int, text: str) -> str:
    # A unique, non-empty title that cannot look like anything but a title.
    return f"P{i} — {text} T{i}"


def _expect_title(raw: str) -> str:
    return clean_text(raw)


@FUZZ
@given(
    items=st.lists(
        st.one_of(
            st.tuples(st.just("good"), any_unicode, any_unicode, st.booleans()),
            st.tuples(
                st.sampled_from(("truncated", "no_abstract", "array", "latin1", "nul", "text")),
                clean_unicode,
                clean_unicode,
                st.booleans(),
            ),
        ),
        min_size=1,
        max_size=12,
    ),
    crlf=st.booleans(),
    bom=st.booleans(),
)
def test_jsonl_good_lines_kept_bad_lines_named(
    workdir: Path, items: list[tuple[str, str, str, bool]], crlf: bool, bom: bool
) -> None:
    lines: list[bytes] = []
    expected: list[str] = []
    bad_lines: list[int] = []
    for i, (kind, title, abstract, ascii_only) in enumerate(items):
        title, abstract = _title(i, title), f"Abstract {i}: {abstract}."
        record = {"title": title, "abstract": abstract, "authors": [title[:10]], "url": abstract}
        has_surrogate = any("\ud800" <= c <= "\udfff" for c in title + abstract)
        line = json.dumps(record, ensure_ascii=ascii_only or has_surrogate)
        if kind == "good":
            expected.append(_expect_title(title))
            lines.append(line.encode("utf-8"))
            continue
        bad_lines.append(len(lines) + 1)
        if kind == "truncated":
            lines.append(line[: max(1, len(line) // 2)].encode("utf-8", errors="replace"))
        elif kind == "no_abstract":
            lines.append(json.dumps({"title": title}).encode())
        elif kind == "array":
            lines.append(json.dumps([title, abstract]).encode())
        elif kind == "latin1":
            lines.append(b'{"title": "R\xe9sum\xe9 ' + str(i).encode() + b'", "abstract": "x."}')
        elif kind == "nul":
            lines.append(b'{"title": "A\x00B", "abstract": "x."}')  # raw NUL: invalid JSON
        else:
            lines.append(("not json " + title).encode("utf-8"))
    # One real UTF-8 character keeps the file "UTF-8 with bad lines" (not a Latin-1 file).
    lines.insert(
        0, json.dumps({"title": "Première", "abstract": "Ça va."}, ensure_ascii=False).encode()
    )
    expected.insert(0, "Première")
    bad_lines = [n + 1 for n in bad_lines]
    eol = b"\r\n" if crlf else b"\n"
    path = workdir / "papers.jsonl"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + eol.join(lines) + eol)
    papers, problems = _read_all(path)
    _assert_positioned(problems, path)
    assert [p.title for p in papers] == expected
    reported = {p.source.line for p in problems}
    assert set(bad_lines) <= reported
    assert reported <= set(bad_lines) | {None} | set(range(1, len(lines) + 1))


def _listing_text(i: int, text: str) -> str:
    return " ".join(f"P{i} — {text} T{i}".split())


@FUZZ
@given(
    items=st.lists(
        st.tuples(st.sampled_from(("good", "good", "orphan_title")), clean_unicode, clean_unicode),
        min_size=1,
        max_size=10,
    ),
    layout=st.sampled_from(("blank", "one_per_line", "byline")),
    crlf=st.booleans(),
)
def test_hf_listing_good_papers_kept_orphan_titles_named(
    workdir: Path, items: list[tuple[str, str, str]], layout: str, crlf: bool
) -> None:
    assume(not (layout == "one_per_line" and any(k == "orphan_title" for k, _, _ in items[-1:])))
    lines = ["Daily Papers", "", "Aug 19", ""] if layout != "one_per_line" else ["Subscribe"]
    expected: list[str] = []
    orphan_lines: list[int] = []
    for i, (kind, title, abstract) in enumerate(items):
        title = _listing_text(i, title)
        abstract = " ".join(f"We study {abstract} in case {i}.".split())
        if kind == "orphan_title":
            orphan_lines.append(len(lines) + 1)
            lines += [title] + ([""] if layout != "one_per_line" else [])
            continue
        expected.append(clean_text(title))
        if layout == "one_per_line":
            lines += [title, abstract]
        elif layout == "blank":
            lines += [title, "", abstract, ""]
        else:
            lines += [title, "", abstract, "", f"• {i + 1} authors", "·", "Jan 12, 2025 3", ""]
    if layout == "one_per_line":
        # Without blank lines an orphan title is followed by the next title: still a title.
        pass
    eol = "\r\n" if crlf else "\n"
    path = workdir / "listing.txt"
    path.write_text(eol.join(lines) + eol, encoding="utf-8", newline="")
    papers, problems = _read_all(path)
    _assert_positioned(problems, path)
    assert [p.title for p in papers] == expected
    orphans = [p for p in problems if p.message.startswith("title without an abstract")]
    assert sorted(p.source.line for p in orphans) == orphan_lines
    assert all(p.source.line is not None for p in problems)


@FUZZ
@given(
    items=st.lists(
        st.tuples(
            st.sampled_from(("good", "good", "missing_abstract", "ragged", "latin1", "nul")),
            clean_unicode,
            clean_unicode,
        ),
        min_size=1,
        max_size=10,
    ),
    delimiter=st.sampled_from((",", "\t", ";")),
    quoting=st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)),
    crlf=st.booleans(),
    unterminated_tail=st.booleans(),
)
def test_tabular_good_rows_kept_bad_rows_named(
    workdir: Path,
    items: list[tuple[str, str, str]],
    delimiter: str,
    quoting: int,
    crlf: bool,
    unterminated_tail: bool,
) -> None:
    eol = "\r\n" if crlf else "\n"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=eol)
    writer.writerow(["id", "Title", "Abstract", "Upvotes"])
    chunks: list[bytes] = [out.getvalue().encode()]
    expected = ["Première"]
    bad_lines: list[int] = []
    line = 2

    def row_bytes(cells: list[str]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=eol).writerow(cells)
        return buffer.getvalue().encode("utf-8")

    first = row_bytes(["0", "Première", "Ça va.", "1"])
    chunks.append(first)
    line += first.count(b"\n")
    for i, (kind, title, abstract) in enumerate(items, start=1):
        title = _title(i, title)
        abstract = f"Abstract {i}:\n{abstract}."  # multi-line cells are quoted
        if kind == "good":
            chunk = row_bytes([str(i), title, abstract, str(i)])
            expected.append(clean_text(title))
        elif kind == "missing_abstract":
            chunk = row_bytes([str(i), title, "", str(i)])
        elif kind == "ragged":
            chunk = row_bytes([str(i), title, abstract, str(i), "extra", "cells"])
        elif kind == "latin1":
            chunk = f"{i}{delimiter}R".encode() + b"\xe9sum\xe9" + f"{delimiter}x.{eol}".encode()
        else:
            chunk = f"{i}{delimiter}A\x00B{i}{delimiter}x.{eol}".encode()
            expected.append(f"AB{i}")
        if kind != "good":
            bad_lines.append(line)
        chunks.append(chunk)
        line += chunk.count(b"\n")
    if unterminated_tail:
        # A quote that is never closed, then rows that it must not swallow.
        bad_lines.append(line)
        chunks.append(f'99{delimiter}"Open quote{delimiter}x.{eol}'.encode())
        chunks.append(row_bytes(["100", "After the open quote", "Still read.", "1"]))
        expected.append("After the open quote")
    suffix = ".tsv" if delimiter == "\t" else ".csv"
    path = workdir / f"papers{suffix}"
    path.write_bytes(b"".join(chunks))
    papers, problems = _read_all(path)
    _assert_positioned(problems, path)
    assert [p.title for p in papers] == expected
    assert set(bad_lines) <= {p.source.line for p in problems}


def _atom(entries: list[tuple[str, str | None]]) -> str:
    body = "".join(
        "<entry>\n"
        f"<id>http://arxiv.org/abs/2501.{n:05d}v1</id>\n"
        f"<title>{escape(title)}</title>\n"
        + (f"<summary>{escape(summary)}</summary>\n" if summary is not None else "")
        + "<author><name>A &amp; B</name></author>\n"
        "<arxiv:comment>Code: https://github.com/a/b</arxiv:comment>\n"
        "</entry>\n"
        for n, (title, summary) in enumerate(entries)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
        f"{body}</feed>\n"
    )


def _pubmed(entries: list[tuple[str, str | None]]) -> str:
    body = "".join(
        "<PubmedArticle><MedlineCitation>\n"
        f"<PMID>{n + 1}</PMID><Article>\n"
        f"<ArticleTitle>{escape(title)}</ArticleTitle>\n"
        + (
            f'<Abstract><AbstractText Label="RESULTS">{escape(summary)}</AbstractText></Abstract>\n'
            if summary is not None
            else ""
        )
        + "</Article></MedlineCitation></PubmedArticle>\n"
        for n, (title, summary) in enumerate(entries)
    )
    return f'<?xml version="1.0"?>\n<PubmedArticleSet>\n{body}</PubmedArticleSet>\n'


@FUZZ
@given(
    items=st.lists(
        st.tuples(st.sampled_from(("good", "good", "no_abstract")), clean_unicode, clean_unicode),
        min_size=1,
        max_size=8,
    ),
    kind=st.sampled_from(("atom", "pubmed")),
    cut=st.one_of(st.none(), st.floats(min_value=0.05, max_value=0.999)),
    encoding=st.sampled_from(("utf-8", "utf-16")),
)
def test_xml_good_entries_kept_bad_entries_and_truncation_named(
    workdir: Path,
    items: list[tuple[str, str, str]],
    kind: str,
    cut: float | None,
    encoding: str,
) -> None:
    entries = [
        (_title(i, t), None if k == "no_abstract" else f"Abstract {i}: {a}.")
        for i, (k, t, a) in enumerate(items)
    ]
    text = (_atom if kind == "atom" else _pubmed)(entries)
    if encoding == "utf-16":
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = text.encode(encoding)
    end_tag = "</entry>" if kind == "atom" else "</PubmedArticle>"
    if cut is not None:
        data = data[: int(len(data) * cut)]
        # An entry is certainly complete when its end tag and the newline after it survive.
        complete = text.encode(encoding)[: len(data)].decode(encoding, errors="ignore")
        survivors = complete.count(end_tag + "\n")
        # an entry whose end tag survived without its newline may be read whole, or not
        reached = complete.count(end_tag)
    else:
        survivors = reached = len(entries)
    path = workdir / ("feed.atom" if kind == "atom" else "pubmed.xml")
    path.write_bytes(data)
    papers, problems = _read_all(path)
    _assert_named(problems, path)
    good = [clean_text(t) for t, s in entries if s is not None]
    good_before = [clean_text(t) for t, s in entries[:survivors] if s is not None]
    titles = [p.title for p in papers]
    assert titles[: len(good_before)] == good_before
    assert set(titles) <= set(good)
    missing = [n + 1 for n, (_, s) in enumerate(entries[:survivors]) if s is None]
    may_miss = [n + 1 for n, (_, s) in enumerate(entries[:reached]) if s is None]
    named = [p.source.record for p in problems if "has no" in p.message]
    assert named[: len(missing)] == missing
    assert set(named) <= set(may_miss)
    if cut is not None and papers != [] and len(titles) < len(good):
        assert any(p.source.line is not None and "malformed XML" in p.message for p in problems)


# --- big, empty and oddly encoded files -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt", "atom", "pubmed"])
def test_one_megabyte_abstract_is_kept(workdir: Path, fmt: str) -> None:
    big = ("Radiology reports with emoji 🩺 and RTL \u200f marks. " * 20_000)[:1_000_000]
    small = [("Small paper", "Short abstract.")]
    papers_in = [("Huge paper", big), *small]
    if fmt == "jsonl":
        data = "\n".join(json.dumps({"title": t, "abstract": a}) for t, a in papers_in) + "\n"
    elif fmt == "csv":
        data = "title,abstract\n" + "".join(f'"{t}","{a}"\n' for t, a in papers_in)
    elif fmt == "txt":
        data = "".join(f"{t}\n\n{a}\n\n" for t, a in papers_in)
    elif fmt == "atom":
        data = _atom(list(papers_in))
    else:
        data = _pubmed(list(papers_in))
    path = workdir / f"big.{fmt if fmt not in ('atom', 'pubmed') else 'xml'}"
    path.write_text(data, encoding="utf-8")
    papers, problems = _read_all(path)
    assert problems == []
    assert [p.title for p in papers] == ["Huge paper", "Small paper"]
    assert len(papers[0].abstract) > 900_000


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv", ".tsv", ".xml", ".atom", ".jsonl.gz"])
def test_empty_and_blank_files_are_named(workdir: Path, suffix: str) -> None:
    for data in (b"", b"\n\r\n  \n", b"\xef\xbb\xbf"):
        path = workdir / f"empty{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        papers, problems = _read_all(path)
        assert papers == []
        assert len(problems) == 1 and problems[0].source.path == str(path)


@pytest.mark.parametrize(
    "encoding", ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"]
)
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt", "atom"])
def test_whole_file_in_another_encoding_is_decoded_and_named(
    workdir: Path, encoding: str, fmt: str
) -> None:
    rows = [
        ("Résumé generation for Müller's clinic", "We study naïve café data."),
        ("Plain ASCII title", "Plain abstract."),
    ]
    if fmt == "jsonl":
        text = "".join(
            json.dumps({"title": t, "abstract": a}, ensure_ascii=False) + "\n" for t, a in rows
        )
    elif fmt == "csv":
        text = "title,abstract\r\n" + "".join(f"{t},{a}\r\n" for t, a in rows)
    elif fmt == "txt":
        text = "".join(f"{t}\n\n{a}\n\n" for t, a in rows)
    else:
        text = _atom(rows).replace(' encoding="UTF-8"', "")
    path = workdir / f"legacy.{fmt}"
    path.write_bytes(text.encode(encoding))
    papers, problems = _read_all(path)
    assert [p.title for p in papers] == [t for t, _ in rows]
    if encoding == "utf-8-sig" or (fmt == "atom" and encoding == "utf-16"):
        assert problems == []  # XML with a byte-order mark is well-formed as it is
    else:
        assert len(problems) == 1 and problems[0].source.path == str(path)
        assert "not UTF-8" in problems[0].message


def test_bom_inside_gzip_and_codecs_bom_are_read(workdir: Path) -> None:
    path = workdir / "papers.jsonl.gz"
    line = json.dumps({"title": "Gzipped", "abstract": "With a BOM."}) + "\n"
    path.write_bytes(gzip.compress(codecs.BOM_UTF8 + line.encode()))
    papers, problems = _read_all(path)
    assert [p.title for p in papers] == ["Gzipped"] and problems == []
