"""`make bench` stays runnable: a small run of the real benchmark script (no timing asserted)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_benchmark_runs_and_reports_every_figure():
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "benchmarks" / "run.py"), "--sizes", "30", "--repeat", "1"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"^\| 30 \| [\d.]+ s \| [\d.]+ s \| [\d.]+× \|", result.stdout, re.MULTILINE), result.stdout
    raw = json.loads(re.search(r"Raw figures: `(.*)`", result.stdout).group(1))
    ours, floor = raw["30"]["ours"], raw["30"]["floor"]
    assert ours["pages"] == floor["pages"] > 30  # the floor builds exactly the pages we generate
    assert raw["serve_rebuild"] > 0
