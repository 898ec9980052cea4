"""The command-line refresh lock: light (standard library only), so a refused refresh costs
milliseconds, not the seconds of importing Dagster and the pipeline.

Two refreshes at once: the second refuses at once (exit code 75, ``EX_TEMPFAIL``) rather than
wait; the lock is an OS file lock (``flock``) on ``<warehouse>/.refresh.lock``, released when the
process ends, even when killed.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".refresh.lock"
EXIT_BUSY = 75  # EX_TEMPFAIL: try again later


class RefreshBusy(RuntimeError):
    pass


@contextmanager
def refresh_lock(warehouse: Path) -> Iterator[None]:
    """Exclusive, non-blocking: a second refresh refuses instead of corrupting the first."""
    warehouse.mkdir(parents=True, exist_ok=True)
    handle = (warehouse / LOCK_FILE).open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RefreshBusy(f"another refresh is running ({holder}); nothing was changed, try again later") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
        handle.flush()
        yield
    finally:
        handle.close()


def refresh_lock_is_held(warehouse: Path) -> bool:
    """True while a command-line refresh holds the lock (the sensor waits for it to finish)."""
    path = warehouse / LOCK_FILE
    if not path.exists():
        return False
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def lock_holder(warehouse: Path) -> str | None:
    """Who holds the refresh lock ("pid N since ..."), or None when it is free; never blocks."""
    path = warehouse / LOCK_FILE
    try:
        handle = path.open("r")
    except OSError:
        return None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return handle.read().strip() or "another process"
        fcntl.flock(handle, fcntl.LOCK_UN)
        return None
