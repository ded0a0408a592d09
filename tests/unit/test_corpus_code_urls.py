"""Code repository URLs found in abstracts."""

from __future__ import annotations

import pytest

from kg.corpus.code_urls import clean_input_url, find_code_urls, normalize_code_url


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("https://github.com/abachaa/MEDEC", "https://github.com/abachaa/MEDEC"),
        ("https://github.com/XiaoyuanGuo/CVAD.", "https://github.com/XiaoyuanGuo/CVAD"),
        (
            "github.com/google-research-datasets/scin",
            "https://github.com/google-research-datasets/scin",
        ),
        ("http://www.github.com/a/b", "https://github.com/a/b"),
        ("https://github.com/xiaoyatang/DuoFormer.git.", "https://github.com/xiaoyatang/DuoFormer"),
        (
            "https://github.com/MedicineToken/Medical-Graph-RAG/tree/main",
            "https://github.com/MedicineToken/Medical-Graph-RAG",
        ),
        ("https://github.com/TianYin123/Med-REFL{here}.", "https://github.com/TianYin123/Med-REFL"),
        ("https://github.com/openmedlab.", "https://github.com/openmedlab"),
        (
            "https://gitlab.com/grp/sub/proj/-/blob/main/README.md",
            "https://gitlab.com/grp/sub/proj",
        ),
        ("https://bitbucket.org/team/repo/src/master/", "https://bitbucket.org/team/repo"),
        (
            "https://huggingface.co/datasets/SimulaMet/Kvasir-VQA-x1",
            "https://huggingface.co/datasets/SimulaMet/Kvasir-VQA-x1",
        ),
        (
            "https://huggingface.co/stanfordmimi/MedVAL-4B/tree/main",
            "https://huggingface.co/stanfordmimi/MedVAL-4B",
        ),
        (
            "https://hf.privai.fun/spaces/AIM-Harvard/rabbits-leaderboard.",
            "https://huggingface.co/spaces/AIM-Harvard/rabbits-leaderboard",
        ),
        (
            "https://huggingface-proxy-6ci.pages.dev/InfiX-ai/InfiMed-Foundation-4B{InfiMed-Foundation-4B}.",
            "https://huggingface.co/InfiX-ai/InfiMed-Foundation-4B",
        ),
        (
            "https://anonymous.4open.science/r/DuPLUS-6C52",
            "https://anonymous.4open.science/r/DuPLUS-6C52",
        ),
    ],
)
def test_code_urls_normalize(written: str, canonical: str) -> None:
    assert normalize_code_url(written) == canonical


@pytest.mark.parametrize(
    "url",
    [
        "https://doi.org/10.5281/zenodo.7260705",
        "https://abdur75648.github.io/Echo-DND",  # a project page, not the repository
        "https://huggingface.co/papers/2408.02900",
        "https://github.com/",
        "https://medmnist.com/.",
        "not a url",
    ],
)
def test_code_urls_not_code(url: str) -> None:
    assert normalize_code_url(url) is None


def test_code_urls_found_in_text_in_order_without_repeats() -> None:
    text = (
        "Code: https://github.com/ZJUI-AI4H/Hulu-Med{https://github.com/ZJUI-AI4H/Hulu-Med}. "
        "Data (https://huggingface.co/datasets/medexanon/Medex"
        "{huggingface.co/datasets/medexanon/Medex}), "
        "see webpage.https://github.com/badripatro/mamba360. and https://doi.org/10.1/x."
    )
    assert find_code_urls(text) == (
        "https://github.com/ZJUI-AI4H/Hulu-Med",
        "https://huggingface.co/datasets/medexanon/Medex",
        "https://github.com/badripatro/mamba360",
    )


def test_code_urls_email_is_not_a_bare_host() -> None:
    assert find_code_urls("Contact me@github.com/team for access.") == ()


def test_code_urls_clean_input_url() -> None:
    assert clean_input_url("https://github.com/a/b.git ") == "https://github.com/a/b"
    assert clean_input_url("https://example.org/tool") == "https://example.org/tool"
    assert clean_input_url("  ") is None
