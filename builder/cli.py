"""The command line, ``budgetsite parse|check|build|merge``: all printing and exit codes.

A thin shell over the library: bad input becomes ``file:line: message`` on stderr and
exit status 1, a failure of the machine ``budgetsite: place: message`` and status 1, never
a traceback. ``parse``, ``check`` and ``build`` take reports in by one path
(builder/intake/content.py), so they report the same problems at the same lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from builder.contract.errors import EnvironmentFailure, ReportError
from builder.contract.problems import Problem, ProblemsFound, failed_sources
from builder.intake.content import read_files
from builder.intake.files import named
from builder.intake.site_data import load_regions, load_settings
from builder.parse import NOISE, Parsed, parse_with_ledger
from builder.parse.readers import read_text
from builder.publish.build import build_site
from builder.publish.merge import merge_site
from builder.publish.split import Part, parse_part
from builder.quality.check import check_documents
from builder.quality.report import exit_status, findings_of, render
from builder.render import problems as problems_page


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
    build.add_argument(
        "--wait",
        action="store_true",
        help="if another build of the same site is running, wait for it instead of stopping",
    )
    build.add_argument(
        "--for-disk",
        action="store_true",
        help="links name each page's index.html, so the site can be opened from disk "
        "(file://, e.g. on a USB stick); search then needs a web server",
    )
    build.add_argument(
        "--timings",
        action="store_true",
        help="print where the build's time went, step by step",
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


def print_problems(problems: Iterable[Problem], shown: Path | None, out: TextIO) -> None:
    """One ``file:line: level: message`` per problem, the file as found on disk."""
    for p in problems:
        name = (shown / p.source).as_posix() if shown is not None else p.source
        print(str(replace(p, source=name)), file=out)


def _accounting(parsed: Parsed) -> dict[str, Any]:
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


def run_parse(
    files: Sequence[Path], content: Path | None, site_data: Path, accounting: bool
) -> int:
    """``budgetsite parse``: the Documents as JSON, or stop with every problem."""
    reports, regions = named(files, content), load_regions(site_data)
    limit = load_settings(site_data).max_report_bytes
    intake = read_files(reports, regions, workers=1, max_bytes=limit)
    print_problems(intake.problems, content, sys.stderr)
    if intake.errors:
        return 1
    out: Any
    if accounting:
        # The ledger is the parser's, not intake's: the reports that passed are read again.
        paths = dict(reports.files)
        out = [
            _accounting(
                parse_with_ledger(
                    read_text(paths[d.source].read_bytes(), d.source).text, d.source, regions
                )
            )
            for d in intake.documents
        ]
    else:
        out = [d.model_dump(mode="json") for d in intake.documents]
    if len(out) == 1:
        out = out[0]
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return 0


def run_check(paths: Sequence[Path], site_data: Path, fmt: str, strict: bool) -> int:
    """``budgetsite check``: intake's problems and the quality findings, one per line.

    One folder is read as ``build --content`` reads it, so that messages naming another
    file name it alike; every finding is shown with the folder's path in front.
    """
    content = paths[0] if len(paths) == 1 and paths[0].is_dir() else None
    limit = load_settings(site_data).max_report_bytes
    intake = read_files(named(paths, content), load_regions(site_data), workers=1, max_bytes=limit)
    found = findings_of(intake.problems, intake.placed(check_documents(intake.documents)))
    if content is not None:
        found = [f.model_copy(update={"source": (content / f.source).as_posix()}) for f in found]
    sys.stdout.write(render(found, fmt))
    return exit_status(found, strict=strict)


def run_build(
    content: Path,
    output: Path,
    site_data: Path,
    work: Path,
    only: Part | None,
    keep_going: bool,
    wait: bool = False,
    for_disk: bool = False,
    timings: bool = False,
) -> int:
    """``budgetsite build``: report every problem, build or stop, say where the site is."""
    try:
        built = build_site(
            content,
            output,
            site_data=site_data,
            work=work,
            keep_going=keep_going,
            only=only,
            wait=wait,
            for_disk=for_disk,
        )
    except ProblemsFound as exc:
        print_problems(exc.problems, content, sys.stderr)
        print(f"budgetsite: {exc}; {output} was left as it was", file=sys.stderr)
        return 1
    print_problems(built.problems, content, sys.stderr)
    pages = sum(1 for name in built.files if name.endswith(".md"))
    part = f" (part {only})" if only else ""
    print(f"budgetsite: built {pages} pages from {built.reports} reports{part} into {output}")
    if timings:
        print(built.timings.report())
    failed = failed_sources(built.problems)
    if failed:
        print(
            f"budgetsite: {len(failed)} file(s) with errors were left out; "
            f"see /{problems_page.STEM}/ on the site",
            file=sys.stderr,
        )
    return 0


def run_merge(
    parts: Sequence[Path], output: Path, content: Path, site_data: Path, work: Path
) -> int:
    """``budgetsite merge``: merge, then say what the site holds."""
    built = merge_site(parts, output, content=content, site_data=site_data, work=work)
    print(
        f"budgetsite: merged {len(parts)} parts ({built.reports} reports, "
        f"{built.projects} projects) into {output}"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "parse":
            content = args.content if args.content.is_dir() else None
            return run_parse(args.files, content, args.site_data, args.accounting)
        if args.command == "build":
            return run_build(
                args.content,
                args.output,
                args.site_data,
                args.work,
                args.only,
                args.keep_going,
                args.wait,
                args.for_disk,
                args.timings,
            )
        if args.command == "merge":
            return run_merge(args.parts, args.output, args.content, args.site_data, args.work)
        if args.command == "check":
            return run_check(args.paths, args.site_data, args.fmt, args.strict)
    except (ReportError, EnvironmentFailure) as exc:
        print(f"budgetsite: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"budgetsite: {_os_failure(args, exc)}", file=sys.stderr)
        return 1
    return 2


def _os_failure(args: argparse.Namespace, exc: OSError) -> str:
    """A failure of the machine as ``place: what was expected: reason``.

    Reading the reports has its own messages (builder/intake/content.py): what is left is
    writing. The place is the folder being written, not the file the system names, which
    may be one MkDocs copies from its own package (…/lunr/wordcut.js), or none at all.
    """
    reason = exc.strerror or str(exc)
    output = getattr(args, "output", None)
    if output is None:
        return f"{exc.filename or args.command}: {reason}"
    where = f" (at {exc.filename})" if exc.filename and _inside(exc.filename, args) else ""
    return f"{output}: expected to write the site: {reason}{where}"


def _inside(filename: object, args: argparse.Namespace) -> bool:
    """Whether a path is in the output, its staged copy or the work folder."""
    path = Path(str(filename)).absolute()
    output = Path(args.output).absolute()
    folders = [output, output.parent / f".{output.name}.new", Path(args.work).absolute()]
    return any(path == f or f in path.parents for f in folders)


if __name__ == "__main__":
    sys.exit(main())
