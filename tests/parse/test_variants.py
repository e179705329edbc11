"""One focused test per input variant (DESIGN.md §2), on seeds and on our own fixtures."""

from __future__ import annotations

import codecs
from decimal import Decimal
from pathlib import Path

import pytest

from builder.contract.errors import ReportError
from builder.contract.model import Document, Project
from builder.parse import decode, detect_encoding, parse_document
from tests.conftest import CONTENT, FIXTURES
from tests.support.reading import parse_file

VARIANTS = FIXTURES / "variants"
GBK_CRLF = VARIANTS / "2023_jvlu_education_gbk_crlf.txt"
BOM_CRLF = VARIANTS / "2024_shanhaiguan_health_bom_crlf.txt"
UTF16 = VARIANTS / "2022_jvlu_service_center_utf16.txt"


def seed(regions: dict[str, str], name: str) -> Document:
    return parse_file(CONTENT / name, regions, CONTENT).document


def fixture(regions: dict[str, str], path: Path) -> Document:
    return parse_file(path, regions).document


def project(document: Document, code: str) -> Project:
    return next(p for p in document.projects if p.code == code)


# --- encodings and line ends -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "encoding"),
    [(GBK_CRLF, "gb18030"), (BOM_CRLF, "utf-8-sig"), (UTF16, "utf-16")],
    ids=["gbk", "bom", "utf16"],
)
def test_encoding_is_detected(path: Path, encoding: str) -> None:
    data = path.read_bytes()
    assert detect_encoding(data) == encoding
    text = decode(data, path.name)
    assert "\r" not in text and "\ufeff" not in text and "绩效目标表" in text


def test_gbk_crlf_report_parses(regions: dict[str, str]) -> None:
    document = fixture(regions, GBK_CRLF)
    assert (document.year, document.region.name, document.unit.code) == (2023, "巨鹿县", "305001")
    assert document.unit.name == "巨鹿县教育局"
    assert len(document.projects) == 1


def test_same_text_in_every_encoding_gives_the_same_document(regions: dict[str, str]) -> None:
    text = decode(GBK_CRLF.read_bytes(), "gbk")
    expected = parse_document(text, "x.txt", regions)
    for data in (
        text.encode("gb18030"),
        codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
        codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        text.encode("utf-8"),
    ):
        assert parse_document(decode(data, "x.txt"), "x.txt", regions) == expected


# --- identity ------------------------------------------------------------------------------


def test_year_and_region_from_project_code_outside_content(regions: dict[str, str]) -> None:
    document = fixture(regions, BOM_CRLF)
    assert (document.year, document.region.code, document.region.name) == (
        2024,
        "130303",
        "山海关区",
    )


def test_unit_code_in_file_name_must_match_unit_line(regions: dict[str, str]) -> None:
    text = (CONTENT / "2021/130303/101001.txt").read_text(encoding="utf-8")
    with pytest.raises(Exception, match=r"2021/130303/999999.txt:64: expected unit code 999999"):
        parse_document(text, "2021/130303/999999.txt", regions)


def test_unknown_region_has_an_empty_name() -> None:
    document = parse_document(decode(GBK_CRLF.read_bytes(), "g"), "g.txt", {})
    assert document.region.code == "130529" and document.region.name == ""


# --- headings ------------------------------------------------------------------------------


def test_headings_with_field_codes_bookmarks_or_nothing(regions: dict[str, str]) -> None:
    with_field_codes = seed(regions, "2021/130303/201001.txt")
    with_bookmarks = seed(regions, "2022/130303/131001.txt")
    plain = fixture(regions, UTF16)
    for document in (with_field_codes, with_bookmarks, plain):
        assert document.overall_goal and document.measures and document.sub_goals
        assert "TC" not in document.overall_goal and "bookmark" not in document.measures
    assert with_field_codes.projects[0].title == "车辆保险费"


def test_page_header_under_a_section_heading_is_not_content(regions: dict[str, str]) -> None:
    document = seed(regions, "2021/130303/201001.txt")
    assert document.overall_goal.startswith("区委办公室将以习近平")
    assert document.sub_goals[0].title == "综合服务协调运转"
    assert document.measures.startswith("一、围绕中心")
    unit_3 = seed(regions, "2021/130303/213001.txt")
    assert unit_3.measures.startswith("始终把加强统战工作")


def test_missing_part_two_marker(regions: dict[str, str]) -> None:
    document = seed(regions, "2022/130303/131001.txt")
    assert "预算项目绩效目标" not in document.measures
    assert document.measures.endswith("各委室要按照年度工作")


# --- sub-goals -----------------------------------------------------------------------------


def test_sub_goals_numbered_with_arabic_and_is_labels(regions: dict[str, str]) -> None:
    document = seed(regions, "2022/130303/131001.txt")
    assert document.sub_goals_intro.startswith("本年度山海关区政协部门职责共分四项")
    assert [(g.number, g.title) for g in document.sub_goals] == [
        ("1、", "政治协商专项业务"),
        ("2、", "民主监督"),
        ("3、", "参政议政"),
        ("4、", "政协事务管理"),
    ]
    first = document.sub_goals[0]
    assert first.performance_goal == "提高政治协商水平。"
    assert first.main_duty is not None and first.main_duty.startswith("就全区大政方针")
    # Block 4 prints 绩效指标 before 绩效目标; the parts keep the printed order.
    assert [p.label for p in document.sub_goals[3].parts][2:4] == ["绩效指标", "绩效目标"]


def test_sub_goals_numbered_with_parentheses_half_and_full_width(regions: dict[str, str]) -> None:
    document = seed(regions, "2022/130529/131001.txt")
    assert [g.number for g in document.sub_goals] == ["(一)", "（二）", "（三）", "（四）"]
    assert document.sub_goals[1].performance_indicators == "监督工作完成率达95%，提案交办率达100%。"


def test_sub_goals_numbered_with_chinese_numerals(regions: dict[str, str]) -> None:
    document = fixture(regions, GBK_CRLF)
    assert [(g.number, g.title) for g in document.sub_goals] == [
        ("一、", "义务教育保障"),
        ("二、", "教师队伍建设"),
    ]
    assert document.sub_goals[1].performance_standard == "完成100%为优，完成90%为良。"


def test_unnumbered_sub_goal_titles_and_a_label_run_into_a_sentence(
    regions: dict[str, str],
) -> None:
    document = seed(regions, "2021/130303/201001.txt")
    assert [g.number for g in document.sub_goals] == [""] * 7
    reform = document.sub_goals[5]
    assert reform.title == "全面深化改革"
    assert reform.duty_goal is not None and reform.duty_goal.endswith("年度考核任务。")
    assert reform.performance_goal is not None and reform.performance_goal.startswith("以史鉴今")
    health = fixture(regions, BOM_CRLF)
    assert [g.title for g in health.sub_goals] == ["公共卫生服务", "医疗机构监管"]
    assert health.sub_goals[0].performance_goal == "建档率不低于90%。"


def test_label_without_separator(regions: dict[str, str]) -> None:
    document = seed(regions, "2021/130303/213001.txt")
    assert document.sub_goals[2].performance_indicators == "课题完成率和基层统战工作人员培训比例。"


def test_sub_goals_of_indicator_lines_keep_their_text(regions: dict[str, str]) -> None:
    document = seed(regions, "2021/130303/101001.txt")
    assert len(document.sub_goals) == 4
    last = document.sub_goals[3]
    # The title lost its paragraph break to the first indicator line (a tab in the source).
    assert last.title.endswith("促进社会和谐稳定。")
    assert last.text.startswith("社情民意反映率:反映社情民意回应情况")
    assert "\t" not in last.text and last.parts == ()


# --- money -------------------------------------------------------------------------------


def test_money_in_wan_yuan_is_converted_exactly(regions: dict[str, str]) -> None:
    document = seed(regions, "2022/130303/131001.txt")
    insurance = project(document, "13030322P00397010024Q")
    assert insurance.money_unit == "万元"
    assert insurance.budget_yuan == Decimal(8000)
    assert insurance.model_dump(mode="json")["budget_yuan"] == "8000"


def test_thousands_separators_and_other_funds(regions: dict[str, str]) -> None:
    document = fixture(regions, GBK_CRLF)
    aid = document.projects[0]
    assert (aid.budget_yuan, aid.fiscal_yuan, aid.other_yuan) == (
        Decimal(12505000),
        Decimal(12405000),
        Decimal(100000),
    )


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("2022/130303/131001.txt", "13030322P00397010024Q"),  # a single space
        ("2021/130303/101001.txt", "13030321EDVATPNRXMPQI"),  # 0
    ],
)
def test_other_funds_blank_space_or_zero_is_zero(
    regions: dict[str, str], path: str, code: str
) -> None:
    assert project(seed(regions, path), code).other_yuan == 0


def test_inner_spaces_in_fiscal_label(regions: dict[str, str]) -> None:
    document = seed(regions, "2022/130529/131001.txt")  # 其中：财政    资金
    assert document.projects[0].fiscal_yuan == Decimal(1430000)


# --- spending plan -----------------------------------------------------------------------


def percents(p: Project) -> list[float | None]:
    return [e.percent for e in p.spending_plan]


def test_plan_as_percent_with_and_without_decimals(regions: dict[str, str]) -> None:
    assert percents(seed(regions, "2022/130303/131001.txt").projects[0]) == [25, 75, 100, 100]
    unit = seed(regions, "2021/130303/213001.txt")
    assert percents(project(unit, "130303210B2L85R7NSB45")) == [25, 50, 75, 100]


def test_plan_as_bare_numbers_under_percent_header(regions: dict[str, str]) -> None:
    unit = seed(regions, "2021/130303/213001.txt")
    bare = project(unit, "13030321RSYRAZQQZL6SL")
    assert [e.raw for e in bare.spending_plan] == ["25", "50", "75", "100"]
    assert percents(bare) == [25, 50, 75, 100] and bare.spending_plan_basis == "percent"
    assert percents(fixture(regions, GBK_CRLF).projects[0]) == [30, 60, 90, 100]


def test_plan_as_amounts_in_wan_yuan_and_yuan(regions: dict[str, str]) -> None:
    jvlu = seed(regions, "2022/130529/131001.txt").projects[0]
    assert jvlu.spending_plan_basis == "amount"
    assert percents(jvlu) == [25, 50, 83.22, 100]
    health = fixture(regions, BOM_CRLF).projects[0]
    assert health.spending_plan_basis == "amount" and percents(health) == [25, 50, 75, 100]


def test_plan_with_empty_quarters_stays_null(regions: dict[str, str]) -> None:
    unit = seed(regions, "2021/130303/101001.txt")
    assert percents(project(unit, "13030321EDVATPNRXMPQI")) == [None, 100, 100, 100]
    office = seed(regions, "2021/130303/201001.txt")
    empty = project(office, "13030321KOLDB5IFIXB0G")
    assert percents(empty) == [None] * 4 and empty.spending_plan_basis == "empty"
    health = fixture(regions, BOM_CRLF).projects[1]
    assert percents(health) == [None, 50, None, 100]


# --- goals ---------------------------------------------------------------------------------


def test_numbered_goals_split_across_lines(regions: dict[str, str]) -> None:
    unit = seed(regions, "2021/130303/101001.txt")
    meeting = project(unit, "13030321MWEM2PDP4LC56")
    assert meeting.goals == ("保障会议顺利召开", "完成会议议程")


@pytest.mark.parametrize(
    ("path", "goals"),
    [
        (GBK_CRLF, ("资助家庭经济困难学生不少于1200人次；", "资金按时足额发放到位。")),
        (BOM_CRLF, ("建档率不低于90%", "老年人健康管理率不低于70%")),
        (UTF16, ("保障机关日常运转", "做好服务保障")),
    ],
    ids=["parenthesised", "dun-comma", "unnumbered"],
)
def test_goal_numbering_styles(regions: dict[str, str], path: Path, goals: tuple[str, ...]) -> None:
    assert fixture(regions, path).projects[0].goals == goals


# --- indicators ----------------------------------------------------------------------------


def test_levels_filled_in_from_merged_cells(regions: dict[str, str]) -> None:
    first = seed(regions, "2022/130303/131001.txt").projects[0]
    assert [(i.level1, i.level2) for i in first.indicators][:5] == [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("产出指标", "成本指标"),
        ("效益指标", "经济效益指标"),
    ]


def test_several_level3_rows_under_one_level2(regions: dict[str, str]) -> None:
    aid = fixture(regions, GBK_CRLF).projects[0]
    quantity = [i.level3 for i in aid.indicators if i.level2 == "数量指标"]
    assert quantity == ["资助学生人次", "资助学校数量", "资助标准"]
    assert all(i.level1 == "产出指标" for i in aid.indicators[:6])
    assert aid.indicators[3].basis == ""  # an empty cell stays empty


def test_indicator_values_of_every_shape(regions: dict[str, str]) -> None:
    values = {
        i.value: i.target
        for d in (
            seed(regions, "2022/130303/131001.txt"),
            seed(regions, "2021/130303/201001.txt"),
            seed(regions, "2021/130303/213001.txt"),
            fixture(regions, GBK_CRLF),
        )
        for p in d.projects
        for i in p.indicators
    }
    shape = {v: (t.operator, str(t.number), t.unit) if t else None for v, t in values.items()}
    assert shape["≥90%"] == ("≥", "90", "%")
    assert shape["≤4000元"] == ("≤", "4000", "元")
    assert shape["8辆"] == (None, "8", "辆")
    assert shape["100%"] == (None, "100", "%")
    assert shape["≤6万元"] == ("≤", "6", "万元")
    assert shape["不少于1200人次"] == ("≥", "1200", "人次")
    assert shape["≥98.5%"] == ("≥", "98.5", "%")
    for not_numeric in ("是/否", "%", "人", "促进社会稳定", "是"):
        assert shape[not_numeric] is None, not_numeric


# --- repeated fragments --------------------------------------------------------------------


def test_stray_title_copy_and_repeated_rows_are_folded(regions: dict[str, str]) -> None:
    parsed = parse_file(BOM_CRLF, regions)
    document = parsed.document
    assert [p.name for p in document.projects] == ["基本公共卫生服务补助", "卫生监督执法经费"]
    first = document.projects[0]
    assert first.purpose == "补助村卫生室开展基本公共卫生服务"
    assert first.budget_yuan == Decimal(80000)
    # The indicator header repeated at a page break is not an indicator.
    assert [i.level3 for i in first.indicators] == [
        "建档人数",
        "老年人健康管理人数",
        "建档率",
        "居民满意度",
    ]
    assert first.indicators[2].level1 == "产出指标"
    repeated = [u.line for u in parsed.ledger.report() if u.use == "repeated"]
    assert 54 in repeated  # the stray title
    assert parsed.ledger.unaccounted() == []


def test_page_numbers_are_noise(regions: dict[str, str]) -> None:
    parsed = parse_file(CONTENT / "2021/130303/201001.txt", regions, CONTENT)
    uses = parsed.ledger.report()
    assert uses[884].use == "page_number"  # the "1" at the end of seed 004
    health = parse_file(BOM_CRLF, regions)
    pages = [u.line for u in health.ledger.report() if u.use == "page_number"]
    assert len(pages) == 2
    assert "2" not in health.document.overall_goal.split("\n")


# --- layouts that must not move or lose text -----------------------------------------------

SEED_002 = (CONTENT / "2021/130303/101001.txt").read_text(encoding="utf-8")


def test_noise_between_the_first_title_and_its_table(regions: dict[str, str]) -> None:
    title = "[bookmark: _Toc61362644]1.人大代表活动费绩效目标表\n"
    for noise in ("[bookmark: _GoBack]\n", "\n\n\n\n", " \n3\n"):
        document = parse_document(SEED_002.replace(title, title + noise, 1), "x.txt", regions)
        assert len(document.projects) == 4, repr(noise)
        assert "绩效目标表" not in document.measures


def test_a_caption_before_the_first_table_is_a_heading() -> None:
    text = SEED_002.replace("预算项目绩效目标\n", "预算项目绩效目标\n项目支出绩效目标表\n", 1)
    document = parse_document(text, "x.txt")
    assert document.measures == parse_document(SEED_002, "x.txt").measures
    assert len(document.projects) == 4


def test_a_cell_paragraph_ending_in_the_title_words_is_not_a_title() -> None:
    text = SEED_002.replace("2.完成会议议程\n", "2.按时填报绩效目标表\n", 1)
    meeting = project(parse_document(text, "x.txt"), "13030321MWEM2PDP4LC56")
    assert meeting.goals == ("保障会议顺利召开", "按时填报绩效目标表")


def test_word_noise_inside_cells_is_removed() -> None:
    text = SEED_002.replace("\t≥75%\n", "\t[bookmark: _GoBack]≥75%\n", 1).replace(
        "\t人大会议\n", "\t人大会议 TC 人大会议 \\f C \\l 1 \n", 1
    )
    document = parse_document(text, "x.txt")
    insurance = project(document, "13030321EDVATPNRXMPQI")
    assert insurance.indicators[0].value == "≥75%"
    assert insurance.indicators[0].target is not None
    assert project(document, "13030321MWEM2PDP4LC56").name == "人大会议"


def test_crlf_text_given_straight_to_the_parser() -> None:
    crlf = parse_document(SEED_002.replace("\n", "\r\n"), "x.txt")
    assert crlf == parse_document(SEED_002, "x.txt")


def test_a_code_cell_of_two_lines_is_an_error() -> None:
    text = SEED_002.replace("\t13030321MWEM2PDP4LC56\n", "\t13030321MWEM2PDP4LC56\n12\n", 1)
    with pytest.raises(ReportError, match=r"x.txt:288: expected a 项目编码"):
        parse_document(text, "x.txt")


def test_unit_line_with_spaces() -> None:
    label = "101001秦皇岛市山海关区人民代表大会常务委员会本级"
    spaced = SEED_002.replace(label, "101001 秦皇岛市山海关区人民代表大会常务委员会 本 级")
    assert parse_document(spaced, "x.txt").unit.name == "秦皇岛市山海关区人民代表大会常务委员会"
    broken = SEED_002.replace(label, "1010 01秦皇岛市山海关区人民代表大会常务委员会本级")
    with pytest.raises(ReportError, match=r"x.txt:64: expected the unit row"):
        parse_document(broken, "x.txt")


def test_a_numbered_list_inside_a_sub_goal() -> None:
    blocks = (
        "1、政治协商\n主要职责是协商。\n职责目标：\n1、开展协商\n2、提高实效\n绩效目标是提高。\n"
        "2、民主监督\n职责目标：\n1、监督\n2、反馈\n3、民主建设\n"
    )
    text = SEED_002.replace(
        SEED_002[SEED_002.index("1、保障宪法") : SEED_002.index("[bookmark: _Toc61362643]")],
        blocks,
        1,
    )
    goals = parse_document(text, "x.txt").sub_goals
    assert [(g.number, g.title) for g in goals] == [("1、", "政治协商"), ("2、", "民主监督")]
    assert goals[0].duty_goal == "1、开展协商\n2、提高实效"
    assert goals[0].performance_goal == "提高。"
    assert goals[1].text.endswith("3、民主建设")
