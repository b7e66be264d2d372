"""`./dev test` installs Chromium with apt; another install holding apt's lock must make it wait,
not fail (apt-get exits 100 on a held lock). A stand-in apt-get on PATH plays the busy system."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_apt_get(tmp_path: Path, fake_apt: str, *args: str) -> subprocess.CompletedProcess:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apt-get").write_text("#!/usr/bin/env bash\n" + fake_apt)
    (bin_dir / "apt-get").chmod(0o755)
    # `id -u` decides between sudo and not: pretend to be root so no sudo is needed.
    (bin_dir / "id").write_text("#!/usr/bin/env bash\necho 0\n")
    (bin_dir / "id").chmod(0o755)
    script = f'source <(sed -n "/^apt_get()/,/^}}/p" {ROOT / "dev"}); apt_get {" ".join(args)}'
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "DPUP_APT_RETRY_SECONDS": "0",
        "COUNT_FILE": str(tmp_path / "count"),
    }
    return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)


BUSY_TWICE = """
count=$(cat "$COUNT_FILE" 2>/dev/null || echo 0); echo $((count + 1)) > "$COUNT_FILE"
if [ "$count" -lt 2 ]; then
  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2
  exit 100
fi
echo "installed $*"
"""


def test_a_held_apt_lock_is_waited_for_then_the_install_goes_ahead(tmp_path):
    result = _run_apt_get(tmp_path, BUSY_TWICE, "install", "-y", "chromium")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "count").read_text().strip() == "3"
    assert result.stdout.count("waiting for it") == 2
    assert "installed -o DPkg::Lock::Timeout=60 install -y chromium" in result.stdout


def test_any_other_apt_failure_stops_at_once_with_apt_s_message(tmp_path):
    broken = 'echo 1 >> "$COUNT_FILE"; echo "E: Unable to locate package chromium" >&2; exit 100\n'
    result = _run_apt_get(tmp_path, broken, "install", "-y", "chromium")
    assert result.returncode == 1
    assert "Unable to locate package chromium" in result.stderr
    assert (tmp_path / "count").read_text().count("1") == 1


def _run_ensure_libreoffice(tmp_path: Path, tools: dict[str, str]) -> subprocess.CompletedProcess:
    """`ensure_libreoffice` from ./dev with only the given commands (and bash's own) on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("grep", "sed", "cat", "rm", "mktemp", "env"):  # what apt_get itself uses
        (bin_dir / name).symlink_to(shutil.which(name) or f"/usr/bin/{name}")
    for name, body in tools.items():
        (bin_dir / name).write_text("#!/bin/bash\n" + body + "\n")
        (bin_dir / name).chmod(0o755)
    script = (
        f'source <(/usr/bin/sed -n "/^apt_get()/,/^}}/p;/^ensure_libreoffice()/,/^}}/p" {ROOT / "dev"}); '
        "ensure_libreoffice"
    )
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "DPUP_APT_RETRY_SECONDS": "0"}
    return subprocess.run(["/bin/bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)


def test_libreoffice_is_installed_with_apt_writer_calc_and_the_carlito_font(tmp_path):
    log = tmp_path / "apt.log"
    result = _run_ensure_libreoffice(tmp_path, {"apt-get": f'echo "$*" >> {log}', "id": "echo 0"})
    assert result.returncode == 0, result.stderr
    installs = log.read_text().splitlines()
    assert any("update" in line for line in installs)
    assert any(
        {"install", "libreoffice-writer-nogui", "libreoffice-calc-nogui", "fonts-crosextra-carlito"}
        <= set(line.split())
        for line in installs
    ), installs


def test_without_apt_the_libreoffice_tests_are_skipped_and_it_says_so(tmp_path):
    result = _run_ensure_libreoffice(tmp_path, {})
    assert result.returncode == 0, result.stderr
    assert "apt-get is not available" in result.stdout and "skipped" in result.stdout


def test_with_libreoffice_and_carlito_nothing_is_installed(tmp_path):
    log = tmp_path / "apt.log"
    tools = {"soffice": "true", "fc-list": "echo Carlito-Regular.ttf: Carlito", "apt-get": f"echo called >> {log}"}
    result = _run_ensure_libreoffice(tmp_path, tools)
    assert result.returncode == 0 and not log.exists(), result.stdout + result.stderr


def test_an_unknown_engine_is_refused_before_anything_is_installed(tmp_path):
    # A copy of ./dev in an empty folder, with a Python that fails: setting up would fail on it.
    shutil.copy(ROOT / "dev", tmp_path / "dev")
    env = {**os.environ, "PYTHON": "false"}
    result = subprocess.run(
        ["bash", str(tmp_path / "dev"), "build", "--engine", "hugo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "unknown engine 'hugo' (expected one of: mkdocs, properdocs, zensical)"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dev"]


def test_the_engines_dev_accepts_are_the_engines_the_build_knows():
    from macros.engines import ENGINES

    listed = re.search(r"^\s*(\S+)\) ;;$", (ROOT / "dev").read_text(), re.M)
    assert listed and tuple(listed.group(1).split("|")) == ENGINES
