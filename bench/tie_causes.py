"""Tabulate the wrong ties of matched results by cause (issue 15: results tied right).

Usage: PYTHONPATH=. python bench/tie_causes.py [--show CAUSE] GOLD.jsonl ...

For every result the extractor matches by metric and value whose gold names a model (or a
dataset) the extractor did not tie it to, one cause: a wrong entity tied, the gold entity
never extracted, or no tie at all, split by what the text offers (the sentence's subject is
the paper's own system, the gold model is the paper's only introduced one, the dataset is
named in the sentence after on/in/for/across, in the previous sentence, or is the paper's only
dataset). Also counts over-ties: a key predicted where the gold names none.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from kg.corpus.models import paper_text
from kg.evaluate import _metric_keys, gold_labels, link_labels, read_gold, result_pairs
from kg.extract import doc_extraction
from kg.ids import paper_key
from kg.nlp import build_nlp

OWN = re.compile(r"\b(?:we|our|the proposed|this model|the model|it)\b", re.IGNORECASE)
LINKS = re.compile(r"\b(?:on|in|for|across|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _spans_of(doc: Any, field: str, keys: set[str]) -> list[Any]:
    name = "kg_models" if field == "model" else "kg_datasets"
    return [s for s in doc.spans.get(name, []) if s.kb_id_ in keys]


def cause(doc: Any, ext: Any, gold_row: dict[str, Any], field: str, rm: Any, key: Any) -> str:
    ents = gold_row.get("entities", {}).get(field) or []
    gname = gold_row["_g"][field]
    want = next(
        (
            gold_labels(g)
            for g in ents
            if gname.lower() in {x.lower() for x in gold_labels(g)}
            or gold_labels({"name": gname}) & gold_labels(g)
        ),
        gold_labels({"name": gname}),
    )
    keys = {lk.key for lk in ext.links if lk.entity_type == field and link_labels(lk) & want}
    if key is not None:
        return "wrong entity"
    if not keys:
        return "no tie: gold entity not extracted"
    spans = _spans_of(doc, field, keys)
    value = doc.char_span(rm.start, rm.end, alignment_mode="expand")
    sent = value.sent if value is not None else None
    if sent is None:
        return "no tie: other"
    in_sent = [s for s in spans if s.start >= sent.start and s.end <= sent.end]
    text = doc.text
    if field == "model":
        introduced = {g["name"] for g in ents if g.get("introduced")}
        before = text[sent.start_char : rm.start]
        only = len(introduced) == 1 and gname in introduced
        if OWN.search(before) and only and not in_sent:
            return "no tie: own subject, only introduced model"
        if in_sent:
            return "no tie: model named in sentence"
        if only:
            return "no tie: only introduced model (no own subject)"
    else:
        if in_sent:
            linked = any(
                LINKS.search(text[max(0, s.start_char - 20) : s.start_char])
                or text[s.end_char : s.end_char + 10]
                .lower()
                .lstrip()
                .startswith(("test", "validation", "dataset", "cohort", "set"))
                for s in in_sent
            )
            return (
                "no tie: dataset in sentence, linked"
                if linked
                else ("no tie: dataset in sentence, unlinked")
            )
        if len(ents) == 1:
            return "no tie: the paper's only dataset"
    prev = [s for s in spans if s.sent.end == sent.start]
    if prev:
        return f"no tie: {field} named in previous sentence"
    return "no tie: other"


def main(argv: list[str]) -> None:
    show = None
    if argv and argv[0] == "--show":
        show, argv = argv[1], argv[2:]
    nlp = build_nlp()
    mi = _metric_keys()
    total: Counter[tuple[str, str]] = Counter()
    for path in argv:
        per: Counter[tuple[str, str]] = Counter()
        counts = {"model": [0, 0, 0], "dataset": [0, 0, 0]}  # right, total, over-ties
        for row in read_gold(Path(path)):
            doc = nlp(paper_text(row["title"], row["abstract"]))
            ext = doc_extraction(doc, paper_key(row["title"]), row["title"], row["abstract"])
            idx = [i for i, r in enumerate(ext.results) if not r.is_improvement]
            pred = [ext.results[i] for i in idx]
            gold = list(row.get("results") or [])
            for p, g in result_pairs(pred, gold, mi):
                rm = doc._.kg_results[idx[p]]
                for field in ("model", "dataset"):
                    key = rm.model_key if field == "model" else rm.dataset_key
                    gname = gold[g].get(field)
                    if not gname:
                        counts[field][2] += key is not None
                        if show == f"over-{field}" and key is not None:
                            sent = doc.char_span(rm.start, rm.end, alignment_mode="expand").sent
                            print(f"[over {field} <- {key}] {rm.value_text}: {sent.text!r}\n")
                        continue
                    ents = row.get("entities", {}).get(field) or []
                    want = next(
                        (
                            gold_labels(e)
                            for e in ents
                            if gold_labels({"name": gname}) & gold_labels(e)
                        ),
                        gold_labels({"name": gname}),
                    )
                    links = {lk.key: link_labels(lk) for lk in ext.links if lk.entity_type == field}
                    counts[field][1] += 1
                    if key is not None and links.get(key, frozenset({key})) & want:
                        counts[field][0] += 1
                        continue
                    row["_g"] = {field: gname}
                    c = cause(doc, ext, row, field, rm, key)
                    per[(field, c)] += 1
                    if show and show in c:
                        sent = doc.char_span(rm.start, rm.end, alignment_mode="expand").sent
                        print(f"[{field} {gname} <- {key}] {rm.value_text}: {sent.text!r}\n")
        total.update(per)
        m, d = counts["model"], counts["dataset"]
        print(
            f"{Path(path).stem:18} model {m[0]}/{m[1]} ({m[0] / max(m[1], 1):.3f}) over {m[2]}"
            f"  dataset {d[0]}/{d[1]} ({d[0] / max(d[1], 1):.3f}) over {d[2]}"
        )
    print()
    for (field, c), n in sorted(total.items(), key=lambda x: (x[0][0], -x[1])):
        print(f"{field:8} {n:4}  {c}")


if __name__ == "__main__":
    main(sys.argv[1:])
