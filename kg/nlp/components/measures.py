"""What is never a dataset or model name, whatever its capitals and digits (issue 19).

Clinical abstracts are full of tokens shaped like names: statistics with their qualifiers
(``p_trend=0.048``, ``OR_Q3``, ``HR=2.1``), physical units (``ml·kg⁻¹·min⁻¹``), quantity
symbols (``V̇O₂max``, ``SpO₂``), chemical elements with mass numbers (``³He``, ``Xe-129``,
``18F``). These functions recognise them by their morphology; the only word lists they use
(element symbols with atomic numbers, unit symbols) are data in
``kg/nlp/patterns/not_names.jsonl`` (kinds ``element`` and ``unit``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUBSCRIPT_CHARS = frozenset("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
# a comparison with a number after it: "=0.048", "<.001", "≥ 3"
_COMPARISON = re.compile(r"[=<>≤≥]\s*[-−]?(?:\d|\.\d)")
# a variable or statistic with a subscripted qualifier: "p_trend", "OR_Q3", "x_i"
_QUALIFIED = re.compile(r"^(?P<base>[A-Za-z]{1,4})_\w+$")
_ISOTOPE_PREFIX = re.compile(r"^(?P<mass>\d{1,3})(?P<symbol>[A-Z][a-z]?)$")
_ISOTOPE_SUFFIX = re.compile(r"^(?P<symbol>[A-Z][a-z]?)[-\s]?(?P<mass>\d{1,3})m?$")
# a unit symbol with an optional exponent: "kg", "kg⁻¹", "min-1", "m^2"
_UNIT_TERM = re.compile(
    r"^(?P<symbol>[^\d⁰¹²³⁴⁵⁶⁷⁸⁹⁻^-][^⁰¹²³⁴⁵⁶⁷⁸⁹⁻^]*?)(?P<exp>\^?[-−⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$"
)
_UNIT_JOINERS = re.compile(r"[·⋅∙/]")
_TRAILING = ".,;:"


def _plain_digits(text: str) -> str:
    return text.translate(_SUPERSCRIPT_DIGITS)


def is_statistic(text: str, *, is_generic: Callable[[str], bool] = lambda _: False) -> bool:
    """A value expression or a statistic with a qualifier.

    Args:
        text: one unit of text (no spaces).
        is_generic: whether a base such as "OR" or "HR" is a generic acronym (the lexicon's
            ``is_stopped``); a single letter (``p_trend``) always is a variable.

    >>> [is_statistic(t) for t in ["p_trend=0.048", "P<.001", "n=120", "p_trend", "GPT-4", "x_i"]]
    [True, True, True, True, False, True]
    >>> is_statistic("OR_Q3", is_generic=lambda b: b == "OR"), is_statistic("Med_V2")
    (True, False)
    """
    text = text.rstrip(_TRAILING)
    if _COMPARISON.search(text):
        return True
    match = _QUALIFIED.match(text)
    return match is not None and (len(match["base"]) == 1 or is_generic(match["base"]))


def is_quantity_symbol(text: str) -> bool:
    """A quantity written with subscripts or an accent over a letter: ``V̇O₂max``, ``SpO₂``.

    Names of datasets and models are typed on keyboards; formulas and physiological symbols
    are not (a decomposed "é" composes back and does not count).

    >>> [is_quantity_symbol(t) for t in ["V\\u0307O₂max", "SpO₂", "CO₂", "Fre\\u0301chet", "GPT-4"]]
    [True, True, True, False, False]
    """
    if text.isascii():
        return False  # most words: no subscript or accent, so no Unicode normalisation (speed)
    if any(c in _SUBSCRIPT_CHARS for c in text):
        return True
    composed = unicodedata.normalize("NFC", text)
    return any(unicodedata.category(c) == "Mn" for c in composed)


def is_isotope(text: str, elements: Mapping[str, int], *, strict: bool = True) -> bool:
    """A chemical element with its mass number (``³He``, ``129Xe``, ``Xe-129``, ``Tc-99m``),
    or several joined by "/" (``³He/¹²⁹Xe``), or a tracer named after one (``¹⁸F-FDG``).

    The mass number must be possible for the element (between its atomic number and about
    three times it), so that ``C4``, ``S4`` or ``H100`` stay names. ``strict`` leaves out the
    forms that also spell model sizes ("13B" is 13 billion parameters far more often than
    boron-13): a digit prefix in ASCII on a one-letter symbol.

    >>> elements = {"He": 2, "Xe": 54, "C": 6, "S": 16, "F": 9, "B": 5, "Tc": 43}
    >>> [is_isotope(t, elements)
    ...  for t in ["³He", "129Xe", "Xe-129", "³He/¹²⁹Xe", "Tc-99m", "¹⁸F-FDG"]]
    [True, True, True, True, True, True]
    >>> [is_isotope(t, elements) for t in ["C4", "S4", "13B", "F1", "Xe"]]
    [False, False, False, False, False]
    >>> is_isotope("13B", elements, strict=False), is_isotope("18F-FDG", elements, strict=False)
    (True, True)
    """
    text = text.rstrip(_TRAILING)
    parts = text.split("/")
    if len(parts) > 1:
        return all(is_isotope(p, elements, strict=strict) for p in parts if p) and any(parts)
    head = text.split("-")[0] if "-" in text and not _ISOTOPE_SUFFIX.match(text) else text
    return _one_isotope(head, elements, strict=strict)


def _one_isotope(text: str, elements: Mapping[str, int], *, strict: bool) -> bool:
    plain = _plain_digits(text)
    match = _ISOTOPE_PREFIX.match(plain) or _ISOTOPE_SUFFIX.match(plain)
    if match is None:
        return False
    z = elements.get(match["symbol"])
    if z is None:
        return False
    mass = int(match["mass"])
    if not z <= mass <= 3 * z + 10:
        return False
    ascii_prefix = plain[0].isdigit() and plain == text
    return not (strict and ascii_prefix and len(match["symbol"]) == 1)


def is_unit_expression(text: str, units: frozenset[str]) -> bool:
    """Physical units: unit symbols joined by "·" or "/", or one with an exponent.

    >>> units = frozenset({"ml", "kg", "min", "km", "h", "m", "mg", "L"})
    >>> [is_unit_expression(t, units)
    ...  for t in ["ml·kg⁻¹·min⁻¹", "ml·kg-1·min-1", "km·h⁻¹", "km²", "mg/kg"]]
    [True, True, True, True, True]
    >>> [is_unit_expression(t, units) for t in ["HAN/HLAN", "kg", "GPT-4", "L2", "L^3", "km^2"]]
    [False, False, False, False, False, False]
    """
    text = text.rstrip(_TRAILING)
    terms = _UNIT_JOINERS.split(text)
    parsed = [_UNIT_TERM.match(t) for t in terms]
    if not all(m is not None and m["symbol"] in units for m in parsed):
        return False
    if len(terms) > 1:
        return True
    only = parsed[0]
    exponent = only["exp"] if only is not None else None
    # a lone symbol needs a written exponent, a superscript or a negative power, and more
    # than one letter: "T^3" and "S⁴" are names as often as units
    if not exponent or only is None or len(only["symbol"]) < 2:
        return False
    return not exponent.isascii() or exponent.lstrip("^")[:1] in ("-", "−")


#: a registration or accession number: a short letter prefix, an optional separator, seven or
#: more digits ("NCT01234567", "NCT-01234567", "ISRCTN12345678", "ChiCTR2000029559")
_RECORD_IDENTIFIER = re.compile(r"^[A-Za-z]{2,8}[-_/]?\d{7,}$")


def is_record_identifier(text: str) -> bool:
    """A trial registration or database accession number: a record's identifier in a
    registry, never a dataset or model. Names of datasets and models carry short numbers
    (sizes, versions, years); a run of seven or more digits after a letter prefix is a record
    number.

    >>> [is_record_identifier(t) for t in ["NCT01234567", "NCT-01234567", "ChiCTR2000029559"]]
    [True, True, True]
    >>> [is_record_identifier(t) for t in ["GPT-4", "BraTS2021", "SynFundus-1M", "PMC-15M"]]
    [False, False, False, False]
    """
    return _RECORD_IDENTIFIER.match(text.rstrip(_TRAILING)) is not None


#: a sum of money: an optional country prefix, a currency sign, then digits ("US$62",
#: "$1.2M", "€300", "A$15", "£2,400")
_MONEY = re.compile(r"^[A-Z]{0,3}[$€£¥₹][\d.,]*\d[kKmMbB]?$")


def is_money(text: str) -> bool:
    """A sum of money written with a currency sign, never a dataset or model. Cost studies
    quote prices ("US$62 per patient"); the sign before the digits marks an amount, where a
    name would carry letters after its number.

    >>> [is_money(t) for t in ["US$62", "$1.2M", "€300", "US$0.60", "£2,400"]]
    [True, True, True, True, True]
    >>> [is_money(t) for t in ["GPT-4", "US", "$", "C$Net", "R$-7B"]]
    [False, False, False, False, False]
    """
    return _MONEY.match(text.rstrip(_TRAILING)) is not None


#: a numeric format of weights or activations: a floating-point or integer type with its bit
#: width ("BF16", "FP8", "INT4", "UINT8", "TF32"), or a quantisation scheme of local LLM
#: runtimes, a bit count and underscore-joined qualifiers ("Q4_K_M", "Q8_0", "IQ2_XS")
_NUMBER_FORMAT = re.compile(
    r"^(?:(?:BF|TF|FP|U?INT)(?:2|4|8|16|32|64)|I?Q[1-8](?:_[A-Z0-9]{1,2})+)$"
)


def is_number_format(text: str) -> bool:
    """A numeric format of a model's weights ("run in BF16", "quantised to Q4_K_M", "INT8
    weights"), never a dataset or model: the type's letters carry only its bit width, where
    a name's number is a version or size after a word of its own.

    >>> [is_number_format(t) for t in ["BF16", "FP8", "INT4", "Q4_K_M", "Q8_0", "IQ2_XS"]]
    [True, True, True, True, True, True]
    >>> [is_number_format(t) for t in ["GPT-4", "Q4", "INT", "FP7", "CNN14", "BF16-Net"]]
    [False, False, False, False, False, False]
    """
    return _NUMBER_FORMAT.match(text.rstrip(_TRAILING)) is not None


#: a squared or cubed length written without a superscript: a metric prefix, "m", then 2 or 3
#: ("cm2", "mm3", "µm2")
_AREA_UNIT = re.compile(r"^[cmµμnkd]m[23]$")


def is_area_unit(text: str) -> bool:
    """An area or volume unit typed with a plain digit ("4.2 cm2", "12 mm3"), never a name:
    a prefixed metre with the power 2 or 3. Longer lower-case symbols with a digit stay
    open ("hg19", "bpm2" is no unit anyone writes).

    >>> [is_area_unit(t) for t in ["cm2", "mm3", "µm2", "km2"]]
    [True, True, True, True]
    >>> [is_area_unit(t) for t in ["cm", "m2", "cm4", "hg19", "mm10", "Cm2"]]
    [False, False, False, False, False, False]
    """
    return _AREA_UNIT.match(text.rstrip(_TRAILING)) is not None


#: a symmetry-group adjective: the group's letters, its dimension in brackets, a hyphen and a
#: lower-case adjective ("SE(3)-equivariant", "E(3)-invariant", "SO(2)-steerable")
_GROUP_ADJECTIVE = re.compile(r"^[A-Z]{1,3}\(\d\)-[a-z]+$")


def is_group_adjective(text: str) -> bool:
    """A property named after a symmetry group ("an SE(3)-equivariant network"), never a
    name: the bracketed digit is the group's dimension and the lower-case word after the
    hyphen an adjective, where a name's bracket holds a word or closes the name.

    >>> [is_group_adjective(t) for t in ["SE(3)-equivariant", "E(3)-invariant", "SO(2)-steerable"]]
    [True, True, True]
    >>> [is_group_adjective(t) for t in ["SE(3)", "MedFoo(ours)", "R(2+1)D", "SE(3)-Net"]]
    [False, False, False, False]
    """
    return _GROUP_ADJECTIVE.match(text.rstrip(_TRAILING)) is not None


def is_measure(
    text: str,
    *,
    elements: Mapping[str, int],
    units: frozenset[str],
    is_generic: Callable[[str], bool] = lambda _: False,
    strict: bool = True,
) -> bool:
    """Any of the above: a statistic, quantity symbol, isotope, unit expression, record
    identifier, sum of money, numeric format, area unit or symmetry-group adjective."""
    return (
        is_statistic(text, is_generic=is_generic)
        or is_record_identifier(text)
        or is_money(text)
        or is_number_format(text)
        or is_area_unit(text)
        or is_group_adjective(text)
        or is_quantity_symbol(text)
        or is_isotope(text, elements, strict=strict)
        or is_unit_expression(text, units)
    )
