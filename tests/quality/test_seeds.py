"""The problems the seeds are known to have are found, where they are (DESIGN.md §6)."""

from __future__ import annotations

from builder.quality import check_documents
from tests.quality.documents import SEEDS, seed, seeds


def at(number: str, line: int) -> set[str]:
    """The rules that fire at a seed's line."""
    source = SEEDS[number]
    return {f.rule for f in check_documents(list(seeds())) if (f.source, f.line) == (source, line)}


def test_time_indicator_with_a_unit_alone() -> None:
    # Seed 000, 综合事务管理, 时效指标 完成率: the value is 人.
    assert "value-not-target" in at("000", 212)


def test_satisfaction_given_as_percent_sign_alone() -> None:
    assert "value-not-target" in at("000", 144)
    assert "value-not-target" in at("002", 273)


def test_yes_no_values() -> None:
    doc = seed("004")
    yes_no = [r.line for p in doc.projects for r in p.indicators if r.value == "是/否"]
    assert len(yes_no) == 36
    assert all("value-not-target" in at("004", line) for line in yes_no)


def test_sentence_copied_between_sub_goals() -> None:
    # 全面深化改革 (line 79) repeats a sentence of 党史研究 (line 69).
    assert "sentence-copied" in at("004", 79)
    (hit,) = [f for f in check_documents([seed("004")]) if f.rule == "sentence-copied"]
    assert "全面深化改革" in hit.subject and "党史研究" in hit.message and "第69行" in hit.message


def test_the_same_goal_line_three_times() -> None:
    # 车辆保险费 of seed 003: lines 89, 90, 91 all say 公务用车正常运转.
    assert "goal-repeated" in at("003", 90)
    assert "goal-repeated" in at("003", 91)
    assert "goal-repeated" not in at("003", 89)


def test_well_formed_rows_of_the_seeds_stay_quiet() -> None:
    assert at("004", 179) == set()  # 缴纳车辆保险数量 8辆
    assert at("004", 186) == set()  # 车辆正常运行率 ≥95%
    assert at("003", 123) == set()  # 资金成本 ≤4000元 of a 4000 yuan project
    assert at("002", 164) == set()  # 群众满意度 ≥90%
    assert at("002", 143) == set()  # 社会效益 促进社会稳定: free text is acceptable


def test_every_seed_has_errors_and_the_corpus_is_not_all_errors() -> None:
    found = check_documents(list(seeds()))
    assert {f.source for f in found if f.level == "error"} == set(SEEDS.values()) - {SEEDS["001"]}
    assert {f.level for f in found} == {"error", "warning", "info"}
