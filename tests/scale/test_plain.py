"""Models as plain values and back: the same models pydantic validates, compacted as made."""

from __future__ import annotations

import marshal
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from benchmarks.make_corpus import write_corpus
from builder.contract.compact import SHARED_KINDS, share_alike, shared
from builder.contract.model import Document, Project, SpendingPlanEntry, Target
from builder.contract.plain import from_plain, to_plain
from tests.support.models import models_in
from tests.support.reading import load_content


def _through_marshal(doc: Document) -> Document:
    return from_plain(Document, marshal.loads(marshal.dumps(to_plain(doc))))


def test_the_seeds_and_a_corpus_come_back_as_pydantic_reads_their_json(
    tmp_path: Path, regions: dict[str, str]
) -> None:
    written = write_corpus(6, 3, tmp_path)
    docs = [
        *load_content(Path("content"), regions),
        *load_content(tmp_path / "content", written.regions),
    ]
    for doc in docs:
        validated = Document.model_validate_json(doc.model_dump_json())
        back = _through_marshal(doc)
        assert back == validated
        assert back.model_dump_json() == validated.model_dump_json()
        assert repr(back) == repr(validated)  # Decimals written as they were, tuples as tuples
        models = models_in(back)
        assert all(
            m.__pydantic_fields_set__ is shared(type(m), type(m).model_fields) for m in models
        )
    # a shared kind's value is one instance, however many times it is read
    one, two = _through_marshal(docs[0]), _through_marshal(docs[0])
    rows = zip(one.projects[0].indicators, two.projects[0].indicators, strict=True)
    targets = [(i.target, j.target) for i, j in rows]
    assert any(a is not None for a, _ in targets)
    assert all(a is b for a, b in targets)
    # and a short text is one object across reports, as pydantic's JSON parser keeps it
    levels = [
        i.level1 for d in map(_through_marshal, docs) for p in d.projects for i in p.indicators
    ]
    assert len(levels) > 100
    assert len({id(text) for text in levels}) == len(set(levels)) < 10


def test_values_that_compare_equal_but_print_apart_are_not_held_as_one() -> None:
    plain = [to_plain(Target(operator="≥", number=Decimal(n), unit="%")) for n in ("95", "95.0")]
    made = [from_plain(Target, p) for p in plain]
    assert [str(t.number) for t in made] == ["95", "95.0"]
    entries = [SpendingPlanEntry(period="3月底", raw="0%", percent=p) for p in (0.0, -0.0)]
    back = [from_plain(SpendingPlanEntry, to_plain(e)) for e in entries]
    assert [str(e.percent) for e in back] == ["0.0", "-0.0"]
    assert back[0] is from_plain(SpendingPlanEntry, to_plain(entries[0]))


@pytest.mark.parametrize(
    "plain",
    [
        "not a tuple",
        ("130303", "昌黎县"),  # a Region's fields, not a Document's
        (),
        ("x",) * 9,  # as many fields, but a year that is no number and a region no Region
    ],
)
def test_a_value_of_another_shape_raises(plain: object) -> None:
    with pytest.raises(ValueError, match="expected the plain value of a Document"):
        from_plain(Document, plain)


def test_a_project_is_not_taken_for_a_document(regions: dict[str, str]) -> None:
    project = load_content(Path("content"), regions)[0].projects[0]
    assert from_plain(Project, to_plain(project)) == project
    with pytest.raises(ValueError, match="expected the plain value of a Document"):
        from_plain(Document, to_plain(project))


def test_a_shared_kind_with_numbers_of_two_types_has_no_plain_form() -> None:
    """Its instances are found by equality, and 1 == 1.0 == True: two values would be one."""

    @share_alike
    class Count(BaseModel):
        model_config = ConfigDict(frozen=True)
        count: int

    try:
        with pytest.raises(TypeError, match=r"Count\.count: no shared plain form"):
            to_plain(Count(count=1))
    finally:
        SHARED_KINDS.discard(Count)
