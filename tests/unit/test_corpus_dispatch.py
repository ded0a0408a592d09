"""Choosing readers, directories, gzip, and inputs that cannot be read at all."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.corpus import (
    READERS,
    Corpus,
    default_corpus_dir,
    detect_format,
    dispatch,
    iter_records,
    read_corpus,
)
from kg.corpus.dispatch import UnsupportedInput, input_files, sniff_format
from kg.corpus.models import InputProblem, Paper, SourceRef

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
GOOD = {"title": "A Title", "abstract": "An abstract."}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("hf_blank_separated.txt", "hf_listing"),
        ("hf_one_per_line.txt", "hf_listing"),
        ("papers.jsonl", "jsonl"),
        ("papers.csv", "tabular"),
        ("papers.tsv", "tabular"),
        ("arxiv_query.atom", "arxiv_atom"),
        ("pubmed_efetch.xml", "pubmed_xml"),
        ("pubmed_truncated.xml", "pubmed_xml"),
    ],
)
def test_dispatch_detects_fixture_formats(name: str, expected: str) -> None:
    assert detect_format(FIXTURES / name) == expected
    assert expected in READERS


@pytest.mark.parametrize(
    ("head", "suffix", "expected"),
    [
        (b'{"title": "T", "abstract": "A"}\n', ".txt", "jsonl"),  # JSON Lines saved as .txt
        (b"Title\tAbstract\nT\tA\n", ".txt", "tabular"),
        (
            b'<?xml version="1.0"?>\n<!-- export -->\n<feed xmlns="http://www.w3.org/2005/Atom">',
            ".xml",
            "arxiv_atom",
        ),
        (b"<PubmedArticleSet><PubmedArticle>", ".atom", "pubmed_xml"),  # root decides, not suffix
        (b"\xef\xbb\xbfnew\n\nDaily Papers\n", ".txt", "hf_listing"),
        (b"Some Title\nSome abstract.\n", "", "hf_listing"),  # no suffix: sniffed
        (b"[not json lines]", ".jsonl", "jsonl"),  # the suffix settles it; lines are then checked
    ],
)
def test_dispatch_sniff_format(head: bytes, suffix: str, expected: str) -> None:
    assert sniff_format(head, suffix) == expected


@pytest.mark.parametrize(
    ("head", "suffix", "message"),
    [
        (b"", ".txt", "empty file"),
        (b" \n\n", ".jsonl", "empty file"),
        (b"\x00\x01\x02", ".csv", "binary file (contains NUL bytes), not a text export"),
        (b"\xff\xfet\x00i\x00", ".txt", "UTF-16 encoded text; save the file as UTF-8"),
        (
            b"<rss version='2.0'><channel>",
            ".xml",
            "XML document <rss> is neither an arXiv Atom <feed> nor a PubMed <PubmedArticleSet>",
        ),
        (b"title,abstract\n", ".xml", "not an XML document"),
    ],
)
def test_dispatch_unsupported(head: bytes, suffix: str, message: str) -> None:
    with pytest.raises(
        UnsupportedInput, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"
    ):
        sniff_format(head, suffix)


def test_dispatch_gzipped_inputs(tmp_path: Path) -> None:
    jsonl = tmp_path / "papers.jsonl.gz"
    jsonl.write_bytes(gzip.compress((json.dumps(GOOD) + "\n").encode()))
    listing = tmp_path / "listing.txt.gz"
    listing.write_bytes(gzip.compress((FIXTURES / "hf_bylines.txt").read_bytes()))
    atom = tmp_path / "feed.gz"  # no format suffix: sniffed after decompression
    atom.write_bytes(gzip.compress((FIXTURES / "arxiv_query.atom").read_bytes()))
    assert [detect_format(p) for p in (jsonl, listing, atom)] == [
        "jsonl",
        "hf_listing",
        "arxiv_atom",
    ]
    corpus = read_corpus([jsonl, listing, atom])
    # papers 1 + 6 + 2, and the Atom entry with an empty summary, read and skipped (issue 19)
    assert (corpus.records_read, corpus.records_skipped) == (1 + 6 + 3, 1)
    assert [p.message for p in corpus.problems] == [
        "entry http://arxiv.org/abs/2501.00001v1 has no summary"
    ]


def test_dispatch_corrupt_gzip_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(GOOD) + "\n").encode() * 50)[:40])
    records = list(iter_records(path))
    assert records and all(isinstance(r, InputProblem) for r in records)
    assert records[0].source == SourceRef(str(path))


def test_dispatch_directory_reads_supported_files_sorted(tmp_path: Path) -> None:
    for name in ("papers.jsonl", "hf_bylines.txt", "pubmed_efetch.xml", "README.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot read.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    assert [p.name for p in input_files(tmp_path)] == [
        "hf_bylines.txt",
        "papers.jsonl",
        "pubmed_efetch.xml",
    ]
    files = [Path(r.sources[0].path).name for r in iter_records(tmp_path) if isinstance(r, Paper)]
    assert files == ["hf_bylines.txt"] * 6 + ["papers.jsonl"] * 4 + ["pubmed_efetch.xml"] * 2


def _missing(d: Path) -> Path:
    return d / "missing.jsonl"


def _empty_dir(d: Path) -> Path:
    (d / "empty").mkdir()
    return d / "empty"


def _empty_file(d: Path) -> Path:
    (d / "empty.txt").write_text("", encoding="utf-8")
    return d / "empty.txt"


def _header_only(d: Path) -> Path:
    (d / "only_header.txt").write_text("new\n\nSubscribe\n\nAug 19\n", encoding="utf-8")
    return d / "only_header.txt"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_missing, "no such file or directory"),
        (_empty_dir, "directory holds no supported input files"),
        (_empty_file, "empty file"),
        (_header_only, "no records found"),
    ],
)
def test_dispatch_unreadable_inputs_are_problems(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    assert list(iter_records(path)) == [InputProblem(SourceRef(str(path)), message)]


def test_dispatch_os_errors_are_problems(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def denied(path: Path, size: int = 0) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(dispatch, "read_head", denied)
    path = tmp_path / "secret.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    assert list(iter_records(path)) == [
        InputProblem(SourceRef(str(path)), "cannot read file: Permission denied")
    ]


def test_dispatch_binary_file() -> None:
    path = FIXTURES / "binary_garbage.txt"
    assert list(iter_records(path)) == [
        InputProblem(SourceRef(str(path)), "binary file (contains NUL bytes), not a text export")
    ]


_NOBODY = 65534


def _read_as_nobody(path: Path) -> str:
    """``iter_records(path)`` in a subprocess run as the unprivileged user ``nobody``.

    Root reads any file whatever its mode, so as root (CI) the check runs as another user.
    """
    code = (
        "import sys; from pathlib import Path; from kg.corpus.dispatch import iter_records; "
        "(p,) = iter_records(Path(sys.argv[1])); print(p.message)"
    )
    done = subprocess.run(
        [
            "setpriv",
            f"--reuid={_NOBODY}",
            f"--regid={_NOBODY}",
            "--clear-groups",
            sys.executable,
            "-c",
            code,
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd="/",
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.skipif(
    os.name != "posix" or (os.geteuid() == 0 and not shutil.which("setpriv")),
    reason="needs a non-root POSIX user, or setpriv to become one",
)
def test_dispatch_permission_denied() -> None:
    # a directory others may enter (pytest's own temp root is private to its user)
    directory = Path(tempfile.mkdtemp(prefix="kg-perm-"))
    try:
        directory.chmod(0o755)
        path = directory / "secret.jsonl"
        path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
        path.chmod(0)
        if os.geteuid() == 0:
            message = _read_as_nobody(path)
        else:
            (problem,) = iter_records(path)
            assert isinstance(problem, InputProblem)
            message = problem.message
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    assert message.startswith("cannot read file"), message
    assert "Permission denied" in message


def test_dispatch_reader_crash_is_contained(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(path: Path, label: str):  # type: ignore[no-untyped-def]
        yield from ()
        raise KeyError("boom")

    monkeypatch.setattr(dispatch, "READERS", {**READERS, "jsonl": broken})  # READERS is read-only
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    problem, *_ = iter_records(path)
    assert isinstance(problem, InputProblem)
    assert problem.message == "reading stopped by an internal error: KeyError('boom')"


def test_read_corpus_collects_everything(tmp_path: Path) -> None:
    paths = [
        FIXTURES / "hf_broken.txt",
        FIXTURES / "papers.jsonl",
        tmp_path / "missing.txt",
        FIXTURES / "binary_garbage.txt",
        FIXTURES / "pubmed_truncated.xml",
    ]
    corpus = read_corpus(paths)
    assert isinstance(corpus, Corpus)
    # 7 papers; 10 records read and skipped: 3 in the listing, 6 JSON lines, 1 PubMed article
    # (a note about a bad date or an ignored field skips no record)
    assert (corpus.records_read, corpus.records_skipped) == (7 + 10, 10)
    # "Towards Generalist Biomedical AI" and CUPCase are in both text files.
    assert len(corpus.papers) == 7 - 2
    names = [Path(p.source.path).name for p in corpus.problems]
    assert (
        names
        == ["hf_broken.txt"] * 5
        + ["papers.jsonl"] * 8
        + ["missing.txt", "binary_garbage.txt"]
        + ["pubmed_truncated.xml"] * 2
    )


def test_read_corpus_accepts_a_single_path_and_strings() -> None:
    one = read_corpus(FIXTURES / "papers.tsv")
    assert read_corpus(str(FIXTURES / "papers.tsv")) == one
    assert len(one.papers) == 2 and one.problems == () and one.records_read == 2


def test_read_corpus_same_file_twice_is_one_copy() -> None:
    path = FIXTURES / "hf_bylines.txt"
    corpus = read_corpus([path, path])
    assert corpus.records_read == 12
    assert len(corpus.papers) == 6
    assert all(len(p.sources) == 1 for p in corpus.papers)


def test_default_corpus_dir() -> None:
    directory = default_corpus_dir()
    assert directory.name == "data" and (directory.parent / "kg" / "__init__.py").is_file()
