"""The benchmark's launcher: a command's peak memory is its own, not its starter's."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.launch import Launcher, measured

SMALL = [sys.executable, "-c", "print('small')"]
TIMINGS_PEAK = [
    sys.executable,
    "-c",
    "from builder.publish import timings; print(timings._peak_mib())",
]


def test_a_command_started_by_the_launcher_reports_its_own_peak(tmp_path: Path) -> None:
    launcher = Launcher()  # started while this process is small
    try:
        held = bytearray(400 * 2**20)
        held[::4096] = b"\1" * len(held[::4096])  # touched: resident
        direct = measured(SMALL, tmp_path)
        launched = launcher.run(SMALL, tmp_path)
        timings = measured(TIMINGS_PEAK, Path.cwd())
        del held
    finally:
        launcher.close()
    assert direct.returncode == launched.returncode == 0
    assert launched.printed == "small\n"
    # Started from here, Linux hands the command this process's 400 MiB peak across exec.
    assert direct.peak_mib > 400
    assert launched.peak_mib < 100
    # --timings reports the build's own peak however it was started
    assert float(timings.printed) < 150 < direct.peak_mib
