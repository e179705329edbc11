"""Each report's own files, kept between builds: a rebuild renders only the reports that changed.

A report's unit page, project pages and JSON files depend on nothing but the report, its
quality findings, whether findings are shown, and the builder's code. They are kept under a
hash of all four, so a changed report, a finding that changed because another report did, or
a new version of the builder each make their files again; everything else is reused.
The findings of the rules that look at one report alone are kept too, under a hash of the
report and the code (the rules across reports run on every build).
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from builder.contract.model import Document
from builder.incremental import summaries
from builder.incremental.folder_sync import Content, Stored
from builder.incremental.parse_cache import source_hash
from builder.incremental.summaries import Summaries
from builder.quality import Finding
from builder.quality.finding import FindingRow, from_row

ReportFiles = dict[str, str]


@functools.cache
def code_version() -> str:
    """A hash of the builder's source code and of the library writing its JSON."""
    return f"pydantic-core={version('pydantic-core')}\0{source_hash('.')}"


def doc_hash(doc: Document, parse_key: str | None = None) -> str:
    """A hash of a report and of the builder's code: its own findings are kept under it.

    ``parse_key`` is the parse cache's key of the report's file, when the build read it
    through the cache: it names the file's bytes, its name and the parser, and so the
    Document, which is then not written out as JSON again (0.8 s at 3,000 reports).
    """
    digest = hashlib.sha256(f"{code_version()}\0".encode())
    if parse_key:
        digest.update(f"parsed\0{parse_key}".encode())
    else:
        digest.update(doc.model_dump_json().encode())
    return digest.hexdigest()


def report_key(
    doc: Document,
    findings: Sequence[Finding],
    quality: bool,
    *,
    doc_digest: str | None = None,
    related: str = "",
    across: Sequence[Finding] | None = None,
) -> str:
    """The name a report's files are kept under: a hash of everything they are made from.

    ``doc_digest`` is the report's doc_hash, when the caller has it already; ``related`` says
    what its pages name of other reports (builder/compare/related.py), as text.
    ``across``: the findings of the rules across reports among ``findings``, when
    ``doc_digest`` names the report's file (ReportCache.names_file). The others, and the place
    of every finding, then follow from the file and the code, and only these are hashed
    (hashing all 414,000 took 1 s of a rebuild at 3,000 reports).
    """
    digest = hashlib.sha256(f"{quality}\0{doc_digest or doc_hash(doc)}\0{related}\0".encode())
    if across is not None:
        digest.update(b"across\0")
        findings = across
    # Every field, place too, as one repr of plain values (a repr of each finding's row took
    # 0.5 s at 3,000 reports). Not marshal: its bytes depend on which values are one object.
    digest.update(repr([(*_row(f), f.place) for f in findings]).encode())
    return digest.hexdigest()


def page_key(kind: str, *inputs: object) -> str:
    """The name pages made from ``inputs`` alone are kept under, with the code's version.

    For pages across reports (builder/render/lists/indicators.py): ``inputs`` must hold all
    the pages show, as plain values and models, whose repr says every field.
    """
    text = f"{code_version()}\0{kind}\0{inputs!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ReportCache:
    """Files by report key: those of the last build, and those this build used or made.

    Only an index (each entry's file names and their hashes) is held: an entry's files are
    read when the docs folder does not hold them already (builder/incremental/folder_sync.py),
    and an entry made in this build is written at once, so a build never holds them all.
    Without a folder (``ReportCache()``) entries are kept in memory.
    """

    folder: Path | None = None
    index: dict[str, dict[str, bytes]] = field(default_factory=dict)
    """The last build's entries: report key → file name → SHA-256 of its UTF-8 text."""
    used: dict[str, dict[str, bytes]] = field(default_factory=dict)
    checked: set[str] = field(default_factory=set)
    """The doc_hashes whose own findings the last build kept, each in a file of its own read
    when asked for: holding all of them, 414,000 rows at 3,000 reports, took 150 MiB."""
    checked_used: set[str] = field(default_factory=set)
    summaries: Summaries = field(default_factory=Summaries)
    """Each report's share of the pages across reports (builder/incremental/summaries.py)."""
    parse_keys: Mapping[str, str] = field(default_factory=dict)
    """Each report's parse cache key by source, where the build has it (doc_hash)."""
    _memory: dict[str, ReportFiles] = field(default_factory=dict)
    _memory_rows: dict[str, list[FindingRow]] = field(default_factory=dict)
    _last: tuple[str, ReportFiles] | None = None

    def digest(self, doc: Document) -> str:
        """The report's doc_hash, from its parse key when the build has it."""
        return doc_hash(doc, self.parse_keys.get(doc.source))

    def names_file(self, doc: Document) -> bool:
        """Whether the report's digest names its file's bytes (its parse key), not only the
        Document: then so does it what the file's text gives, the places of findings, when
        they are placed from that text (builder/intake/content.Intake.placed, as the build
        does with the parse keys it gives this cache)."""
        return doc.source in self.parse_keys

    def files(self, key: str, make: Callable[[], ReportFiles]) -> dict[str, Content]:
        """The report's files under ``key``: kept ones as Stored, else made (and kept)."""
        digests = self.index.get(key)
        if digests is not None and self.holds(key):
            self.used[key] = digests
            return {
                name: Stored(digest, functools.partial(self._text, key, name, make))
                for name, digest in digests.items()
            }
        made = make()
        self.used[key] = {name: _digest(text) for name, text in made.items()}
        if self.folder is None:
            self._memory[key] = made
        else:
            _write(self._entry(key), made)
        return dict(made)

    def holds(self, key: str) -> bool:
        """Whether the last build's files under ``key`` are here to be used."""
        if key not in self.index:
            return False
        return key in self._memory if self.folder is None else self._entry(key).is_file()

    def _entry(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{FILES}{key}{_SUFFIX}"

    def _text(self, key: str, name: str, make: Callable[[], ReportFiles]) -> str:
        # The files of one report are asked for one after another: read its entry once.
        if self._last is None or self._last[0] != key:
            entry = self._memory.get(key) if self.folder is None else _read(self._entry(key))
            if entry is None or name not in entry:
                entry = make()  # gone or spoilt since the build began: made again
            self._last = (key, entry)
        return self._last[1][name]

    def findings(self, digest: str, make: Callable[[], list[Finding]]) -> list[Finding]:
        """The own findings of the report with this doc_hash: kept, or made (and kept as
        plain tuples, since marshal holds no models)."""
        rows = self._kept_rows(digest)
        if rows is None:
            rows = [_row(finding) for finding in make()]
            if self.folder is None:
                self._memory_rows[digest] = rows
            else:
                _write(self._findings_entry(digest), _seal(rows))
        self.checked_used.add(digest)
        return [from_row(row) for row in rows]

    def _kept_rows(self, digest: str) -> list[FindingRow] | None:
        if self.folder is None:
            return self._memory_rows.get(digest)
        return _unseal(self._findings_entry(digest)) if digest in self.checked else None

    def _findings_entry(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{FINDINGS}{digest}{_SUFFIX}"


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def _read(path: Path) -> ReportFiles | None:
    try:
        # marshal: plain dicts and tuples of strings, fast to read, and no arbitrary objects.
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if _valid_files(value) else None


def _write(path: Path, value: ReportFiles | bytes | dict[str, dict[str, bytes]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_bytes(value if isinstance(value, bytes) else marshal.dumps(value))
    os.replace(partial, path)


Kept = tuple[ReportCache, Mapping[str, str]]
"""A cache with each report's doc_hash by source: for pages made from whole reports."""


def made_or_kept(
    cache: ReportCache | None,
    make: Callable[[], ReportFiles],
    kind: str,
    inputs: Callable[[], tuple[object, ...]],
) -> Mapping[str, Content]:
    """Pages across reports: ``make()``'s, or with ``cache`` those kept under
    page_key(kind, *inputs()), made only when no build kept them (inputs: all they show)."""
    if cache is None:
        return make()
    return cache.files(page_key(kind, *inputs()), make)


def _row(finding: Finding) -> FindingRow:
    f = finding
    return (f.rule, f.level, f.source, f.line, f.project, f.subject, f.value, f.message)


FILES, FINDINGS = "files-", "findings-"
"""Names of the entries in the cache folder: one file per report key or per report hash."""
INDEX = "index.marshal"
"""In the cache folder: the file names and hashes of every entry the last build used."""
_SUFFIX = ".marshal"


def load(folder: Path, parse_keys: Mapping[str, str] | None = None) -> ReportCache:
    """The cache a build left in folder; what cannot be read is left out (made again).
    ``parse_keys``: the reports' keys in the parse cache, by source (doc_hash)."""
    try:
        index = marshal.loads((folder / INDEX).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        index = {}
    found = folder.glob(f"{FINDINGS}*{_SUFFIX}") if folder.is_dir() else []
    checked = {path.name.removesuffix(_SUFFIX).removeprefix(FINDINGS) for path in found}
    index = index if _valid_index(index) else {}
    return ReportCache(
        folder,
        index,
        checked=checked,
        summaries=summaries.load(folder),
        parse_keys=dict(parse_keys or {}),
    )


def _seal(rows: list[FindingRow]) -> bytes:
    """A report's findings rows, after the hash of their bytes: a rebuild reads 414,000 rows
    at 3,000 reports, and checking the type of every field took 0.7 s of it. A file that
    reads back with its hash was written whole by this code (the key holds its version)."""
    payload = marshal.dumps(rows)
    return hashlib.sha256(payload).digest() + payload


def _unseal(path: Path) -> list[FindingRow] | None:
    try:
        data = path.read_bytes()
        payload = data[_SEAL:]
        if hashlib.sha256(payload).digest() != data[:_SEAL]:
            return None
        rows = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return rows if isinstance(rows, list) else None


_SEAL = 32


def _valid_files(files: object) -> bool:
    return isinstance(files, dict) and all(
        isinstance(n, str) and isinstance(t, str) for n, t in files.items()
    )


def _valid_index(index: object) -> bool:
    return isinstance(index, dict) and all(
        isinstance(key, str)
        and isinstance(digests, dict)
        and all(isinstance(n, str) and isinstance(d, bytes) for n, d in digests.items())
        for key, digests in index.items()
    )


def save(cache: ReportCache) -> None:
    """Keep what this build used, nothing else (the cache does not grow with old versions).

    One file per entry, written as it was made (ReportCache.files, .findings), so that a
    rebuild writes only the entries it made; the summaries and the index last.
    """
    folder = cache.folder
    if folder is None:
        return
    wanted = {FILES + key for key in cache.used}
    wanted.update(FINDINGS + key for key in cache.checked_used)
    for path in folder.glob(f"*{_SUFFIX}"):
        name = path.name.removesuffix(_SUFFIX)
        if name not in wanted and path.name not in (INDEX, summaries.FILE):
            path.unlink()
    summaries.save(folder, cache.summaries)
    _write(folder / INDEX, dict(sorted(cache.used.items())))
