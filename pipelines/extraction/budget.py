"""A per-document budget of time and memory, so that one document never holds a whole refresh.

Extraction is linear in a document's length, but a document can still be pathological (dense
figures, enormous lines) or simply larger than the machine was sized for. Each document is
extracted under a ``DocumentBudget``; the extraction stages call ``check()`` as they go (per
sentence, between stages), and when the document has used more than its time or more than its
memory the stage raises ``BudgetExceeded``. The document is then rejected with reason
``too_slow`` or ``too_large_in_memory`` and a detail naming the limit and the setting to raise;
every other document is extracted and published as usual.

Settings (environment, read when a budget is made):

* ``EAC_DOCUMENT_SECONDS`` — wall-clock seconds per document (default 1200; ``0`` = no limit);
* ``EAC_DOCUMENT_MEMORY_MB`` — growth of the process's resident memory while the document is
  extracted, in MiB (default 3072; ``0`` = no limit). Measured from ``/proc/self/statm`` (Linux);
  where it does not exist, the memory limit is not enforced.

``check()`` costs a clock read; memory is read at most every ``_MEMORY_EVERY`` seconds.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

__all__ = ["BudgetExceeded", "DocumentBudget", "UNLIMITED"]

DEFAULT_SECONDS = 1200.0
DEFAULT_MEMORY_MB = 3072
_MEMORY_EVERY = 0.25
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class BudgetExceeded(Exception):
    """The document used more than its budget; ``reason`` is ``too_slow`` or ``too_large_in_memory``."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def resident_bytes() -> int | None:
    """The process's resident memory now, or None where it cannot be read cheaply."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def _setting(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected a number (0 for no limit)") from None
    if value < 0:
        raise ValueError(f"{name}={raw!r}: expected a number >= 0 (0 for no limit)")
    return value


@dataclass
class DocumentBudget:
    """Time and memory one document may use (module doc); ``None`` means no limit."""

    seconds: float | None = None
    memory_bytes: int | None = None
    _started: float = field(default_factory=time.perf_counter, repr=False)
    _memory_at_start: int | None = field(default=None, repr=False)
    _memory_checked: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        if self.memory_bytes is not None:
            self._memory_at_start = resident_bytes()

    @classmethod
    def from_environment(cls) -> DocumentBudget:
        seconds = _setting("EAC_DOCUMENT_SECONDS", DEFAULT_SECONDS)
        memory_mb = _setting("EAC_DOCUMENT_MEMORY_MB", DEFAULT_MEMORY_MB)
        return cls(seconds or None, int(memory_mb * 1024 * 1024) or None)

    def check(self) -> None:
        """Raise ``BudgetExceeded`` when the document has used more than its budget."""
        now = time.perf_counter()
        elapsed = now - self._started
        if self.seconds is not None and elapsed > self.seconds:
            raise BudgetExceeded(
                "too_slow", f"extraction stopped after {elapsed:.1f} s, over the budget of {self.seconds:g} s "
                "per document (EAC_DOCUMENT_SECONDS)")
        if self._memory_at_start is not None and self.memory_bytes is not None and now - self._memory_checked >= _MEMORY_EVERY:
            self._memory_checked = now
            current = resident_bytes()
            if current is not None and current - self._memory_at_start > self.memory_bytes:
                grown = (current - self._memory_at_start) / 1024 / 1024
                raise BudgetExceeded(
                    "too_large_in_memory", f"extraction stopped after using {grown:,.0f} MiB, over the budget of "
                    f"{self.memory_bytes / 1024 / 1024:,.0f} MiB per document (EAC_DOCUMENT_MEMORY_MB)")


UNLIMITED = DocumentBudget()
