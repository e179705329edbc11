"""The search index made or brought up to date as a job on spooled records, for a large site
in a program of its own: the index's memory then never adds to what the build holds.

At 10,000 reports making the index took 600 MiB more than the build held at its largest
before, and a process does not give back what it freed: the reports let go of before
MkDocs had left the build at 1.8 GB. A fresh program (not a fork, which would carry the
build's memory) starts at nothing and ends when the index is written.

The build spools the unit and project pages' records (builder/search/records.py) to a file
as it makes them, so it never holds them all either. The job starts before MkDocs runs: it
reads the records back and, for a rebuild, the last build's state, while MkDocs renders.
Then it is told which pages MkDocs changed, writes the index into the site and the state
beside the spool. The build takes the new state in only once the site it describes is
published (``keep_state``): a build that fails later leaves the last one's.
"""

from __future__ import annotations

import json
import marshal
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.contract.errors import EnvironmentFailure, ReportError
from builder.engines import search_index
from builder.engines.processes import Job, start_program
from builder.engines.search_index import IndexState
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
            batch.append(tuple(getattr(record, name) for name in search_index.RECORD_FIELDS))
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
            yield from (Record(*values) for values in batch)


@dataclass
class IndexJob:
    """The job, started: ``finish`` gives it what MkDocs changed and waits for the index."""

    spec: dict[str, Any]
    program: Job[None] | None = None

    def finish(self, changed: Collection[str] | None) -> None:
        """``changed``: the site-relative files a rebuild's MkDocs run wrote or removed; None
        for a site without an index yet (then the job reads every page's HTML)."""
        told = None if changed is None else sorted(changed)
        if self.program is None:
            _complete(self.spec, _prepared(self.spec), told)
            return
        self.program.send(json.dumps(told, ensure_ascii=False).encode("utf-8"))
        self.program.result()


@contextmanager
def started(
    site_dir: Path, work: Path, words: str, *, records: int, rebuild: bool, state: bool = True
) -> Iterator[IndexJob]:
    """The job on the spooled records of site_dir, started; stopped if the block fails.

    ``records``, as spool_records counted them, says whether it is a program of its own;
    ``rebuild``, whether it changes the index of the last build, whose state it then reads
    (an unreadable state means the whole index is made again). With ``state`` the job
    writes the new state for keep_state.
    """
    (work / _NEW_STATE).unlink(missing_ok=True)
    spec: dict[str, Any] = {"site": str(site_dir), "work": str(work), "words": words}
    spec |= {"rebuild": rebuild, "state": state}
    if records < APART_MIN_RECORDS:
        yield IndexJob(spec)
        return
    (work / _SPEC).write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, "-m", "builder.engines.search_job", str(work / _SPEC)]
    log = work / "search-job.log"
    place = str(site_dir / FOLDER)
    program = start_program(place, "index the site for search", command, log, piped=True)
    try:
        yield IndexJob(spec, program)
    finally:
        program.cancel()  # when the build failed first, or at once when the job is done


@dataclass(frozen=True)
class _Prepared:
    records: dict[str, Record]
    last: IndexState | None


def _prepared(spec: Mapping[str, Any]) -> _Prepared:
    """What the job reads while MkDocs runs: the records, the last build's state."""
    work = Path(spec["work"])
    records = {record.url: record for record in _spooled(work / RECORDS)}
    last = search_index.load_state(work / STATE) if spec["rebuild"] else None
    return _Prepared(records, last)


def _complete(spec: Mapping[str, Any], prepared: _Prepared, changed: list[str] | None) -> None:
    site_dir, work, words = Path(spec["site"]), Path(spec["work"]), str(spec["words"])
    if changed is None or prepared.last is None:
        if changed is not None:  # a rebuild without a state it can read: the whole index
            search_index.remove_index(site_dir)
        state = search_index.index_site(site_dir, prepared.records, words)
    else:
        state = search_index.update_index(
            site_dir, set(changed), prepared.last, prepared.records, words
        )
    del prepared
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
        spec = json.loads(spec_file.read_text(encoding="utf-8"))
        prepared = _prepared(spec)
        told = sys.stdin.read()
        if not told:  # the build stopped before MkDocs was done: nothing to index
            return 1
        _complete(spec, prepared, json.loads(told))
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
