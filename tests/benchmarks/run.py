"""Build-speed benchmark: `make bench` (or `python tests/benchmarks/run.py --help`).

Grows the catalogue synthetically (copies of the real exercises under new names) and times
`mkdocs build` of the real generator against two cost floors, both plain Material with no
hook and no nav entries for the pages: the same Markdown pages written out as ordinary files
("floor"), and pages with the same visible text, tables kept as Markdown tables, but no figures and no other raw HTML ("text floor").
At 1,000 exercises it also times each build's phases, loading and validating the YAML files,
and a `mkdocs serve` rebuild after one YAML edit (also on the real site). Prints a Markdown
report; --write puts it in BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import platform
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

RESERVED_FILES = ("sources.yml", "rules.yml", "vocabulary.yml")  # as exercise_site.model.RESERVED_FILES; this script runs without the hooks on its path
ROOT = Path(__file__).resolve().parents[2]
PARTS = ["mkdocs.yml", "content", "overrides", "hooks"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": ""}

# Runs mkdocs in this process and reports its own peak memory, so each build is measured alone.
MEASURED_MKDOCS = """
import resource, runpy, sys
sys.argv = ["mkdocs", *sys.argv[1:]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as stop:
    if stop.code:
        raise
print("PEAK_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
      file=sys.stderr)
"""


def synthetic_project(target: Path, size: int, source: Path = ROOT) -> Path:
    """A project with `size` exercises: `source`'s (this site by default), then numbered copies,
    with this repository's generator (hooks/, overrides/)."""
    target.mkdir(parents=True)
    for part in PARTS:
        origin = (source if part in ("mkdocs.yml", "content") else ROOT) / part
        (shutil.copytree if origin.is_dir() else shutil.copy2)(origin, target / part)
    exercises = target / "exercises"
    shutil.copytree(source / "exercises", exercises, ignore=shutil.ignore_patterns("*.yml"))
    for name in RESERVED_FILES:
        if (source / "exercises" / name).is_file():
            shutil.copy2(source / "exercises" / name, exercises / name)
    # Routines, condition and plan pages name real exercises, which come first in the copy.
    for folder in ("routines", "conditions", "plans"):
        (exercises / folder).mkdir(exist_ok=True)
        for path in (source / "exercises" / folder).glob("*.yml"):
            shutil.copy2(path, exercises / folder / path.name)
    real = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((source / "exercises").glob("*.yml")) if p.name not in RESERVED_FILES}
    if size < len(real):
        raise SystemExit(f"a synthetic catalogue holds at least the {len(real)} real exercises, which routines and conditions name")
    written = 0
    copy = 0
    while written < size:
        for slug, data in real.items():
            if written == size:
                break
            suffix = f"-{copy}" if copy else ""
            item = dict(data, name=f"{data['name']} {copy}" if copy else data["name"])
            for key in ("related", "harder"):
                item[key] = [f"{other}{suffix}" for other in data.get(key, [])]
            if copy and written + len(real) > size:
                item["related"] = item["harder"] = []  # the last, partial copy may miss its partners
            (exercises / f"{slug}{suffix}.yml").write_text(yaml.safe_dump(item, allow_unicode=True, sort_keys=False))
            written += 1
        copy += 1
    return target


def floor_project(target: Path, project: Path) -> Path:
    """Plain Material on the same Markdown, written as files: no hook, no nav entries for them."""
    target.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "exercise_site", "--root", str(project), "pages", "--with-content", str(target / "docs")],
                   check=True, capture_output=True, env={**ENV, "PYTHONPATH": str(project / "hooks")})
    shutil.copytree(project / "overrides", target / "overrides", ignore=shutil.ignore_patterns("markdown"))
    config = (project / "mkdocs.yml").read_text()
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.MULTILINE)
    config = re.sub(r"^watch:\n(  - .*\n)+", "", config, flags=re.MULTILINE)
    config = config.replace("docs_dir: content", "docs_dir: docs")
    (target / "mkdocs.yml").write_text(config)
    return target


# Raw HTML, figures and code the text floor leaves out; every other tag goes, its text stays.
_DROPPED = re.compile(r"<svg\b.*?</svg>|<style\b.*?</style>|<script\b.*?</script>|<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_ROW = re.compile(r"<tr\b.*?</tr>", re.DOTALL)
_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t\1>", re.DOTALL)


def markdown_table(table: str) -> str:
    """A raw HTML table as the Markdown table a writer would have typed: the floor keeps tables as tables."""
    rows = []
    for row in _ROW.findall(table):
        cells = [" ".join(_TAG.sub("", cell).split()).replace("|", "\\|") for _, cell in _CELL.findall(row)]
        if cells:
            rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return ""
    width = rows[0].count(" | ") + 1
    return "\n\n" + "\n".join([rows[0], "|" + " --- |" * width, *rows[1:]]) + "\n\n"


def visible_text(markdown: str) -> str:
    """A page's Markdown with the same visible text, its tables kept as tables, and no figures or other raw HTML."""
    front = _FRONT_MATTER.match(markdown)
    head, body = (front.group(0), markdown[front.end():]) if front else ("", markdown)
    body = _DROPPED.sub("", body)
    body = _TABLE.sub(lambda match: markdown_table(match.group(0)), body)
    body = _TAG.sub("", body)
    body = re.sub(r"^[ \t]+(?=\S)", "", body, flags=re.MULTILINE)  # no indented code blocks from indented HTML
    return head + html.unescape(body).replace("<", "&lt;")


def text_floor_project(target: Path, floor: Path) -> Path:
    """The floor project with every page reduced to its visible text."""
    shutil.copytree(floor, target, ignore=shutil.ignore_patterns("site-bench"))
    for page in (target / "docs").rglob("*.md"):
        page.write_text(visible_text(page.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def timed_build(project: Path, workers: int | None = None) -> dict:
    site = project / "site-bench"
    env = {**ENV, **({"EXERCISE_SITE_WORKERS": str(workers)} if workers else {})}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED_MKDOCS, "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, env=env, cwd=project)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    peak_kb, worker_kb = map(int, re.search(r"PEAK_KB (\d+) (\d+)", result.stderr).groups())
    pages = list(site.rglob("*.html"))
    html_bytes = sum(p.stat().st_size for p in pages)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"seconds": round(seconds, 2), "peak_mb": round(peak_kb / 1024), "worker_peak_mb": round(worker_kb / 1024), "pages": len(pages),
            "kb_per_page": round(html_bytes / len(pages) / 1024, 1), "site_mb": round(total / 2**20, 1)}


def paired_builds(project: Path, floors: dict[str, Path], repeat: int, one_process: bool = False) -> tuple[dict, dict]:
    """Builds taken in turns, `repeat` times: ours, ours in one process (if asked), each floor.

    Returns each variant's fastest build, and each of ours' ratio to each floor as the median
    of the ratios within a turn: on a shared machine the speed drifts over minutes, and
    builds run back to back see the same drift.
    """
    variants = {"ours": None, **({"one_process": 1} if one_process else {})}
    runs: dict[str, list[dict]] = {name: [] for name in [*variants, *floors]}
    for _ in range(repeat):
        for name, workers in variants.items():
            runs[name].append(timed_build(project, workers))
        for name, floor in floors.items():
            runs[name].append(timed_build(floor))
    best = {name: min(builds, key=lambda run: run["seconds"]) for name, builds in runs.items()}
    ratios = {(name, floor): round(statistics.median(a["seconds"] / f["seconds"] for a, f in zip(runs[name], runs[floor])), 2)
              for name in variants for floor in floors}
    return best, ratios


# One build in one process with the time of each phase: the generator's (loading the YAML,
# rendering the Markdown, figures into the HTML) and MkDocs' and Material's.
PHASED_MKDOCS = """
import collections, json, runpy, sys, time
spent = collections.Counter()
stack = []  # [phase, time spent in the phases inside it]: each phase counts its own time only
def timed(owner, name, phase):
    function = getattr(owner, name)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        stack.append([phase, 0.0])
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - started
            _, inner = stack.pop()
            spent[phase] += elapsed - inner
            if stack:
                stack[-1][1] += elapsed
    setattr(owner, name, wrapper)
import mkdocs.commands.build as build, mkdocs.plugins as plugins, mkdocs.structure.files as files, mkdocs.structure.pages as pages, mkdocs.utils as utils
from material.plugins.search.plugin import SearchIndex
timed(pages.Page, "read_source", "read pages, front matter")
timed(pages.Page, "render", "Markdown to HTML")
timed(SearchIndex, "add_entry_from_context", "search index")
timed(SearchIndex, "generate_search_index", "search index")
timed(utils, "write_file", "writing files")
timed(build, "_build_page", "Material page templates")
timed(build, "_build_theme_template", "other templates (sitemap, 404)")
timed(files.Files, "copy_static_files", "writing files")
timed(plugins.PluginCollection, "on_post_page", "figures into the HTML")
try:
    import exercise_site.render as render, exercise_site.site as site
    timed(site, "load_catalogue", "load and validate YAML")
    timed(render.Renderer, "pages", "render generated Markdown (Jinja)")
except ImportError:
    pass
sys.argv = ["mkdocs", *sys.argv[1:]]
started = time.perf_counter()
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as stop:
    if stop.code:
        raise
spent["other (config, files, nav, hooks)"] = time.perf_counter() - started - sum(spent.values())
print("PHASES", json.dumps(spent), file=sys.stderr)
"""


def phases(project: Path) -> dict[str, float]:
    """Seconds per phase of one build in one process (EXERCISE_SITE_WORKERS=1)."""
    site = project / "site-phases"
    env = {**ENV, "EXERCISE_SITE_WORKERS": "1", "PYTHONPATH": str(project / "hooks") if (project / "hooks").is_dir() else ""}
    result = subprocess.run([sys.executable, "-c", PHASED_MKDOCS, "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, env=env, cwd=project)
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    shutil.rmtree(site)
    spent = json.loads(re.search(r"PHASES (.*)", result.stderr).group(1))
    return {key: round(value, 2) for key, value in spent.items()}


def load_time(project: Path, workers: int | None = None) -> float:
    """Best of three, each in a fresh process; `workers=1` keeps the work in one process."""
    code = ("import time; from exercise_site.catalogue import load_catalogue; t = time.perf_counter(); "
            f"c = load_catalogue({str(project / 'exercises')!r}); print(time.perf_counter() - t, len(c.exercises))")
    env = {**ENV, "PYTHONPATH": str(project / "hooks"), **({"EXERCISE_SITE_WORKERS": str(workers)} if workers else {})}
    best = min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                    env=env).stdout.split()[0]) for _ in range(3))
    return round(best, 3)


def first_exercise(project: Path) -> str:
    """The slug of the project's first exercise, the one the timed edits and page loads use."""
    return min(p.stem for p in (project / "exercises").glob("*.yml") if p.name not in RESERVED_FILES)


def serve_rebuild(project: Path, edits: int = 1) -> dict:
    """Seconds from saving one YAML file to `mkdocs serve` serving the edited page: the fastest
    of `edits` edits, in wall-clock time and in the server's own CPU time (which a busy machine
    does not inflate as much). The edit is looked for in the page itself, so a reload the
    server started for another reason cannot pass for this one."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=ENV, cwd=project)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stderr], daemon=True).start()
    walls, cpus = [], []
    try:
        base = _wait_for(server, lines, "Serving on", limit=600).split("Serving on", 1)[1].strip()
        slug = first_exercise(project)
        page = base.rstrip("/") + f"/exercises/{slug}/"
        exercise = project / "exercises" / f"{slug}.yml"
        for turn in range(edits):
            marker = f"Edited {turn}-{time.time_ns()}."
            started, cpu = time.perf_counter(), _cpu_seconds(server.pid)
            exercise.write_text(exercise.read_text().replace("summary: ", f"summary: {marker} ", 1))
            _wait_for_page(server, page, marker)
            walls.append(time.perf_counter() - started)
            cpus.append(_cpu_seconds(server.pid) - cpu)
        return {"seconds": round(min(walls), 2), "cpu_seconds": round(min(cpus), 2)}
    finally:
        server.terminate()
        server.wait(timeout=20)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _wait_for(server: subprocess.Popen, lines: "queue.Queue[str]", text: str, limit: float = 120) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if server.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped before '{text}'")
            continue
        if text in line:
            return line
    raise SystemExit(f"no '{text}' from mkdocs serve within {limit} s")


def _wait_for_page(server: subprocess.Popen, url: str, text: str, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped before serving '{text}'")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.02)  # polling interval while waiting for the condition, not a fixed wait
    raise SystemExit(f"{url} did not show '{text}' within {limit} s")


# --- the reader's side at 1,000 exercises: Lighthouse and search latency (--lighthouse, --search) ---
# Served as GitHub Pages serves the site (gzip, tests/ghpages.py), with the quality gates'
# Lighthouse runner (tests/test_quality.py) and Debian's Chromium through Playwright.

READER_PAGES = {"catalogue": "exercises/", "catalogue, page 2": "exercises/page/2/",
                "largest browse page": "browse/equipment/no-equipment/", "largest condition page": "conditions/{largest}/",
                "builder": "builder/"}


def reader_pages(site: Path) -> dict[str, str]:
    """READER_PAGES with the condition page that lists the most exercises (the largest file) filled in."""
    largest = max((site / "conditions").glob("*/index.html"), key=lambda p: p.stat().st_size).parent.name
    return {name: address.format(largest=largest) for name, address in READER_PAGES.items()}


READER_PREFIX = "/steady-hips-test/"
SEARCH_QUERIES = ["clam", "glute bridge", "single leg squat", "hip pain after running", "foam roller", "IT band"]


def reader_site(project: Path) -> Path:
    """The synthetic project built as a fork would publish it, under a project prefix."""
    site = project / "site-reader"
    env = {**ENV, "SITE_URL": f"https://example.github.io{READER_PREFIX}"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, env=env, cwd=project)
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return site


def _tests_path() -> None:
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)


def page_weights(site: Path) -> dict:
    """HTML size (plain and gzip) of each reader page, and of the search index."""
    import gzip

    out = {}
    for name, address in reader_pages(site).items():
        body = (site / address / "index.html").read_bytes()
        out[name] = {"html_kb": round(len(body) / 1024), "gzip_kb": round(len(gzip.compress(body, 6)) / 1024)}
    index = (site / "search" / "search_index.json").read_bytes()
    out["search index"] = {"kb": round(len(index) / 1024), "gzip_kb": round(len(gzip.compress(index, 6)) / 1024)}
    out["offline cache"] = offline_cache(site)
    return out


def offline_cache(site: Path) -> dict:
    """What the service worker (sw.js, its FILES line) saves at a reader's first visit: files, and
    MB as stored on the phone and as sent gzip-compressed (as GitHub Pages sends text)."""
    import gzip

    line = next(line for line in (site / "sw.js").read_text().splitlines() if line.startswith("var FILES = "))
    paths = json.loads(line.removeprefix("var FILES = ").rstrip(";"))
    stored = sent = 0
    for path in paths:
        body = (site / (path + "index.html" if path.endswith("/") or not path else path)).read_bytes()
        stored += len(body)
        sent += len(gzip.compress(body, 6)) if path.endswith(("/", ".html", ".js", ".json", ".css", ".svg")) or not path else len(body)
    pages = sum(1 for path in paths if path.endswith("/") or not path)
    return {"files": len(paths), "pages": pages, "mb": round(stored / 1e6, 1), "gzip_mb": round(sent / 1e6, 1)}


def lighthouse_pages(site: Path, repeat: int = 3) -> dict:
    """Mobile Lighthouse (the quality gates' runner) on each reader page, `repeat` runs each."""
    _tests_path()
    from ghpages import pages_server
    from test_quality import lighthouse

    out: dict = {}
    with pages_server(site, READER_PREFIX) as url, tempfile.TemporaryDirectory() as scratch:
        for name, address in reader_pages(site).items():
            runs = []
            for n in range(repeat):
                report_path = Path(scratch) / f"{n}.json"
                run = lighthouse(url + address, report_path)
                audits = json.loads(report_path.read_text())["audits"]
                runs.append({"performance": run["scores"]["performance"] / 100,
                             "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
                             "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 1),
                             "dom_elements": int(audits["dom-size"]["numericValue"])})
            out[name] = runs
    return out


SEARCH_TIMER = """() => {
  const box = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const t = window.__search = {first_key: null, last_key: null, first_result: null, changed: null};
  box.addEventListener('keydown', () => { const now = performance.now(); if (t.first_key === null) t.first_key = now; t.last_key = now; });
  new MutationObserver(() => {
    const now = performance.now();
    t.changed = now;
    if (t.first_result === null && list.children.length) t.first_result = now;
  }).observe(list, {childList: true, subtree: true});
}"""


def search_latency(site: Path, queries: list[str] = SEARCH_QUERIES, throttle: float = 4, delay_ms: int = 120) -> dict:
    """On a phone-sized Chromium with the CPU slowed `throttle` times (CDP), typing a key every
    `delay_ms`: the time from the first keystroke to the first results shown, and from the
    last keystroke to the results for the whole query (the list's last change); and the time
    from opening a page to the search being ready ("Type to start searching")."""
    _tests_path()
    from conftest import CHROMIUM_ARGS, chromium_path
    from ghpages import pages_server
    from playwright.sync_api import sync_playwright

    with pages_server(site, READER_PREFIX) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            page.goto(url + f"exercises/{min(p.parent.name for p in (site / 'exercises').glob('*/index.html') if p.parent.name != 'page')}/", wait_until="load")
            ready = page.evaluate("() => new Promise(done => { const t = () => { const m = document.querySelector('.md-search-result__meta');"
                                  " if (m && /Type/.test(m.textContent)) done(performance.now()); else setTimeout(t, 20); }; t(); })")
            first, last = {}, {}
            for query in queries:
                page.locator("label.md-header__button[for='__search']").first.click()
                box = page.locator("input.md-search__input")
                box.fill("")
                page.keyboard.press("Backspace")
                page.wait_for_function("() => /Type/.test(document.querySelector('.md-search-result__meta').textContent)")
                page.evaluate(SEARCH_TIMER)
                box.type(query, delay=delay_ms)
                page.wait_for_function("() => document.querySelector('.md-search-result__list > li')", timeout=60000)
                page.wait_for_function("() => performance.now() - Math.max(window.__search.changed, window.__search.last_key) > 2000", timeout=60000)
                t = page.evaluate("() => window.__search")
                first[query] = round(t["first_result"] - t["first_key"])
                last[query] = max(0, round(t["changed"] - t["last_key"]))
                page.keyboard.press("Escape")
            return {"search_ready_ms": round(ready), "first_results_ms": first, "final_results_ms": last,
                    "first_median_ms": round(statistics.median(first.values())), "first_max_ms": max(first.values()),
                    "final_median_ms": round(statistics.median(last.values())), "final_max_ms": max(last.values())}
        finally:
            browser.close()


def reader_measurements(lighthouse: bool, search: bool, size: int = 1000) -> tuple[dict, str]:
    """Build the synthetic catalogue at `size` as Pages serves it; measure; (figures, Markdown)."""
    with tempfile.TemporaryDirectory(prefix="steady-hips-reader-") as scratch:
        site = reader_site(synthetic_project(Path(scratch) / "project", size))
        results: dict = {"weights": page_weights(site), "pages": reader_pages(site)}
        if lighthouse:
            try:
                results["lighthouse"] = lighthouse_pages(site)
            except BaseException as error:  # no Node tools: pytest's skip, which is not an Exception
                if isinstance(error, KeyboardInterrupt):
                    raise
                print(f"Lighthouse skipped: {error}", file=sys.stderr)
        if search:
            results["search"] = search_latency(site)
    return results, reader_report(results)


def reader_report(results: dict) -> str:
    """The Markdown lines for BENCHMARKS.md."""
    lines = []
    weights = results.get("weights", {})
    if "lighthouse" in results:
        lines += ["| page (1,000 exercises) | HTML (gzip) | DOM elements | total blocking time | LCP | performance |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for name, runs in results["lighthouse"].items():
            w = weights.get(name, {})
            lines.append(f"| {name} (`/{results.get('pages', READER_PAGES)[name]}`) | {w.get('html_kb', '?')} KB ({w.get('gzip_kb', '?')} KB) | {runs[0]['dom_elements']} | "
                         + ", ".join(f"{r['tbt_ms']} ms" for r in runs) + " | " + ", ".join(f"{r['lcp_s']} s" for r in runs)
                         + " | " + ", ".join(f"{r['performance']:.2f}" for r in runs) + " |")
    if "search index" in weights:
        lines.append(f"\n- Search index: {weights['search index']['kb']} KB ({weights['search index']['gzip_kb']} KB gzip).")
    if "offline cache" in weights:
        c = weights["offline cache"]
        lines.append(f"- Offline cache (the service worker saves it after a reader's first visit, in the background): {c['files']} files "
                     f"({c['pages']} pages), {c['mb']} MB on the phone, {c['gzip_mb']} MB sent gzip-compressed.")
    if "search" in results:
        s = results["search"]
        lines.append(f"- Search on a phone-sized Chromium, CPU slowed 4×, a key every 120 ms: ready {s['search_ready_ms']} ms after opening a page; "
                     f"first keystroke to first results median **{s['first_median_ms']} ms** (slowest {s['first_max_ms']} ms); last keystroke to the "
                     f"whole query's results median **{s['final_median_ms']} ms** (slowest {s['final_max_ms']} ms). Per query, first / last: "
                     + ", ".join(f"{q!r} {s['first_results_ms'][q]} / {s['final_results_ms'][q]} ms" for q in s["first_results_ms"]) + ".")
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 2**20 for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    import mkdocs
    import material

    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {memory} GiB; Python {platform.python_version()}, "
            f"MkDocs {mkdocs.__version__}, Material {material.__version__}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--repeat", type=int, default=3, help="turns of builds (ours, then each floor); default 3")
    parser.add_argument("--write", action="store_true", help="write the report to BENCHMARKS.md")
    parser.add_argument("--lighthouse", action="store_true", help="also Lighthouse (mobile) on the catalogue, the largest browse page and the builder at 1,000 exercises")
    parser.add_argument("--search", action="store_true", help="also the search latency at 1,000 exercises (Chromium, CPU slowed 4×)")
    parser.add_argument("--reader-only", action="store_true", help="only the --lighthouse / --search measurements, no build timing")
    args = parser.parse_args()
    if args.reader_only:
        print(reader_measurements(args.lighthouse, args.search)[1])
        return 0
    # The phases and the preview rebuild at 1,000 exercises, or at the largest size below it.
    detail = 1000 if 1000 in args.sizes else max([n for n in args.sizes if n < 1000], default=args.sizes[0])

    rows, results = [], {}
    with tempfile.TemporaryDirectory(prefix="steady-hips-bench-") as scratch:
        for size in args.sizes:
            project = synthetic_project(Path(scratch) / f"ours-{size}", size)
            floor = floor_project(Path(scratch) / f"floor-{size}", project)
            text = text_floor_project(Path(scratch) / f"text-{size}", floor)
            best, ratios = paired_builds(project, {"floor": floor, "text_floor": text}, args.repeat, one_process=size == 1000)
            results[size] = {"ours": best["ours"], "floor": best["floor"], "text_floor": best["text_floor"],
                             "ratio": ratios["ours", "floor"], "text_ratio": ratios["ours", "text_floor"]}
            rows.append(_row(size, "", best["ours"], best, ratios["ours", "floor"], ratios["ours", "text_floor"]))
            if "one_process" in best:
                results[f"{size}_one_process"] = {"ours": best["one_process"], "ratio": ratios["one_process", "floor"],
                                                  "text_ratio": ratios["one_process", "text_floor"]}
                rows.append(_row(size, " (one process)", best["one_process"], best, ratios["one_process", "floor"],
                                 ratios["one_process", "text_floor"]))
            print("\n".join(rows[-(2 if "one_process" in best else 1):]), flush=True)
            for built in (project, floor, text):
                shutil.rmtree(built / "site-bench")
            if size == detail:
                results["phases"] = {"size": size, "ours": phases(project), "floor": phases(floor), "text_floor": phases(text)}
                print(json.dumps(results["phases"]), flush=True)
                if size == 1000:
                    results["load_1000"] = load_time(project)
                    results["load_1000_one_process"] = load_time(project, workers=1)
                    results["serve_rebuild_1000"] = serve_rebuild(project, edits=3)
                    print(results["serve_rebuild_1000"], flush=True)
            shutil.rmtree(project)
        real = Path(scratch) / "real"
        synthetic_project(real, len(list((ROOT / "exercises").glob("*.yml"))) - 1)
        real_rebuild = serve_rebuild(real, edits=3)
        results["serve_rebuild"], results["serve_rebuild_cpu"] = real_rebuild["seconds"], real_rebuild["cpu_seconds"]

    growth = ""
    if 1000 in results and 4000 in results:
        results["growth_1000_4000"] = round(results[4000]["ours"]["seconds"] / results[1000]["ours"]["seconds"], 2)
        growth = f"- Growth from 1,000 to 4,000 exercises: **{results['growth_1000_4000']}×** wall time (target ≤ 4.4×, linear).\n"
    load = ""
    if "load_1000" in results:
        load = (f"- Loading and validating 1,000 YAML files: **{results['load_1000']} s**, {results['load_1000_one_process']} s in one process "
                "(best of three, each in a fresh process, PyYAML's C loader).\n")
    reader = ""
    if args.lighthouse or args.search:
        results["reader_1000"], reader = reader_measurements(args.lighthouse, args.search)
        reader = "\n## The reader's side at 1,000 exercises\n\n" + reader + "\n"
    rebuild = ""
    if "serve_rebuild_1000" in results:
        r = results["serve_rebuild_1000"]
        rebuild = (f"- `mkdocs serve` rebuild after one YAML edit at 1,000 exercises: **{r['seconds']} s** from save to "
                   f"\"Reloading browsers\" ({r['cpu_seconds']} s of the server's CPU time; fastest of 3 edits; target ≤ 3 s).\n")
    report = f"""# Benchmarks

Command: `make bench` (runs `python tests/benchmarks/run.py --sizes {' '.join(map(str, args.sizes))} --repeat {args.repeat} --write`).
Machine: {machine()}.
Date: {time.strftime('%Y-%m-%d')}.

Two floors, both plain Material with no hook and no nav entries for the pages, which are
written out as ordinary files:

- "Floor": the same Markdown pages as ours (the core's `pages --with-content`). It already
  carries our own choices (inline SVG figures, raw HTML tables through Python-Markdown).
- "Text floor": pages with the same visible text and no figures and no raw HTML (the same
  pages with the SVG, style and comments taken out, raw HTML tables written as Markdown tables,
  other tags taken out and their text kept): the cost any generator must pay for what a reader sees.

Times are wall clock for a whole `mkdocs build`, the fastest of {args.repeat} builds taken in
turns with the floors'. A ratio is the median of the {args.repeat} turns' ratios (ours over the
floor built right after it), which cancels this shared machine's slow spells. Memory is the
build process's peak resident size.

With 200 or more files to parse, or 100 or more pages to render, the generator shares
that work with forked copies of itself, one per free core (up to 4; Linux only; never
in a process with other threads). The "worker" column is the largest worker's peak;
the "one process" row is the same build with `EXERCISE_SITE_WORKERS=1`.

| exercises | ours | floor | ratio | text floor | ratio to text floor | peak memory (ours) | worker | peak memory (floor) | peak memory (text floor) | HTML per page (ours) | HTML per page (floor) | HTML per page (text floor) | pages |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

- Targets: at 1,000 exercises at most 1.15× the floor and 1.3× the text floor; loading and validating 1,000 YAML files
  under 0.5 s; a `mkdocs serve` rebuild after one YAML edit at 1,000 exercises within 3 s.
{growth}{load}{rebuild}- `mkdocs serve` rebuild after one YAML edit on the real site: **{results['serve_rebuild']} s** ({results['serve_rebuild_cpu']} s CPU).
- The navigation lists sections only (exercise and routine pages are reached from their index pages), so the
  navigation every page embeds does not grow with the catalogue.

{reader}{HISTORY}
{_phase_table(results['phases'])}

Raw figures: `{json.dumps(results)}`
"""
    print(report)
    if args.write:
        (ROOT / "BENCHMARKS.md").write_text(report)
    return 0


HISTORY = """
## Before

For comparison, the same measurements before long lists were paged (commit 65479ca, 2026-11-28, same
machine): the catalogue was one page of 652 KB HTML with 11,348 DOM elements (Lighthouse performance
0.66–0.96 depending on the machine's load), the no-equipment browse page 192 KB with 4,612 elements
(0.68–0.94), the builder 1,335 elements with a layout shift (0.94, 0.97); a preview rebuild at 1,000
exercises took 2.9–3.2 s; from 1,000 to 4,000 exercises the build grew 4.99× (each page of a
condition's list searched a list for every row). Before the first work on issue #14 (commit
7b80581), the catalogue was 2,055 KB with 24,239 elements (0.28, 0.46) and the search index 4.6 MB.
"""


def _phase_table(spent: dict) -> str:
    names = list(dict.fromkeys([*spent["ours"], *spent["floor"], *spent["text_floor"]]))
    lines = [f"Where the time goes at {spent['size']} exercises: one build of each in one process (`EXERCISE_SITE_WORKERS=1`),",
             "seconds per phase, each phase without the phases inside it (`phases()` in `tests/benchmarks/run.py`).", "",
             "| phase | ours | floor | text floor | ours − text floor |", "| --- | --- | --- | --- | --- |"]
    for name in names:
        gap = spent["ours"].get(name, 0) - spent["text_floor"].get(name, 0)
        lines.append(f"| {name} | " + " | ".join(f"{spent[k].get(name, 0):.2f} s" for k in ("ours", "floor", "text_floor"))
                     + f" | {gap:+.2f} s |")
    totals = {k: sum(spent[k].values()) for k in ("ours", "floor", "text_floor")}
    lines.append("| **total** | " + " | ".join(f"**{totals[k]:.2f} s**" for k in totals)
                 + f" | **{totals['ours'] - totals['text_floor']:+.2f} s** |")
    lines += ["", """The generator's own phases (loading the YAML, rendering the Markdown with Jinja, putting the
figures in) are what the floors do not have. Python-Markdown and Material's search indexer never
see a drawing: the core leaves each figure as a short placeholder (an HTML comment) in the
Markdown and the hook puts the SVG into each page's final HTML (`on_post_page`), so our
Markdown to HTML and search indexing cost less than the floor's, which parse the drawings.
What is left above the text floor in those phases is our tables and their HTML (the catalogue's
filter data, links, classes), which the text floor does not have; on this shared machine a
phase varies by a second or two from one run to the next."""]
    return "\n".join(lines)


def _row(size: int, note: str, ours: dict, best: dict, ratio: float, text_ratio: float) -> str:
    worker = f"{ours['worker_peak_mb']} MB" if ours["worker_peak_mb"] else "—"
    floor, text = best["floor"], best["text_floor"]
    return (f"| {size}{note} | {ours['seconds']} s | {floor['seconds']} s | {ratio}× | {text['seconds']} s | {text_ratio}× | "
            f"{ours['peak_mb']} MB | {worker} | {floor['peak_mb']} MB | {text['peak_mb']} MB | {ours['kb_per_page']} KB | "
            f"{floor['kb_per_page']} KB | {text['kb_per_page']} KB | {ours['pages']} |")


if __name__ == "__main__":
    sys.exit(main())
