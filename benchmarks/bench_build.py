"""Site build time: our build of the shipped content against a bare mkdocs-material build.

Usage: python -m benchmarks.bench_build [--runs N]

Both are measured in the same run, each in a fresh interpreter (so both pay Python start-up,
imports), alternating, and the median is reported:
- ours: ``budgetsite build`` (parse content/, render Markdown, write mkdocs.yml, MkDocs,
  the search index);
- bare: ``mkdocs build`` with the same theme settings (Material, zh, no fonts, Material's
  own search) of as many plain Markdown pages, holding as much text as ours in total.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.bench_scale import build_command

ROOT = Path(__file__).resolve().parent.parent
FILLER = "各部门按照预算绩效管理要求，设定可衡量的绩效目标并公开接受监督。"


def ours(out: Path) -> list[str]:
    return build_command(out, ROOT)  # ROOT holds content/ and site_data/


def write_bare(root: Path, pages: int, chars: int) -> Path:
    """A bare site: `pages` pages of filler text, `chars` characters in all."""
    docs = root / "docs"
    per_page = max(1, chars // pages)
    for number in range(pages):
        name = "index.md" if number == 0 else f"p{number:04d}/index.md"
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = (FILLER * (per_page // len(FILLER) + 1))[:per_page]
        paragraphs = "\n\n".join(body[i : i + 400] for i in range(0, len(body), 400))
        path.write_text(f"# 页面 {number}\n\n{paragraphs}\n", encoding="utf-8")
    config = {
        "site_name": "bare",
        "docs_dir": "docs",
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ["tables", "attr_list", "md_in_html"],
        "nav": [{"首页": "index.md"}],
        "validation": {"nav": {"omitted_files": "info"}},
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return root / "mkdocs.yml"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        out = Path(tmp)
        timed(ours(out / "warm"))  # fills the OS cache
        docs = out / "warm" / "work" / "docs"
        markdown = sorted(docs.rglob("*.md"))
        chars = sum(len(p.read_text("utf-8")) for p in markdown)
        config = write_bare(out / "bare", len(markdown), chars)
        bare_cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)]
        timed(bare_cmd)
        ours_times, bare_times = [], []
        for run in range(args.runs):
            ours_times.append(timed(ours(out / f"run{run}")))
            bare_times.append(timed(bare_cmd))
    ours_s, bare_s = statistics.median(ours_times), statistics.median(bare_times)
    print(f"pages: {len(markdown)} Markdown pages, {chars} characters of Markdown")
    print(f"ours (budgetsite build):      median {ours_s:.2f} s over {args.runs} runs")
    print(f"bare mkdocs-material build:   median {bare_s:.2f} s over {args.runs} runs")
    print(f"ratio ours / bare: {ours_s / bare_s:.2f} (must stay below 2)")
    return 0 if ours_s < 2 * bare_s else 1


if __name__ == "__main__":
    sys.exit(main())
