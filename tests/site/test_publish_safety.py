"""One build of a site at a time, and a crash at any step of the publish leaves a whole
site: the old one or the new one, never a mix and never none (builder/write/lock.py,
builder/write/staging.py)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from builder.cli import main
from builder.write.lock import one_build
from tests.conftest import CONTENT, SITE_DATA

ONE = "2022/130529/131001.txt"
TWO = "2022/130303/131001.txt"
ROOT = Path(__file__).resolve().parents[2]


def contents(tmp_path: Path) -> tuple[Path, Path]:
    """Two contents that build different sites: one report, and that report and another."""
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, sources in ((a, [ONE]), (b, [ONE, TWO])):
        for source in sources:
            (folder / source).parent.mkdir(parents=True, exist_ok=True)
            (folder / source).write_bytes((CONTENT / source).read_bytes())
    return a, b


def snapshot(site: Path) -> dict[str, str]:
    """Every file of a site and a digest of its bytes."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def build_args(content: Path, tmp_path: Path, *extra: str) -> list[str]:
    site, work = tmp_path / "site", tmp_path / "work"
    return [
        "build",
        "--content",
        str(content),
        "--output",
        str(site),
        "--work",
        str(work),
        "--site-data",
        str(SITE_DATA),
        *extra,
    ]


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **env},
        check=False,
    )


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The sites the two contents build, alone."""
    found = {}
    for name in ("a", "b"):
        root = tmp_path_factory.mktemp(f"reference-{name}")
        a, b = contents(root)
        done = run(build_args(a if name == "a" else b, root))
        assert done.returncode == 0, done.stderr
        found[name] = snapshot(root / "site")
    assert found["a"] != found["b"]
    return found


def test_a_second_build_stops_at_once_naming_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = contents(tmp_path)
    with one_build(tmp_path / "site", tmp_path / "work"):
        assert main(build_args(a, tmp_path)) == 1
    err = capsys.readouterr().err
    assert "expected no other build of this site" in err
    assert f"process {os.getpid()}, started" in err and "--wait" in err
    assert not (tmp_path / "site").exists()


def test_with_wait_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    a, _ = contents(tmp_path)
    released = threading.Event()

    def hold() -> None:
        with one_build(tmp_path / "site", tmp_path / "work"):
            time.sleep(1.5)
        released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.3)
    assert main(build_args(a, tmp_path, "--wait")) == 0
    assert released.is_set()  # it ran only after the holder let go
    holder.join()


def test_concurrent_builds_never_leave_a_mixed_site(
    tmp_path: Path, references: dict[str, dict[str, str]]
) -> None:
    a, b = contents(tmp_path)
    for attempt in range(20):
        wait = ["--wait"] if attempt % 2 else []
        first = subprocess.Popen(
            [sys.executable, "-m", "builder.cli", *build_args(a, tmp_path, *wait)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        )
        time.sleep(0.05 * (attempt % 5))
        second = run(build_args(b, tmp_path, *wait))
        first.communicate()
        if not wait:  # one of the two was refused, naming the other
            refused = second.returncode != 0 or first.returncode != 0
            assert refused or attempt % 5 == 4, second.stderr
        site = snapshot(tmp_path / "site")
        assert site in (references["a"], references["b"]), f"attempt {attempt}: a mixed site"


# Each step of the publish where a crash can fall, as (the function the crash replaces,
# which call of it); "renames" makes the swap fall back to two renames.
STEPS = [
    ("exchange", 1),
    ("replace", 1),
    ("renames-replace", 1),
    ("renames-replace", 2),
    ("renames-unlink", 1),
]

KILL = """
import os, sys
from pathlib import Path
from builder.write import staging
step, nth = sys.argv[1], int(sys.argv[2])
calls = {"n": 0}
PUBLISH = {"site", ".site.new", ".site.old", ".site.ready"}
def crash_on(real):
    def wrapped(*args, **kwargs):
        # Only the calls of the publish count, not the renames of files inside the site.
        if any(Path(str(arg)).name in PUBLISH for arg in args):
            calls["n"] += 1
            if calls["n"] == nth:
                os._exit(9)
        return real(*args, **kwargs)
    return wrapped
if step.startswith("renames"):
    staging.exchange = lambda a, b: False
if step == "exchange":
    staging.exchange = crash_on(staging.exchange)
elif step.endswith("replace"):
    class Os:
        def __getattr__(self, name):
            return getattr(os, name)
    fake = Os()
    fake.replace = crash_on(os.replace)
    staging.os = fake
elif step.endswith("unlink"):
    Path.unlink = crash_on(Path.unlink)
from builder.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.parametrize(("step", "nth"), STEPS)
def test_a_crash_at_any_step_of_the_swap_leaves_a_whole_site(
    tmp_path: Path, references: dict[str, dict[str, str]], step: str, nth: int
) -> None:
    a, b = contents(tmp_path)
    assert run(build_args(a, tmp_path)).returncode == 0
    crashed = subprocess.run(
        [sys.executable, "-c", KILL, step, str(nth), *build_args(b, tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert crashed.returncode == 9, crashed.stderr  # it did crash at that step
    site = tmp_path / "site"
    if (step, nth) == ("renames-replace", 2):
        # Between the two renames of the fallback: no site until the next build repairs it.
        assert not site.exists() and (tmp_path / ".site.old").is_dir()
    else:
        assert snapshot(site) in (references["a"], references["b"])
    # The next build repairs what the crash left, whatever its input, then builds.
    again = run(build_args(b, tmp_path))
    assert again.returncode == 0, again.stderr
    assert snapshot(site) == references["b"]
