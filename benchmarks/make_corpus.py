"""Write a synthetic corpus: content/<year>/<region>/<unit>.txt and site_data/.

Usage: python -m benchmarks.make_corpus N [--seed S] --out DIR

DIR/content holds the N reports, DIR/site_data the matching regions.toml and site.toml, so
``budgetsite build --content DIR/content --site-data DIR/site_data`` builds the site.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from tests.support import synth_corpus


def write_corpus(count: int, seed: int, out: Path) -> synth_corpus.Corpus:
    """Generate the corpus and replace DIR/content and DIR/site_data with it."""
    corpus = synth_corpus.corpus(count, seed)
    content, site_data = out / "content", out / "site_data"
    for folder in (content, site_data):
        if folder.exists():
            shutil.rmtree(folder)
    for name, data in corpus.files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    site_data.mkdir(parents=True)
    (site_data / "regions.toml").write_text(synth_corpus.regions_toml(corpus.regions), "utf-8")
    (site_data / "site.toml").write_text(synth_corpus.site_toml(count, seed), "utf-8")
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, metavar="N", help="number of reports")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    corpus = write_corpus(args.count, args.seed, args.out)
    projects = sum(len(d.projects) for d in corpus.documents)
    print(
        f"make_corpus: {len(corpus.files)} reports, {projects} projects, "
        f"{len(corpus.regions)} regions into {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
