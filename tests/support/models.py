"""Every model inside a value: for tests of how models are held in memory."""

from __future__ import annotations

from pydantic import BaseModel


def models_in(value: object) -> list[BaseModel]:
    """The value if it is a model, and every model inside it, depth first."""
    if isinstance(value, BaseModel):
        return [value, *(m for v in value.__dict__.values() for m in models_in(v))]
    if isinstance(value, (list, tuple)):
        return [m for v in value for m in models_in(v)]
    return []
