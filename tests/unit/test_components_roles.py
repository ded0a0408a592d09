"""Roles (issue 15, item 4): a name is introduced only when the paper itself creates it.
Short sentences on both sides of each cue."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.scan import unit_sentences
from kg.nlp.components.names.units import doc_units
from kg.nlp.components.roles import (
    MentionContext,
    abbreviates_long_form,
    adjective_after_to,
    converted_into,
    counts_next,
    created_unknown_in_passive,
    described_as_own,
    indefinite_description,
    introduced_by_verb,
    is_subject,
    made_available,
    made_by_others,
    made_by_us,
    mention_introduced,
    modifies_the_next_noun,
    named_as,
    named_by_verb,
    objective_study,
    opens_adverbial,
    opens_participle_clause,
    own_apposition_or_predicate,
    own_unknown_name,
    owned_before,
    owned_by_marker,
    parts_released,
    proposed_in_passive,
    released_by_us,
    released_part_passive,
    renames_made_here,
    states_the_act,
    unknown_paper_subject,
)


def roles(nlp: Language, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {s.text: s._.kg_role for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # the subject decides: the paper's own act ...
        ("We introduce MedFoo-7B for triage today.", "MedFoo-7B", "introduces"),
        ("This paper presents MedFoo-7B for triage today.", "MedFoo-7B", "introduces"),
        # ... or someone else's
        ("They introduce MedFoo-7B for triage today.", "MedFoo-7B", "uses"),
        ("Google introduced MedFoo-7B for triage today.", "MedFoo-7B", "uses"),
        ("Smith et al. present MedFoo-7B for triage today.", "MedFoo-7B", "uses"),
        # "open-source" after a quantifier is an adjective of other people's models
        (
            "We compared several open-source LLMs (Koala 7B, Zorba 13B) to GPT-4 today.",
            "Koala 7B",
            "uses",
        ),
        (
            "We compared several open-source LLMs (Koala 7B, Zorba 13B) to GPT-4 today.",
            "Zorba 13B",
            "uses",
        ),
        ("We evaluate popular open-source models such as MedBar-2 on triage.", "MedBar-2", "uses"),
        # ... and the paper's own verb otherwise
        ("We open-source MedFoo-7B for triage today.", "MedFoo-7B", "introduces"),
        ("We release an open-source model, MedFoo-7B, for triage.", "MedFoo-7B", "introduces"),
        # releasing the weights of a system is releasing the system
        ("We release the weights of MedFoo-7B for triage.", "MedFoo-7B", "introduces"),
        ("We evaluate the weights of MedFoo-7B for triage.", "MedFoo-7B", "uses"),
        ("They release the weights of MedFoo-7B for triage.", "MedFoo-7B", "uses"),
    ],
)
def test_roles_follow_the_subject_and_the_verb(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # "our X", "the proposed X", with up to three determiners/heads between
        ("Our MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "introduces"),
        ("The proposed MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "introduces"),
        ("Our new model MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "introduces"),
        ("Their MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "uses"),
        # the cue must be in the same sentence
        ("This is ours. MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "uses"),
        # "named X", "dubbed X"
        ("We build a model named MedFoo-7B for triage.", "MedFoo-7B", "introduces"),
        ("A system dubbed MedFoo-7B is used for triage.", "MedFoo-7B", "introduces"),
        # "X, a novel ...", "X (ours)"
        ("MedFoo-7B, a novel model, beats GPT-4 today.", "MedFoo-7B", "introduces"),
        ("MedFoo-7B, a common model, beats GPT-4 today.", "MedFoo-7B", "uses"),
        ("MedFoo-7B (ours) beats GPT-4 today.", "MedFoo-7B", "introduces"),
        # passive: "X is proposed in this paper" needs the paper as agent
        ("MedFoo-7B is proposed in this paper for triage.", "MedFoo-7B", "introduces"),
        ("MedFoo-7B is newly proposed by us for triage.", "MedFoo-7B", "introduces"),
        ("MedFoo-7B was proposed by Smith for triage.", "MedFoo-7B", "uses"),
        # "the creation of X"
        ("We describe the creation of MedFoo-7B for triage.", "MedFoo-7B", "introduces"),
        # a blocker between the verb and the name: the name is what the act uses
        ("We introduce a method that outperforms MedFoo-7B on triage.", "MedFoo-7B", "uses"),
        ("We propose a method based on MedFoo-7B for triage.", "MedFoo-7B", "uses"),
        # a name-shaped word between the verb and the name: the verb is that name's
        ("We introduce MedBar-2 and compare MedFoo-7B for triage.", "MedFoo-7B", "uses"),
    ],
)
def test_roles_cues(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # issue 15, item 4: an introduce verb after another verb is a participle of other
        # people's models ...
        ("We fine-tune open-source models Koala-7B and Zorba-13B today.", "Koala-7B", "uses"),
        ("We fine-tune open-source models Koala-7B and Zorba-13B today.", "Zorba-13B", "uses"),
        (
            "We compare open-source models such as Koala-7B and Zorba-13B today.",
            "Zorba-13B",
            "uses",
        ),
        ("We compare baselines including Koala-7B and Zorba-13B today.", "Koala-7B", "uses"),
        ("We test the best open-source model, Koala-7B, on triage.", "Koala-7B", "uses"),
        ("We adapt the recently introduced Koala-7B for triage.", "Koala-7B", "uses"),
        ("We adapt our previously developed Koala-7B for triage.", "Koala-7B", "uses"),
        # ... and the paper's act after its subject, an adverb, or a joined verb
        ("We also release Koala-7B for triage.", "Koala-7B", "introduces"),
        ("We have publicly released Koala-7B for triage.", "Koala-7B", "introduces"),
        ("We collect and release Koala-7B for triage.", "Koala-7B", "introduces"),
        ("We pool data to create Koala-7B for triage.", "Koala-7B", "introduces"),
        ("We show this by releasing Koala-7B for triage.", "Koala-7B", "introduces"),
        ("Our research introduces Koala-7B for triage.", "Koala-7B", "introduces"),
        ("They did so by releasing Koala-7B for triage.", "Koala-7B", "uses"),
        # "our ... model, X": the head noun may carry modifiers; a determiner ends them
        ("We train our small clinical language model, Koala-7B, today.", "Koala-7B", "introduces"),
        ("We train our model and the large language model, Koala-7B, today.", "Koala-7B", "uses"),
        ("Our model (Koala-7B) beats GPT-4 today.", "Koala-7B", "introduces"),
        # an apposition crediting someone else
        ("Koala-7B, an open-source model developed by Meta, is used.", "Koala-7B", "uses"),
        ("Koala-7B, an open-source model developed by us, is used.", "Koala-7B", "introduces"),
        ("Koala-7B, a new dataset from two hospitals, is used.", "Koala-7B", "introduces"),
        # "our models, including X"; but not "our baselines, including X"
        ("Our open-source models, including Koala-7B, are released.", "Koala-7B", "introduces"),
        ("Our baselines, including Koala-7B and Zorba-13B, are weak.", "Koala-7B", "uses"),
        ("Our study shows that models like Koala-7B are close to us.", "Koala-7B", "uses"),
        # "our approach uses X": X is used
        ("Our approach uses Koala-7B to encode notes.", "Koala-7B", "uses"),
        # an acronym defined in brackets after the paper's own long form
        (
            "We propose a model for label noise estimation (Koala-7B) today.",
            "Koala-7B",
            "introduces",
        ),
        ("We evaluate a model for label noise estimation (Koala-7B) today.", "Koala-7B", "uses"),
    ],
)
def test_roles_of_lists_participles_and_appositions(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


def lexicon_of(rows: list[dict[str, str]]) -> Lexicon:
    return Lexicon.from_patterns({"roles": rows}, parse_known_entities([]))


def test_states_the_act_reads_subject_adverbs_and_joiners() -> None:
    lexicon = lexicon_of(
        [
            {"kind": "subject", "text": "we"},
            {"kind": "act_adverb", "text": "also"},
            {"kind": "past_adverb", "text": "recently"},
        ]
    )
    assert states_the_act(["we"], lexicon)
    assert states_the_act(["we", "also"], lexicon)
    assert states_the_act(["we", "openly"], lexicon)  # an "-ly" adverb is skipped
    assert not states_the_act(["we", "only"], lexicon)  # four letters: not an adverb by form
    assert not states_the_act(["we", "fine-tune"], lexicon)
    assert not states_the_act(["several"], lexicon)
    assert not states_the_act(["we", "recently"], lexicon)
    assert states_the_act(["we", "collect", "and"], lexicon)
    assert states_the_act(["data", "to"], lexicon)
    assert states_the_act([], lexicon)


def words(text: str) -> list[str]:
    return text.split(" ")


def test_owned_by_marker_counts_its_window() -> None:
    lexicon = Lexicon.from_patterns(
        {
            "roles": [{"kind": "own_marker", "text": "our"}, {"kind": "block", "text": "baseline"}],
            "models": [{"kind": "head", "text": "model"}],
        },
        parse_known_entities([]),
    )
    assert owned_by_marker(words("our the the model ,"), lexicon)  # four skipped
    assert not owned_by_marker(words("our a the the model ,"), lexicon)  # five
    assert owned_by_marker(words("our b c d e f g model ,"), lexicon)  # six modifiers
    assert not owned_by_marker(words("our b c d e f g h model ,"), lexicon)  # seven
    assert not owned_by_marker(words("our baseline model ,"), lexicon)
    assert not owned_by_marker(words("our Big model ,"), lexicon)
    assert not owned_by_marker(words("our large ,"), lexicon)  # no head noun


def test_made_by_others_reads_the_agent() -> None:
    assert made_by_others(["a", "model", "developed", "by", "meta"])
    assert not made_by_others(["a", "model", "developed", "by", "us"])
    assert not made_by_others(["a", "model", "built", "by", "the", "authors"])
    assert made_by_others(["a", "model", "built", "by", "the", "vendor"])
    assert not made_by_others(["a", "model", "from", "meta"])


def test_owned_by_marker_skips_a_list_introducer_after_the_head() -> None:
    lexicon = Lexicon.from_patterns(
        {
            "roles": [
                {"kind": "own_marker", "text": "our"},
                {"kind": "block", "text": "baselines"},
            ],
            "models": [{"kind": "head", "text": "models"}, {"kind": "head", "text": "baselines"}],
        },
        parse_known_entities([]),
    )
    assert owned_by_marker(words("our models , including"), lexicon)
    assert owned_by_marker(words("our models such as"), lexicon)
    assert not owned_by_marker(words("our baselines , including"), lexicon)
    assert not owned_by_marker(words("our study shows that models like"), lexicon)
    assert not owned_by_marker(words("our including"), lexicon)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # issue 15, item 4: "open-source" in an apposition says nothing of who made the model
        ("We compare it with Koala-7B, an open-source model, today.", "Koala-7B", "uses"),
        ("We compare it with Koala-7B, a new open-source model, today.", "Koala-7B", "introduces"),
        # releasing parts of the paper's own system, coordinated or made available
        ("We publicly release the code and weights for Koala-7B today.", "Koala-7B", "introduces"),
        ("We release the weights for Koala-7B today.", "Koala-7B", "introduces"),
        ("We evaluate the code and weights for Koala-7B today.", "Koala-7B", "uses"),
        ("We tune the data and weights for Koala-7B today.", "Koala-7B", "uses"),
        ("We make the weights of Koala-7B publicly available.", "Koala-7B", "introduces"),
        ("We make Koala-7B available to all.", "Koala-7B", "introduces"),
        ("They make Koala-7B available to all.", "Koala-7B", "uses"),
        ("We make use of Koala-7B, available online.", "Koala-7B", "uses"),
        # collecting or compiling a named dataset is creating it
        ("We compile a large clinical corpus, Koala-7B, for triage.", "Koala-7B", "introduces"),
        ("We gather Koala-7B from three hospitals today.", "Koala-7B", "introduces"),
        ("They gather Koala-7B from three hospitals today.", "Koala-7B", "uses"),
        ("We collect notes from Koala-7B today.", "Koala-7B", "uses"),
    ],
)
def test_roles_of_releases_and_collections(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_made_available_reads_its_windows() -> None:
    lexicon = lexicon_of(
        [
            {"kind": "subject", "text": "we"},
            {"kind": "released_part", "text": "weights"},
            {"kind": "act_adverb", "text": "also"},
        ]
    )
    assert made_available(words("we make the weights of"), words("publicly available"), lexicon)
    assert made_available(words("we also make"), words("freely openly available"), lexicon)
    # "available" after three words between is too far; a non-adverb ends the search
    assert not made_available(words("we make"), words("very truly freely available"), lexicon)
    assert not made_available(words("we make"), words("here available"), lexicon)
    assert not made_available(words("we make"), words("and available"), lexicon)
    # no "make", someone else's, or another word between
    assert not made_available(words("we release"), words("available"), lexicon)
    assert not made_available(words("they make"), words("available"), lexicon)
    assert not made_available(words("we make use of"), words("available"), lexicon)
    assert not made_available([], words("available"), lexicon)


def test_made_by_us_reads_the_first_agent() -> None:
    assert made_by_us(["a", "model", "developed", "by", "us"])
    assert made_by_us(["built", "by", "the", "authors"])
    assert not made_by_us(["built", "by", "the", "vendor"])
    assert not made_by_us(["built", "by", "meta", "by", "us"])  # the first agent counts
    assert not made_by_us(["built", "for", "us"])


def test_act_adverbs_by_length_and_subject() -> None:
    """Survivors of the mutation run: the "-ly" length bound and what follows an adverb."""
    lexicon = lexicon_of(
        [{"kind": "subject", "text": "we"}, {"kind": "act_adverb", "text": "also"}]
    )
    assert states_the_act(["we", "truly"], lexicon)  # five letters: an adverb
    assert not states_the_act(["we", "ably"], lexicon)  # four: a word of its own
    assert not states_the_act(["they", "also"], lexicon)  # the adverb's subject decides
    assert not states_the_act(["they", "truly"], lexicon)


def test_agents_read_two_words() -> None:
    after = ["a", "model", "built", "by", "the", "authors", "of", "this", "paper"]
    assert made_by_us(after)
    assert not made_by_others(after)
    assert not made_by_others(["developed", "by", "us", "today"])
    assert made_by_us(["developed", "by", "us", "today"])


def test_made_available_within_three_adverbs() -> None:
    lexicon = lexicon_of([{"kind": "subject", "text": "we"}])
    assert made_available(words("we make"), words("truly freely available"), lexicon)
    assert not made_available(words("we make"), words("truly freely openly available"), lexicon)
    assert not made_available(words("we make"), words("publicly"), lexicon)
    assert not made_available(words("we make"), [], lexicon)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # survivors of the mutation run, each cue on both sides of its bound
        # the apposition: "the" and "our" open it too; a comma is needed
        ("Koala-7B, the first model for triage, is used.", "Koala-7B", "introduces"),
        ("Koala-7B, our model for triage, is used.", "Koala-7B", "introduces"),
        ("We apply Koala-7B the first time for triage.", "Koala-7B", "uses"),
        # a novelty word among the first four words of the apposition
        ("Koala-7B, a fast and novel model, is used.", "Koala-7B", "introduces"),
        ("Koala-7B, a fast and simple novel model, is used.", "Koala-7B", "uses"),
        # the passive: an adverb between, and the paper as the agent
        ("Koala-7B is newly proposed in this paper.", "Koala-7B", "introduces"),
        ("Koala-7B is first introduced in this work.", "Koala-7B", "introduces"),
        ("Koala-7B is hereby released with this study.", "Koala-7B", "introduces"),
        ("Koala-7B was proposed for this task.", "Koala-7B", "uses"),
        ("Koala-7B was proposed in a recent study.", "Koala-7B", "uses"),
        # a naming verb counts only before the name, in its sentence
        ("Koala-7B named after a dog is used.", "Koala-7B", "uses"),
        ("We tried this first. Koala-7B, a novel model, is used.", "Koala-7B", "introduces"),
    ],
)
def test_roles_cue_bounds(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # only "of"/"for" after a released part is skipped; "with" still blocks
        ("We release the weights with Koala-7B today.", "Koala-7B", "uses"),
        (
            "We release the code, checkpoints and weights of Koala-7B today.",
            "Koala-7B",
            "introduces",
        ),
        # the passive's noun: "this study" as well as "this paper"
        ("Koala-7B is proposed in this study today.", "Koala-7B", "introduces"),
    ],
)
def test_release_and_passive_bounds(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # issue 15, item 4: lists of other people's models named by the paper. "study" after
        # "we" is a verb, not the paper as subject ...
        ("We study publicly released models, namely Koala-7B and Zorba-13B.", "Koala-7B", "uses"),
        ("This study releases the models Koala-7B and Zorba-13B.", "Koala-7B", "introduces"),
        ("Our work releases the models Koala-7B and Zorba-13B.", "Koala-7B", "introduces"),
        # ... a bracket listing names is no long form the scan may read through ...
        ("We wrote prompts for open models (Koala-7B, Zorba-13B) today.", "Koala-7B", "uses"),
        ("We wrote prompts for open models (Koala-7B, Zorba-13B) today.", "Zorba-13B", "uses"),
        (
            "We develop a collection and linking system (Koala-7B) today.",
            "Koala-7B",
            "introduces",
        ),
        # ... and "our" owns the examples of a class only when it is near the class
        (
            "Our evaluation covers open-source LLMs such as Koala-7B and Zorba-13B.",
            "Koala-7B",
            "uses",
        ),
        ("Our tuned clinical models, including Koala-7B, win.", "Koala-7B", "introduces"),
        ("Our big tuned clinical models, including Koala-7B, win.", "Koala-7B", "uses"),
        ("Our big tuned clinical model, Koala-7B, wins today.", "Koala-7B", "introduces"),
    ],
)
def test_lists_of_other_peoples_models(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_is_subject_needs_a_determiner_before_a_noun() -> None:
    lexicon = lexicon_of(
        [{"kind": "subject", "text": t} for t in ("we", "here", "herein", "this", "our")]
        + [{"kind": "subject", "text": t} for t in ("study", "paper")]
    )
    for words in ("we", "x here", "x herein", "this", "x our"):
        assert is_subject(words.split(), len(words.split()) - 1, lexicon), words
    for det in ("this", "our", "the", "present", "current"):
        assert is_subject([det, "study"], 1, lexicon), det
        assert is_subject([det, "paper"], 1, lexicon), det
    assert not is_subject(["we", "study"], 1, lexicon)
    assert not is_subject(["study"], 0, lexicon)
    assert not is_subject(["study", "this"], 0, lexicon)  # nothing before the first word
    assert not is_subject(["this", "model"], 1, lexicon)  # not a subject word at all


def test_abbreviates_long_form_needs_a_closed_bracket_and_a_word_before() -> None:
    assert abbreviates_long_form(words("Foo Labels ( NEL )"), 3, 3)
    assert abbreviates_long_form(words("Labels ( Foo Bar )"), 2, 3)
    assert not abbreviates_long_form(words("( NEL )"), 1, 1)
    assert not abbreviates_long_form(words("Labels ( NEL"), 2, 2)
    assert not abbreviates_long_form(words("Labels ( NEL , X )"), 2, 2)
    assert not abbreviates_long_form(words("Labels , NEL )"), 2, 2)


def test_owned_by_marker_reads_two_modifiers_before_a_listed_class() -> None:
    lexicon = Lexicon.from_patterns(
        {
            "roles": [{"kind": "own_marker", "text": "our"}],
            "models": [{"kind": "head", "text": "models"}],
        },
        parse_known_entities([]),
    )
    assert owned_by_marker(words("our b c models , including"), lexicon)  # two modifiers
    assert not owned_by_marker(words("our b c d models , including"), lexicon)  # three
    assert owned_by_marker(words("our b c models such as"), lexicon)
    assert not owned_by_marker(words("our b c d models such as"), lexicon)
    assert owned_by_marker(words("our b c d models ,"), lexicon)  # no list: six allowed


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a name that modifies the noun after it is not what the verb made
        ("We propose a Koala-7B based benchmark named MedBar.", "Koala-7B", "uses"),
        ("We introduce a Koala-7B powered agent for triage.", "Koala-7B", "uses"),
        ("We propose Koala-7B based on Zorba-13B for triage.", "Koala-7B", "introduces"),
        # a clause opened by a participle after a comma has an object of its own
        ("We build new data, enabling the Koala-7B to improve.", "Koala-7B", "uses"),
        ("We train on new data, releasing Koala-7B for triage.", "Koala-7B", "introduces"),
        # the collection verbs ...
        ("We gather a large corpus, Koala-7B, from two sites.", "Koala-7B", "introduces"),
        # ... and "a dataset of <count> items, X"
        ("We construct a dataset of 7,000 dialogues, Koala-7B, today.", "Koala-7B", "introduces"),
        ("We construct the dataset of dialogues, Koala-7B, today.", "Koala-7B", "uses"),
        # (an indefinite phrase that the name renames is the paper's whatever its words)
        ("We construct a dataset of dialogues, Koala-7B, today.", "Koala-7B", "introduces"),
        ("We construct a version of 7,000 dialogues, Koala-7B, today.", "Koala-7B", "uses"),
    ],
)
def test_modifiers_clauses_and_counted_datasets(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_modifies_the_next_noun_reads_two_words() -> None:
    for participle in ("based", "powered", "driven", "guided", "assisted"):
        assert modifies_the_next_noun([participle, "agent"]), participle
    assert modifies_the_next_noun(["based"])  # the last word of the sentence
    assert not modifies_the_next_noun([])
    assert not modifies_the_next_noun(["model", "based"])
    for prep in ("on", "upon", "by", "in", "from", "with", "to", "at"):
        assert not modifies_the_next_noun(["based", prep]), prep


def test_opens_participle_clause_needs_a_comma_and_a_long_ing_word() -> None:
    lexicon = lexicon_of([{"kind": "introduce_verb", "text": "releasing"}])
    assert opens_participle_clause([",", "making"], lexicon)  # six letters
    assert not opens_participle_clause([",", "doing"], lexicon)  # five: "thing", "ring" ...
    assert not opens_participle_clause([",", "releasing"], lexicon)
    assert not opens_participle_clause(["and", "enabling"], lexicon)
    assert not opens_participle_clause(["enabling"], lexicon)
    assert not opens_participle_clause([",", "enabled"], lexicon)


def test_counts_next_reads_the_unit_after(nlp_entities: Language) -> None:
    from kg.nlp.components.names.units import doc_units

    units = doc_units(nlp_entities("a dataset of 7,000 notes of many"))
    assert counts_next(units, 2)
    assert not counts_next(units, 5)
    assert not counts_next(units, 6)  # the last unit


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # "to" before an introduce word that is an adjective of the noun after it
        (
            "We compare our model to open-source models Koala-7B and Zorba-13B.",
            "Koala-7B",
            "uses",
        ),
        ("We add retrieval to released models Koala-7B and Zorba-13B now.", "Zorba-13B", "uses"),
        ("We pool data to create Koala-7B for triage.", "Koala-7B", "introduces"),
        ("We aim to open-source Koala-7B for triage.", "Koala-7B", "introduces"),
        # a sentence-opening adverbial ends at its comma: no apposition
        ("Unlike Koala-7B, our new model uses retrieval.", "Koala-7B", "uses"),
        ("Compared with Koala-7B, the first model uses retrieval.", "Koala-7B", "uses"),
        ("We present A1-Bench; and Koala-7B, a new dataset.", "Koala-7B", "introduces"),
        # released parts of the name said to be released or available
        ("The code and weights of Koala-7B are released online.", "Koala-7B", "introduces"),
        ("The weights for Koala-7B are publicly available online.", "Koala-7B", "introduces"),
        ("The weights of Koala-7B were used online.", "Koala-7B", "uses"),
    ],
)
def test_adjectives_adverbials_and_released_parts(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_adjective_after_to_bounds() -> None:
    heads = frozenset({"models"})
    assert adjective_after_to("to", "open-source", "models", heads)
    assert adjective_after_to("to", "released", "x", heads)  # a participle after "to"
    assert not adjective_after_to("to", "release", "x", heads)
    assert not adjective_after_to("and", "released", "models", heads)
    assert not adjective_after_to("", "released", "models", heads)


def test_opens_adverbial_within_three_words() -> None:
    lexicon = lexicon_of([{"kind": "block", "text": "with"}])
    assert opens_adverbial(words("compared with"), lexicon)
    assert opens_adverbial(words("a b with"), lexicon)  # three words
    assert not opens_adverbial(words("a b c with"), lexicon)  # four
    assert not opens_adverbial(words("with a"), lexicon)  # not right before the name
    assert not opens_adverbial([], lexicon)


def test_released_part_passive_bounds() -> None:
    lexicon = lexicon_of(
        [
            {"kind": "released_part", "text": "weights"},
            {"kind": "introduce_verb", "text": "released"},
            {"kind": "act_adverb", "text": "now"},
        ]
    )
    assert released_part_passive(words("weights of"), words("are released"), lexicon)
    assert released_part_passive(words("weights for"), words("is available"), lexicon)
    assert released_part_passive(words("weights of"), words("were accessible"), lexicon)
    assert released_part_passive(words("weights of"), words("are now released"), lexicon)
    assert released_part_passive(words("weights of"), words("are freely available"), lexicon)
    # one adverb only; a be-verb first; the released part right before "of"
    assert not released_part_passive(words("weights of"), words("are not now released"), lexicon)
    assert not released_part_passive(words("weights of"), words("released"), lexicon)
    assert not released_part_passive(words("weights of"), words("then released"), lexicon)
    assert not released_part_passive(words("weights of"), words("are"), lexicon)
    assert not released_part_passive(words("weights of"), [], lexicon)
    assert not released_part_passive(words("weights from"), words("are released"), lexicon)
    assert not released_part_passive(words("authors of"), words("are released"), lexicon)
    assert not released_part_passive(words("of"), words("are released"), lexicon)
    assert not released_part_passive(words("weights of the"), words("are released"), lexicon)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # survivors of the mutation run over roles.py (docs/mutation.md): a name-shaped word
        # between the verb and the name makes the verb that name's ...
        ("We release the MedBar-2 tuned Koala-7B today.", "Koala-7B", "uses"),
        # ... unless it is the last word of the long form the bracketed name abbreviates
        ("We propose Noise Estimation LabelNet2 (NELX) for triage.", "NELX", "introduces"),
        # a bracket after the name marks it only when it holds "ours"
        ("Koala-7B (Smith 2020) is used today.", "Koala-7B", "uses"),
        # "our <head> including X" (no comma) still reads past the list introducer
        ("Our models including Koala-7B win today.", "Koala-7B", "introduces"),
    ],
)
def test_roles_mutation_survivors(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_counts_and_participles_at_the_edges(nlp_entities: Language) -> None:
    from kg.nlp.components.names.units import doc_units

    units = doc_units(nlp_entities("a dataset of 7,000"))
    assert counts_next(units, 2)  # the count is the last unit
    lexicon = lexicon_of([])
    assert opens_participle_clause(["x", ",", "making"], lexicon)  # the last two words count
    assert not opens_participle_clause([",", "making", "x"], lexicon)


# -- generalisation to unseen phrasing (issue 15, item 4; tests/data/challenge_roles_results) --


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a passive after an apposition that renames a new noun phrase ...
        ("A triage model, Zorba-7B, was developed from ward data.", "Zorba-7B", "introduces"),
        ("In this study, a parser for notes, Zorba-7B, is presented.", "Zorba-7B", "introduces"),
        # ... not after a definite phrase, or when someone else made it
        ("The triage model, Zorba-7B, was developed from ward data.", "Zorba-7B", "uses"),
        ("A triage model, Zorba-7B, was developed by Quux Labs.", "Zorba-7B", "uses"),
        ("A triage model, Zorba-7B, was used on ward data.", "Zorba-7B", "uses"),
        # an apposition needs its closing comma: "In a pilot, X was ..." is X as the subject
        ("In a pilot study, Zorba-7B was developed from ward data.", "Zorba-7B", "uses"),
        # training a new noun phrase that the name renames
        ("We pretrain a 3D encoder, Zorba-7B, on ward scans.", "Zorba-7B", "introduces"),
        ("We fine-tune a language model, Zorba-7B, on ward notes.", "Zorba-7B", "uses"),
        ("We train Zorba-7B on ward scans.", "Zorba-7B", "uses"),
        ("We pretrain an existing encoder, Zorba-7B, on ward scans.", "Zorba-7B", "uses"),
        # more verbs of the paper's own act
        ("Here we describe Zorba-7B for ward scans.", "Zorba-7B", "introduces"),
        ("We engineer Zorba-7B for ward scans.", "Zorba-7B", "introduces"),
        ("They describe Zorba-7B for ward scans.", "Zorba-7B", "uses"),
        # an introduce verb before a longer renamed phrase
        ("We present a detector for ward scans, Zorba-7B, today.", "Zorba-7B", "introduces"),
        ("We use a detector for ward scans, Zorba-7B, today.", "Zorba-7B", "uses"),
        # a relative clause with the paper as subject
        ("Notes were coded with Zorba-7B, a tagger that we release.", "Zorba-7B", "introduces"),
        ("Notes were coded with Zorba-7B, a tagger which we use.", "Zorba-7B", "uses"),
        ("Our approach uses Zorba-7B, a tagger we designed.", "Zorba-7B", "introduces"),
        ("We tag notes with Zorba-7B, and we release the tags.", "Zorba-7B", "uses"),
        ("We compare Zorba-7B to the tagger that we release.", "Zorba-7B", "uses"),
        # "our contribution is X"
        ("Our main contribution is Zorba-7B, a tagger.", "Zorba-7B", "introduces"),
        ("Our baseline is Zorba-7B, a tagger.", "Zorba-7B", "uses"),
        # "In this work, X <verb>s": an unknown name as the paper's subject
        ("In this work, Zorba-7B segments ward scans.", "Zorba-7B", "introduces"),
        ("In this work, Zorba-7B is fine-tuned on ward scans.", "Zorba-7B", "uses"),
        ("In this work, GPT-4 answers ward questions.", "GPT-4", "uses"),
        # "..., yielding X" after the paper's act
        (
            "We distil a large tagger into a small one, yielding Zorba-7B today.",
            "Zorba-7B",
            "introduces",
        ),
        ("Distilling a tagger into a small one, yielding Zorba-7B today.", "Zorba-7B", "uses"),
        # a sentence-opening phrase with a list ends at its comma
        (
            "Unlike older taggers such as Quux-3B and Zorba-7B, our tagger reads notes.",
            "Zorba-7B",
            "uses",
        ),
        ("We compare Quux-3B and Zorba-7B, our new tagger, on notes.", "Zorba-7B", "introduces"),
        # an introduce word before a bracket of names is their adjective
        (
            "We test closed (Quux-3B, Blorp-2) and open-source (Zorba-7B, Flib-7B) models.",
            "Zorba-7B",
            "uses",
        ),
    ],
)
def test_unseen_role_phrasings(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_opens_with_phrase_bounds() -> None:
    from kg.nlp.components.roles import opens_with_phrase

    lexicon = lexicon_of([{"kind": "block", "text": "unlike"}, {"kind": "subject", "text": "we"}])
    assert opens_with_phrase(words("unlike older taggers such as"), lexicon)
    assert opens_with_phrase(words("unlike"), lexicon)
    assert not opens_with_phrase(words("unlike a , b"), lexicon)
    assert not opens_with_phrase(words("unlike a ; b"), lexicon)
    assert not opens_with_phrase(words("unlike a : b"), lexicon)
    assert not opens_with_phrase(words("unlike what we"), lexicon)
    assert not opens_with_phrase(words("we unlike"), lexicon)
    assert not opens_with_phrase([], lexicon)


def test_indefinite_apposition_bounds() -> None:
    from kg.nlp.components.roles import indefinite_apposition

    lexicon = lexicon_of([{"kind": "block", "text": "existing"}, {"kind": "block", "text": "for"}])
    assert indefinite_apposition(words("we train a 3D encoder ,"), lexicon) == 2
    assert indefinite_apposition(words("An encoder ,"), lexicon) == 0
    assert indefinite_apposition(words("a model for brain scans ,"), lexicon) == 0  # preposition
    assert indefinite_apposition(words("a b c d e f g h i j k ,"), lexicon) == 0  # ten words
    assert indefinite_apposition(words("a b c d e f g h i j k l ,"), lexicon) == -1  # eleven
    assert indefinite_apposition(words("an existing model ,"), lexicon) == -1  # blocker
    assert indefinite_apposition(words("a model that scans ,"), lexicon) == -1  # clause word
    assert indefinite_apposition(words("a model of BERT ,"), lexicon) == -1  # a name inside
    assert indefinite_apposition(words("a model 2 ,"), lexicon) == -1  # no letters
    assert indefinite_apposition(words("the model ,"), lexicon) == -1
    assert indefinite_apposition(words("a model"), lexicon) == -1  # no comma
    assert indefinite_apposition(words("a ,"), lexicon) == -1  # too short
    assert indefinite_apposition(words("x a ,"), lexicon) == -1  # no noun
    assert indefinite_apposition(words("a model x"), lexicon) == -1  # no comma last


def test_made_in_apposition_bounds() -> None:
    from kg.nlp.components.roles import made_in_apposition

    lexicon = lexicon_of(
        [{"kind": "subject", "text": "we"}, {"kind": "introduce_verb", "text": "present"}]
    )
    assert made_in_apposition(words("We present a tool for stones ,"), lexicon)
    assert made_in_apposition(words("We pretrain a model ,"), lexicon)
    assert not made_in_apposition(words("pretrain a model ,"), lexicon)  # no subject
    assert not made_in_apposition(words("They train a model ,"), lexicon)
    assert not made_in_apposition(words("We saw they train a model ,"), lexicon)
    assert not made_in_apposition(words("We use a model ,"), lexicon)
    assert not made_in_apposition(words("a model ,"), lexicon)  # no verb


def test_relative_clause_by_us_bounds() -> None:
    from kg.nlp.components.roles import relative_clause_by_us

    lexicon = lexicon_of(
        [{"kind": "introduce_verb", "text": "release"}, {"kind": "act_adverb", "text": "also"}]
    )
    assert relative_clause_by_us(words("a tool that we release"), lexicon)
    assert relative_clause_by_us(words("which we also release"), lexicon)
    assert not relative_clause_by_us(words("which we use"), lexicon)
    assert not relative_clause_by_us(words("a tool that they release"), lexicon)
    assert not relative_clause_by_us(words("a tool , that we release"), lexicon)
    assert not relative_clause_by_us(words("a tool ; that we release"), lexicon)
    assert not relative_clause_by_us(words("a tool that we"), lexicon)
    assert relative_clause_by_us(words("a tool we release"), lexicon)  # no relative pronoun
    assert not relative_clause_by_us(words("we release"), lexicon)  # "X, we release ..."
    assert not relative_clause_by_us(words("and we release"), lexicon)  # a clause of its own
    assert not relative_clause_by_us(words("a b c d e f g h i j that we release"), lexicon)


def test_opens_relative_bounds() -> None:
    from kg.nlp.components.roles import opens_relative

    lexicon = lexicon_of([{"kind": "block", "text": "on"}])
    assert opens_relative("that", lexicon) and opens_relative("which", lexicon)
    assert opens_relative("tool", lexicon)
    assert not opens_relative("and", lexicon)  # a clause word
    assert not opens_relative("on", lexicon)  # a blocker
    assert not opens_relative("3d", lexicon)  # not a word


def test_own_work_is_bounds() -> None:
    from kg.nlp.components.roles import own_work_is

    lexicon = lexicon_of([{"kind": "own_marker", "text": "our"}])
    assert own_work_is(words("our contribution is"), lexicon)
    assert own_work_is(words("our main contribution was"), lexicon)
    assert not own_work_is(words("our baseline is"), lexicon)
    assert not own_work_is(words("their approach is"), lexicon)
    assert not own_work_is(words("our contribution"), lexicon)
    assert not own_work_is(words("our very main model is"), lexicon)
    assert not own_work_is(words("our 2 model is"), lexicon)
    assert not own_work_is(words("contribution is"), lexicon)


def test_paper_frame_subject_bounds() -> None:
    from kg.nlp.components.roles import paper_frame_subject

    lexicon = lexicon_of([{"kind": "subject", "text": "work"}])
    assert paper_frame_subject(words("in this work ,"), ["estimates"], lexicon)
    assert paper_frame_subject(words("in the present work ,"), ["estimates"], lexicon)
    assert paper_frame_subject(words("here ,"), ["learns"], lexicon)
    assert not paper_frame_subject(words("in this work ,"), ["is"], lexicon)
    assert not paper_frame_subject(words("in this work ,"), ["has"], lexicon)
    assert not paper_frame_subject(words("in this work ,"), ["estimate"], lexicon)
    assert not paper_frame_subject(words("in this work ,"), ["4s"], lexicon)
    assert not paper_frame_subject(words("in this work ,"), [], lexicon)
    assert not paper_frame_subject(words("in a work ,"), ["estimates"], lexicon)
    assert not paper_frame_subject(words("in this case ,"), ["estimates"], lexicon)
    assert not paper_frame_subject(words("in this work"), ["estimates"], lexicon)
    assert not paper_frame_subject(words("so here ,"), ["learns"], lexicon)
    assert not paper_frame_subject(words("here x"), ["learns"], lexicon)  # no comma
    assert not paper_frame_subject([","], ["learns"], lexicon)


def test_adjective_before_bracket_bounds() -> None:
    from kg.nlp.components.roles import adjective_before_bracket

    lexicon = lexicon_of([{"kind": "subject", "text": "we"}])
    assert adjective_before_bracket("and", "(", lexicon)
    assert adjective_before_bracket("", "(", lexicon)
    assert not adjective_before_bracket("we", "(", lexicon)
    assert not adjective_before_bracket("and", "models", lexicon)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # issue 15, item 4 (third round): "put forward" is the paper's act after its subject ...
        ("In this study we put forward Quillon-3 for sepsis alerts.", "Quillon-3", "introduces"),
        ("This paper puts forward Quillon-3 for sepsis alerts.", "Quillon-3", "introduces"),
        ("A sepsis alert model, Quillon-3, is put forward and tested.", "Quillon-3", "introduces"),
        # ... and someone else's after another subject; "move forward" creates nothing
        ("Smith et al. put forward Quillon-3 for sepsis alerts.", "Quillon-3", "uses"),
        ("We move forward Quillon-3 for sepsis alerts.", "Quillon-3", "uses"),
        ("We study the recently put forward Quillon-3 on wards.", "Quillon-3", "uses"),
        # "our <adjective> X" for a name that is not well known; not a participle or "first"
        ("Our lightweight Quillon-3 flags sepsis early.", "Quillon-3", "introduces"),
        ("Our compact multi-task Quillon-3 flags sepsis early.", "Quillon-3", "introduces"),
        ("Our fine-tuned Quillon-3 flags sepsis early.", "Quillon-3", "uses"),
        ("Our first Quillon-3 flagged sepsis late.", "Quillon-3", "uses"),
        ("Their lightweight Quillon-3 flags sepsis early.", "Quillon-3", "uses"),
        ("Our lightweight BioBERT flags sepsis early.", "BioBERT", "uses"),
        # "Our approach uses X, <apposition>": X is the approach's own system
        (
            "Our approach uses Quillon-3, a recurrent alert model, on wards.",
            "Quillon-3",
            "introduces",
        ),
        ("Our approach uses Quillon-3 to flag sepsis on wards.", "Quillon-3", "uses"),
        ("Their approach uses Quillon-3, a recurrent alert model, on wards.", "Quillon-3", "uses"),
        ("Our approach uses BioBERT, a language model, on wards.", "BioBERT", "uses"),
        # the paper credited in brackets or in an apposition right after the name
        ("Quillon-3 (this work) flags sepsis early.", "Quillon-3", "introduces"),
        ("Quillon-3 (proposed) flags sepsis early.", "Quillon-3", "introduces"),
        ("Quillon-3 (Smith et al.) flags sepsis early.", "Quillon-3", "uses"),
        ("Quillon-3, introduced here, flags sepsis early.", "Quillon-3", "introduces"),
        ("Quillon-3, proposed in this work, flags sepsis early.", "Quillon-3", "introduces"),
        ("Quillon-3, introduced in 2021, flags sepsis early.", "Quillon-3", "uses"),
        ("Quillon-3, used here, flags sepsis early.", "Quillon-3", "uses"),
    ],
)
def test_roles_third_round_cues(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_is_phrasal_act_bounds() -> None:
    from kg.nlp.components.roles import is_phrasal_act

    assert is_phrasal_act("put", "forward")
    assert is_phrasal_act("sets", "forth")
    assert not is_phrasal_act("move", "forward")
    assert not is_phrasal_act("put", "on")
    assert not is_phrasal_act("", "forward")


def test_own_in_brackets_bounds() -> None:
    from kg.nlp.components.roles import own_in_brackets

    lexicon = lexicon_of([{"kind": "subject", "text": t} for t in ("this", "work", "study")])
    assert own_in_brackets(words("( ours )"), lexicon)
    assert own_in_brackets(words("( this study )"), lexicon)
    assert not own_in_brackets(words("( this model )"), lexicon)
    assert not own_in_brackets(words("( smith )"), lexicon)
    assert not own_in_brackets(words("( our work )"), lexicon)
    assert not own_in_brackets(words("( ours"), lexicon)  # never closed
    assert not own_in_brackets(words("( a b c d )"), lexicon)  # too long to close in reach
    assert not own_in_brackets(words("ours )"), lexicon)


def test_introduced_here_bounds() -> None:
    from kg.nlp.components.roles import introduced_here

    lexicon = lexicon_of(
        [{"kind": "introduce_verb", "text": "proposed"}]
        + [{"kind": "subject", "text": t} for t in ("this", "paper")]
    )
    assert introduced_here(words("proposed herein"), lexicon)
    assert introduced_here(words("proposed in this paper"), lexicon)
    assert introduced_here(words("proposed in the present paper"), lexicon)
    assert not introduced_here(words("proposed in this"), lexicon)
    assert not introduced_here(words("proposed in this this"), lexicon)
    assert not introduced_here(words("proposed in that paper"), lexicon)
    assert not introduced_here(words("proposed by them"), lexicon)
    assert not introduced_here(words("proposed"), lexicon)


def test_own_work_uses_bounds() -> None:
    from kg.nlp.components.roles import own_work_uses

    lexicon = lexicon_of([{"kind": "own_marker", "text": "our"}])
    assert own_work_uses(words("our approach uses"), lexicon)
    assert own_work_uses(words("our method employs"), lexicon)
    assert not own_work_uses(words("our approach applies"), lexicon)
    assert not own_work_uses(words("our approach uses the"), lexicon)
    assert not own_work_uses(words("our baseline uses"), lexicon)
    assert not own_work_uses(words("approach uses"), lexicon)


def test_owned_with_adjectives_bounds() -> None:
    from kg.nlp.components.roles import owned_with_adjectives

    lexicon = lexicon_of(
        [{"kind": "own_marker", "text": "our"}, {"kind": "block", "text": "baseline"}]
    )
    assert owned_with_adjectives(words("Our lightweight"), lexicon)
    assert owned_with_adjectives(words("our fast multi-scale"), lexicon)
    assert not owned_with_adjectives(words("our a b c"), lexicon)  # three words: too many
    assert not owned_with_adjectives(words("our very fast multi-scale"), lexicon)
    assert not owned_with_adjectives(words("our adapted"), lexicon)
    assert not owned_with_adjectives(words("our original"), lexicon)
    assert not owned_with_adjectives(words("our baseline"), lexicon)
    assert not owned_with_adjectives(words("our Fast"), lexicon)
    assert not owned_with_adjectives(words("our 3"), lexicon)
    assert not owned_with_adjectives(words("lightweight"), lexicon)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # issue 15, item 4 (second blind batch of the third round)
        # "Built upon X, our Y": "upon" is a preposition like "on"
        ("Built upon Koala-7B, our Quillon-3 adds a decoder.", "Koala-7B", "uses"),
        ("Built upon Koala-7B, our Quillon-3 adds a decoder.", "Quillon-3", "introduces"),
        # an apposition with an introduce participle located in the paper
        ("Quillon-3, the detector developed in this study, is fast.", "Quillon-3", "introduces"),
        ("Quillon-3, the detector developed in 2020, is fast.", "Quillon-3", "uses"),
        # "we train X, a ..." for a name that is not well known
        ("We train Quillon-3, a captioner for radiographs, today.", "Quillon-3", "introduces"),
        ("We train Quillon-3 on radiographs today.", "Quillon-3", "uses"),
        ("We train BioBERT, a language model, on notes today.", "BioBERT", "uses"),
        ("They train Quillon-3, a captioner for radiographs, today.", "Quillon-3", "uses"),
        # "our <noun>, X"
        ("Our summarizer, Quillon-3, writes notes.", "Quillon-3", "introduces"),
        ("Their summarizer, Quillon-3, writes notes.", "Quillon-3", "uses"),
        ("Our baseline, Quillon-3, writes notes.", "Quillon-3", "uses"),
        # the items of a list of the paper's contributions
        (
            "Our contributions are twofold: (i) Quillon-3, a corpus of letters, and (ii) "
            "Vesper-9, a model trained on it.",
            "Vesper-9",
            "introduces",
        ),
        (
            "Our contributions are twofold: (i) Quillon-3, a corpus of letters, and (ii) "
            "Vesper-9, a model trained on it.",
            "Quillon-3",
            "introduces",
        ),
        ("Prior contributions are twofold: (i) Quillon-3, a corpus.", "Quillon-3", "uses"),
    ],
)
def test_roles_third_round_second_batch(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_third_round_second_batch_helpers_bounds() -> None:
    from kg.nlp.components.roles import (
        introduced_here,
        listed_contribution,
        located_here,
        own_noun_apposition,
        trains_new_name,
    )

    lexicon = lexicon_of(
        [
            {"kind": "own_marker", "text": "our"},
            {"kind": "subject", "text": "we"},
            {"kind": "subject", "text": "study"},
            {"kind": "subject", "text": "this"},
            {"kind": "block", "text": "baseline"},
            {"kind": "past_adverb", "text": "previously"},
            {"kind": "introduce_verb", "text": "developed"},
        ]
    )
    assert introduced_here(words("the tool developed herein"), lexicon)
    assert not introduced_here(words("a tool , developed herein"), lexicon)  # apposition ended
    assert located_here(words("herein"), lexicon)
    assert located_here(words("in the present study"), lexicon)
    assert not located_here(words("in the study"), lexicon)
    assert not located_here(words("in"), lexicon)
    assert trains_new_name(words("we pretrain"), words(", an"), lexicon)
    assert not trains_new_name(words("we pretrain"), words(","), lexicon)
    assert not trains_new_name(words("we"), words(", a"), lexicon)
    assert not trains_new_name(words("pretrain"), words(", a"), lexicon)  # no subject
    assert not trains_new_name(words("we pretrain"), words("on a"), lexicon)
    assert not trains_new_name(words("we previously trained"), words(", a"), lexicon)
    assert own_noun_apposition(words("our captioner ,"), lexicon)
    assert not own_noun_apposition(words("captioner ,"), lexicon)
    assert not own_noun_apposition(words("our captioner ;"), lexicon)
    assert not own_noun_apposition(words("our baseline ,"), lexicon)
    assert listed_contribution(words("our contributions : ( a )"), lexicon)
    assert listed_contribution(words("our main contributions are : x ;"), lexicon)
    assert listed_contribution(words("our contribution :"), lexicon)
    assert not listed_contribution(words("our contributions : x"), lexicon)  # not an item start
    assert not listed_contribution(words("our contributions ( a )"), lexicon)  # no colon
    assert not listed_contribution(words("our very main new contributions : ( a )"), lexicon)
    assert not listed_contribution(words("the contributions : ( a )"), lexicon)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a verb joined by "and" to an introduce verb shares its act in an apposition
        ("We gather and process a large image dataset, Quillon-3D, today.", "introduces"),
        ("We use and process a large image dataset, Quillon-3D, today.", "uses"),
        ("They gather and process a large image dataset, Quillon-3D, today.", "uses"),
        ("We gather or process a large image dataset, Quillon-3D, today.", "uses"),
    ],
)
def test_joined_verbs_share_the_act(nlp_entities: Language, text: str, role: str) -> None:
    assert roles(nlp_entities, text)["Quillon-3D"] == role


def test_joined_to_act_bounds() -> None:
    from kg.nlp.components.roles import joined_to_act

    lexicon = lexicon_of([{"kind": "introduce_verb", "text": "collect"}])
    assert joined_to_act(words("collect and clean"), 2, lexicon)
    assert joined_to_act(words("we Collect and clean"), 3, lexicon)
    assert not joined_to_act(words("and clean"), 1, lexicon)
    assert not joined_to_act(words("and collect"), 1, lexicon)
    assert not joined_to_act(words("collect , clean"), 2, lexicon)


def mention_context(nlp: Language, text: str, name: str) -> MentionContext:
    """The context of the first mention of ``name`` in ``text`` (the shipped lexicon)."""
    lexicon = nlp.get_pipe("kg_entities").lexicon
    doc = nlp(text)
    units = doc_units(doc, lexicon)
    texts = [u.text for u in units]
    size = len(name.split(" "))
    first = next(k for k in range(len(units)) if " ".join(texts[k : k + size]) == name)
    lowered = [t.lower() for t in texts]
    return MentionContext.of(
        units, first, first + size - 1, lexicon, unit_sentences(units, 0), lowered
    )


@pytest.mark.parametrize(
    ("cue", "text", "holds"),
    [
        (owned_before, "We test our MedFoo on scans.", True),
        (owned_before, "We test MedFoo on scans.", False),
        (own_unknown_name, "Our lightweight MedFoo runs fast.", True),
        (own_unknown_name, "The lightweight MedFoo runs fast.", False),
        (own_apposition_or_predicate, "Our contribution is MedFoo, a tool.", True),
        (own_apposition_or_predicate, "The baseline is MedFoo, a tool.", False),
        (released_by_us, "We make the weights of MedFoo publicly available.", True),
        (released_by_us, "We find the weights of MedFoo publicly available.", False),
        (named_by_verb, "We build a framework named MedFoo for triage.", True),
        (named_by_verb, "We build a framework and MedFoo for triage.", False),
        (described_as_own, "MedFoo, a novel model, segments scans.", True),
        (described_as_own, "Unlike MedFoo, a novel model segments scans.", False),
        (parts_released, "The code and weights of MedFoo are publicly released.", True),
        (parts_released, "The code and weights of MedFoo are slow.", False),
        (proposed_in_passive, "MedFoo is proposed in this paper.", True),
        (proposed_in_passive, "MedFoo was proposed for triage.", False),
        (created_unknown_in_passive, "MedFoo, a 3D U-Net with blocks, was trained on scans.", True),
        (created_unknown_in_passive, "MedFoo, the 3D U-Net, was trained on scans.", False),
        (unknown_paper_subject, "In this work, MedFoo estimates risk.", True),
        (unknown_paper_subject, "In their work, MedFoo estimates risk.", False),
        (introduced_by_verb, "We introduce MedFoo for triage.", True),
        (introduced_by_verb, "They introduce MedFoo for triage.", False),
    ],
)
def test_each_introduction_cue_on_both_sides(
    nlp_entities: Language, cue: Callable[[MentionContext], bool], text: str, holds: bool
) -> None:
    assert cue(mention_context(nlp_entities, text, "MedFoo")) is holds


def test_mention_introduced_tries_the_cues_unless_the_name_modifies_a_noun(
    nlp_entities: Language,
) -> None:
    lexicon = nlp_entities.get_pipe("kg_entities").lexicon
    for text, introduced in (
        ("We introduce MedFoo for triage.", True),
        ("We introduce a MedFoo based benchmark for triage.", False),
    ):
        m = mention_context(nlp_entities, text, "MedFoo")
        found = mention_introduced(m.units, m.first, m.last, lexicon, m.sent_of)
        assert found is introduced


def test_the_passive_cues_make_each_sentence_word_set_once(
    nlp_entities: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two names in one sentence and one in the next, each read by a passive cue: the word
    # set of a sentence is made once per sentence of the Doc, not once per mention
    import kg.nlp.components.roles as roles_module

    made: list[int] = []
    make = roles_module.sentence_word_set

    def counted(lowered: list[str], sent_of: list[int], sid: int) -> frozenset[str]:
        made.append(sid)
        return make(lowered, sent_of, sid)

    monkeypatch.setattr(roles_module, "sentence_word_set", counted)
    text = (
        "MedFoo is proposed in this paper, and MedBar is proposed in this paper. "
        "MedBaz is proposed in this paper."
    )
    found = roles(nlp_entities, text)
    assert {found[n] for n in ("MedFoo", "MedBar", "MedBaz")} == {"introduces"}
    assert sorted(made) == sorted(set(made)) and len(made) == 2


# -- branch names13: a name given after "as" by the paper's naming or release verb


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("we gathered 900 scans , which we release as", True),
        ("we fine-tune a reader and refer to the resulting model as", True),
        ("we annotate the notes and publish the corpus as", True),
        ("we release it with public corpora such as", False),  # a list, not a name
        ("we release the weights as well as", False),
        ("the authors released their model as", False),  # not the paper's subject
        ("we train the reader with the same split as", False),  # no naming verb
    ],
)
def test_named_as(before: str, expected: bool) -> None:
    lexicon = lexicon_of([{"kind": "subject", "text": "we"}])
    assert named_as(before.split(), lexicon) is expected


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("We scanned 400 knees, which we release as KneeVault-400.", "KneeVault-400", "introduces"),
        (
            "We tune a small reader on notes and refer to the resulting model as NoteWren.",
            "NoteWren",
            "introduces",
        ),
        ("We compare with public corpora such as KneeVault-400.", "KneeVault-400", "uses"),
    ],
)
def test_name_given_after_as(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert roles(nlp_entities, text)[name] == role


# -- branch names14: a noun phrase marked as made in this work, and a model the paper turns
# another into, are renamed by the paper's own name


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("we also score an in-house reader ,", True),
        ("the resulting compact reader ,", True),
        ("together with a newly assembled archive ,", True),
        ("from the newly collected", True),  # the name follows the phrase: "... X archive"
        ("with a newly released reader ,", False),  # released by others
        ("with a public reader ,", False),
        ("the resulting scores , and we compare", False),  # a clause, not the phrase
    ],
)
def test_renames_made_here(before: str, expected: bool) -> None:
    assert renames_made_here(before.split()) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("we fine-tune GlotLM-3B into a triage assistant ,", True),
        ("we pretrain our encoder into a compact scorer ,", True),
        ("we sort the notes into a test set ,", False),  # no making verb
        ("we fine-tune GlotLM-3B with a triage assistant ,", False),  # no "into"
    ],
)
def test_converted_into(before: str, expected: bool) -> None:
    words = before.split()
    article = len(words) - 1 - words[::-1].index("a")
    assert converted_into(words, article) is expected


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Results use ChestVault together with a newly compiled set, RibNotes-2K, of 900 "
            "reports.",
            "RibNotes-2K",
            "introduces",
        ),
        (
            "An in-house model, KneeScope-3, built on a ResNet-50 backbone, scored each film.",
            "KneeScope-3",
            "introduces",
        ),
        (
            "Results use ChestVault together with a newly released set, RibNotes-2K, of 900 "
            "reports.",
            "RibNotes-2K",
            "uses",
        ),
        (
            "We fine-tune Qwen2-7B into a triage assistant, TriageWren-7B, on dialogues.",
            "TriageWren-7B",
            "introduces",
        ),
        ("We split ChestVault into a test set, RibNotes-2K, of 90 reports.", "RibNotes-2K", "uses"),
        # review14b: a name that modifies what "resulting" marks is not what was made
        (
            "Each note was encoded and the resulting NoteWren embeddings were clustered.",
            "NoteWren",
            "uses",
        ),
        (
            "We pruned the labels, and the resulting RibNotes-2K subset held 90 reports.",
            "RibNotes-2K",
            "uses",
        ),
        (
            "We tuned a reader on notes; the resulting reader, NoteWren, flagged 9 errors.",
            "NoteWren",
            "introduces",
        ),
        (
            "We tuned a reader on notes, and the resulting NoteWren flagged 9 errors.",
            "NoteWren",
            "introduces",
        ),
    ],
)
def test_renamed_own_product_is_introduced(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("to validate", True),
        ("objective : to develop and validate", True),
        ("to assess the clinical value of", True),
        ("we set out to validate", False),  # "to" does not open the objective
        ("to describe", False),  # no study verb
        ("to assess agreement between the readers and", False),
    ],
)
def test_objective_study(before: str, expected: bool) -> None:
    assert objective_study(before.split()) is expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (", a gradient-boosted model that ranks", True),
        (", an ai tool for triage made by a vendor", True),  # the phrase ends at "for"
        (", a commercially available tool", False),
        (", an existing tool", False),
        (", the tool", False),
    ],
)
def test_indefinite_description(after: str, expected: bool) -> None:
    lexicon = lexicon_of(
        [{"kind": "block", "text": t} for t in ("commercially", "existing", "for", "by")]
    )
    assert indefinite_description(after.split(), lexicon) is expected


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Objective: To validate GutSight-2, a deep learning model that flags polyps in "
            "colonoscopy videos. Methods: GutSight-2 was run on 300 videos.",
            "GutSight-2",
            "introduces",
        ),
        (
            "Objective: To evaluate the diagnostic accuracy of GutSight-2, an artificial "
            "intelligence system for polyp detection. Methods: GutSight-2 was run on 300 videos.",
            "GutSight-2",
            "introduces",
        ),
        (
            "Objective: To validate GutSight-2, a commercially available system that flags "
            "polyps. Methods: GutSight-2 was run on 300 videos.",
            "GutSight-2",
            "uses",
        ),
        (
            "Methods: GutSight-2, a video transformer built on a Swin backbone with an added "
            "temporal attention head for polyp boxes, was trained on 3,000 videos.",
            "GutSight-2",
            "introduces",
        ),
    ],
)
def test_clinical_abstract_names_its_own_system(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # the apposition renames the last item only: the list before it is others' data
        (
            "We test the agent on triage (WardSim-QA) and KneeQuest, a new set of 300 "
            "questions over synthetic records.",
            "WardSim-QA",
            "uses",
        ),
        (
            "We test the agent on triage (WardSim-QA) and KneeQuest, a new set of 300 "
            "questions over synthetic records.",
            "KneeQuest",
            "introduces",
        ),
        # a release verb before the list still makes every item the paper's
        ("We release KneeQuest-S and KneeQuest-L, a pair of sets.", "KneeQuest-S", "introduces"),
    ],
)
def test_apposition_after_a_list_renames_its_last_item(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "In this study, a compact encoder-decoder, MolQuill, is pretrained on 9 million "
            "molecules.",
            "MolQuill",
            "introduces",
        ),
        (
            "A compact encoder-decoder, MolQuill, was developed by Siemens and "
            "is tested on 900 molecules.",
            "MolQuill",
            "uses",
        ),
        (
            "In this study, a compact encoder-decoder, MolQuill, is tested on 900 molecules.",
            "MolQuill",
            "uses",
        ),
    ],
)
def test_name_set_as_an_apposition_before_a_creating_passive(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role
