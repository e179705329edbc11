"""Models sharing one set of given fields: equal to the models they were, and smaller."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from benchmarks.make_corpus import write_corpus
from builder.contract.compact import compact, shared
from builder.contract.model import Document, Target
from tests.support.models import models_in
from tests.support.reading import load_content


def _sets_bytes(models: list[BaseModel]) -> int:
    sets = {id(m.__pydantic_fields_set__): m.__pydantic_fields_set__ for m in models}
    return sum(sys.getsizeof(s) for s in sets.values())


def test_a_compacted_document_is_the_same_document_in_less_memory(tmp_path: Path) -> None:
    written = write_corpus(3, 2, tmp_path)
    doc = load_content(tmp_path / "content", written.regions)[0]
    fresh = Document.model_validate_json(doc.model_dump_json())
    before = _sets_bytes(models_in(fresh))
    same = compact(Document.model_validate_json(doc.model_dump_json()))
    assert same == fresh
    assert same.model_dump_json() == fresh.model_dump_json()
    assert same.model_dump_json(exclude_unset=True) == fresh.model_dump_json(exclude_unset=True)
    models = models_in(same)
    assert len(models) > 100
    assert all(
        m.__pydantic_fields_set__ is shared(type(m), m.__pydantic_fields_set__) for m in models
    )
    assert _sets_bytes(models) * 20 < before  # a handful of shared sets, not one per model


class Row(BaseModel):
    """A frozen model with a field its input may leave out, as the contract's models are."""

    model_config = ConfigDict(frozen=True)
    name: str
    basis: str = ""


def test_a_copy_with_changes_leaves_the_shared_set_alone() -> None:
    first, second = compact(Row(name="次数")), compact(Row(name="时间"))
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__ == {"name"}
    changed = first.model_copy(update={"basis": "依据"})
    assert changed.model_fields_set == {"name", "basis"}
    assert second.model_fields_set == {"name"}
    assert shared(Row, ["name"]) is second.__pydantic_fields_set__


class Inner(BaseModel):
    model_config = ConfigDict(frozen=True)
    text: str = ""


class Outer(BaseModel):
    model_config = ConfigDict(frozen=True)
    number: int = 0
    maybe: int | Inner = 0
    anything: Any = None
    rows: tuple[tuple[Inner, ...], ...] = ()


def test_every_field_that_can_hold_a_model_is_compacted() -> None:
    """Fields are looked into by their type: a union, Any and nested tuples all can hold one."""
    outer = Outer(maybe=Inner(text="a"), anything=Inner(), rows=((Inner(text="b"),),))
    inner = [outer.maybe, outer.anything, outer.rows[0][0]]
    compact(outer)
    for model in (outer, *inner):
        assert isinstance(model, BaseModel)
        assert model.__pydantic_fields_set__ is shared(type(model), model.__pydantic_fields_set__)


def test_findings_made_or_kept_share_their_sets_of_given_fields(tmp_path: Path) -> None:
    from builder.incremental.report_cache import ReportCache
    from builder.quality import check_documents
    from builder.quality.check import check_document

    docs = write_corpus(20, 3, tmp_path / "corpus").documents
    cache = ReportCache()
    kept = check_documents(docs, lambda d: cache.findings(d.source, lambda: check_document(d)))
    for found in (check_documents(docs), kept):
        assert len(found) > 100
        sets = {id(f.__pydantic_fields_set__) for f in found}
        assert len(sets) <= 2  # all fields given, or all but the place in words


def test_alike_targets_and_plan_entries_are_held_once(tmp_path: Path) -> None:
    written = write_corpus(6, 2, tmp_path)
    docs = load_content(tmp_path / "content", written.regions)
    fresh = [Document.model_validate_json(doc.model_dump_json()) for doc in docs]
    held = [compact(Document.model_validate_json(doc.model_dump_json())) for doc in docs]
    assert held == fresh
    assert [d.model_dump_json() for d in held] == [d.model_dump_json() for d in fresh]
    targets = [r.target for d in held for p in d.projects for r in p.indicators if r.target]
    plans = [e for d in held for p in d.projects for e in p.spending_plan]
    assert len({id(t) for t in targets}) * 3 < len(targets)
    assert len({id(e) for e in plans}) * 3 < len(plans)
    # Each shared instance is equal, field by field and in how it prints, to those it stands for.
    for one in (*targets, *plans):
        assert one is compact(one.model_validate_json(one.model_dump_json()))


def test_numbers_that_compare_equal_but_print_apart_are_not_shared() -> None:
    whole = compact(Target(operator="≥", number=Decimal("95"), unit="%"))
    point = compact(Target(operator="≥", number=Decimal("95.0"), unit="%"))
    assert whole == point  # pydantic compares the Decimals' values
    assert whole is not point
    assert point.model_dump_json() != whole.model_dump_json()
    assert compact(Target(operator="≥", number=Decimal("95.0"), unit="%")) is point
