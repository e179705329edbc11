from __future__ import annotations

import markdown

from builder.render.html.escape import html_lines, html_text, md_inline
from builder.render.html.markup import paragraphs


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"])


def test_markup_in_report_text_shows_as_text() -> None:
    html = render(md_inline("费用*按*实际 <b>结算</b> [见](附件) `代码` _下划线_ & 其他"))
    assert html == (
        "<p>费用*按*实际 &lt;b&gt;结算&lt;/b&gt; [见](附件) `代码` _下划线_ &amp; 其他</p>"
    )


def test_html_escaping() -> None:
    assert html_text('≥90% <x> "q" & y') == "≥90% &lt;x&gt; &quot;q&quot; &amp; y"
    assert html_lines("a<b\n\n c ") == "a&lt;b<br>c"
    assert md_inline("≥75%") == "≥75%"


def test_html_paragraphs_keep_each_line_and_drop_blank_ones() -> None:
    assert paragraphs("一、甲\n\n  1. <二>、乙  \n") == "<p>一、甲</p>\n<p>1. &lt;二&gt;、乙</p>"
    assert paragraphs(" \n") == ""
