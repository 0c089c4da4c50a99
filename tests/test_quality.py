"""Web-quality gates on the built site, served as GitHub Pages serves a project site:
links and assets over HTTP, the Nu Html Checker, axe-core on every page in both palettes,
and Lighthouse on three representative pages (figures written to build/lighthouse/). They run on the
fixture project here and on this site in tests/site/test_site_quality.py."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from conftest import CHROMIUM_ARGS, CHROMIUM_HINT, ROOT, chromium_path, read_data, require
from ghpages import node_tool

RESULTS = ROOT / "build" / "lighthouse"


def site_pages(site: Path) -> list[str]:
    """Every page's address relative to the site root, as a reader would type it."""
    out = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        out.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return out


# --- links and assets, over HTTP under the project prefix ---------------------------------


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") in ("canonical", "alternate"):
            return  # absolute addresses of the published site, checked in test_publish.py
        for name in ("href", "src"):
            if values.get(name):
                self.refs.append(values[name])
        if values.get("srcset"):
            self.refs += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]
        if values.get("style"):
            self.refs += css_urls(values["style"])


def css_urls(css: str) -> list[str]:
    found = [m.group(2) for m in re.finditer(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)", css)]
    found += [m.group(2) for m in re.finditer(r"@import\s+(['\"])([^'\"]+)\1", css)]
    return [u for u in found if not u.startswith(("data:", "#"))]


def test_every_link_and_asset_resolves_under_the_project_prefix(built_site: Path, site_url: str):
    """Crawl from the home page: every internal page, script, stylesheet, image and every
    url() inside the stylesheets must answer 200 under the project prefix."""
    pages_url = site_url  # served as GitHub Pages serves it
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(pages_url))
    seen: set[str] = set()
    pages = site_pages(built_site)
    queue = [(pages_url + page, "every page") for page in pages]  # pages no link reaches are checked too
    broken = []
    while queue:
        url, referrer = queue.pop()
        url = url.split("#", 1)[0]
        if url in seen:
            continue
        seen.add(url)
        try:
            with urlopen(url) as response:
                kind = response.headers.get_content_type()
                body = response.read()
        except HTTPError as error:
            broken.append(f"{referrer} -> {url} ({error.code})")
            continue
        if kind == "text/html":
            refs = Refs()
            refs.feed(body.decode("utf-8"))
            found = refs.refs
        elif kind == "text/css":
            found = css_urls(body.decode("utf-8"))
        else:
            continue
        for ref in found:
            target = urljoin(url, ref)
            parts = urlsplit(target)
            if parts.scheme in ("mailto", "tel", "javascript") or target.startswith(("data:", "blob:")):
                continue
            if f"{parts.scheme}://{parts.netloc}" != origin:
                if kind == "text/css":
                    broken.append(f"{url} loads {ref} from another site")
                continue
            queue.append((target, url))
    assets = [u for u in seen if u.endswith((".css", ".js"))]
    assert len(seen) > len(pages) and len(assets) >= 4, f"crawled only {len(seen)} addresses"
    assert not broken, "\n".join(sorted(broken)[:30])


# --- Nu Html Checker ----------------------------------------------------------------------

# Errors that come from Material's own templates, not from ours, each matched narrowly:
# (message pattern, pattern of the offending markup).
MATERIAL_EXCEPTIONS = [
    # partials/... : the drawer and search toggles are checkboxes with autocomplete="off",
    # which keeps Firefox from restoring their state; the HTML standard allows it only on text inputs.
    (r"^Attribute “autocomplete” is only allowed when the input type is", r'class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
    # partials/nav-item.html: section labels (feature navigation.sections) get tabindex="{{ tabindex }}"
    # with the variable left unset, so an empty tabindex.
    (r"^Bad value “” for attribute “tabindex” on element “label”", r'<label class="md-nav__link" for="__nav_\d+" id="__nav_\d+_label" tabindex='),
    # partials/toc.html: the table of contents' mobile title is a label for the "__toc" toggle, which
    # partials/nav-item.html renders only for pages listed in the nav; exercise and routine pages
    # are deliberately left out of the nav (mkdocs.yml, not_in_nav).
    (r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control", r'<label class="md-nav__title" for="__toc">'),
]


def vnu_problems(folder: Path) -> list[str]:
    """The Nu Html Checker's errors in every HTML file under `folder`, Material's known ones left out."""
    jar = node_tool("vnu-jar/build/dist/vnu.jar")
    require("Java", shutil.which("java") is not None)
    result = subprocess.run(
        ["java", "-Xss16m", "-jar", str(jar), "--format", "json", "--skip-non-html", "--exit-zero-always", str(folder)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems, known = [], 0
    for message in messages:
        if message["type"] not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue
        text, extract = message.get("message", ""), message.get("extract", "")
        if any(re.search(m, text) and re.search(e, extract) for m, e in MATERIAL_EXCEPTIONS):
            known += 1
            continue
        where = message.get("url", "").split(str(folder), 1)[-1]
        problems.append(f"{where}:{message.get('lastLine', '?')}: {text}\n    {extract.strip()[:160]}")
    print(f"vnu: {len(problems)} errors, {known} known Material exceptions, {len(messages)} messages in all")
    return problems


def test_html_is_valid(built_site: Path):
    problems = vnu_problems(built_site)
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems[:25])


def test_search_partial_override_is_materials_plus_a_dialog_name():
    """overrides/partials/search.html is Material's own partial with one attribute added (an
    accessible name for the search dialog, axe rule aria-dialog-name). After a Material upgrade
    this fails until the copy is refreshed, so the override can never hide upstream changes."""
    from importlib.util import find_spec  # located, not imported: the test process stays free of MkDocs

    upstream = (Path(find_spec("material").origin).parent / "templates" / "partials" / "search.html").read_text()
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text()
    body = lambda text: text.split("-#}\n", 1)[1]  # noqa: E731 - both start with a comment header
    added = ' aria-label="{{ lang.t(\'search\') }}"'
    assert added in ours
    assert body(ours).replace(added, "", 1) == body(upstream)


# --- axe-core in Chromium -----------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.browser
@pytest.mark.parametrize(
    "scheme, viewport",
    [("light", {"width": 1280, "height": 900}), ("dark", {"width": 390, "height": 844})],
    ids=["light-desktop", "dark-phone"],
)
def test_no_serious_accessibility_violation_on_any_page(browser, built_site, site_url, scheme, viewport):
    """axe-core with the WCAG 2.0/2.1/2.2 A and AA rules on every page of the site; the light
    palette at desktop width, the dark palette (prefers-color-scheme) at phone width."""
    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    page = context.new_page()
    expected = "slate" if scheme == "dark" else "default"
    found = []
    try:
        for address in site_pages(built_site):
            page.goto(site_url + address, wait_until="load")
            assert page.evaluate("() => document.body.dataset.mdColorScheme") == expected, address
            found += axe_violations(page, "/" + address)
    finally:
        context.close()
    assert not found, f"{len(found)} serious or critical violations ({scheme}):\n" + "\n".join(found[:30])


def axe_violations(page, where: str, within: str | None = None) -> list[str]:
    """axe-core's serious and critical WCAG A/AA violations on the page as it is now (or in the
    part `within` selects)."""
    page.add_script_tag(path=str(node_tool("axe-core/axe.min.js")))
    violations = page.evaluate(
        """async ([tags, within]) => (await axe.run(within || document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
             .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => ({id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))}))""",
        [WCAG_TAGS, within],
    )
    return [f"{where} [{v['impact']}] {v['id']}: {v['help']}\n      " + "\n      ".join(v["nodes"]) for v in violations]


# --- Lighthouse ---------------------------------------------------------------------------

MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse_pages(project: Path) -> dict[str, str]:
    """The home page, the exercise with the most levels and the routine card with the most exercises
    (the heaviest of each kind), the card builder, and each walk-run plan's page."""
    from conftest import exercise_slugs, routine_slugs

    exercise = max(exercise_slugs(project), key=lambda s: len(read_data(project, f"exercises/{s}.yml")["levels"]))
    routine = max(routine_slugs(project), key=lambda s: len(read_data(project, f"exercises/routines/{s}.yml")["exercises"]))
    plans = {f"plan {p.stem}": f"{p.stem}/" for p in sorted((project / "exercises" / "plans").glob("*.yml"))}
    return {"home": "", "exercise": f"exercises/{exercise}/", "routine card": f"routines/{routine}/",
            "builder": "builder/", **plans}


def lighthouse(url: str, output: Path) -> dict:
    cli = node_tool("lighthouse/cli/index.js")
    chrome = chromium_path()
    require("Chromium", chrome is not None, CHROMIUM_HINT)
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(
        ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={output}", f"--chrome-flags={flags}",
         "--form-factor=mobile", "--only-categories=performance,accessibility,best-practices,seo"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chrome},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(output.read_text())
    scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
    failing = []
    for key, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{key}: {ref['id']} {audit['score']:.2f} {audit.get('displayValue', '')}".rstrip())
    metrics = {short: report["audits"][audit].get("displayValue") for short, audit in
               (("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"), ("TBT", "total-blocking-time"),
                ("CLS", "cumulative-layout-shift"), ("SI", "speed-index"))}
    return {"scores": scores, "below_full_marks": failing, "metrics": metrics}


@pytest.mark.browser
def test_lighthouse_mobile_scores(built_site, site_url, project, tmp_path, capsys):
    """Mobile Lighthouse on the home page, an exercise page and a routine card: accessibility,
    best practices and SEO 100, performance 95 or more. Timing on a busy two-core machine is
    noisy, so a page that misses only on performance is measured once more. The figures of this
    site go to build/lighthouse/, the fixture project's to build/lighthouse/fixture/."""
    pages_url = site_url
    results = RESULTS if project == ROOT else RESULTS / "fixture"
    results.mkdir(parents=True, exist_ok=True)
    figures, problems = {}, []
    for name, address in lighthouse_pages(project).items():
        for attempt in (1, 2):
            run = lighthouse(pages_url + address, tmp_path / f"{name.replace(' ', '-')}.json")
            low = {k: v for k, v in run["scores"].items() if v < MINIMUM[k]}
            if not low or set(low) != {"performance"}:
                break
        run["attempts"] = attempt
        figures[name] = run
        if low:
            problems.append(f"{name} (/{address}): {low}; " + "; ".join(run["below_full_marks"]))
    (results / "scores.json").write_text(json.dumps({"url": pages_url, "pages": figures}, indent=2) + "\n")
    lines = [f"{'page':<24}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}   metrics"]
    for name, run in figures.items():
        s = run["scores"]
        lines.append(f"{name:<24}{s['performance']:>6}{s['accessibility']:>6}{s['best-practices']:>6}{s['seo']:>6}   "
                     + ", ".join(f"{k} {v}" for k, v in run["metrics"].items()))
    table = "\n".join(lines)
    (results / "scores.txt").write_text(table + "\n")
    with capsys.disabled():  # the figures belong in the CI log, pass or fail
        print(f"\nLighthouse (mobile), also in {results.relative_to(ROOT)}/scores.json\n{table}")
    assert not problems, "\n".join(problems)
