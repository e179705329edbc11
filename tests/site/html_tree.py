"""A tiny HTML tree (stdlib html.parser) for asserting on the structure of built pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ADDED = {"bs-context", "bs-copy"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def printed(self) -> str:
        """The text as the report printed it: without what the site adds to a row, its
        一级 › 二级 for phones (bs-context) and its link to itself (bs-copy)."""
        return "".join(
            c if isinstance(c, str) else c.printed()
            for c in self.children
            if isinstance(c, str) or not ADDED & set((c.attrs.get("class") or "").split())
        )

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag and all(_has(n, k.rstrip("_"), v) for k, v in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


def _has(node: Node, name: str, value: str) -> bool:
    actual = node.attrs.get(name)
    if actual is None:
        return False
    return value in actual.split() if name == "class" else actual == value


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def load(path: Path) -> Node:
    return parse(path.read_text(encoding="utf-8"))


def table_grid(table: Node) -> list[list[str]]:
    """Body rows of a table with rowspans expanded: every row gets every column's text."""
    grid: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows still covered)
    for row in table.find("tbody").find_all("tr"):
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
        out: list[str] = []
        column = 0
        queue = list(cells)
        while queue or column in pending:
            if column in pending:
                text, left = pending[column]
                out.append(text)
                if left > 1:
                    pending[column] = (text, left - 1)
                else:
                    del pending[column]
            else:
                cell = queue.pop(0)
                text = cell.printed()
                out.append(text)
                span = int(cell.attrs.get("rowspan") or 1)
                if span > 1:
                    pending[column] = (text, span - 1)
            column += 1
        grid.append(out)
    return grid
