"""Quality review of performance goals: the rules of docs/DESIGN.md §6 over parsed reports."""

from builder.quality.check import check_document, check_documents, sort_findings
from builder.quality.finding import Finding
from builder.quality.rules import BY_ID, LEVELS, RULES, Level, Rule

__all__ = [
    "BY_ID",
    "LEVELS",
    "RULES",
    "Finding",
    "Level",
    "Rule",
    "check_document",
    "check_documents",
    "sort_findings",
]
