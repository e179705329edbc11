"""Command line: ``budgetsite parse FILE...``, ``build``, ``merge`` and ``check``.

A thin shell over the library: every error in the input becomes ``file:line: message`` on
stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from builder.contract.errors import ReportError
from builder.intake.layout import load_regions, parse_files
from builder.parse import NOISE
from builder.publish.build import run_build
from builder.publish.merge import run_merge
from builder.publish.split import Part, parse_part
from builder.quality.report import run_check


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="budgetsite", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    parse = sub.add_parser("parse", help="print the parsed Document(s) as JSON")
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parse.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="folder whose layout <year>/<region>/<unit>.txt names the files (default content/)",
    )
    parse.add_argument(
        "--site-data", type=Path, default=Path("site_data"), help="folder with regions.toml"
    )
    parse.add_argument(
        "--accounting",
        action="store_true",
        help="print how every input line was used instead of the Documents",
    )
    build = sub.add_parser("build", help="build the static site with MkDocs")
    _site_options(build, content="default content/")
    build.add_argument(
        "--only",
        type=_part,
        metavar="year=YYYY|region=CODE",
        help="build one part of a split build: the reports of one year or one region",
    )
    build.add_argument(
        "--keep-going",
        action="store_true",
        help="publish every file without errors; list the others on the page /problems/",
    )
    merge = sub.add_parser("merge", help="merge parts built with build --only into one site")
    merge.add_argument("parts", nargs="+", type=Path, metavar="PART", help="a built part's folder")
    _site_options(merge, content="hand-written pages in content/pages (default content/)")
    check = sub.add_parser("check", help="review the reports against the quality rules")
    check.add_argument("paths", nargs="*", type=Path, default=[Path("content")], metavar="PATH")
    check.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument(
        "--site-data", type=Path, default=Path("site_data"), help="folder with regions.toml"
    )
    return parser


def _site_options(command: argparse.ArgumentParser, *, content: str) -> None:
    command.add_argument("--content", type=Path, default=Path("content"), help=content)
    command.add_argument("--output", type=Path, default=Path("site"), help="default site/")
    command.add_argument(
        "--site-data", type=Path, default=Path("site_data"), help="folder with site.toml"
    )
    command.add_argument(
        "--work", type=Path, default=Path("build"), help="generated Markdown (default build/)"
    )


def _part(text: str) -> Part:
    try:
        return parse_part(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _accounting(parsed: Any) -> dict[str, Any]:
    uses = parsed.ledger.report()
    counts: dict[str, int] = {}
    for use in uses:
        counts[use.use] = counts.get(use.use, 0) + 1
    return {
        "source": parsed.document.source,
        "lines": parsed.line_count,
        "counts": dict(sorted(counts.items())),
        "noise": sum(n for k, n in counts.items() if k in NOISE),
        "unaccounted": [u.line for u in uses if u.use == "unaccounted"],
        "uses": [{"line": u.line, "use": u.use, "where": u.where} for u in uses],
    }


def _run_parse(args: argparse.Namespace) -> int:
    regions = load_regions(args.site_data)
    content = args.content if args.content.is_dir() else None
    parsed = parse_files(args.files, regions, content)
    if args.accounting:
        out: Any = [_accounting(p) for p in parsed]
    else:
        out = [p.document.model_dump(mode="json") for p in parsed]
    if len(out) == 1:
        out = out[0]
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "parse":
            return _run_parse(args)
        if args.command == "build":
            return run_build(
                args.content, args.output, args.site_data, args.work, args.only, args.keep_going
            )
        if args.command == "merge":
            return run_merge(args.parts, args.output, args.content, args.site_data, args.work)
        if args.command == "check":
            regions = load_regions(args.site_data)
            return run_check(args.paths, regions, fmt=args.fmt, strict=args.strict, out=sys.stdout)
    except ReportError as exc:
        print(f"budgetsite: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"budgetsite: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
