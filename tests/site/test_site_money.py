from __future__ import annotations

from decimal import Decimal

import pytest

from builder.render.html.money import both, wan, yuan


@pytest.mark.parametrize(
    ("amount", "in_yuan", "in_wan"),
    [
        ("8000", "8,000", "0.80"),
        ("4131000", "4,131,000", "413.10"),
        ("1430000.00", "1,430,000", "143.00"),
        ("12345", "12,345", "1.2345"),
        ("1234.5", "1,234.50", "0.12345"),
        ("0.01", "0.01", "0.000001"),
        ("0", "0", "0.00"),
    ],
)
def test_exact_display(amount: str, in_yuan: str, in_wan: str) -> None:
    assert yuan(Decimal(amount)) == in_yuan
    assert wan(Decimal(amount)) == in_wan


def test_wan_is_exact_for_every_cent() -> None:
    for cents in range(0, 100_000, 37):
        amount = Decimal(cents) / 100
        assert Decimal(wan(amount).replace(",", "")) * 10000 == amount


def test_both() -> None:
    assert both(Decimal("8000")) == "8,000 元（0.80 万元）"
