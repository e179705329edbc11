"""What the hostile report holds and where each piece must show, literally, on the site."""

from __future__ import annotations

from tests.site.building import HOSTILE

PROJECT = "projects/13052922HOSTILE000001/"
UNIT = "2022/130529/900100/"
SEED_PROJECT = "projects/13052922P00584010141N/"  # the seed the hostile report was made from
REPORT = (HOSTILE / "2022/130529/900100.txt").read_text(encoding="utf-8")

NAME = (
    "</title><script>alert('name')</script>{% raw %}*车辆*保险费|[链接](javascript:alert('name'))"
)
UNIT_NAME = "巨鹿县<img src=x onerror=alert('unit')>*示例*单位"
PURPOSE = "<!-- 未闭合的注释 **粗体** _斜体_ `代码` &amp; &lt;b&gt; {{ 7*7 }}"
GOAL = "<iframe src=javascript:alert('goal')></iframe>{{ 7*7 }}保障办公[U+0007]正常运转。"
LONG = "很长的依据没有空格" * 400
# The first indicator row: 一级, 二级, 三级, 描述 (two paragraphs), 指标值, 依据.
FIRST_ROW = [
    "产出指标",
    "数量指标",
    "<svg onload=alert('level3')>会议培训次数",
    "| a | b ||---|---|",
    "4次<b>",
    LONG + "[U+001B][31m",
]
# Part one: text as shown on the unit page.
ON_UNIT_PAGE = [
    UNIT_NAME,
    "<script>alert('overall')</script># 不是标题 2022年是迎接党的二十大胜利召开之年",
    "绩效目标：[点我](javascript:alert('sub')) <div id=\"bs-injected\">注入</div>就大政方针",
    "（八）{% include 'base.html' %}<style>body{display:none}</style>机关基本设施设备正常运转",
]
ON_PROJECT_PAGE = [NAME, UNIT_NAME, PURPOSE, GOAL]
