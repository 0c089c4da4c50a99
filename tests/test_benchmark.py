"""`make bench` stays runnable: a small run of the real benchmark script (no timing asserted)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exercise_site.model import RESERVED_FILES

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # builds the catalogue twice and times a `mkdocs serve` rebuild: minutes
def test_the_benchmark_runs_and_reports_every_figure():
    # The smallest catalogue that holds every exercise of the project (routines and conditions name them), and a few copies.
    size = len([p for p in (ROOT / "exercises").glob("*.yml") if p.name not in RESERVED_FILES]) + 5
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "benchmarks" / "run.py"), "--sizes", str(size), "--repeat", "1"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(rf"^\| {size} \| [\d.]+ s \| [\d.]+ s \| [\d.]+× \|", result.stdout, re.MULTILINE), result.stdout
    raw = json.loads(re.search(r"Raw figures: `(.*)`", result.stdout).group(1))
    ours, floor = raw[str(size)]["ours"], raw[str(size)]["floor"]
    assert ours["pages"] == floor["pages"] > size  # the floor builds exactly the pages we generate
    assert raw["serve_rebuild"] > 0
