"""Mutations of the seeds (lines deleted, swapped, duplicated, the file cut): none gives
silently wrong data. Each either changes only what the edited lines built, or gets an
error or warning near the edit (tests/support/mutations.py judges)."""

from __future__ import annotations

import copy
import random
from collections import Counter

import pytest

from builder.parse import losses, parse_with_ledger
from builder.parse.lines import split_lines
from tests.conftest import CONTENT
from tests.support.mutations import KINDS, Mutation, compare, judge, mutations

PER_SEED = 140  # five seeds: 700 mutations, about two seconds
SEEDS = sorted(CONTENT.rglob("*.txt"))


def test_no_mutation_of_a_seed_gives_silently_wrong_data(regions: dict[str, str]) -> None:
    rng = random.Random(20261203)
    outcomes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    silent = []
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        source = path.relative_to(CONTENT).as_posix()
        for mutation in mutations(len(split_lines(text)), rng, PER_SEED):
            verdict = judge(text, mutation, source, regions)
            outcomes[verdict.outcome] += 1
            kinds[mutation.kind] += 1
            if verdict.outcome == "silent":
                silent.append(f"{source}: {mutation}: {verdict.why}")
    assert sum(outcomes.values()) >= 600
    assert set(kinds) == set(KINDS)
    assert outcomes["loud"] > 0 and outcomes["harmless"] > 0
    assert silent == []


def test_the_judge_calls_a_lost_row_silent_when_the_parser_says_nothing(
    regions: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the file-end check, a cut at a row boundary loses rows unseen: the judge
    must say so, or the test above could not fail."""
    source = "2021/130303/201001.txt"
    text = (CONTENT / source).read_text(encoding="utf-8")
    lines = text.split("\n")
    # The file ends: the last row's cells, its end, a blank line, a page number 1 and its
    # blank line. Cut after the end of the row before: one indicator row is lost.
    assert lines[-4:] == ["", "1", "", ""]
    row_ends = [
        n for n in range(len(lines) - 20, len(lines) - 4) if lines[n] == "" and lines[n - 1]
    ]
    cut = Mutation("truncate", row_ends[-2] + 2)
    assert judge(text, cut, source, regions).outcome == "loud"
    monkeypatch.setattr(losses, "check_file_end", lambda *args: None)
    assert judge(text, cut, source, regions).outcome == "silent"


def test_the_judge_calls_a_change_outside_the_edited_table_silent(
    regions: dict[str, str],
) -> None:
    """An edit in one table that changed another table's data is silent data loss: the
    judge compares every project and indicator row the edit did not build."""
    source = "2021/130303/201001.txt"
    text = (CONTENT / source).read_text(encoding="utf-8")
    original = parse_with_ledger(text, source, regions).document.model_dump()
    first_table = Mutation("delete", original["projects"][0]["line"] + 20)
    changed = copy.deepcopy(original)
    assert compare(original, changed, first_table, 700).outcome == "harmless"
    changed["projects"][4]["budget_yuan"] = "1.00"
    assert compare(original, changed, first_table, 700).outcome == "silent"
    changed = copy.deepcopy(original)
    first = changed["projects"][0]
    first["indicators"] = first["indicators"][:-1]  # a row far below the edit
    assert compare(original, changed, first_table, 700).outcome == "silent"
