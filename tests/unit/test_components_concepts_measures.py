"""kg_concepts, issue 15 (branch metrics15): metrics the vocabulary does not hold, recognised by
their form and context: a measure word as head bound to a score, measures listed after an
evaluation cue, one-token measures at a cut-off, and the spellings of kappa with its Greek
letter. Fresh short sentences, each decision on both sides of its boundary."""

from __future__ import annotations

import spacy
from concept_helpers import asserted
from spacy.language import Language
from spacy.tokens import Doc

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components.concept_matching import (
    count_per_unit,
    cued_measure_items,
    duration_follows,
    elided_modifier_phrase,
    eponym_before,
    expand_wordlist,
    extend_left,
    hyphenable_modifier,
    label_variants,
    metric_at_k_key,
    name_shaped,
    paper_speaks_of,
    past_short_form,
    per_calendar_span,
    rater_agreement,
    repeated_phrase,
    short_form_cued,
    short_form_scored,
    speaks_of_system,
)

# -- pure functions ---------------------------------------------------------------------------

_VOCAB = spacy.blank("en").vocab
HEADS = frozenset({"rate", "score", "latency", "time", "usage"})
LONE = frozenset({"latency"})


def _items(text: str, start: int) -> list[str]:
    words = text.lower().split()
    return [" ".join(words[a:b]) for a, b in cued_measure_items(words, start, HEADS, LONE)]


def test_cued_items_read_the_list_after_the_cue() -> None:
    assert _items("in terms of F1 , inference time and memory usage .", 3) == [
        "inference time",
        "memory usage",
    ]
    assert _items("measured with the refusal rate ( RR ) and latency .", 2) == [
        "refusal rate",
        "latency",
    ]


def test_cued_items_need_a_measure_head_and_a_modifier() -> None:
    assert _items("evaluated by two radiologists .", 2) == []
    assert _items("in terms of time and cost .", 3) == []  # a bare "time" names no measure
    assert _items("in terms of the rate .", 3) == []


def test_cued_items_end_at_a_preposition() -> None:
    # "on" ends the list: what follows is where, not another measure
    assert _items("measured with the error rate on the review score set .", 2) == ["error rate"]


def test_cued_items_with_a_clause_word_are_no_measures() -> None:
    words = ["scored", "by", "a", "panel", "whose", "agreement", "with", "the", "chart"]
    breakers = frozenset({"whose"})
    assert cued_measure_items(words, 2, HEADS | {"agreement"}, LONE, breakers) == []
    words = ["scored", "by", "a", "panel", "agreement", "with", "the", "chart"]
    assert cued_measure_items(words, 2, HEADS | {"agreement"}, LONE, breakers) == [(3, 5)]


def test_extend_left_reads_a_word_kept_whole_across_its_hyphen() -> None:
    # the pipeline's tokenizer keeps "false-alarm" as one token
    doc = Doc(_VOCAB, words=["a", "false-alarm", "rate", "of", "3"])
    assert extend_left(doc, 2, stop=frozenset({"a"}), max_words=3, hyphenated=True) == 1
    assert extend_left(doc, 2, stop=frozenset({"a"}), max_words=3) == 2
    doc = Doc(_VOCAB, words=["a", "COVID-19", "rate", "of", "3"])
    assert extend_left(doc, 2, stop=frozenset({"a"}), max_words=3, hyphenated=True) == 2


def test_rater_agreement_is_the_reference_not_the_system() -> None:
    assert rater_agreement(["inter-annotator", "agreement"])
    assert rater_agreement(["intrarater", "agreement"])
    assert not rater_agreement(["exact", "agreement"])
    assert not rater_agreement(["agreement"])


def test_three_word_labels_get_a_hyphenated_modifier() -> None:
    assert hyphenable_modifier("false negative rate")
    assert "false-negative rate" in label_variants("false negative rate", hyphenate=True)
    assert "membership-inference attack" not in label_variants("membership inference attack")
    assert not hyphenable_modifier("word error")  # no head left after the modifier
    assert not hyphenable_modifier("Fréchet inception distance")  # a name's words stay apart


def test_expand_wordlist_lists_may_name_shared_lists() -> None:
    lists = {"x": frozenset({"heart"})}
    assert expand_wordlist(["@x", "Mean"], lists) == frozenset({"heart", "mean"})
    assert expand_wordlist(["mean"], lists) == frozenset({"mean"})


def test_metric_at_k_key_mints_a_measure_at_a_cut_off() -> None:
    known = {"r": "recallk"}
    assert metric_at_k_key("R@5", known) == "recallk"
    assert metric_at_k_key("pass@1", known) == "passk"
    assert metric_at_k_key("Hit@3", known) == metric_at_k_key("Hit@10", known) == "hitk"
    assert metric_at_k_key("ZQ50", known) is None  # no "@": no measure of its own
    assert metric_at_k_key("H2O@5", known) is None  # a prefix with digits is no measure word


# -- the pipeline -----------------------------------------------------------------------------


def test_measure_head_bound_to_a_score_is_a_metric(nlp: Language) -> None:
    found = asserted(nlp, "The refusal rate of the tuned model was 3.1%.", "metric")
    assert "refusalrate" in found
    found = asserted(nlp, "Our ranker achieved a cosine similarity of 0.82.", "metric")
    assert "cosinesimilarity" in found
    found = asserted(nlp, "It had the best mean rank (2.4) among the scorers.", "metric")
    assert "meanrank" in found
    found = asserted(nlp, "The abstention rate with retrieval was 12%.", "metric")
    assert "abstentionrate" in found  # the score closes the measure's clause


def test_hyphenated_modifiers_and_cut_offs(nlp: Language) -> None:
    found = asserted(nlp, "Docking gave a hit enrichment at 2% of 12.5 on the decoys.", "metric")
    assert found == set()  # "enrichment" is no measure head
    found = asserted(nlp, "Screening gave a hit factor at 2% of 12.5 on the decoys.", "metric")
    assert "hitfactor" in found  # the score after the cut-off binds the measure
    assert asserted(nlp, "Readers kept an interexpert agreement of 0.81.", "metric") == set()
    found = asserted(
        nlp, "The model reached a false-negative rate of 6% on the test set.", "metric"
    )
    assert "falsenegativerate" in found


def test_measure_head_without_a_score_is_no_metric(nlp: Language) -> None:
    assert asserted(nlp, "We lowered the refusal rate of the tuned model.", "metric") == set()
    assert asserted(nlp, "The ranking lists the mean rank for each reader.", "metric") == set()


def test_patient_and_setting_quantities_are_no_metrics(nlp: Language) -> None:
    for text in (
        "We trained with a learning rate of 0.0003 for ten epochs.",
        "The mean heart rate was 74 beats per minute in the cohort.",
        "The 90-day readmission rate was 18.2% in the validation cohort.",
        "Participants had a body mass index of 29.4 on average.",
        "The network outputs a risk score of 0.64 for every admission.",
    ):
        assert asserted(nlp, text, "metric") == set(), text


def test_cued_measures_are_metrics(nlp: Language) -> None:
    text = "Summaries were compared in terms of omission rate, inference time and latency."
    assert {"omissionrate", "inferencetime", "latency"} <= asserted(nlp, text, "metric")
    text = "Fairness was assessed with the demographic parity difference."
    assert "demographicparitydifference" in asserted(nlp, text, "metric")


def test_cue_before_a_non_measure_gives_nothing(nlp: Language) -> None:
    text = "Outputs were evaluated by three senior nephrologists."
    assert asserted(nlp, text, "metric") == set()
    text = "Patients were compared in terms of heart rate and age."
    assert asserted(nlp, text, "metric") == set()


def test_any_measure_at_a_cut_off_is_a_metric(nlp: Language) -> None:
    found = asserted(nlp, "The coder agent reached a pass@1 of 38.2% on the tasks.", "metric")
    assert "passk" in found
    found = asserted(nlp, "Retrieval reached Hit@10 of 0.71 on the queries.", "metric")
    assert "hitk" in found


def test_kappa_with_its_greek_letter(nlp: Language) -> None:
    text = "Two readers rated the reports (Cohen's κ = 0.68) and the model scored 0.9."
    assert "cohenskappa" in asserted(nlp, text, "metric")
    assert asserted(nlp, "Two readers rated the reports and agreed.", "metric") == set()


# -- review15: a measure-word phrase in a sentence about the study's population ---------------


def test_speaks_of_system_and_name_shapes() -> None:
    words = frozenset({"model", "achieved"})
    sentence = "our model achieved a refusal rate of 3 %"
    assert speaks_of_system(sentence.split(" "), words)
    sentence = "the attrition rate was 9 %"
    assert not speaks_of_system(sentence.split(" "), words)
    assert [name_shaped(t) for t in ("PolypWatch", "Llama-3", "COVID-19", "HbA1c")] == [
        True,
        True,
        False,
        False,
    ]


def test_population_figures_are_no_metrics(nlp: Language) -> None:
    for text in (
        "Patients lived a mean travel distance of 5.2 km from the clinic.",
        "The survey had a completion rate of 88% among radiologists.",
        "The positivity rate was 12% and the attrition rate was 9%.",
        "The bed occupancy rate was 85% during the study period.",
    ):
        assert asserted(nlp, text, "metric") == set(), text


def test_measure_of_a_system_still_fires(nlp: Language) -> None:
    text = "The AI system achieved a cancer detection rate of 5.1 per 1000 screens."
    assert "detectionrate" in asserted(nlp, text, "metric")
    text = "The adenoma miss rate was 15.3% when PolypWatch was used first."
    assert "adenomamissrate" in asserted(nlp, text, "metric")
    text = (
        "Fairness was assessed with the equal opportunity difference. "
        "The equal opportunity difference between men and women was 0.02."
    )
    assert "equalopportunitydifference" in asserted(nlp, text, "metric")


def test_plural_subject_of_score_is_a_clause_not_a_measure() -> None:
    from kg.nlp.components.concept_matching import plural_subject_of_score

    assert plural_subject_of_score("nurses", "score")  # "the nurses score 72%"
    assert not plural_subject_of_score("nurse", "score")  # "a nurse score of 72"
    assert not plural_subject_of_score("wellness", "score")
    assert not plural_subject_of_score("nurses", "scores")


def test_a_plural_before_score_leaves_the_score_to_the_metric(nlp: Language) -> None:
    clause = "The model reached an accuracy of 64.2%, whereas the residents score 81.5%."
    compound = "The model reached an accuracy of 64.2% and a mean triage score of 81.5."
    assert "residentsscore" not in asserted(nlp, clause, "metric")
    assert "triagescore" in asserted(nlp, compound, "metric")


def test_a_score_followed_by_a_value_word_is_the_noun_whatever_its_modifier_ends_in() -> None:
    from kg.nlp.components.concept_matching import plural_subject_of_score

    noun_next = frozenset({"of", "was", "="})
    assert not plural_subject_of_score("bias", "score", "was", noun_next)  # "the bias score was"
    assert plural_subject_of_score("nurses", "score", "72", noun_next)  # "the nurses score 72"


def test_a_bias_score_is_a_measure_and_readers_scoring_are_not(nlp: Language) -> None:
    noun = "Fairness was audited on 900 chest films; the subgroup bias score was 0.06 for the CNN."
    verb = "The CNN reached an accuracy of 0.81 on the 900 chest films, while residents score 0.77."
    assert "subgroupbiasscore" in asserted(nlp, noun, "metric")
    assert "residentsscore" not in asserted(nlp, verb, "metric")


def test_bodily_latency_reads_the_words_before_the_head() -> None:
    from kg.nlp.components.concept_matching import bodily_latency

    bodily = frozenset({"sleep", "onset", "wave"})
    assert bodily_latency(["the", "N170"], bodily)  # an evoked potential's component
    assert bodily_latency(["sleep", "onset"], bodily)
    assert not bodily_latency(["the", "inference"], bodily)
    assert not bodily_latency(["median", "P95"], bodily)  # a tail latency


def test_a_latency_of_the_body_names_no_measure(nlp: Language) -> None:
    body = "The network staged 212 overnight recordings; sleep onset latency was 17 minutes."
    system = "The network staged 212 overnight recordings with a latency of 0.4 seconds each."
    assert not asserted(nlp, body, "metric")
    assert "latency" in asserted(nlp, system, "metric")
    erp = "A transformer located the N170 peak; the mean N170 latency was 164 ms in the controls."
    assert not any("latency" in key for key in asserted(nlp, erp, "metric"))


def test_a_latency_before_a_noun_of_time_is_its_modifier(nlp: Language) -> None:
    modifier = "The CNN read 300 radiographs; the latency period of the infection was 6 weeks."
    head = "The CNN read 300 radiographs; the latency of the pipeline was 6 seconds."
    assert not asserted(nlp, modifier, "metric")
    assert "latency" in asserted(nlp, head, "metric")


def test_a_latency_bound_to_a_time_is_a_metric_alone(nlp: Language) -> None:
    assert "latency" in asserted(nlp, "The triage model had a latency of 1.8 seconds.", "metric")
    found = asserted(nlp, "The mean alarm latency was 6 minutes in the ward.", "metric")
    assert "alarmlatency" in found  # the modifier names it, the aggregate does not
    # no time bound to it: the word names no measure
    assert not asserted(nlp, "Surgeons noticed no latency during the 40 procedures.", "metric")


# -- results16c: a modifier elided before a coordinated measure -------------------------------


def test_elided_modifier_phrase_shares_the_head() -> None:
    words = ["its", "positive", "and", "negative", "predictive", "values"]
    assert elided_modifier_phrase(words, 3, 6) == "positive predictive values"
    # a number or a name before "and" elides nothing
    words = ["AUC", "0.91", "and", "negative", "predictive", "value"]
    assert elided_modifier_phrase(words, 3, 6) is None


def test_positive_and_negative_predictive_values_name_two_measures(nlp: Language) -> None:
    text = "Its positive and negative predictive values were 81% and 95% in the cohort."
    found = asserted(nlp, text, "metric")
    assert {"negativepredictivevalue", "precision"} <= found
    text = "Its specificity and negative predictive value were 81% and 95% in the cohort."
    assert "precision" not in asserted(nlp, text, "metric")


# -- durations named by a time head (branch metrics17) ----------------------------------------

_UNITS = frozenset({"ms", "s", "seconds", "minutes", "hours"})


def _words(text: str) -> list[str]:
    return text.split()


def test_duration_follows_needs_a_unit_of_time_in_the_clause() -> None:
    assert duration_follows(_words("the scoring time was 2.5 minutes"), 3, _UNITS)
    assert duration_follows(_words("triage time dropped from 40 to 31 minutes"), 2, _UNITS)
    assert not duration_follows(_words("the scoring time was 2.5 points"), 3, _UNITS)
    assert not duration_follows(_words("the scoring time , then 2.5 minutes"), 3, _UNITS)


def test_time_head_bound_to_a_duration_is_a_metric(nlp: Language) -> None:
    found = asserted(nlp, "With the tool, the mean triage time was 4.2 minutes per case.", "metric")
    assert "triagetime" in found
    found = asserted(nlp, "Segmentation time fell from 95 to 12 seconds per scan.", "metric")
    assert "segmentationtime" in found
    found = asserted(nlp, "On a laptop CPU, our detector's inference time is 48 ms.", "metric")
    assert "inferencetime" in found


def test_time_heads_of_the_patient_or_the_scan_are_no_metrics(nlp: Language) -> None:
    for text in (
        "The median follow-up time was 31 days in the cohort.",
        "Scans used an echo time of 25 ms and a flip angle of 90 degrees.",
        "The median operative time was 84 minutes in both arms.",
        "The triage time was shorter in 14 of 20 shifts.",
        "We report the triage time for each nurse.",
    ):
        assert asserted(nlp, text, "metric") == set(), text


# -- shares of generated samples named by their property (branch metrics17) -------------------


def test_sample_property_bound_to_a_score_is_a_metric(nlp: Language) -> None:
    text = "On ZINC, our generator reaches a validity of 97.5% and 88.0% novelty."
    found = asserted(nlp, text, "metric")
    assert {"validity", "novelty"} <= found
    text = (
        "We generate 3D molecules with a diffusion model. Our diffusion model keeps 96.4% atom "
        "stability on the held-out targets."
    )
    assert "atomstability" in asserted(nlp, text, "metric")


def test_sample_property_of_a_patient_or_without_a_score_is_no_metric(nlp: Language) -> None:
    for text in (
        "Hemodynamic stability was 71% in the intervention arm.",
        "The questionnaire had high content validity in 12 clinics.",
        "Our generator improves the novelty of the designed ligands.",
    ):
        assert asserted(nlp, text, "metric") == set(), text


def test_outcome_measures_label_cues_the_measures_it_lists(nlp: Language) -> None:
    text = (
        "Main Outcome Measures: Sensitivity, specificity and the recall completion rate. "
        "The recall completion rate was 81.5%."
    )
    assert "recallcompletionrate" in asserted(nlp, text, "metric")
    text = "The primary outcome was the 90-day readmission rate, which was 12.5%."
    assert asserted(nlp, text, "metric") == set()


# -- review17a: durations of the acquisition, the care or a habit; instruments' validity -------


def test_per_calendar_span_makes_a_duration_a_habit() -> None:
    assert per_calendar_span(_words("per day in the cohort"), 0)
    assert per_calendar_span(_words("daily"), 0)
    assert not per_calendar_span(_words("per image"), 0)
    assert duration_follows(_words("mean triage time was 3.1 hours per case"), 3, _UNITS)
    assert not duration_follows(_words("mean nap time was 3.1 hours per day"), 3, _UNITS)


def test_time_of_the_acquisition_the_care_or_a_habit_is_no_metric(nlp: Language) -> None:
    for text in (
        "With the triage network, the mean scan time was 6 minutes per patient.",
        "The acquisition time was 4 minutes for the accelerated protocol.",
        "Mean sedation time was 21 minutes with the detection system.",
        "Mean fluoroscopy time was 3.2 minutes with the navigation system.",
        "Mean nap time was 1.2 hours per day, and the model reached a kappa of 0.71.",
    ):
        assert not any(k.endswith("time") for k in asserted(nlp, text, "metric")), text
    found = asserted(
        nlp, "With the tool, the mean reading time was 11.6 seconds per case.", "metric"
    )
    assert "readingtime" in found


def test_paper_speaks_of() -> None:
    cues = frozenset({"generated"})
    assert paper_speaks_of(_words("the generated molecules are valid"), cues)
    assert not paper_speaks_of(_words("the questionnaire was valid"), cues)


def test_validity_of_an_instrument_is_no_metric(nlp: Language) -> None:
    for text in (
        "The questionnaire showed content validity of 0.92, and the chatbot reached 81%.",
        "The test-retest stability of the sensor was 0.91 and the model reached 0.05 MAE.",
        "In the cohort, stability was 72% and the classifier reached an AUC of 0.86.",
    ):
        found = asserted(nlp, text, "metric")
        assert not {"validity", "stability"} & found, text
    text = "Our model generated 10,000 molecules; validity reached 97.1%."
    assert "validity" in asserted(nlp, text, "metric")


# -- short forms, eponyms and counts per unit (branch metrics17b) ------------------------------


def _doc(text: str) -> Doc:
    return Doc(_VOCAB, words=text.split())


def _words(text: str) -> list[str]:
    return text.split()


def test_past_short_form_steps_over_a_bracketed_short_form_only() -> None:
    doc = _doc("a Gower similarity index ( GSI ) of 0.41 and a miss rate ( 95 % CI ) of 3")
    assert past_short_form(doc, 4) == 7
    assert past_short_form(doc, 12) == 12


def test_short_form_scored_finds_the_valued_use() -> None:
    doc = _doc("The false recall rate ( FRR ) is a quality target . FRR was 6.1 % with the tool")
    assert short_form_scored(doc, "FRR", 5, frozenset({"was"})) == 12
    doc = _doc("The false recall rate ( FRR ) is a quality target . FRR fell with the tool")
    assert short_form_scored(doc, "FRR", 5, frozenset({"was"})) == -1


def test_eponym_before_takes_one_capitalised_word_inside_the_sentence() -> None:
    doc = _doc("Our tool reached a Gower similarity index of 0.4")
    assert eponym_before(doc, 5, frozenset())
    doc = _doc("Sites in Stanford Health similarity index of 0.4")
    assert not eponym_before(doc, 4, frozenset())
    doc = _doc("Gower similarity index of 0.4")  # the sentence's first word: no eponym known
    assert not eponym_before(doc, 1, frozenset())


def test_count_per_unit_needs_a_plural_and_a_closing_unit() -> None:
    words = _words("false alarms per night , polyps per 100 patients , cost per patient .")
    assert count_per_unit(words, 0, 2)
    assert not count_per_unit(words, 5, 6)  # a number after "per"
    assert not count_per_unit(words, 10, 11)  # a singular before "per"


def test_a_measure_valued_after_its_short_form_is_a_metric(nlp: Language) -> None:
    text = "Our synthesiser reaches a Fréchet speech distance (FSD) of 2.7 on the test clips."
    assert "frechetspeechdistance" in asserted(nlp, text, "metric")
    text = (
        "Polyp miss rate (PMR) served as the primary end point. With the CADe system, PMR was "
        "11.2% versus 19.8% without it."
    )
    assert "polypmissrate" in asserted(nlp, text, "metric")


def test_a_short_form_never_valued_or_a_bracket_of_numbers_names_no_metric(
    nlp: Language,
) -> None:
    text = (
        "Polyp miss rate (PMR) served as the primary end point. With the CADe system, PMR was "
        "lower than without it in most centres."
    )
    assert asserted(nlp, text, "metric") == set()
    text = "Our synthesiser lowers the speech distance (in seconds) of 2.7 on the test clips."
    assert asserted(nlp, text, "metric") == set()


def test_an_outcome_list_reads_counts_per_unit(nlp: Language) -> None:
    text = "Secondary outcomes included polyps per patient, the flat lesion detection rate, cost."
    found = asserted(nlp, text, "metric")
    assert "polypsperpatient" in found
    text = "Secondary outcomes included visits per year of age and the cost per patient."
    assert asserted(nlp, text, "metric") == set()


def test_short_form_cued_reads_the_cue_list_up_to_the_clause_end() -> None:
    texts = _words("Outcomes were accuracy and FRR . Later FRR was 6 %")
    assert short_form_cued(texts, "FRR", [2])
    texts = _words("Outcomes were accuracy . FRR was 6 %")
    assert not short_form_cued(texts, "FRR", [2])


def test_a_cued_short_form_makes_its_long_form_the_papers_measure(nlp: Language) -> None:
    base = "Image retake rate (IRR) is a quality target of screening programmes. "
    valued = "IRR was 6.1% at site A and 7.4% at site B."
    cued = base + "The primary outcome was IRR. " + valued
    assert "imageretakerate" in asserted(nlp, cued, "metric")
    assert asserted(nlp, base + valued, "metric") == set()  # no system, no cue: the programme's


def test_repeated_phrase_skips_longer_phrases_of_the_same_head() -> None:
    words = _words(
        "the wound closure rate ; the wound closure rate rose ; a fast wound closure rate"
    )
    assert repeated_phrase(words, 1, 4) == [6]
    assert repeated_phrase(words, 2, 3) == []  # one word: no phrase to repeat


def test_a_cued_measure_keeps_its_name_where_it_is_reported(nlp: Language) -> None:
    text = (
        "Secondary outcomes included the flat lesion detection rate and cost. With the AI tool, "
        "the flat lesion detection rate did not differ (9.8% vs 9.1%)."
    )
    doc = nlp(text)
    spans = [s for s in doc.spans["kg_concepts"] if s.kb_id_ == "flatlesiondetectionrate"]
    assert len(spans) == 2
    text = (
        "Secondary outcomes included the flat lesion detection rate and cost. With the AI tool, "
        "the detection rate did not differ (9.8% vs 9.1%)."
    )
    doc = nlp(text)
    spans = [s for s in doc.spans["kg_concepts"] if s.kb_id_ == "flatlesiondetectionrate"]
    assert len(spans) == 1


# -- branch review17d: people, samples and places of care counted per unit are no outcome --


def test_cued_counts_per_unit_pass_over_the_studys_set_up() -> None:
    words = _words("outcomes included adenomas per colonoscopy and the withdrawal rate .")
    cohort = frozenset({"patients", "participants"})
    assert cued_measure_items(words, 2, HEADS, LONE, frozenset(), cohort) == [(2, 5), (7, 9)]
    words = _words("outcomes included participants per site and the withdrawal rate .")
    # the count of participants is passed over, the list goes on to the rate
    assert cued_measure_items(words, 2, HEADS, LONE, frozenset(), cohort) == [(7, 9)]


def test_an_outcome_list_skips_people_counted_per_site(nlp: Language) -> None:
    text = (
        "Secondary outcomes included patients per hospital, adenomas per colonoscopy and "
        "nurses per shift. The assistant raised adenomas per colonoscopy from 0.9 to 1.3."
    )
    found = asserted(nlp, text, "metric")
    assert "adenomaspercolonoscopy" in found
    assert not any(k.startswith(("patientsper", "nursesper")) for k in found)
