"""Exact display of money: yuan with thousands separators, 万元 as yuan / 10000 (no floats)."""

from __future__ import annotations

from decimal import Decimal

_TEN_THOUSAND = Decimal(10000)
_CENTS = Decimal("0.01")


def _plain(value: Decimal) -> str:
    return format(value, ",f")


def yuan(amount: Decimal) -> str:
    """``8000`` → ``8,000``; ``1234.5`` → ``1,234.50``; digits are never rounded away."""
    if amount == amount.to_integral_value():
        return _plain(amount.quantize(Decimal(1)))
    return _plain(amount if amount.as_tuple().exponent != -1 else amount.quantize(_CENTS))


def wan(amount: Decimal) -> str:
    """Amount in 万元, exact: ``8000`` → ``0.80``; ``12345`` → ``1.2345``."""
    value = amount / _TEN_THOUSAND
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -2:
        value = value.quantize(_CENTS)
    return _plain(value)


def both(amount: Decimal) -> str:
    """``8,000 元（0.80 万元）``."""
    return f"{yuan(amount)} 元（{wan(amount)} 万元）"
