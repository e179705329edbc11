"""Models as plain values (tuples of text and numbers) and back, for marshal: a fast cache form.

A rebuild reads every unchanged report from the parse cache. As JSON validated by pydantic,
3,000 reports took 4.4 s of a 24 s rebuild: decoding the JSON was a third of it, validating
every field and compacting the models (builder/contract/compact.py) the rest. As plain
values a model is a tuple of its fields in declared order, read back by marshal, and is made
again as pydantic makes a validated one, without checking anything again, and compacted as
it is made: one set of given fields per type, one instance per value of a shared kind.

Only for values this code wrote from valid models: it is not a way to read what others
wrote (the parse cache seals each entry and names this file's version in its key).
tests/scale/test_plain.py holds every model made this way equal to the validated one.
"""

from __future__ import annotations

import functools
import marshal
import types
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel

from builder.contract.compact import ALIKE_MAX, SHARED_KINDS, shared

M = TypeVar("M", bound=BaseModel)
Plain = Any
"""Nested tuples of str, int, float, None: what marshal writes and reads."""

_Codec = tuple[Callable[[Any], Plain], Callable[[Plain], Any]]


def to_plain(model: BaseModel) -> Plain:
    """The model as a tuple of its fields' plain values, in the order its class declares.

    Equal texts in it are one object, which marshal then writes once and reads back as one:
    pydantic's JSON parser shares them too, and without it 3,000 reports took 410 MiB, not 285.
    """
    return _one_each(_codec(type(model))[0](model), {})


def _one_each(plain: Plain, texts: dict[str, str]) -> Plain:
    if type(plain) is str:
        return texts.setdefault(plain, plain)
    if type(plain) is tuple:
        return tuple([_one_each(item, texts) for item in plain])
    return plain


def from_plain(kind: type[M], plain: Plain) -> M:
    """The model of this type that to_plain gave ``plain`` for, compacted.

    Raises ValueError when ``plain`` is not such a value; a value of the right shape is
    trusted (see the module's note).
    """
    try:
        model = _codec(kind)[1](plain)
    except (TypeError, IndexError, ArithmeticError) as exc:  # Decimal's are ArithmeticErrors
        raise ValueError(f"expected the plain value of a {kind.__name__}: {exc}") from exc
    if type(model) is not kind:
        raise ValueError(f"expected the plain value of a {kind.__name__}")
    return model


@functools.cache
def _codec(annotation: Any) -> _Codec:
    """The pair (to plain, from plain) for a field of this type."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_codec(annotation)
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _codec(args[0])
    if annotation is Decimal:
        # As the JSON carries it (builder/contract/model.Money): the same Decimal comes back.
        return (lambda value: format(value, "f"), Decimal)
    if annotation is str:
        return (_same, _text_once)
    if annotation in (int, float) or origin is Literal:
        return (_same, _same)
    if origin in (Union, types.UnionType) and type(None) in args:
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"no plain form for {annotation!r}")
        inner_to, inner_from = _codec(rest[0])
        if inner_to is _same:
            return (_same, _same)
        return (
            lambda value: None if value is None else inner_to(value),
            lambda plain: None if plain is None else inner_from(plain),
        )
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item_to, item_from = _codec(args[0])
        if item_to is _same:
            return (_as_tuple, _as_tuple)
        return (
            lambda value: tuple(map(item_to, value)),
            lambda plain: tuple(map(item_from, plain)),
        )
    raise TypeError(f"no plain form for {annotation!r}")


_TEXTS: dict[str, str] = {}
"""Short texts as first read: one object for each, across reports (as pydantic's JSON parser
keeps them). Without it, 3,000 reports took 285 MiB, not 247; it costs 0.3 s of their 2.3."""
TEXTS_MAX, TEXT_MAX = 100_000, 64
"""How many texts _TEXTS keeps at most, and the longest it keeps (longer ones seldom repeat)."""


def _text_once(text: str) -> str:
    if len(text) > TEXT_MAX:
        return text
    found = _TEXTS.get(text)
    if found is not None:
        return found
    if len(_TEXTS) < TEXTS_MAX:
        _TEXTS[text] = text
    return text


def _same(value: Any) -> Any:
    return value


def _as_tuple(value: Any) -> tuple[Any, ...]:
    if type(value) is not tuple:
        raise TypeError("expected a tuple")
    return value


def _check_shared(kind: type[BaseModel]) -> None:
    """A shared kind's instances are found by their plain value's equality (``made``): only
    text, None, and float or Decimal fields (a Decimal's plain value is its text) keep two
    values apart that way, but for 0.0 and -0.0, which ``made`` keys apart. Numbers of two
    types (1 == 1.0 == True) or models inside would not."""
    for name, info in kind.model_fields.items():
        allowed = (str, float, Decimal, type(None))
        args = get_args(info.annotation) or (info.annotation,)
        simple = all(arg in allowed or get_origin(arg) is Literal for arg in args)
        if not simple:
            raise TypeError(f"{kind.__name__}.{name}: no shared plain form for {info.annotation!r}")


def _model_codec(kind: type[BaseModel]) -> _Codec:
    names = tuple(kind.model_fields)
    # pydantic's field types: Annotated, unions and tuples of them (hashable, as typing's are)
    codecs = [_codec(cast(Any, info.annotation)) for info in kind.model_fields.values()]
    given = shared(kind, names)
    plain_fields = [(name, to_) for name, (to_, _) in zip(names, codecs, strict=True)]
    # Fields whose plain value is the value itself are not called for, the most of them.
    made_fields = [(at, from_) for at, (_, from_) in enumerate(codecs) if from_ is not _same]
    once = kind in SHARED_KINDS
    if once:
        _check_shared(kind)
    held: dict[Plain, Any] = {}
    new = kind.__new__
    setattr_ = object.__setattr__

    def plain_of(model: Any) -> Plain:
        fields = model.__dict__
        return tuple(to_(fields[name]) for name, to_ in plain_fields)

    def made(plain: Plain) -> Any:
        if type(plain) is not tuple:
            raise TypeError(f"expected the fields of a {kind.__name__}")
        if once:
            # Held once per value, found by the plain value before any model is made: most
            # are repeats (185,000 of the 380,000 models of 1,500 reports).
            key = plain if 0.0 not in plain else marshal.dumps(plain, 2)  # -0.0 == 0.0
            found = held.get(key)
            if found is not None:
                return found
        values: Any = plain
        if made_fields:
            values = list(plain)
            for at, from_ in made_fields:
                values[at] = from_(values[at])
        model = new(kind)
        # What pydantic sets on a model it has validated (as builder/quality/finding.from_row does);
        # a value with too few or too many fields raises ValueError here.
        setattr_(model, "__dict__", dict(zip(names, values, strict=True)))
        setattr_(model, "__pydantic_fields_set__", given)
        setattr_(model, "__pydantic_extra__", None)
        setattr_(model, "__pydantic_private__", None)
        if once and len(held) < ALIKE_MAX:
            held[key] = model
        return model

    return (plain_of, made)
