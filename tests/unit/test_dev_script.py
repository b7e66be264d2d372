"""`./dev test` installs Chromium with apt; another install holding apt's lock must make it wait,
not fail (apt-get exits 100 on a held lock). A stand-in apt-get on PATH plays the busy system."""

from __future__ import annotations

import os
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
