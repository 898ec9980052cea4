"""`make ui`: `dg dev` loads the project's definitions, starts without any warning and stops on SIGTERM."""

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipelines.contract import TABLES
from pipelines.refresh import refresh_lock
from pipelines.storage import INSTANCE_CONFIG
from tests.conftest import RAW, ROOT

VENV_BIN = ROOT / ".venv" / "bin"


def project_env(tmp_path: Path) -> dict[str, str]:
    """The project's virtual environment, with a private Dagster home and warehouse."""
    home = tmp_path / "dagster_home"
    if not home.exists():
        home.mkdir()
        (home / "dagster.yaml").symlink_to(INSTANCE_CONFIG)
    return os.environ | {
        "VIRTUAL_ENV": str(VENV_BIN.parent), "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
        "DAGSTER_HOME": str(tmp_path / "dagster_home"), "EAC_RAW_DIR": str(RAW),
        "EAC_WAREHOUSE_DIR": str(tmp_path / "warehouse"), "EAC_WORK_DIR": str(tmp_path / "work"),
    }


def test_make_ui_execs_dg_dev_with_sigint_restored():
    # Run as a top-level make even under `make test` (no "Entering/Leaving directory" lines).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    recipe = subprocess.run(["make", "--no-print-directory", "-n", "ui", "UI_PORT=3999"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True).stdout
    workspace, start, command = recipe.strip().splitlines()[-3:]
    # dg dev runs from the instance folder, a dg workspace holding this project (see the Makefile).
    assert workspace.endswith(f"> {ROOT / '.dagster' / 'dg.toml'}")
    assert start.startswith(f"cd {ROOT / '.dagster'} && exec env --default-signal=INT VIRTUAL_ENV=")
    assert command.strip() == f"{ROOT / '.venv' / 'bin' / 'dg'} dev --port 3999"
    assert "dagster dev" not in recipe


@pytest.mark.slow  # dg in a separate process, loading the definitions
def test_dg_loads_the_definitions_without_warnings(tmp_path):
    done = subprocess.run([str(VENV_BIN / "dg"), "list", "defs", "--json"], cwd=ROOT, env=project_env(tmp_path),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""
    defs = json.loads(done.stdout)
    assets = {a["asset_key"] for a in defs["assets"]}
    assert set(TABLES) | {"release", "document_figures"} <= assets
    assert {(c["asset_key"], c["name"]) for c in defs["asset_checks"]} >= {(name, f"{name}_matches_contract") for name in TABLES}
    assert [s["name"] for s in defs["sensors"]] == ["raw_documents_sensor"]
    assert [s["name"] for s in defs["schedules"]] == ["nightly_full_refresh"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ignore_sigint_as_a_background_job():
    # What a non-interactive shell does to a command started with `&`.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.slow  # the webserver, daemon and code server, started and stopped
def test_make_ui_started_in_the_background_starts_cleanly_and_stops_on_sigterm(tmp_path):
    env = project_env(tmp_path)
    port = _free_port()
    log = tmp_path / "ui.log"
    # Held like a command-line refresh: the sensor waits for it, so no run is launched meanwhile.
    with refresh_lock(tmp_path / "warehouse"), log.open("w") as out:
        ui = subprocess.Popen(["make", "--no-print-directory", "ui", f"UI_PORT={port}", f"DAGSTER_HOME={env['DAGSTER_HOME']}"],
                              cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              preexec_fn=_ignore_sigint_as_a_background_job, start_new_session=True)
        try:
            deadline = time.monotonic() + 240
            while "Serving dagster-webserver" not in log.read_text() and time.monotonic() < deadline:
                assert ui.poll() is None, log.read_text()
                time.sleep(1)
            assert f"Serving dagster-webserver on http://127.0.0.1:{port}" in log.read_text()
            # The project is loaded under its own code location name (pyproject.toml's [tool.dg]).
            deadline = time.monotonic() + 120
            while (locations := _code_locations(port)) != [("european-ai-capacity", "LOADED", "RepositoryLocation")]:
                assert time.monotonic() < deadline, locations
                time.sleep(1)
            time.sleep(3)  # the daemon's first ticks
            ui.send_signal(signal.SIGTERM)
            ui.wait(timeout=90)
            # Nothing of the session is left running (webserver, daemon, code server).
            deadline = time.monotonic() + 30
            while _group_alive(ui.pid) and time.monotonic() < deadline:
                time.sleep(0.5)
            assert not _group_alive(ui.pid)
        finally:
            if _group_alive(ui.pid):
                os.killpg(ui.pid, signal.SIGKILL)
            ui.wait(timeout=30)
    text = log.read_text()
    assert "Shutting down Dagster services" in text
    # No warning at all: not dagster dev's deprecation, nor a location or environment mismatch, nor
    # the notice that a dagster.yaml in the folder dg dev runs from "will not be used".
    assert not re.search(r"warn|deprecat|will not be used|does not match|found a dagster instance", text, re.IGNORECASE), text
    # dg dev read its workspace in DAGSTER_HOME, whose one project is this checkout.
    workspace = (Path(env["DAGSTER_HOME"]) / "dg.toml").read_text(encoding="utf-8")
    assert workspace.endswith(f"path = '{ROOT}'\n")


def _code_locations(port: int) -> list[tuple[str, str, str]]:
    """The webserver's code locations: name, load status, and what loaded (or the load error)."""
    query = "{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus locationOrLoadError { __typename } } } } }"
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            entries = json.load(response)["data"]["workspaceOrError"]["locationEntries"]
    except urllib.error.URLError as refused:
        # the webserver logs "Serving" just before it accepts connections: under load the first
        # request can be refused; the caller retries until its deadline
        return [("not accepting connections yet", str(refused.reason), "")]
    return [(e["name"], e["loadStatus"], (e["locationOrLoadError"] or {}).get("__typename")) for e in entries]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True
