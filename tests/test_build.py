"""Real `mkdocs build --strict` runs of the fixture project into temporary folders
(tests/site/test_site_build.py runs the tests of every page on this site's build)."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import PREFIX, ROOT, article_paths, exercise_slugs, mkdocs_build, read_data, routine_slugs
from exercise_site.builder_limits import LOG_TICKED


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") == "canonical"):
                self.urls.append(values[name])


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def test_every_exercise_has_its_page(built_site: Path, project: Path):
    assert exercise_slugs(project), "no exercise data found"
    for slug in exercise_slugs(project):
        page = built_site / "exercises" / slug / "index.html"
        assert page.is_file(), f"no page for exercises/{slug}.yml"
        html = page.read_text()
        assert re.search(r"<h2 [^>]*id=\"progression\">", html), slug
        assert "<table>" in html and "Level</th>" in html, f"{slug}: no progression table"
        assert re.search(r"<h2 [^>]*id=\"sources\">", html), f"{slug}: no sources"
        assert "Not a substitute for a clinician" in html


def test_every_routine_has_its_page(built_site: Path, project: Path):
    assert routine_slugs(project), "no routine data found"
    rule = read_data(project, "exercises/rules.yml")["pain"]["name"]  # the heading of the rule on a card
    for slug in routine_slugs(project):
        html = (built_site / "routines" / slug / "index.html").read_text()
        assert '<h2 id="tracking">' in html and "rx-qr-code" in html, slug
        assert f'<h2 id="{re.sub(r"[^a-z0-9]+", "-", rule.lower()).strip("-")}">' in html, f"{slug}: no heading for {rule}"


def test_every_card_has_a_pain_log_with_its_key_and_source(built_site: Path, project: Path):
    rule = read_data(project, "exercises/rules.yml")["pain"]
    sources = read_data(project, "exercises/sources.yml")
    for slug in routine_slugs(project):
        routine = read_data(project, f"exercises/routines/{slug}.yml")
        frequency = routine["frequency"]
        sessions = max(v[-1] if isinstance(v, list) else v for v in (frequency["per_week"], frequency.get("build_to", 0)))
        html = (built_site / "routines" / slug / "index.html").read_text()
        daily = sessions > LOG_TICKED  # a daily programme: two scores a day, no tick
        log = html.split(f'<table class="rx-log{" rx-log-daily" if daily else ""}">', 1)[1].split("</table>", 1)[0]
        heads = re.findall(r"<th[^>]*>(.*?)</th>", log.split("</thead>")[0])
        assert heads[1:sessions + 1] == [f"{'Day' if sessions == 7 else 'Session'} {n}" for n in range(1, sessions + 1)], slug
        columns = ["Dur.", "Morn."] if daily else ["Done", "During", "Morning"]
        labels = [re.sub(r"<[^>]+>", "", re.sub(r'<svg[^>]*aria-label="(\w+)".*', r"\1", h)) for h in heads[sessions + 1:]]
        assert labels == columns * sessions, slug
        start = log.split('<tbody class="rx-log-start">')[1].split("</tbody>")[0]
        assert ">Start</th>" in start and f'colspan="{len(columns) * sessions}"' in start, f"{slug}: no starting score row"
        body = log.split('<tbody class="rx-log-weeks">')[1]
        assert body.count("<tr>") == frequency.get("weeks", 6) and body.count("<td></td>") == len(columns) * sessions * frequency.get("weeks", 6)
        runs = re.search(r'<table[^>]*class="rx-log rx-runs"[^>]*>(.*?)</table>', html, re.S).group(1)
        assert re.findall(r"<th[^>]*>(.*?)</th>", runs) == ["Run date", "Distance or time", "During", "Morning"], f"{slug}: no run log"
        assert runs.count("<td></td>") >= 4 * 6, f"{slug}: room for fewer than six runs"
        assert rule["scale"].replace("(", "\\(") not in html, f"{slug}: Markdown escapes show in the pain rule"
        assert rule["scale"] in html
        for key in rule["sources"]:
            assert f"<em>{sources[key]['title']}" in html, f"{slug}: the pain rule's source {key} is not cited"


def test_index_lists_every_exercise(built_site: Path, project: Path):
    links = parse(built_site / "exercises" / "index.html").urls
    for slug in exercise_slugs(project):
        assert f"{slug}/" in links, f"exercise index does not link {slug}"


def test_routine_index_lists_every_routine(built_site: Path, project: Path):
    links = parse(built_site / "routines" / "index.html").urls
    for slug in routine_slugs(project):
        assert f"{slug}/" in links


def broken_links(site: Path, pages: list[Path]) -> list[str]:
    """Links and assets from `pages` that lead nowhere when `site` is served under PREFIX."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in pages:
        base = "http://site" + PREFIX + page.relative_to(site).as_posix()
        for url in parse(page).urls:
            parts = urlsplit(urljoin(base, url))
            if parts.netloc != "site":
                continue
            if not parts.path.startswith(PREFIX):
                broken.append(f"{page.relative_to(site)} -> {url} (outside the project prefix)")
                continue
            target = site / unquote(parts.path[len(PREFIX):])
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {url}")
            elif parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse(target).ids
                if parts.fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site)} -> {url} (no such anchor)")
    return broken


def test_no_broken_internal_link(built_site: Path):
    broken = broken_links(built_site, list(built_site.rglob("*.html")))
    assert not broken, "\n".join(broken[:30])


def test_no_third_party_requests(built_site: Path):
    offenders = []
    for page in built_site.rglob("*.html"):
        html = page.read_text()
        for match in re.finditer(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="(https?:)?//([^"/]+)', html):
            tag = match.group(0)
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                continue
            offenders.append(f"{page.relative_to(built_site)}: {tag[:120]}")
    for sheet in built_site.rglob("*.css"):
        if re.search(r"@import\s+url\(\s*['\"]?https?:|fonts\.googleapis", sheet.read_text()):
            offenders.append(str(sheet))
    assert not offenders, "\n".join(offenders[:20])


def test_templates_and_data_are_not_published(built_site: Path):
    assert not (built_site / "markdown").exists()
    assert not list(built_site.rglob("*.md")) and not list(built_site.rglob("*.yml"))


def test_generated_pages_are_not_written_into_content():
    generated = [p for p in (ROOT / "content").rglob("*.md") if p.relative_to(ROOT / "content").parts[0] in ("exercises", "routines")]
    assert not generated
    tracked = subprocess.run(["git", "ls-files", "site", "build"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked == ""


def test_bad_data_stops_the_build_and_names_the_field(project_copy: Path, tmp_path: Path):
    lift = project_copy / "exercises" / "heel-lift.yml"
    lift.write_text(lift.read_text().replace("levels:", "levls:", 1))
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "exercises/heel-lift.yml:" in result.stderr
    assert "levls: unknown field (did you mean 'levels'?)" in result.stderr
    assert "levels: is required but missing" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_bad_macro_in_article_stops_the_build(project_copy: Path, tmp_path: Path):
    article = project_copy / "content" / "getting-started.md"
    article.write_text(article.read_text() + "\n{{ exercise_card('no-such-exercise') }}\n")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "getting-started.md:" in result.stderr and "no exercise 'no-such-exercise'" in result.stderr


def test_cli_check_and_pages(project_copy: Path, tmp_path: Path):
    """Run in the project's folder, as `make check` and `make pages` run them."""
    env = {"PYTHONPATH": str(project_copy / "hooks")}
    check = subprocess.run([sys.executable, "-m", "exercise_site", "check"], capture_output=True, text=True, env=env, cwd=project_copy)
    assert check.returncode == 0, check.stderr
    assert f"ok: {len(exercise_slugs(project_copy))} exercises" in check.stdout
    pages = subprocess.run([sys.executable, "-m", "exercise_site", "pages", "--with-content", str(tmp_path / "out")],
                           capture_output=True, text=True, env=env, cwd=project_copy)
    assert pages.returncode == 0, pages.stderr
    assert all((tmp_path / "out" / "exercises" / f"{slug}.md").is_file() for slug in exercise_slugs(project_copy))
    with_macros = [path for path in article_paths(project_copy) if "{{" in (project_copy / "content" / path).read_text()]
    assert with_macros, "no article uses a macro"
    for path in with_macros:
        assert "{{" not in (tmp_path / "out" / path).read_text(), f"{path}: a macro left unexpanded"


def test_cli_check_fails_on_bad_data(project_copy: Path):
    (project_copy / "exercises" / "wall-lean.yml").write_text("name: [unclosed\n")
    env = {"PYTHONPATH": str(project_copy / "hooks")}
    result = subprocess.run([sys.executable, "-m", "exercise_site", "--root", str(project_copy), "check"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "exercises/wall-lean.yml:2:1: (YAML syntax)" in result.stderr
