"""A finding: one rule broken at one place in one report."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from builder.contract.compact import shared
from builder.contract.model import Project
from builder.quality.rules import BY_ID, Level


class Finding(BaseModel):
    """What a rule found, where, and about what (the JSON of ``budgetsite check``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str = Field(description="The rule's id, e.g. value-not-target.")
    level: Level = Field(description="error, warning or info (the rule's level).")
    source: str = Field(description="The report file, as Document.source.")
    line: int = Field(description="Source line of the cell the finding is about (1-based).")
    project: str = Field(description="项目编码 of the project concerned; '' for the report.")
    subject: str = Field(description="What is at fault, e.g. 项目名（编码）·三级指标.")
    value: str = Field(description="The offending value as printed ('' when none).")
    message: str = Field(description="One line in Chinese naming the subject and the value.")
    place: str = Field(
        default="",
        description="Where in a file without lines (a Word document), e.g. "
        "'table 2, row 5, cell 3'; '' when the line says it.",
    )

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.source, self.line, self.rule, self.subject, self.message)

    def text(self, path: str | None = None) -> str:
        """``file:line: rule-id level message``, with ``path`` in place of the source.

        A finding with a place prints ``file: place: rule-id level message``.
        """
        where = f"{path or self.source}" + (f": {self.place}" if self.place else f":{self.line}")
        return f"{where}: {self.rule} {self.level} {self.message}"


def finding(
    rule: str, source: str, line: int, project: str, subject: str, value: str, message: str
) -> Finding:
    """A Finding of a rule from the catalogue (its level comes from the rule).

    Made as from_row makes one: every rule passes typed values, and validating each took
    a third of the rule across reports' time (161,000 copied rows at 3,000 reports).
    """
    return from_row((rule, BY_ID[rule].level, source, line, project, subject, value, message))


FindingRow = tuple[str, str, str, int, str, str, str, str]
"""A finding's fields but its place, as plain values (a cached finding: a rule's own finding
has no place; intake gives it, builder/intake/content.Intake.placed)."""


def from_row(row: FindingRow) -> Finding:
    """The Finding of these fields, made without pydantic's constructors.

    Not validated: the fields come from a rule, typed, or from a Finding an earlier build
    made. Even ``model_construct`` took 6 µs a finding, 1.5 s for the 250,000 findings of a
    rebuild at 3,000 reports; setting the instance's four slots as pydantic does takes a
    third of that. tests/scale/test_report_cache.py holds it equal to a validated Finding.
    """
    rule, level, source, line, project, subject, value, message = row
    made = _new(Finding)
    _set(
        made,
        "__dict__",
        {
            "rule": rule,
            "level": level,
            "source": source,
            "line": line,
            "project": project,
            "subject": subject,
            "value": value,
            "message": message,
            "place": "",
        },
    )
    _set(made, "__pydantic_fields_set__", _ALL_FIELDS)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


_new = Finding.__new__
_set = object.__setattr__
_ALL_FIELDS = shared(Finding, Finding.model_fields)


def project_subject(project: Project) -> str:
    """How a project is named in messages: 名称（编码）."""
    return f"{project.name}（{project.code}）"
