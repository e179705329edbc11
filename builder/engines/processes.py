"""Background work, one mechanism: a Job, a function in a forked child or a program, awaited.

Every process the builder starts is a Job: the parse workers, the downloads made while
the pages render, the removal and copy of site folders, the extra MkDocs runs of a large
build. A job is started, handed on explicitly (never through hidden state), and awaited
with ``result()``, which returns what the function returned or raises what it raised.

Functions run in a forked child: it starts at once with everything already imported and
in memory (the reports need not be pickled to it), and, unlike spawn, it does not run the
caller's ``__main__`` again. Its result comes back pickled through a pipe, read only when
asked for. A failure of the machine inside a job (an OSError: disk full, a folder that
cannot be removed) comes back as an EnvironmentFailure naming the job's place and purpose.
"""

from __future__ import annotations

import multiprocessing
import pickle
import subprocess
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from builder.contract.errors import EnvironmentFailure

T = TypeVar("T")
A = TypeVar("A")

_FORK = multiprocessing.get_context("fork")


@dataclass
class Job(Generic[T]):
    """One piece of work in another process; ``place`` and ``purpose`` name it in errors."""

    place: str
    purpose: str
    _process: BaseProcess | subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _receive: Connection | None = field(default=None, repr=False)
    _log: Path | None = field(default=None, repr=False)
    _value: tuple[bool, Any] | None = field(default=None, repr=False)

    def result(self) -> T:
        """Wait for the job; what it returned, or its error raised here."""
        if self._value is None:
            self._value = self._wait()
        done, value = self._value
        if not done:
            raise value
        return cast(T, value)

    def send(self, data: bytes) -> None:
        """Hand a program started with ``piped`` its input, all of it, and close its stdin."""
        assert isinstance(self._process, subprocess.Popen) and self._process.stdin is not None
        try:
            self._process.stdin.write(data)
            self._process.stdin.close()
        except BrokenPipeError:  # it ended already: result() says why
            pass

    def cancel(self) -> None:
        """Stop the job if it is still running; its result is not wanted."""
        if self._value is None and self._process is not None:
            self._process.terminate()
            self._value = (False, EnvironmentFailure(self.place, f"{self.purpose}: cancelled"))
            self._close()

    def _wait(self) -> tuple[bool, Any]:
        if isinstance(self._process, subprocess.Popen):
            return self._wait_program(self._process)
        assert self._receive is not None
        try:
            outcome: tuple[bool, Any] = self._receive.recv()
        except EOFError:
            outcome = (False, self._failure("the process ended without a result"))
        self._close()
        done, value = outcome
        if not done and isinstance(value, OSError):
            return (False, self._failure(value.strerror or str(value)))
        return outcome

    def _wait_program(self, process: subprocess.Popen[bytes]) -> tuple[bool, Any]:
        code = process.wait()
        if code == 0:
            if self._log is not None:
                self._log.unlink(missing_ok=True)
            return (True, None)
        lines: list[str] = []
        if self._log is not None:
            lines = [ln for ln in self._log.read_text("utf-8", "replace").splitlines() if ln]
        return (False, self._failure(" ".join(lines[-3:]) or f"exit status {code}"))

    def _failure(self, reason: str) -> EnvironmentFailure:
        return EnvironmentFailure(self.place, f"expected to {self.purpose}: {reason}")

    def _close(self) -> None:
        if self._receive is not None:
            self._receive.close()
        if isinstance(self._process, BaseProcess):
            self._process.join()
        elif self._process is not None:  # a program, maybe terminated
            if self._process.stdin is not None and not self._process.stdin.closed:
                self._process.stdin.close()
            self._process.wait()


def _child(work: Callable[..., Any], args: tuple[Any, ...], send: Connection) -> None:
    try:
        outcome: tuple[bool, object] = (True, work(*args))
    except BaseException as exc:  # handed to the parent, which raises it
        outcome = (False, exc if _picklable(exc) else RuntimeError(traceback.format_exc()))
    send.send(outcome)
    send.close()


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True


def start(place: str, purpose: str, work: Callable[..., T], *args: Any) -> Job[T]:
    """Run ``work(*args)`` in a forked child; ``purpose`` completes ``expected to …``."""
    receive, send = _FORK.Pipe(duplex=False)
    child = _FORK.Process(target=_child, args=(work, args, send), daemon=True)
    child.start()
    send.close()
    return Job(place, purpose, child, receive)


def start_program(
    place: str,
    purpose: str,
    command: Sequence[str],
    log: Path,
    env: Mapping[str, str] | None = None,
    *,
    piped: bool = False,
) -> Job[None]:
    """Run an engine's command line (in ``env``, else this process's environment); its
    output goes to ``log``, whose last lines an error shows. With ``piped`` its input is
    what Job.send gives it, when the caller has it.

    A file, not a pipe: a full pipe nobody reads yet would stall the program.
    """
    with log.open("wb") as sink:
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.PIPE if piped else subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=None if env is None else dict(env),
        )
    return Job(place, purpose, process, None, log)


def _slice(work: Callable[[A], T], items: Sequence[A]) -> list[T]:
    return [work(item) for item in items]


def map_in_parallel(
    place: str, purpose: str, work: Callable[[A], T], items: Sequence[A], workers: int
) -> list[T]:
    """``[work(item) for item in items]``, dealt in turn over ``workers`` forked jobs."""
    jobs = [start(place, purpose, _slice, work, items[index::workers]) for index in range(workers)]
    try:
        parts = [job.result() for job in jobs]
    finally:
        for job in jobs:
            job.cancel()
    results: list[T] = [None] * len(items)  # type: ignore[list-item]
    for index, part in enumerate(parts):
        results[index::workers] = part
    return results


@contextmanager
def awaited(jobs: Sequence[Job[Any]]) -> Iterator[None]:
    """Let the jobs run for the time of the block, and wait for each at its end at the latest.

    When the block fails, the jobs' errors are added to its error as notes; else the first
    job that failed raises its error.
    """
    try:
        yield
    except BaseException as exc:
        for note in _errors(jobs):
            exc.add_note(str(note))
        raise
    failed = _errors(jobs)
    if failed:
        raise failed[0]


def _errors(jobs: Sequence[Job[Any]]) -> list[BaseException]:
    failed: list[BaseException] = []
    for job in jobs:
        try:
            job.result()
        except Exception as exc:
            failed.append(exc)
    return failed
