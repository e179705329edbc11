"""Models made smaller in memory: each distinct set of given fields held once, not per model.

pydantic keeps on every model instance the set of fields its input gave
(``__pydantic_fields_set__``): a set of its own, about 730 bytes for a model of eight fields.
A province's reports hold millions of models (an indicator row with its target is two) and
their findings hundreds of thousands, and these sets were half of a Document's memory. The
contract's models are frozen, so a model never adds to its set after it is made, and
``model_copy`` copies the set before changing it: instances with the same set can share one.
The set is read only by ``exclude_unset`` dumps, which give the same result with a shared set.

Small models that many reports hold alike are held once: an indicator's parsed target
(≥ 95 %) and a spending plan entry (3月底, 25%). At 3,000 reports they were 240,000 and
130,000 instances, over a quarter of the Documents' memory, of a few thousand kinds. A model
is only shared with one equal to it in every field, down to how a number is written
(95 and 95.0 are two Decimals that compare equal), and with the same set of given fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

SHARED_KINDS: set[type] = set()
"""The model types held once per distinct value (share_alike): small, frozen, no models inside."""
_ALIKE: dict[tuple[object, ...], BaseModel] = {}
ALIKE_MAX = 200_000
"""Distinct values kept for sharing; past that, new ones are left as they are (bounded)."""


def share_alike(kind: type[M]) -> type[M]:
    """Class decorator: compact holds one instance per distinct value of this frozen type."""
    SHARED_KINDS.add(kind)
    return kind


_SHARED: dict[tuple[type, frozenset[str]], set[str]] = {}
_FULL: dict[type, set[str]] = {}
"""By model type: the shared set of all its fields, the set most models have (a fast path)."""


def shared(model_type: type, names: Iterable[str]) -> set[str]:
    """The one set of field names shared by every model of this type with these given fields."""
    frozen = frozenset(names)
    found = _SHARED.get((model_type, frozen))
    if found is None:
        found = _SHARED[(model_type, frozen)] = set(frozen)
    return found


def compact(model: M) -> M:
    """The model, with it and every model inside it holding a shared set of given fields,
    and every model of a shared kind inside it replaced by the one instance of its value."""
    result = _compact(model)
    assert type(result) is type(model)
    return result


def _compact(value: Any) -> Any:
    if isinstance(value, BaseModel):
        given = value.__pydantic_fields_set__
        kind = type(value)
        full = _FULL.get(kind)
        if full is None:
            full = _FULL[kind] = shared(kind, kind.model_fields)
        if given is not full:
            # A model's given fields are among its fields: as many means all of them.
            given = full if len(given) == len(full) else shared(kind, given)
            object.__setattr__(value, "__pydantic_fields_set__", given)
        nested = _NESTED.get(kind)
        if nested is None:
            nested = _NESTED[kind] = _nested(kind)
        fields = value.__dict__
        # Only the fields whose type can hold a model are looked into: most hold text or
        # numbers, and looking at every value was most of the time compacting took.
        for name in nested:
            item = fields[name]
            if isinstance(item, (BaseModel, list, tuple)):
                held = _compact(item)
                if held is not item:
                    fields[name] = held  # a frozen model's own field, set as pydantic does
        return _alike(value, kind, given) if kind in SHARED_KINDS else value
    if isinstance(value, list):
        for at, item in enumerate(value):
            if isinstance(item, (BaseModel, list, tuple)):
                value[at] = _compact(item)
        return value
    if isinstance(value, tuple):
        items = [
            _compact(item) if isinstance(item, (BaseModel, list, tuple)) else item for item in value
        ]
        same = all(a is b for a, b in zip(items, value, strict=True))
        return value if same else type(value)(items)
    return value


def _alike(model: BaseModel, kind: type, given: set[str]) -> BaseModel:
    # Text and whole numbers by value; anything else (Decimal, float) also by how it prints.
    values = tuple(
        v if type(v) is str or type(v) is int else (type(v), repr(v))
        for v in model.__dict__.values()
    )
    key = (kind, id(given), values)  # given is a shared set: its id names it
    found = _ALIKE.get(key)
    if found is not None:
        return found
    if len(_ALIKE) < ALIKE_MAX:
        _ALIKE[key] = model
    return model


_NESTED: dict[type, tuple[str, ...]] = {}
"""By model type: the names of its fields whose type can hold a model."""


def _nested(kind: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name, info in kind.model_fields.items() if _may_hold(info.annotation))


def _may_hold(annotation: object) -> bool:
    """Whether a value of this type can be or hold a model (Any and object can)."""
    if annotation is Any or annotation is object:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold(arg) for arg in get_args(annotation))
