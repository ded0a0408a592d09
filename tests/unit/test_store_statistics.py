"""The statistics graph's loading in blocks (:func:`kg.store.statistics.node_blocks`)."""

from __future__ import annotations

from kg.store.statistics import node_blocks


def test_statistics_blocks_keep_a_blank_nodes_lines_together() -> None:
    lines = [f"_:n{i} <p> {j} .\n" for i in range(4) for j in range(3)]
    blocks = list(node_blocks(lines, 25))
    assert [line for block in blocks for line in block] == lines  # nothing lost or reordered
    assert len(blocks) == 4  # a block ends once full, at the next subject
    for block in blocks:
        assert len({line.split(" ", 1)[0] for line in block}) == 1
