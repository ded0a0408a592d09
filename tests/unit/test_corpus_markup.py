"""Inline markup and MathML in PubMed exports read into the text a person writes (issue 19)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.corpus import Paper
from kg.corpus.pubmed_xml import read_pubmed_xml
from kg.corpus.xmltools import text_of

MML = 'xmlns:mml="http://www.w3.org/1998/Math/MathML"'
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "pubmed_identifiers.xml"


@pytest.mark.parametrize(
    ("xml", "text"),
    [
        ("<A>p<sub>trend</sub>=0.048</A>", "p_trend=0.048"),
        ("<A>OR<sub>Q3</sub>=4.15</A>", "OR_Q3=4.15"),
        ("<A>CO<sub>2</sub> and IC<sub>50</sub></A>", "CO₂ and IC₅₀"),
        ("<A>VO<sub>2max</sub></A>", "VO₂max"),
        ("<A>ml&#183;kg<sup>-1</sup>&#183;min<sup>&#8722;1</sup></A>", "ml·kg⁻¹·min⁻¹"),
        (
            "<A><sup>18</sup>F-FDG PET, 10<sup>6</sup> cells, the 5<sup>th</sup> day</A>",
            "¹⁸F-FDG PET, 10⁶ cells, the 5th day",
        ),
        ("<A>a <i>convolutional</i> <b>network</b></A>", "a convolutional network"),
        # MathML: prescripts, whitespace between elements is layout, annotations are skipped
        (
            f"<A>on <mml:math {MML}>\n  <mml:mmultiscripts>\n    <mml:mi>He</mml:mi>\n"
            "    <mml:mprescripts/>\n    <mml:none/>\n    <mml:mn>3</mml:mn>\n"
            "  </mml:mmultiscripts>\n</mml:math> MRI</A>",
            "on ³He MRI",
        ),
        (
            f"<A><mml:math {MML}><mml:semantics><mml:mrow><mml:mover accent='true'>"
            "<mml:mi>V</mml:mi>"
            "<mml:mo>˙</mml:mo></mml:mover><mml:msub><mml:mi>O</mml:mi><mml:mrow><mml:mn>2</mml:mn>"
            "<mml:mi>max</mml:mi></mml:mrow></mml:msub></mml:mrow><mml:annotation encoding='TeX'>"
            "\\dot{V}O_{2max}</mml:annotation></mml:semantics></mml:math></A>",
            "V\u0307O₂max",
        ),
        (
            f"<A><mml:math {MML}><mml:msubsup><mml:mi>x</mml:mi><mml:mi>i</mml:mi>"
            "<mml:mn>2</mml:mn>"
            "</mml:msubsup><mml:mo>=</mml:mo><mml:mfrac><mml:mn>1</mml:mn><mml:mrow><mml:mi>n</mml:mi>"
            "<mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:mrow></mml:mfrac></mml:math></A>",
            "x_i²=1/(n+1)",
        ),
    ],
)
def test_markup_read_as_written(xml: str, text: str) -> None:
    assert text_of(ET.fromstring(xml)) == text


def test_markup_pubmed_titles_and_abstracts() -> None:
    first, second = (r for r in read_pubmed_xml(FIXTURE) if isinstance(r, Paper))
    assert "(OR_Q3=4.15, 95% CI 1.2-9.8; p_trend=0.048)" in first.abstract
    assert "measured V\u0307O₂max in ml·kg⁻¹·min⁻¹." in first.abstract
    assert second.title == "Hyperpolarized ³He and ¹²⁹Xe lung MRI with a segmentation network."
    assert "defects on ³He/¹²⁹Xe MRI with VentNet." in second.abstract
    assert "uptake (V\u0307O₂max) was 31.2 ml·kg⁻¹·min⁻¹ and VMLSS 15.0 km·h⁻¹." in second.abstract
    assert first.abstract.startswith("BACKGROUND: Pancreatic cancer")
    assert " MATERIALS AND METHODS: Peak" in second.abstract
