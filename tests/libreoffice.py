"""LibreOffice, headless, as an agency without Microsoft Office opens our files: converts Word
documents to PDF and spreadsheets to flat OpenDocument (one XML file, every cell's type and
value readable), for the tests to measure what a person would see.

Each caller passes its own profile folder (`-env:UserInstallation`): two LibreOffice processes
sharing one profile wait on each other's lock, or fail. `./dev test` installs LibreOffice with
apt (libreoffice-writer-nogui, libreoffice-calc-nogui, and the Carlito font, which has Calibri's
metrics, so pages break where Word breaks them); without it these tests are skipped, saying so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
# The CSV import filter's options: comma-separated, double-quoted, UTF-8 (76), from line 1, and
# every column "standard" (detect numbers and dates). Without them LibreOffice reads the file in
# the system's 8-bit encoding and ignores the byte order mark ("MÄori").
CSV_UTF8 = "CSV:44,34,76,1"
# A fontconfig setup that hides Carlito: LibreOffice then sets Calibri text in its widest fallback
# (DejaVu Sans on Debian), as on a system that has neither Calibri nor Carlito.
WITHOUT_CARLITO = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><pattern><patelt name="family"><string>Carlito</string></patelt></pattern></rejectfont></selectfont>
</fontconfig>
"""


def need_libreoffice() -> str:
    if SOFFICE is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: `./dev test` installs libreoffice-writer-nogui, "
            "libreoffice-calc-nogui and fonts-crosextra-carlito with apt where apt is available"
        )
    return SOFFICE


def convert(
    files: list[Path], to: str, out: Path, profile: Path, infilter: str | None = None, env: dict | None = None
) -> list[Path]:
    """Each file converted to `to` (pdf, fods, ...) in `out`, in one LibreOffice run; the new paths.
    `env` adds to the environment (FONTCONFIG_FILE: which fonts LibreOffice may use)."""
    soffice = need_libreoffice()
    out.mkdir(parents=True, exist_ok=True)
    command = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", to, "--outdir", str(out), *map(str, files)]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=False, env={**os.environ, **(env or {})}
    )
    made = [out / (Path(file).stem + "." + to.split(":")[0]) for file in files]
    missing = [path.name for path in made if not path.exists()]
    assert result.returncode == 0 and not missing, f"LibreOffice did not make {missing}: {result.stdout}{result.stderr}"
    return made
