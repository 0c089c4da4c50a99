"""`make test` sets itself up: the venv and the quality gates' npm tools, each once per lock file;
from the system it needs only the README's install line; what it cannot have (the team's shared/
folder) is skipped with a reason, except in CI."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import INSTALL_LINE, ROOT, SYSTEM_PACKAGES, copy_project


def planned(project: Path) -> str:
    """What `make test` would run, without running it."""
    result = subprocess.run(["make", "-n", "test"], cwd=project, capture_output=True, text=True, check=True)
    return result.stdout


def test_make_test_installs_the_pinned_npm_tools_once_per_lock_file(tmp_path):
    project = copy_project(tmp_path / "project")  # with the Makefile and requirements.lock
    (project / "tests" / "web").mkdir(parents=True)
    shutil.copy2(ROOT / "tests" / "web" / "package-lock.json", project / "tests" / "web")
    os.symlink(ROOT / ".venv", project / ".venv")  # the venv is set up already; only npm is in question

    assert "npm ci --prefix tests/web" in planned(project)
    stamp = next(line for line in planned(project).splitlines() if "touch tests/web/node_modules/.installed-" in line)
    installed = project / stamp.rsplit("touch ", 1)[1].split(";")[0].strip()
    installed.parent.mkdir(parents=True)
    installed.touch()
    assert "npm ci" not in planned(project)

    lock = project / "tests" / "web" / "package-lock.json"
    lock.write_text(lock.read_text() + "\n")
    assert "npm ci --prefix tests/web" in planned(project), "a changed lock file must reinstall"


# PDFs and QR codes are read in Python (pypdfium2, pypdf, zxing-cpp) and the print tests' fonts ship in
# tests/fonts/, so that the suite needs from the system only what the README's install line brings.
SYSTEM_TOOLS = ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm", "pdftocairo", "pdfimages", "zbarimg", "fc-list", "fc-match")


def test_no_test_shells_out_to_a_pdf_qr_or_font_tool():
    this = Path(__file__).resolve()
    called = re.compile(r"""["'](?:\S*/)?(%s)\b""" % "|".join(SYSTEM_TOOLS))
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "tests").rglob("*.py")) if "node_modules" not in path.parts and path != this
             for number, line in enumerate(path.read_text().splitlines(), 1) if called.search(line)]
    assert not found, "read PDFs and QR codes with the Python packages, and load fonts from tests/fonts, instead:\n" + "\n".join(found)


def test_the_readme_install_line_is_what_ci_installs():
    assert f"\n{INSTALL_LINE}\n" in (ROOT / "README.md").read_text()
    installed = {package for line in (ROOT / ".ci" / "run").read_text().splitlines() if "need+=(" in line
                 for package in line.split("need+=(", 1)[1].split(")", 1)[0].split()}
    assert installed == {package for packages in SYSTEM_PACKAGES.values() for package in packages.split()}
