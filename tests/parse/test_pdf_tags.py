"""How a tagged PDF's structure decides where a cell's paragraphs end (wrap.wrapped).

Lines are built from characters placed by hand in a column 10 characters wide: a line
that fills it looks the same whether its paragraph ends there or wraps. The tag says
which; a tag that names no paragraph (text right in a Div or a TD) says nothing, and
the page is read as an untagged one is.
"""

from __future__ import annotations

from builder.parse.pdf.pages import Char
from builder.parse.pdf.tags import Tag
from builder.parse.pdf.wrap import Line, wrapped

SIZE = 10.0
CELL = (0, 4, 2, 3)


def _line(text: str, row: int, tag: Tag | None) -> Line:
    top = row * 1.2 * SIZE
    return Line(
        [
            Char(ch, n * SIZE, top, (n + 1) * SIZE, top + SIZE, SIZE, top + 0.88 * SIZE, tag)
            for n, ch in enumerate(text)
        ]
    )


def _p(n: int | None) -> Tag:
    return Tag(None if n is None else (*CELL, n), CELL)


def test_a_full_line_ends_its_paragraph_when_the_next_line_is_in_another() -> None:
    full, after = _line("保障机关正常运转完成", 0, _p(0)), _line("提高工作效率", 1, _p(1))
    assert not wrapped(full, after, 0.0, 10 * SIZE)
    assert wrapped(full, _line("提高工作效率", 1, _p(0)), 0.0, 10 * SIZE)


def test_untagged_a_full_line_is_taken_to_wrap() -> None:
    full, after = _line("保障机关正常运转完成", 0, None), _line("提高工作效率", 1, None)
    assert wrapped(full, after, 0.0, 10 * SIZE)


def test_a_line_broken_by_hand_in_one_paragraph_ends_its_line() -> None:
    short, after = _line("保障机关", 0, _p(0)), _line("提高工作效率", 1, _p(0))
    assert not wrapped(short, after, 0.0, 10 * SIZE)


def test_text_in_no_paragraph_element_is_read_as_untagged() -> None:
    full, numbered = _line("保障机关正常运转完成", 0, _p(None)), _line("2.提高效率", 1, _p(None))
    assert not wrapped(full, numbered, 0.0, 10 * SIZE)  # a numbered line starts anew
    assert wrapped(full, _line("提高工作效率", 1, _p(None)), 0.0, 10 * SIZE)
