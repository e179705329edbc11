"""The search index made or brought up to date as a job on spooled records, for a large site
in a program of its own: the index's memory then never adds to what the build holds.

At 10,000 reports making the index took 600 MiB more than the build held at its largest
before, and a process does not give back what it freed: the reports let go of before
MkDocs had left the build at 1.8 GB. A fresh program (not a fork, which would carry the
build's memory) starts at nothing and ends when the index is written.

The build spools the unit and project pages' records (builder/search/records.py) to a file
as it makes them, so it never holds them all either; the job reads them back, reads the
last build's state for a rebuild, writes the index into the site and the state beside the
spool. The build takes the new state in only once the site it describes is published
(``keep_state``): a build that fails later leaves the last one's.
"""

from __future__ import annotations

import json
import marshal
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import astuple
from pathlib import Path

from builder.contract.errors import EnvironmentFailure, ReportError
from builder.engines import search_index
from builder.engines.processes import start_program
from builder.search.index import FOLDER
from builder.search.records import Record

STATE = "search-state.json"
"""In the work folder: what a rebuild needs to know about the search index (search_index.py)."""
RECORDS = "search-records.marshal"
"""In the work folder while the index is made: the unit and project pages' records."""
_SPEC = "search-job.json"
_NEW_STATE = f"{STATE}.new"
APART_MIN_RECORDS = 5000
"""From this many records (about 450 reports) the job is a program of its own; below, it
runs in the build's process, where the 0.3 s a program takes to start would be most of it."""
_BATCH = 1000


def spool_records(records: Iterable[Record], work: Path) -> int:
    """Write the records for the job, a batch at a time; how many there were."""
    count = 0
    with (work / RECORDS).open("wb") as out:
        batch: list[tuple[object, ...]] = []
        for record in records:
            batch.append(astuple(record))
            if len(batch) == _BATCH:
                marshal.dump(batch, out)
                count, batch = count + len(batch), []
        marshal.dump(batch, out)  # the last batch, maybe empty: a spool always ends with one
    return count + len(batch)


def _spooled(path: Path) -> Iterator[Record]:
    with path.open("rb") as spool:
        while True:
            try:
                batch = marshal.load(spool)
            except EOFError:
                return
            yield from (Record(*fields) for fields in batch)


def index(
    site_dir: Path,
    work: Path,
    words: str,
    changed: Collection[str] | None,
    *,
    records: int,
    state: bool = True,
) -> None:
    """Write site_dir's search index from the spooled records; with ``state``, its state for
    the next rebuild, which waits beside the spool for keep_state.

    ``changed`` (site-relative files) for a rebuild of the site the state in ``work`` is of,
    None for a site without an index yet. ``records``, as spool_records counted them, says
    whether the job runs in a program of its own.
    """
    (work / _NEW_STATE).unlink(missing_ok=True)
    spec = {
        "site": str(site_dir),
        "work": str(work),
        "words": words,
        "changed": None if changed is None else sorted(changed),
        "state": state,
    }
    if records < APART_MIN_RECORDS:
        run_job(spec)
        return
    (work / _SPEC).write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, "-m", "builder.engines.search_job", str(work / _SPEC)]
    log = work / "search-job.log"
    start_program(str(site_dir / FOLDER), "index the site for search", command, log).result()


def run_job(spec: Mapping[str, object]) -> None:
    """What ``index`` asks for, in this process."""
    site_dir, work = Path(str(spec["site"])), Path(str(spec["work"]))
    words, changed = str(spec["words"]), spec["changed"]
    records = {record.url: record for record in _spooled(work / RECORDS)}
    last = None if changed is None else search_index.load_state(work / STATE)
    if last is None:
        if changed is not None:  # a rebuild without a state it can read: the whole index
            search_index.remove_index(site_dir)
        state = search_index.index_site(site_dir, records, words)
    else:
        assert isinstance(changed, list)
        state = search_index.update_index(site_dir, set(changed), last, records, words)
    del records
    if spec["state"]:
        search_index.save_state(work / _NEW_STATE, state)
    (work / RECORDS).unlink()


def keep_state(work: Path) -> None:
    """Take the state the job wrote as the last build's: its site is the published one."""
    (work / _NEW_STATE).replace(work / STATE)


def has_state(work: Path) -> bool:
    """Whether the last build left a state for a rebuild to start from."""
    return (work / STATE).is_file()


def _main(argv: list[str]) -> int:
    spec_file = Path(argv[1])
    try:
        run_job(json.loads(spec_file.read_text(encoding="utf-8")))
    except (ReportError, EnvironmentFailure) as exc:
        print(exc, file=sys.stderr)  # the last line of the log: the job's error says it
        return 1
    except OSError as exc:
        print(f"{exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    spec_file.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
