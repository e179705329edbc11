"""The quality rules of docs/DESIGN.md §6 as data: one entry per rule, shown on its rule page.

An id never changes once published: people link to /quality/<id>/ and filter the JSON by it.
Levels: ``error`` for contradictions a reader can prove from the table itself (arithmetic,
a value with no number, a unit that cannot measure the indicator); ``warning`` for a goal
that is written against the Ministry of Finance's guidance; ``info`` for copies that are
worth a look but may be deliberate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")

GUIDE = "财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）"
FRAMEWORK = f"{GUIDE}：一级指标分产出、效益、满意度（及成本），二级指标各有归属"
TABLE = "项目支出绩效目标表的填报口径（表内数字须相互一致）"


@dataclass(frozen=True)
class Rule:
    """One check: its stable id and level, and the plain-Chinese text of its page."""

    id: str
    level: Level
    title: str
    checks: str
    why: str
    good: str
    source: str


RULES: tuple[Rule, ...] = (
    Rule(
        "budget-sum",
        "error",
        "预算数不等于财政资金与其他资金之和",
        "项目的预算数是否等于“其中：财政资金”加“其他资金”。",
        "预算数是两类资金的合计，两者不一致时读者无法知道项目到底有多少钱。",
        "预算数 143.00，财政资金 143.00，其他资金 0。",
        TABLE,
    ),
    Rule(
        "plan-decreasing",
        "error",
        "资金支出计划的累计进度下降",
        "3月底、6月底、10月底、12月底的支出计划是累计数，后一期是否不低于前一期。",
        "已经支出的资金不会减少，累计进度下降说明填成了分期数或填错了数字。",
        "25%、50%、75%、100%。",
        TABLE,
    ),
    Rule(
        "plan-not-complete",
        "error",
        "资金支出计划年底未达到100%",
        "12月底的累计支出是否正好是预算的100%（按金额填写时等于预算数）。",
        "支出计划应覆盖全年预算；不到或超过100%都与预算数矛盾。",
        "12月底 100%，或按金额填写时 12月底 143.00（预算数 143.00 万元）。",
        TABLE,
    ),
    Rule(
        "plan-missing",
        "warning",
        "未填写资金支出计划",
        "资金支出计划的四个时点是否全部空白。",
        "支出计划是执行监控的依据，空白时无法跟踪支出进度。",
        "25%、50%、75%、100%。",
        TABLE,
    ),
    Rule(
        "code-mismatch",
        "error",
        "项目编码与地区、年度不符",
        "项目编码是否为21位，前6位是否为所在地区的行政区划代码，第7、8位是否为预算年度。",
        "项目编码是项目的永久地址，编码与地区或年度对不上时项目会被归错地方。",
        "山海关区（130303）2022年的项目：13030322P00397010024Q。",
        "项目编码规则：6位行政区划代码（GB/T 2260）+ 2位年度 + 顺序码，共21位",
    ),
    Rule(
        "duplicate-code",
        "error",
        "项目编码重复",
        "同一个项目编码是否出现在两个报告文件中。",
        "项目编码唯一标识一个项目；重复时两个项目争用同一个页面地址，数据汇总也会重复计算。",
        "每个项目一个编码，每个编码只在一份报告中出现。",
        "项目编码规则：一个项目一个编码",
    ),
    Rule(
        "goals-missing",
        "warning",
        "未填写绩效目标",
        "项目表的“绩效目标”栏是否为空。",
        "绩效目标说明项目要做成什么，是设置绩效指标的前提。",
        "1.完成4辆公务用车年度续保；2.保障车辆全年安全运行。",
        GUIDE,
    ),
    Rule(
        "goal-repeated",
        "warning",
        "绩效目标重复",
        "同一项目的绩效目标中是否有完全相同的两行。",
        "重复的目标不增加信息，往往是复制粘贴时没有改写。",
        "每行写一个不同的目标：1.完成续保；2.车辆完好率不低于95%。",
        GUIDE,
    ),
    Rule(
        "sentence-copied",
        "warning",
        "分项绩效目标之间复制句子",
        "部门整体绩效目标中，一个分项的句子（12个字以上）是否原样出现在另一个分项中。",
        "每个分项对应一项职责，应写出该职责自己的目标；照抄其他分项的句子说明目标没有具体化。",
        "“全面深化改革”分项写改革任务完成情况，“党史研究”分项写党史编研成果。",
        GUIDE,
    ),
    Rule(
        "level1-missing",
        "warning",
        "缺少产出、效益或满意度指标",
        "每个项目是否至少有一个产出指标、一个效益指标和一个满意度指标。",
        "指标体系要求从产出、效益、满意度三个方面衡量项目，缺一方面就无法完整评价。",
        "产出指标（数量、质量、时效、成本）、效益指标（社会效益等）、满意度指标各至少一行。",
        FRAMEWORK,
    ),
    Rule(
        "level2-mismatch",
        "warning",
        "二级指标不属于其一级指标",
        "二级指标是否是其一级指标下的类别：产出—数量/质量/时效/成本，效益—经济/社会/生态效益、"
        "可持续影响，满意度—服务对象满意度，成本—经济/社会/生态环境成本。",
        "归错类别的指标在汇总和评价时会被算到错误的方面。",
        "一级指标“产出指标”下的二级指标“数量指标”。",
        FRAMEWORK,
    ),
    Rule(
        "value-not-target",
        "error",
        "指标值不是可考核的目标值",
        "指标值是否为空、只有“%”或一个计量单位（如“人”），或写成“是/否”。",
        "目标值要“量化易评”：没有数值或同时给出“是/否”两个答案时，年底无法判断是否达成。",
        "≥95%、8辆、≤4000元；定性指标写明标准，如“达到预期目标”。",
        GUIDE,
    ),
    Rule(
        "value-is-name",
        "warning",
        "指标值照抄指标名称",
        "指标值是否与三级指标名称相同。",
        "把指标名称再写一遍并没有给出目标，无法据此考核。",
        "三级指标“成本节约”，指标值“≤10万元”。",
        GUIDE,
    ),
    Rule(
        "unit-mismatch",
        "error",
        "指标值的单位与指标不符",
        "人数、次数、数量类指标是否填了百分比，“……率”类指标是否填了计数单位。",
        "单位与指标矛盾时数值没有意义：参会“人数 ≥90%”无法计数，“完成率 45人”不是比率。",
        "“培训人数”填“≥120人”，“完成率”填“≥95%”。",
        GUIDE,
    ),
    Rule(
        "percent-over-100",
        "error",
        "百分比超过100%",
        "比率类指标值是否超过100%（增长类指标除外）。",
        "完成率、覆盖率、满意度等比率最高为100%，超过说明填写错误。",
        "≥95%、100%。",
        GUIDE,
    ),
    Rule(
        "cost-not-upper-bound",
        "warning",
        "成本指标不是上限",
        "成本指标的数值是否写成上限（≤、<、不超过）。",
        "成本指标控制花费，只有“不超过”才有意义；“≥90%”或“143万元”说不出节约还是超支。",
        "≤4000元、≤6万元、≤120元/人。",
        GUIDE,
    ),
    Rule(
        "cost-over-budget",
        "error",
        "成本指标超过项目预算",
        "以元或万元表示的成本指标是否大于项目的预算数。",
        "项目花费不可能超过它的预算，成本上限高于预算数与表头矛盾。",
        "预算数 4000元 的项目，成本指标 ≤4000元。",
        TABLE,
    ),
    Rule(
        "satisfaction-not-minimum",
        "warning",
        "满意度指标不是“≥N%”",
        "服务对象满意度指标的指标值是否写成下限百分比（≥ 或 >）。",
        "满意度按调查中满意人数的比例考核，应给出最低比例。",
        "≥90%、≥95%。",
        GUIDE,
    ),
    Rule(
        "basis-empty",
        "warning",
        "指标值确定依据为空",
        "每个指标的“指标值确定依据”是否填写。",
        "确定依据说明目标值从何而来（计划标准、行业标准、历史数据等），是审核目标值的依据。",
        "年度工作计划、冀财规〔2020〕26号、历史数据。",
        GUIDE,
    ),
    Rule(
        "row-repeated",
        "warning",
        "同一项目中指标行重复",
        "同一项目中是否有三级指标、描述和指标值完全相同的两行。",
        "重复的指标行不增加考核内容，往往是复制时忘了改写。",
        "每行考核一件不同的事。",
        GUIDE,
    ),
    Rule(
        "row-copied",
        "info",
        "指标行照搬到不相关的项目",
        "产出或效益指标行（三级指标、描述、指标值）是否与另一个名称不同的项目完全相同。",
        "指标应反映本项目的产出和效益，不同项目的指标完全相同往往说明套用了模板。",
        "车辆保险费写“续保车辆数 8辆”，网站维护费写“网站正常运行率 ≥99%”。",
        GUIDE,
    ),
    Rule(
        "parse-error",
        "error",
        "报告无法读取",
        "文件能否按部门绩效目标报告的格式读取。",
        "无法读取的报告不能检查，也不能发布；错误信息指出文件中出问题的行。",
        "Word 文件（.docx；.doc、.wps、.rtf、.odt 经 LibreOffice 转换），或 Tika 从中提取的文本。",
        "DESIGN.md §2 输入格式",
    ),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
