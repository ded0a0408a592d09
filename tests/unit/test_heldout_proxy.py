"""The held-out proxy sets (``tests/data/heldout_proxy_*.jsonl``, see ``tests/data/README.md``):
full-length abstracts written and annotated by the guidelines by helpers who never ran an
extractor. Each batch is measured blind and then becomes regression data: sets 1-2 (session
10), 3-4 (session 11), 5-6 (blind through session 12's first round, development data in its
second), 7-8 (blind to the end of session 12), 9-10 (blind to the end of session 13), 11-12
(blind through session 14, measured at its start and end), 13-14 (written at session 14's
start, first measured at its end, blind through session 15, development data in session 16),
15-16 (written at session 15's start, measured blind at its start and end, and in session 16)
17-18 (written at session 16's start, measured blind at its start and end, development data
in session 17) and 19-21 (written at session 17's start, measured blind at its start and end). They
stand for the hidden held-out set; these floors hold the level measured at the end of the last
session that changed them (default pipeline), a little below it."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.evaluate import evaluate_file

DATA = Path(__file__).resolve().parents[1] / "data"

#: per set: macro-F1 floor, per-type F1 floors, role accuracy and results P/R floors
FLOORS = {
    # session 12 end: macro 0.906; dataset 0.931, model 0.938, modality 0.948, task 0.771,
    # metric 0.942; roles 0.989; results 0.990 / 0.956 (session 11 end: macro 0.883)
    # branch tasks13: modality 0.969, task 0.816
    # branch tasks14b: modality 0.979, task 0.837
    "heldout_proxy_1.jsonl": (
        0.88,
        {"dataset": 0.91, "model": 0.91, "modality": 0.96, "task": 0.82, "metric": 0.92},
        (0.97, 0.96, 0.93),
    ),
    # session 12 end: macro 0.896; dataset 0.910, model 0.911, modality 0.857, task 0.854,
    # metric 0.947; roles 0.995; results 0.970 / 0.928 (session 11 end: macro 0.862)
    # branch tasks13: modality 0.899, task 0.901; branch metricvar14 (metric variants folded,
    # gold re-annotated to the decision): metric 0.968, results 1.000 / 0.957
    # branch tasks14b: modality 0.920
    "heldout_proxy_2.jsonl": (
        0.87,
        {"dataset": 0.88, "model": 0.88, "modality": 0.90, "task": 0.87, "metric": 0.94},
        (0.97, 0.97, 0.93),
    ),
    # blind in session 11 (0.920 -> 0.919); session 12 end: macro 0.932; dataset 0.961, model
    # 0.950, modality 0.985, task 0.808, metric 0.956; roles 0.968; results 0.927 / 0.943
    # branch tasks13: modality 1.000, task 0.873; branch metricvar14: results 0.967 / 0.967
    "heldout_proxy_3.jsonl": (
        0.91,
        {"dataset": 0.93, "model": 0.92, "modality": 0.97, "task": 0.84, "metric": 0.93},
        (0.94, 0.94, 0.94),
    ),
    # blind in session 11 (0.805 -> 0.817); session 12 end: macro 0.898; dataset 0.891, model
    # 0.909, modality 0.923, task 0.800, metric 0.966; roles 0.993; results 0.961 / 0.905
    # (branch results13: results 0.985 / 0.934; branch tasks13: modality 0.923, task 0.824)
    # branch tasks14b: task 0.863
    "heldout_proxy_4.jsonl": (
        0.87,
        {"dataset": 0.86, "model": 0.88, "modality": 0.89, "task": 0.84, "metric": 0.94},
        (0.97, 0.95, 0.91),
    ),
    # blind at session 12's start (0.881) and after its first round (0.889); session 12 end:
    # macro 0.902; dataset 0.951, model 0.964, modality 0.906, task 0.769, metric 0.918;
    # roles 0.988; results 0.935 / 0.878
    # branch tasks13: modality 0.906, task 0.824; branch metricvar14: results 0.991 / 0.922
    # branch tasks14b: task 0.848
    "heldout_proxy_5.jsonl": (
        0.88,
        {"dataset": 0.92, "model": 0.94, "modality": 0.88, "task": 0.82, "metric": 0.89},
        (0.97, 0.96, 0.89),
    ),
    # blind at session 12's start (0.785) and after its first round (0.814); session 12 end:
    # macro 0.863; dataset 0.883, model 0.883, modality 0.829, task 0.760, metric 0.959;
    # roles 0.979; results 0.981 / 0.956
    # branch tasks13: modality 0.845, task 0.808
    "heldout_proxy_6.jsonl": (
        0.84,
        {"dataset": 0.85, "model": 0.85, "modality": 0.82, "task": 0.78, "metric": 0.93},
        (0.96, 0.95, 0.93),
    ),
    # blind to the end of session 12: start 0.870, end 0.868 (dataset 0.923, model 0.908,
    # modality 0.870, task 0.720, metric 0.918; roles 0.975; results 0.889 / 0.896); branch
    # results13 (its errors read): metric 0.959, results 0.935 / 0.928; tasks13: modality 0.896,
    # task 0.789; branch names13 (its errors read): dataset 0.952, model 0.927, roles 0.988;
    # branch metricvar14: metric 0.983, results 1.000 / 0.992
    # branch tasks14b: modality 0.909, task 0.842
    "heldout_proxy_7.jsonl": (
        0.84,
        {"dataset": 0.92, "model": 0.90, "modality": 0.89, "task": 0.82, "metric": 0.95},
        (0.95, 0.97, 0.96),
    ),
    # blind to the end of session 12: start 0.854, end 0.858 (dataset 0.911, model 0.929,
    # modality 0.780, task 0.738, metric 0.929; roles 0.968; results 0.880 / 0.826); branch
    # results13 (its errors read): metric 0.964, results 0.937 / 0.904; tasks13: modality 0.850,
    # task 0.776; branch names13 (its errors read): dataset 0.922, model 0.941; branch
    # metricvar14: results 0.973 / 0.957
    # branch tasks14b: task 0.841
    # branch metrics17: metric 0.956 -> 0.939 (durations: "Processing time averaged 6.8 seconds
    # per report", "its inference time is 0.41 s" are metrics now, as proxies 16 and 18
    # annotate them; this set does not)
    "heldout_proxy_8.jsonl": (
        0.83,
        {"dataset": 0.90, "model": 0.91, "modality": 0.82, "task": 0.82, "metric": 0.93},
        (0.94, 0.94, 0.93),
    ),
    # blind through session 13: start 0.913, end 0.914 (dataset 0.942, model 0.942, modality
    # 0.955, task 0.805, metric 0.926; roles 0.982; results 0.855 / 0.821); branch results14
    # (its errors read in stage 2): results 0.931 / 0.894; branch tasks14 (its errors read in
    # stage 2): task 0.854, macro 0.924; branch names14 (its errors read in stage 2): dataset
    # 0.942 -> 0.953, model 0.942 -> 0.949
    "heldout_proxy_9.jsonl": (
        0.89,
        {"dataset": 0.93, "model": 0.93, "modality": 0.93, "task": 0.83, "metric": 0.90},
        (0.96, 0.91, 0.87),
    ),
    # blind through session 13: start 0.860, end 0.857 (dataset 0.932, model 0.940, modality
    # 0.870, task 0.635, metric 0.910; roles 0.947; results 0.956 / 0.801); branch results14
    # (its errors read in stage 2): results 0.972 / 0.851; branch tasks14 (stage 1 unread:
    # task 0.656; its errors read in stage 2): task 0.754; branch resfaults14 (fresh-sentence
    # faults, no errors read): results 0.979 / 0.863; branch names14 (its errors read in
    # stage 2): model 0.940 -> 0.958, roles 0.947 -> 0.980
    "heldout_proxy_10.jsonl": (
        0.85,
        {"dataset": 0.91, "model": 0.93, "modality": 0.84, "task": 0.72, "metric": 0.88},
        (0.95, 0.95, 0.84),
    ),
    # blind through session 14: start 0.889, end 0.902 (dataset 0.930, model 0.932, modality
    # 0.877, task 0.857, metric 0.915; roles 0.984; results 0.904 / 0.854)
    "heldout_proxy_11.jsonl": (
        0.89,
        {"dataset": 0.92, "model": 0.92, "modality": 0.86, "task": 0.84, "metric": 0.90},
        (0.97, 0.89, 0.84),
    ),
    # blind through session 14: start 0.884, end 0.897 (dataset 0.904, model 0.946, modality
    # 0.889, task 0.863, metric 0.881; roles 0.967; results 0.872 / 0.848); branch ranges15
    # (dash ranges, operating points after a score, chosen targets): results 0.904 / 0.848
    "heldout_proxy_12.jsonl": (
        0.88,
        {"dataset": 0.89, "model": 0.93, "modality": 0.87, "task": 0.85, "metric": 0.87},
        (0.95, 0.89, 0.83),
    ),
    # written at session 14's start, first measured at its end: 0.867 (dataset 0.898, model
    # 0.957, modality 0.917, task 0.712, metric 0.852; roles 0.995; results 0.893 / 0.767)
    # blind through session 15; development data in session 16, at its end 0.898 (dataset
    # 0.889, model 0.954, modality 0.958, task 0.784, metric 0.906; roles 0.995; results
    # 0.951 / 0.828)
    "heldout_proxy_13.jsonl": (
        0.88,
        {"dataset": 0.88, "model": 0.94, "modality": 0.94, "task": 0.77, "metric": 0.89},
        (0.98, 0.93, 0.81),
    ),
    # written at session 14's start, first measured at its end: 0.846 (dataset 0.900, model
    # 0.835, modality 0.852, task 0.735, metric 0.908; roles 0.973; results 0.899 / 0.844)
    # blind through session 15; development data in session 16, at its end 0.871 (dataset
    # 0.925, model 0.921, modality 0.852, task 0.735, metric 0.921; roles 0.975; results
    # 0.940 / 0.872)
    "heldout_proxy_14.jsonl": (
        0.86,
        {"dataset": 0.91, "model": 0.90, "modality": 0.84, "task": 0.72, "metric": 0.90},
        (0.96, 0.92, 0.86),
    ),
    # written at session 15's start, measured blind at its start, 0.863 (dataset 0.950, model
    # 0.887, modality 0.900, task 0.709, metric 0.868; roles 0.963; results 0.889 / 0.828), and
    # at its end, 0.868 (0.950, 0.882, 0.900, 0.725, 0.884; roles 0.969; results 0.902 / 0.828);
    # still blind at session 16's end, 0.877 (0.950, 0.885, 0.918, 0.725, 0.909; roles 0.969;
    # results 0.902 / 0.828)
    # session 17: development data (errors read, and trained on by the learned part); rules only
    # 0.913 (0.965, 0.929, 0.933, 0.821, 0.917; roles 0.970; results 0.932 / 0.855)
    "heldout_proxy_15.jsonl": (
        0.89,
        {"dataset": 0.94, "model": 0.90, "modality": 0.91, "task": 0.79, "metric": 0.89},
        (0.95, 0.91, 0.83),
    ),
    # written at session 15's start, measured blind at its start, 0.811 (dataset 0.873, model
    # 0.731, modality 0.848, task 0.778, metric 0.826; roles 0.939; results 0.960 / 0.807), and
    # at its end, 0.818 (0.873, 0.745, 0.848, 0.792, 0.833; roles 0.939; results 0.984 / 0.807);
    # still blind at session 16's end, 0.819 (0.873, 0.745, 0.847, 0.792, 0.839; roles 0.939;
    # results 0.984 / 0.807)
    # session 17: development data (errors read, and trained on by the learned part); rules only
    # 0.874 (0.986, 0.830, 0.847, 0.792, 0.916; roles 0.945; results 0.985 / 0.887)
    "heldout_proxy_16.jsonl": (
        0.85,
        {"dataset": 0.96, "model": 0.80, "modality": 0.82, "task": 0.77, "metric": 0.89},
        (0.92, 0.96, 0.86),
    ),
    # written at session 16's start, measured blind at its start, 0.817 (dataset 0.841, model
    # 0.872, modality 0.818, task 0.753, metric 0.800; roles 0.984; results 0.887 / 0.770), and
    # at its end, 0.814 (0.841, 0.876, 0.818, 0.737, 0.800; roles 0.984; results 0.886 / 0.759)
    # session 17: development data (errors read, and trained on by the learned part); rules only
    # 0.833 (0.853, 0.898, 0.818, 0.753, 0.841; roles 0.984; results 0.888 / 0.822)
    "heldout_proxy_17.jsonl": (
        0.81,
        {"dataset": 0.83, "model": 0.87, "modality": 0.79, "task": 0.73, "metric": 0.81},
        (0.96, 0.86, 0.80),
    ),
    # written at session 16's start, measured blind at its start, 0.846 (dataset 0.886, model
    # 0.911, modality 0.898, task 0.667, metric 0.870; roles 0.961; results 0.900 / 0.728), and
    # at its end, 0.853 (0.899, 0.917, 0.898, 0.667, 0.884; roles 0.961; results 0.901 / 0.734)
    # session 17: development data (errors read, and trained on by the learned part); rules only
    # 0.881 (0.930, 0.937, 0.898, 0.732, 0.908; roles 0.953; results 0.924 / 0.775)
    "heldout_proxy_18.jsonl": (
        0.86,
        {"dataset": 0.91, "model": 0.91, "modality": 0.87, "task": 0.71, "metric": 0.88},
        (0.93, 0.90, 0.75),
    ),
    # written at session 17's start, measured blind at its start, 0.899 (dataset 0.887, model
    # 0.952, modality 0.939, task 0.778, metric 0.939; roles 0.981; results 1.000 / 0.800), and
    # at its end, 0.907 (0.914, 0.963, 0.939, 0.778, 0.939; roles 0.982; results 1.000 / 0.806)
    "heldout_proxy_19.jsonl": (
        0.88,
        {"dataset": 0.89, "model": 0.94, "modality": 0.91, "task": 0.75, "metric": 0.91},
        (0.96, 0.97, 0.78),
    ),
    # written at session 17's start, measured blind at its start, 0.878 (dataset 0.923, model
    # 0.905, modality 0.892, task 0.741, metric 0.930; roles 0.962; results 0.907 / 0.876), and
    # at its end, 0.892 (0.935, 0.948, 0.892, 0.741, 0.944; roles 0.963; results 0.908 / 0.883)
    "heldout_proxy_20.jsonl": (
        0.87,
        {"dataset": 0.91, "model": 0.92, "modality": 0.86, "task": 0.71, "metric": 0.92},
        (0.94, 0.88, 0.86),
    ),
    # written at session 17's start, measured blind at its start, 0.923 (dataset 0.901, model
    # 0.945, modality 0.964, task 0.836, metric 0.971; roles 0.989; results 0.947 / 0.909), and
    # at its end, 0.934 (0.923, 0.964, 0.964, 0.853, 0.964; roles 0.989; results 0.943 / 0.909)
    "heldout_proxy_21.jsonl": (
        0.91,
        {"dataset": 0.90, "model": 0.94, "modality": 0.94, "task": 0.82, "metric": 0.94},
        (0.97, 0.92, 0.88),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_heldout_proxy_levels(name: str, nlp_default: Language) -> None:
    macro_floor, type_floors, (roles_floor, precision_floor, recall_floor) = FLOORS[name]
    report = evaluate_file(DATA / name, nlp=nlp_default)
    assert report.macro_f1 >= macro_floor
    for entity_type, floor in type_floors.items():
        assert report.score(entity_type).f1 >= floor, entity_type
    assert report.role_correct / report.role_total >= roles_floor
    assert report.result_tp / report.result_predicted >= precision_floor
    assert report.result_tp / report.result_gold >= recall_floor
