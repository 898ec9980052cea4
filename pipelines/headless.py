"""Headless Chromium for the report: its screenshot, and a page's DOM once loaded.

Chromium is Debian's `chromium` package (`apt-get install chromium`; `.ci/run` installs it). The
build never needs it: the report is plain HTML with inline SVG. The screenshot is a picture of
the current release's report, taken after the release is published (`make report-screenshot`,
which `make dataset` runs when Chromium is installed) and added to the release folder as
`report/screenshot.png` by an atomic rename; the data files of a release are never touched.

    python -m pipelines.headless screenshot [--warehouse warehouse]

Chromium runs with a throwaway profile and its background services off (no first-run, sync,
component updates, background networking), so that it makes no request the page did not ask for.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_COMMANDS = ("chromium", "chromium-browser")
QUIET_FLAGS = (
    "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
    "--disable-extensions", "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--metrics-recording-only", "--hide-scrollbars", "--mute-audio",
)
SCREENSHOT_SIZE = (1200, 3000)


class ChromiumMissing(RuntimeError):
    pass


def find_chromium() -> str | None:
    return next((path for name in CHROMIUM_COMMANDS if (path := shutil.which(name))), None)


def run_chromium(page: Path, *flags: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run headless Chromium on a local page with `flags`; raise when it fails."""
    binary = find_chromium()
    if binary is None:
        raise ChromiumMissing("Chromium is not installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="eac-chromium-") as profile:
        args = [binary, *QUIET_FLAGS, f"--user-data-dir={profile}", *flags, page.resolve().as_uri()]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                                env={**os.environ, "HOME": profile})
    if result.returncode != 0:
        raise RuntimeError(f"chromium failed on {page} (exit {result.returncode}): {result.stderr[-2000:]}")
    return result


def dump_dom(page: Path, *flags: str) -> str:
    """The page's DOM after loading (scripts run), as HTML."""
    return run_chromium(page, "--dump-dom", *flags).stdout


def screenshot(page: Path, png: Path, size: tuple[int, int] = SCREENSHOT_SIZE) -> Path:
    """A PNG of the top of the page, written atomically to `png`."""
    tmp = png.with_name(f".{png.name}.tmp.png")
    try:
        run_chromium(page, f"--screenshot={tmp}", f"--window-size={size[0]},{size[1]}")
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise RuntimeError(f"chromium wrote no screenshot of {page}")
        os.replace(tmp, png)
    finally:
        tmp.unlink(missing_ok=True)
    return png


def main(argv: list[str] | None = None) -> int:
    from pipelines.publication import CURRENT_LINK
    from pipelines.report import REPORT_DIR, REPORT_FILE, SCREENSHOT_FILE

    parser = argparse.ArgumentParser(prog="python -m pipelines.headless", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["screenshot"])
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse"))
    args = parser.parse_args(argv)
    report = (args.warehouse / CURRENT_LINK).resolve() / REPORT_DIR
    if not (report / REPORT_FILE).exists():
        print(f"no report in {report}: build the dataset first (make dataset)", file=sys.stderr)
        return 1
    try:
        print(screenshot(report / REPORT_FILE, report / SCREENSHOT_FILE))
    except ChromiumMissing as exc:
        print(f"no screenshot: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
