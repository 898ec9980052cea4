"""Headless Chromium for the report: its screenshot, and what a page requests and renders.

Chromium is Debian's `chromium` package (`apt-get install chromium`; `.ci/run` installs it). The
build never needs it: the report is plain HTML with inline SVG. The screenshot is a picture of
the current release's report, taken after the release is published (`make report-screenshot`,
which `make dataset` runs when Chromium is installed) and added to the release folder as
`report/screenshot.png` by an atomic rename; the data files of a release are never touched.

    python -m pipelines.headless screenshot [--warehouse warehouse]

`load_page` opens a page over the DevTools protocol (a pipe, no port) and reports every network
request the page made (`Network.requestWillBeSent` of the page's own session: the browser's
background traffic, such as update checks, is not the page's and is not counted) and the value
of a JavaScript expression evaluated once the page has loaded. Chromium runs with a throwaway
profile and its background services off.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class PageLoad:
    requests: list[str]  # every URL the page requested, but for the page itself
    value: Any  # what the expression evaluated to


class _DevTools:
    """The DevTools protocol over Chromium's pipe (fd 3 in, fd 4 out; messages end with NUL)."""

    def __init__(self, to_browser: int, from_browser: int, timeout: float):
        self._out = os.fdopen(to_browser, "wb", buffering=0)
        self._in = os.fdopen(from_browser, "rb", buffering=0)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self._deadline = time.monotonic() + timeout

    def _message(self) -> dict:
        while b"\0" not in self._buffer:
            if time.monotonic() > self._deadline:
                raise TimeoutError("chromium did not answer in time")
            chunk = self._in.read(65536)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, session: str | None = None, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._out.write(json.dumps(message).encode() + b"\0")
        while True:
            reply = self._message()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> None:
        seen = lambda: any(e.get("method") == method and e.get("sessionId") == session for e in self.events)  # noqa: E731
        while not seen():
            self.events.append(self._message())

    def close(self) -> None:
        self._out.close()
        self._in.close()


def load_page(page: Path, expression: str = "null", timeout: float = 120) -> PageLoad:
    """Open `page` in headless Chromium; return the requests it made and `expression`'s value."""
    binary = find_chromium()
    if binary is None:
        raise ChromiumMissing("Chromium is not installed (Debian: apt-get install chromium)")
    url = page.resolve().as_uri()
    to_browser_r, to_browser_w = os.pipe()
    from_browser_r, from_browser_w = os.pipe()

    def pipes_as_3_and_4() -> None:
        os.dup2(to_browser_r, 3)
        os.dup2(from_browser_w, 4)

    with tempfile.TemporaryDirectory(prefix="eac-chromium-") as profile:
        args = [binary, *QUIET_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        browser = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=pipes_as_3_and_4, pass_fds=(3, 4),  # kept after preexec_fn
                                   env={**os.environ, "HOME": profile})
        os.close(to_browser_r)
        os.close(from_browser_w)
        tools = _DevTools(to_browser_w, from_browser_r, timeout)
        try:
            target = next(t["targetId"] for t in tools.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
            session = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            tools.call("Network.enable", session)
            tools.call("Page.enable", session)
            tools.call("Page.navigate", session, url=url)
            tools.wait_for("Page.loadEventFired", session)
            value = tools.call("Runtime.evaluate", session, expression=expression, returnByValue=True)["result"].get("value")
            requests = [e["params"]["request"]["url"] for e in tools.events
                        if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == session]
            try:
                tools.call("Browser.close")
            except RuntimeError:
                pass
        finally:
            tools.close()
            try:
                browser.wait(timeout=20)
            except subprocess.TimeoutExpired:
                browser.kill()
                browser.wait()
    return PageLoad([r for r in requests if r != url], value)


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
