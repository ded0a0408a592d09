"""arXiv API Atom feeds."""

from __future__ import annotations

from pathlib import Path

from kg.corpus.arxiv_atom import arxiv_id, read_arxiv_atom
from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
FEED = FIXTURES / "arxiv_query.atom"


def test_arxiv_atom_entries() -> None:
    first, second, _ = read_arxiv_atom(FEED)
    assert isinstance(first, Paper) and isinstance(second, Paper)
    # Titles and summaries wrapped over several lines come out as one line each.
    assert (
        first.title
        == "MedTrinity-25M: A Large-scale Multimodal Dataset with Multigranular Annotations "
        "for Medicine"
    )
    assert first.abstract == (
        "This paper introduces MedTrinity-25M, a comprehensive, large-scale multimodal dataset for "
        "medicine, covering over 25 million images across 10 modalities, with multigranular "
        "annotations for more than 65 diseases."
    )
    assert first.date == PaperDate(2024, 8, 6)  # <published>, not <updated>
    assert first.authors == ("Yunfei Xie", "Ce Zhou", "Lang Gao")
    assert first.author_count == 3
    assert first.source_id == "arXiv:2408.02900"
    assert first.url == "http://arxiv.org/abs/2408.02900v2"
    # The code URL is only in <arxiv:comment>; the github.io project page is not code.
    assert first.code_urls == ("https://github.com/UCSC-VLAA/MedTrinity-25M",)
    assert first.sources == (SourceRef(str(FEED), record=1),)
    assert second.title.startswith(
        "UniMed-CLIP: Towards a Unified Image-Text Pretraining Paradigm for Diverse"
    )
    assert second.code_urls == ("https://github.com/mbzuai-oryx/UniMed-CLIP",)
    assert second.date == PaperDate(2024, 12, 13)


def test_arxiv_atom_entry_without_summary_is_a_problem() -> None:
    problem = list(read_arxiv_atom(FEED))[2]
    assert isinstance(problem, InputProblem)
    assert problem.source == SourceRef(str(FEED), record=3)
    assert problem.message == "entry http://arxiv.org/abs/2501.00001v1 has no summary"


def test_arxiv_atom_api_error_feed(tmp_path: Path) -> None:
    path = tmp_path / "error.atom"
    path.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        "<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>"
        "<summary>incorrect id format for 1234</summary></entry></feed>",
        encoding="utf-8",
    )
    (problem,) = read_arxiv_atom(path)
    assert isinstance(problem, InputProblem)
    assert problem.message == "arXiv API error: incorrect id format for 1234"


def test_arxiv_atom_malformed_feed_keeps_earlier_entries(tmp_path: Path) -> None:
    text = FEED.read_text(encoding="utf-8")
    path = tmp_path / "cut.atom"
    path.write_text(
        text[: text.index("<entry>", text.index("</entry>"))] + "<entry><title>Cut",
        encoding="utf-8",
    )
    paper, problem = read_arxiv_atom(path)
    assert isinstance(paper, Paper) and paper.source_id == "arXiv:2408.02900"
    assert isinstance(problem, InputProblem)
    assert problem.source.path == str(path) and problem.source.line is not None
    assert problem.message.startswith(f"malformed XML at line {problem.source.line}, column ")
    assert problem.message.endswith("1 record(s) read before it")


def test_arxiv_id() -> None:
    assert arxiv_id("http://arxiv.org/abs/2412.10372v1") == "2412.10372"
    assert arxiv_id("https://arxiv.org/abs/q-bio/0601001") == "q-bio/0601001"
    assert arxiv_id("urn:uuid:1234") is None
