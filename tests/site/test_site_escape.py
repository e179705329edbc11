from __future__ import annotations

import markdown

from builder.site.escape import html_lines, html_text, md_cell, md_inline, md_line, md_paragraphs
from builder.site.markup import paragraphs


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"])


def test_markup_in_report_text_shows_as_text() -> None:
    html = render(md_line("费用*按*实际 <b>结算</b> [见](附件) `代码` _下划线_ & 其他"))
    assert html == (
        "<p>费用*按*实际 &lt;b&gt;结算&lt;/b&gt; [见](附件) `代码` _下划线_ &amp; 其他</p>"
    )


def test_line_starts_that_would_open_a_block_stay_paragraphs() -> None:
    for text in ("1. 第一条", "2) 第二条", "- 一项", "+ 一项", "# 标题", "> 引用", "=== "):
        html = render(md_line(text))
        assert html.startswith("<p>"), (text, html)
        assert "<ol>" not in html and "<ul>" not in html and "<h1>" not in html


def test_paragraphs_keep_each_line_and_drop_blank_ones() -> None:
    assert md_paragraphs("一、甲\n\n  二、乙  \n") == "一、甲\n\n二、乙"


def test_table_cell_cannot_break_the_table() -> None:
    cell = md_cell("甲|乙\n丙")
    html = render(f"| a |\n| --- |\n| {cell} |")
    assert "<td>甲|乙<br>丙</td>" in html


def test_html_escaping() -> None:
    assert html_text('≥90% <x> "q" & y') == "≥90% &lt;x&gt; &quot;q&quot; &amp; y"
    assert html_lines("a<b\n\n c ") == "a&lt;b<br>c"
    assert md_inline("≥75%") == "≥75%"


def test_html_paragraphs_keep_each_line_and_drop_blank_ones() -> None:
    assert paragraphs("一、甲\n\n  1. <二>、乙  \n") == "<p>一、甲</p>\n<p>1. &lt;二&gt;、乙</p>"
    assert paragraphs(" \n") == ""
