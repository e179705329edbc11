"""Document → .docx bytes in the 项目支出绩效目标表 layout, stored the way Word stores it.

The .docx twin of tests/support/writer.py: the same paragraphs and tables, so that
read_docx of the result is the text Tika prints (第一部分 with its three headings, then
a title paragraph and two tables per project). Merged cells are ``w:vMerge`` and
``w:gridSpan``, never empty cells. Written as plain WordprocessingML strings, not with
python-docx, so each test controls exactly how Word stores what it reads. DocxStyle
switches on, one by one, what real department files carry; the package around the body
is tests/support/docx_package.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.contract.model import Document, MoneyUnit, Project
from tests.support import docx_package as pkg
from tests.support.docx_package import CHANGE, complex_field, deleted, paragraph, runs
from tests.support.docx_tables import goals_table, indicator_table, plan_cells, unit_of
from tests.support.writer import sub_goal_lines

SECTION_TITLES = ("一、总体绩效目标", "二、分项绩效目标", "三、工作保障措施")
DELETED = pkg.DELETED


@dataclass(frozen=True)
class DocxStyle:
    """How the Word file stores its report; each switch is a variant real files carry."""

    tracked_changes: bool = False
    """Some text inserted (w:ins), extra text and a table row deleted (w:del), and a
    paragraph whose mark was deleted so that it runs on into the next."""
    numbered_goals: bool = False
    """绩效目标 lines numbered by numbering.xml (w:numPr), the digits not in the text."""
    numbered_headings: bool = False
    """Section headings numbered through their style, table titles by w:numPr."""
    tc_fields: bool = False
    """A TC field after each heading and table title (fldChar begin/instr/separate/end)."""
    toc: bool = False
    """A table of contents at the top, in a content control: a copy of the headings."""
    page_footer: bool = False
    """A header part and a footer part with a PAGE field, referred to from w:sectPr."""
    bookmarks: bool = False
    """w:bookmarkStart/End around each heading and table title."""
    soft_breaks: bool = False
    """Multi-line cells (and pairs of 工作保障措施 lines) as one paragraph with w:br."""
    unit_above: bool = False
    """The unit line and 单位：元 as paragraphs above each table, not its first row."""
    money_unit: MoneyUnit | None = None
    """Print every amount in this unit instead of the project's own (see as_written)."""
    empty_paragraphs: bool = False
    """Empty paragraphs between narrative lines, at the top and at the end of cells."""
    layout_table: bool = False
    """一、总体绩效目标 wrapped in a one-column layout table."""

    @classmethod
    def all_features(cls) -> DocxStyle:
        """Every switch on, amounts in 万元."""
        return cls(True, True, True, True, True, True, True, True, True, "万元", True, True)


def as_written(document: Document, style: DocxStyle = DocxStyle()) -> Document:
    """The Document reading ``write_docx(document, style)`` gives: the same, except that
    amounts printed in another unit (DocxStyle.money_unit) change the unit and the
    spending plan's printed amounts."""
    if style.money_unit is None:
        return document
    projects = []
    for project in document.projects:
        plan = tuple(
            entry.model_copy(update={"raw": raw})
            for entry, raw in zip(project.spending_plan, plan_cells(project, style), strict=True)
        )
        update = {"money_unit": unit_of(project, style), "spending_plan": plan}
        projects.append(project.model_copy(update=update))
    return document.model_copy(update={"projects": tuple(projects)})


def write_docx(document: Document, style: DocxStyle = DocxStyle()) -> bytes:
    """The report as a .docx package."""
    body = _Body(style)
    body.write(document)
    lists = len(document.projects) if style.numbered_goals or style.numbered_headings else None
    return pkg.package(
        "".join(body.out), lists=lists, numbered=style.numbered_headings, footer=style.page_footer
    )


@dataclass
class _Body:
    """Writes w:body's children into ``out``, counting ids and the texts it has changed."""

    style: DocxStyle
    out: list[str] = field(default_factory=list)
    ids: int = 0
    texts: int = 0

    def next_id(self) -> int:
        self.ids += 1
        return self.ids

    def text(self, text: str) -> str:
        """Runs of ``text``; with tracked changes, every third one has its second half
        inserted (w:ins) and some deleted text (w:del) before it."""
        self.texts += 1
        if not self.style.tracked_changes or self.texts % 3 or len(text) < 2:
            return runs(text)
        half = len(text) // 2
        return (
            runs(text[:half])
            + deleted(self.next_id())
            + f'<w:ins w:id="{self.next_id()}" {CHANGE}>{runs(text[half:])}</w:ins>'
        )

    def paragraphs(self, lines: list[str], *, breaks: bool = False) -> str:
        """Body paragraphs, one per line (with ``breaks``, two lines to a paragraph)."""
        style, out = self.style, []
        groups = (
            [lines[i : i + 2] for i in range(0, len(lines), 2)] if breaks else [[x] for x in lines]
        )
        for n, group in enumerate(groups):
            if style.tracked_changes and n == 0 and len(group[0]) >= 2:
                # The paragraph mark deleted: Word runs its text on into the next paragraph.
                half = len(group[0]) // 2
                mark = f'<w:rPr><w:del w:id="{self.next_id()}" {CHANGE}/></w:rPr>'
                out.append(paragraph(runs(group[0][:half]), mark))
                group = [group[0][half:], *group[1:]]
            out.append(paragraph("<w:r><w:br/></w:r>".join(self.text(line) for line in group)))
            if style.empty_paragraphs and n % 2:
                out.append("<w:p/>")
        return "".join(out)

    def heading(self, number: str, text: str, level: str, props: str = "") -> str:
        """A heading or table title ``number`` + ``text``, with what the style puts around it."""
        style = self.style
        shown = text if props else number + text
        inline = runs(shown)
        if style.tc_fields:
            name = text if level == "A" else number + text
            inline += complex_field(f' TC "{name}" \\f {level} \\l 1 ')
        if style.bookmarks:
            mark = self.next_id()
            inline = (
                f'<w:bookmarkStart w:id="{mark}" w:name="_Toc{61362640 + mark}"/>'
                f'{inline}<w:bookmarkEnd w:id="{mark}"/>'
            )
        return paragraph(inline, props)

    def write(self, document: Document) -> None:
        style, out = self.style, self.out
        if style.toc:
            out.append(_toc(document))
        if style.empty_paragraphs:
            out.append("<w:p/>")
        out += [
            paragraph(runs(" 第一部分")),
            paragraph(runs("部门整体绩效目标")),
            paragraph(runs(" ")),
        ]
        bodies = (
            document.overall_goal.split("\n") if document.overall_goal else [],
            sub_goal_lines(document),
            document.measures.split("\n") if document.measures else [],
        )
        for index, (title, lines) in enumerate(zip(SECTION_TITLES, bodies, strict=True)):
            numeral, name = title.split("、", 1)
            props = f'<w:pStyle w:val="{pkg.HEADING_STYLE}"/>' if style.numbered_headings else ""
            head = self.heading(f"{numeral}、", name, "A", props)
            text = self.paragraphs(lines, breaks=style.soft_breaks and index == 2)
            if style.layout_table and index == 0:
                out.append(_layout_table([head, text or "<w:p/>"]))
            else:
                out += [head, text]
            out.append("<w:p/>")
        out += [
            paragraph(runs(" 第二部分")),
            paragraph(runs(" ")),
            paragraph(runs("预算项目绩效目标")),
        ]
        out += [paragraph(runs(" ")), "<w:p/>"]
        for number, project in enumerate(document.projects, start=1):
            self.project(project, number, document.unit.label)
        out.append(pkg.SECTION_WITH_FOOTER if style.page_footer else pkg.SECTION)

    def project(self, project: Project, number: int, unit_label: str) -> None:
        style, out = self.style, self.out
        props = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{pkg.TITLE_LIST}"/></w:numPr>'
        out.append(
            self.heading(
                f"{number}.",
                f"{project.title}绩效目标表",
                "C",
                props if style.numbered_headings else "",
            )
        )
        unit = unit_of(project, style)
        if style.unit_above:
            out += [paragraph(runs(unit_label)), paragraph(runs(f"单位：{unit}"))]
        out.append(goals_table(self, project, number, unit_label))
        out += ["<w:p/>", paragraph(runs(" ")), indicator_table(self, project), "<w:p/>"]


def _layout_table(cells: list[str]) -> str:
    rows = "".join(f"<w:tr><w:tc>{cell}</w:tc></w:tr>" for cell in cells)
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="8800"/></w:tblGrid>{rows}</w:tbl>'
    )


HYPERLINK = "\\h "


def _toc(document: Document) -> str:
    """A table of contents as Word 2010 stores it: a TOC field whose result copies the
    headings, each a hyperlink with a PAGEREF field, in a content control."""
    headings = [*SECTION_TITLES] + [
        f"{n}.{p.title}绩效目标表" for n, p in enumerate(document.projects, start=1)
    ]
    entries = []
    for n, heading in enumerate(headings, start=1):
        link = (
            f'<w:hyperlink w:anchor="_Toc{n}" w:history="1">{runs(heading)}<w:r><w:tab/></w:r>'
            f"{complex_field(f' PAGEREF _Toc{n} {HYPERLINK}', runs(str(n)))}</w:hyperlink>"
        )
        entries.append(link)
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    entries[0] = begin + entries[0]
    paragraphs = "".join(paragraph(e, '<w:pStyle w:val="TOC1"/>') for e in entries)
    end = paragraph('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        f"<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{paragraphs}{end}"
        "</w:sdtContent></w:sdt>"
    )
