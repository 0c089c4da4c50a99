"""Share a long, uniform piece of work (parsing files, rendering pages) with forked copies of
this process.

A forked child already holds everything loaded so far, so only the results travel back
(pickled, through a pipe). Anything that goes wrong in a child is never fatal and never
hidden: the parent does that share itself, and a real error is raised there as usual.
Set EXERCISE_SITE_WORKERS=1 to keep everything in one process.
"""
from __future__ import annotations

import os
import pickle
import sys
import threading
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MAX_WORKERS = 4


def workers() -> int:
    """How many processes may share the work here: 1 unless forking is safe and cores are free."""
    asked = os.environ.get("EXERCISE_SITE_WORKERS", "").strip()
    if asked:
        if not asked.isdigit() or int(asked) < 1:
            raise ValueError(f"EXERCISE_SITE_WORKERS must be a whole number of processes, 1 or more; got {asked!r}")
        return int(asked)
    # Only Linux: macOS system libraries are not safe to use after fork. Only with no other
    # threads: a lock one of them holds would stay locked for ever in the child.
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return max(1, min(MAX_WORKERS, len(os.sched_getaffinity(0))))


def shared_map(function: Callable[[Item], Result], items: Sequence[Item], *, minimum: int) -> list[Result]:
    """`[function(item) for item in items]`, shared out when there are at least `minimum` items."""
    count = workers()
    if count < 2 or len(items) < max(minimum, 2):
        return [function(item) for item in items]
    # Every count-th item, not a block each: heavy items (index pages) tend to sit together.
    shares = [items[k::count] for k in range(count)]
    children: list[tuple[int, int]] = []
    for share in shares[1:]:
        children.append(_start(function, share, [pipe for _, pipe in children]))
    try:
        results = [function(item) for item in shares[0]]
    except BaseException:
        for pid, pipe in children:
            _stop(pid, pipe)
        raise
    done = [results] + [_collect(pid, pipe, function, share) for (pid, pipe), share in zip(children, shares[1:])]
    return [done[i % count][i // count] for i in range(len(items))]


def _start(function: Callable, share: Sequence, earlier_pipes: list[int]) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, send, and leave without calling the parent's exit handlers
        # Close the parent's ends of the other workers' pipes: held open here, they would keep
        # a worker that the parent has stopped waiting for ever to write.
        for pipe in (read, *earlier_pipes):
            os.close(pipe)
        status = 1
        try:
            data = pickle.dumps([function(item) for item in share], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(pid: int, pipe: int, function: Callable, share: Sequence) -> list:
    with os.fdopen(pipe, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if status == 0:
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a damaged result is redone below, never trusted
            pass
    return [function(item) for item in share]


def _stop(pid: int, pipe: int) -> None:
    os.close(pipe)  # a child still writing gets a broken pipe and leaves
    os.waitpid(pid, 0)
