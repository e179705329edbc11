"""Models made smaller in memory: each distinct set of given fields held once, not per model.

pydantic keeps on every model instance the set of fields its input gave
(``__pydantic_fields_set__``): a set of its own, about 730 bytes for a model of eight fields.
A province's reports hold millions of models (an indicator row with its target is two) and
their findings hundreds of thousands, and these sets were half of a Document's memory. The
contract's models are frozen, so a model never adds to its set after it is made, and
``model_copy`` copies the set before changing it: instances with the same set can share one.
The set is read only by ``exclude_unset`` dumps, which give the same result with a shared set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

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
    """The model, with it and every model inside it holding a shared set of given fields."""
    _compact(model)
    return model


def _compact(value: Any) -> None:
    if isinstance(value, BaseModel):
        given = value.__pydantic_fields_set__
        kind = type(value)
        full = _FULL.get(kind)
        if full is None:
            full = _FULL[kind] = shared(kind, kind.model_fields)
        if given is not full:
            # A model's given fields are among its fields: as many means all of them.
            same = full if len(given) == len(full) else shared(kind, given)
            object.__setattr__(value, "__pydantic_fields_set__", same)
        nested = _NESTED.get(kind)
        if nested is None:
            nested = _NESTED[kind] = _nested(kind)
        fields = value.__dict__
        # Only the fields whose type can hold a model are looked into: most hold text or
        # numbers, and looking at every value was most of the time compacting took.
        for name in nested:
            item = fields[name]
            if isinstance(item, (BaseModel, list, tuple)):
                _compact(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, (BaseModel, list, tuple)):
                _compact(item)


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
