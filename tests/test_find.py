"""Find and browse: the search words, the browse and condition pages, the catalogue filters,
on the fixture project (tests/fixtures/site/) and on synthetic catalogues.

The browser tests type into the site's own search box and tick the catalogue's own
checkboxes in Chromium, on a real build served under the project prefix. This site's own
queries, and the tests here re-run on its pages, are in tests/site/test_site_find.py.
"""
from __future__ import annotations

import os
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURE_SITE, PREFIX, ROOT
from exercise_site.catalogue import Catalogue, load_catalogue
from exercise_site.model import RESERVED_FILES, slugify
from exercise_site.problems import CatalogueError
from exercise_site.render import Renderer
from exercise_site.settings import Articles, read_settings

CATALOGUE = load_catalogue(FIXTURE_SITE / "exercises")
RED_FLAGS = Articles().red_flags  # the red flags article of a Renderer given no settings


@pytest.fixture(scope="module")
def catalogue(project: Path) -> Catalogue:
    """The catalogue of the project under test, for the tests tests/site/ runs again on this site."""
    return load_catalogue(project / "exercises")


# --- the vocabulary's search words -----------------------------------------------------


def test_every_vocabulary_word_is_written_once(catalogue):
    """vocabulary.yml's words as the data uses them: no word for the same thing twice in a list."""
    for words in ("muscles", "equipment", "positions", "kinds"):
        for entry in getattr(catalogue.vocabulary, words):
            found = [entry.everyday or "", *entry.also_called]
            assert entry.name not in found, entry.name
            assert len(set(found)) == len(found), entry.name


def test_at_a_glance_shows_the_everyday_words_and_links_the_browse_pages():
    pages = Renderer(CATALOGUE).pages()
    marching = pages["exercises/marching.md"]
    assert "[quadriceps](../browse/muscles/quadriceps.md) (quads)" in marching
    assert "[no equipment](../browse/equipment/no-equipment.md)" in marching
    assert "**Difficulty:** step 1" in marching
    heel_lift = pages["exercises/heel-lift.md"]
    assert "**Helps with:** [calf strain](../conditions/calf-strain.md)\n" in heel_lift
    assert "**Equipment:** none for level 1; [wall](../browse/equipment/wall.md) or [chair](../browse/equipment/chair.md) for level 2" in heel_lift
    assert "**Difficulty:** step 1 to 2" in heel_lift


# --- difficulty and progressions ---------------------------------------------------------


def test_difficulty_is_derived_from_the_progressions():
    steps = CATALOGUE.difficulty
    assert steps("heel-lift") == (1, 2) and steps("step-drop") == (3, 5)  # heel-lift: harder: [step-drop]
    assert steps("curl-up") == (1, 1) and steps("front-hold") == (2, 3)
    assert steps("marching") == (1, 1)  # no progression: its own levels only
    for slug, exercise in CATALOGUE.exercises.items():
        low, high = steps(slug)
        assert high - low + 1 == len(exercise.levels)
        for harder in exercise.harder:
            assert steps(harder)[0] > high, f"{harder} must start above {slug}"


def test_whole_progression_is_shown_when_it_is_longer_than_one_step(fixture_dir):
    (fixture_dir / "step.yml").write_text((fixture_dir / "bridge.yml").read_text().replace("name: Bridge", "name: Step up"))
    bridge = fixture_dir / "bridge.yml"
    bridge.write_text(bridge.read_text() + "harder: [step]\n")
    pages = Renderer(load_catalogue(fixture_dir)).pages()
    assert "**Whole progression:** [Clam](clam.md) → **Bridge** → [Step up](step.md)" in pages["exercises/bridge.md"]
    assert "**Whole progression:** **Clam** → [Bridge](bridge.md) → [Step up](step.md)" in pages["exercises/clam.md"]


def test_a_two_step_progression_is_left_to_easier_and_harder(fixture_dir):
    pages = Renderer(load_catalogue(fixture_dir)).pages()
    assert "Whole progression" not in pages["exercises/clam.md"]
    assert "**Harder:** [Bridge](bridge.md)" in pages["exercises/clam.md"]


def test_progressions_that_go_round_in_a_circle_are_an_error(fixture_dir):
    bridge = fixture_dir / "bridge.yml"
    bridge.write_text(bridge.read_text() + "harder: [clam]\n")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fixture_dir)
    messages = [str(p) for p in caught.value.problems]
    assert any(re.match(r"exercises/(clam|bridge)\.yml:\d+:\d+: harder\[0\]: progressions go round in a circle: ", m) for m in messages), messages


# --- condition pages: data checks ----------------------------------------------------------

CONDITION = """\
    condition: side ache
    name: Side ache
    summary: An ache at the side.
    also_called: [lateral ache syndrome, LAS, sore side]
    feels: [It aches when you lie on it.]
    activity_now: Run less for a week.
    starter: short
    how_long: Weeks to months.
    what_it_is: [It hurts on the side.]
    how_exercises_help: [Strength helps share the load.]
    see_a_professional: [It keeps getting worse.]
    routines: [short]
    sources: [manual]
"""


def write_condition(folder: Path, name: str, text: str) -> Path:
    (folder / "conditions").mkdir(exist_ok=True)
    path = folder / "conditions" / name
    path.write_text(textwrap.dedent(text))
    return path


def test_condition_pages_are_loaded_and_rendered(fixture_dir):
    write_condition(fixture_dir, "side-ache.yml", CONDITION)
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text() + "helps_with: [side ache]\n")
    catalogue = load_catalogue(fixture_dir)
    assert catalogue.conditions["side ache"].slug == "side-ache"
    pages = Renderer(catalogue).pages()
    page = pages["conditions/side-ache.md"]
    assert "# Side ache" in page and "Other names, and the words people use for it: lateral ache syndrome, LAS, sore side" in page
    assert "[Clam](../exercises/clam.md)" in page and "[Short routine](../routines/short.md)" in page
    assert f"(../{RED_FLAGS})" in page and "## Sources" in page
    assert "[side ache](../conditions/side-ache.md)" in pages["exercises/clam.md"]
    assert "conditions/index.md" in pages


@pytest.mark.parametrize("change, expected", [
    ("routines: [short]", "routines[0]: no routine 'shorty' in exercises/"),
    ("sources: [manual]", "sources[0]: no source 'manuel'"),
])
def test_condition_page_errors_name_file_line_and_field(fixture_dir, change, expected):
    wrong = {"routines: [short]": "routines: [shorty]", "sources: [manual]": "sources: [manuel]"}[change]
    path = write_condition(fixture_dir, "outer.yml", CONDITION.replace(change, wrong))
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if wrong.split(":")[0] + ":" in text)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fixture_dir)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(f"exercises/conditions/outer.yml:{line}:") and expected in m for m in messages), messages


def condition_problems(fixture_dir, helps_with: str, *pages: str) -> str:
    """The problems of the fixture with these condition pages and the clam helping with `helps_with`."""
    for name in pages:
        write_condition(fixture_dir, name, CONDITION)
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text() + f"helps_with: [{helps_with}]\n")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fixture_dir)
    return " ".join(str(p) for p in caught.value.problems)


def test_a_condition_in_use_needs_its_page_and_only_one(fixture_dir):
    messages = condition_problems(fixture_dir, "tennis elbow", "outer.yml", "outer-again.yml")
    assert "'side ache' already has its page in conditions/outer" in messages
    assert re.search(r"exercises/clam\.yml:\d+:\d+: helps_with\[0\]: no condition page for 'tennis elbow'", messages), messages


def test_a_misspelt_condition_names_the_exercise_and_the_closest_page(fixture_dir):
    messages = condition_problems(fixture_dir, "side aches", "outer.yml")
    assert "helps_with[0]: no condition page for 'side aches' (did you mean 'side ache'?)" in messages


@pytest.mark.parametrize("change, expected", [
    ("starter: short", "condition: add `starter:`"),
    ("starter: short", "give either a starter routine or the reason there is none"),
])
def test_a_condition_page_has_a_starter_card_or_says_why_not(fixture_dir, change, expected):
    wrong = "" if "add" in expected else "starter: short\n    no_starter: Be assessed first."
    write_condition(fixture_dir, "outer.yml", CONDITION.replace(change, wrong))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fixture_dir)
    assert expected in " ".join(str(p) for p in caught.value.problems)


def test_a_starter_card_holds_two_to_four_exercises(fixture_dir):
    routine = fixture_dir / "routines" / "short.yml"
    text = routine.read_text()
    routine.write_text(text[:text.index("  - exercise: clam")] + "sources: [manual]\n")
    write_condition(fixture_dir, "outer.yml", CONDITION)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fixture_dir)
    assert "starter: the starter routine 'short' has 1 exercises; a starter card has 2 to 4" in " ".join(str(p) for p in caught.value.problems)


# --- the built site: browse pages ------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.main = 0
        self.in_main: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "article":
            self.main += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
            if self.main:
                self.in_main.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.main -= 1


def links_of(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


BROWSE_FOLDERS = ["browse/muscles", "browse/equipment", "conditions"]


def browse_pages(site: Path) -> list[Path]:
    return sorted(p for folder in BROWSE_FOLDERS for p in (site / folder).rglob("index.html"))


def test_every_browse_page_links_only_existing_pages(built_site: Path, catalogue):
    from test_build import broken_links

    pages = browse_pages(built_site)
    assert len(pages) > len(catalogue.used("muscle")) + len(catalogue.used("equipment")) + len(catalogue.conditions)
    broken = broken_links(built_site, pages)
    assert not broken, "\n".join(broken)


def test_browse_indexes_link_every_value_page_and_the_nav_links_the_indexes(built_site: Path):
    for folder in BROWSE_FOLDERS:
        index = built_site / folder / "index.html"
        linked = {urlsplit(h).path.rstrip("/") for h in links_of(index).in_main}
        for page in (built_site / folder).glob("*/index.html"):
            assert page.parent.name in linked, f"{folder}/ does not link {page.parent.name}"
    home = links_of(built_site / "index.html").links
    for folder in BROWSE_FOLDERS:
        assert any(h.rstrip("/").endswith(folder) for h in home), f"the nav does not reach {folder}/"


def test_every_muscle_equipment_and_condition_in_use_has_its_page(built_site: Path, catalogue, project: Path):
    for muscle in catalogue.used("muscle"):
        assert (built_site / "browse/muscles" / slugify(muscle) / "index.html").is_file(), muscle
    for item in catalogue.used("equipment"):
        assert (built_site / "browse/equipment" / slugify(item) / "index.html").is_file(), item
    assert (built_site / "browse/equipment/no-equipment/index.html").is_file()
    red_flags = read_settings(project).articles.red_flags.removesuffix(".md") + "/"
    for condition, page in catalogue.conditions.items():
        html = (built_site / "conditions" / page.slug / "index.html").read_text()
        for heading in ("what-to-do-now", "when-to-see-someone", "what-it-is", "how-exercises-can-help", "sources"):
            assert f'id="{heading}"' in html, f"{condition}: no {heading} section"
        assert red_flags in html, f"{condition}: no link to the red flags article"
        for ex in catalogue.exercises_for("condition", condition):
            assert f"exercises/{ex.slug}/" in html, f"{condition} page does not list {ex.slug}"


def test_catalogue_without_javascript_is_the_full_table(built_site: Path, catalogue):
    html = (built_site / "exercises" / "index.html").read_text()
    form = re.search(r"<form class=\"rx-filters\"[^>]*>", html).group(0)
    assert " hidden" in form
    rows = re.findall(r"<tr [^>]*data-muscle=", html)
    assert len(rows) == len(catalogue.exercises)
    assert 'aria-live="polite"' in html


def test_catalogue_thumbnails_are_cached_files_loaded_lazily(built_site: Path, catalogue):
    """One SVG file per exercise (api/figures/<slug>.svg), not an inline copy in every row: each
    row's image is lazy, sized (no layout shift) and decorative (its name is beside it), and each
    file draws in its own colours on its own plate, since an <img> cannot take the page's."""
    html = (built_site / "exercises" / "index.html").read_text()
    images = re.findall(r'<span class="rx-ex-fig">(<img [^>]*>)</span>', html)
    assert len(images) == len(catalogue.exercises) and "<svg" not in html.split('class="rx-catalogue"', 1)[1].split("</table>")[0]
    for image in images:
        assert 'loading="lazy"' in image and 'alt=""' in image and re.search(r' height="\d+"', image) and re.search(r' width="\d+"', image), image
        src = re.search(r'src="([^"]+)"', image).group(1)
        assert (built_site / "exercises" / src).resolve() == (built_site / "api" / "figures" / Path(src).name).resolve()
    for slug in catalogue.exercises:
        svg = (built_site / "api" / "figures" / f"{slug}.svg").read_text()
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "currentColor" not in svg
        assert re.search(r'<rect [^>]*fill="#f4f5f7"', svg), "a light plate behind the lines"


def search_index(site: Path) -> list[dict]:
    import json

    return json.loads((site / "search" / "search_index.json").read_text())["docs"]


def test_search_leaves_out_what_repeats_on_every_page(built_site: Path):
    """The index keeps what tells pages apart; boilerplate and lists of other pages stay out,
    so it stays small (and quick on a phone) however many exercises there are."""
    docs = search_index(built_site)
    exercise_docs = [d for d in docs if re.match(r"exercises/[^/]+/", d["location"])]
    anchors = {d["location"].split("#", 1)[1] for d in exercise_docs if "#" in d["location"]}
    assert {"at-a-glance", "form-cues"} <= anchors
    left_out = {"progression", "when-to-move-up-or-step-back", "stop-if", "related-exercises", "routines-that-use-it", "sources"}
    assert not anchors & left_out and not any(a.startswith("level-") for a in anchors), anchors
    text = " ".join(d["text"] for d in exercise_docs)
    assert "Print this page" not in text and "A burning feeling" not in text and "Not a substitute" not in text
    heel_lift = " ".join(d["title"] + " " + d["text"] for d in exercise_docs if d["location"].startswith("exercises/heel-lift/"))
    assert "Also called Heel raise" in heel_lift and "calves" in heel_lift
    for doc in docs:
        if doc["location"].startswith(("browse/muscles/", "browse/equipment/")):
            assert "What it is Kind Difficulty" not in doc["text"], doc["location"]


# --- Chromium: the query list ------------------------------------------------------------------


def search(page, query: str) -> list[str]:
    """Type `query` into the search box like a reader; the result pages, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.wait_for_function("() => /Type/.test(document.querySelector('.md-search-result__meta').textContent)")
    box.type(query, delay=15)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q"
        " && !/Type|Initializing/.test(document.querySelector('.md-search-result__meta').textContent)", arg=query)
    read = "els => els.map(e => e.querySelector('a').getAttribute('href'))"
    found, previous = None, []
    for _ in range(20):  # results settle once the worker has answered the last keystroke
        page.wait_for_timeout(150)
        found = page.eval_on_selector_all(".md-search-result__list > li", read)
        if found == previous:
            break
        previous = found
    return [urlsplit(href).path.split(PREFIX, 1)[-1] for href in found]


def misses_of(page, site_url, queries) -> list[str]:
    """The queries whose wanted page is not among the first three results, each with what came instead."""
    page.goto(site_url)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')")
    misses = []
    for query, wanted in queries:
        top = search(page, query)[:3]
        if not any(address in wanted.split("|") for address in top):
            misses.append(f"{query!r}: wanted {wanted}, got {top}")
    return misses


# What the search worker does with a query (overrides/assets/search-worker.js), each on a word of the
# fixture project: the page wanted among the first three ("a|b" where either will do).
FIXTURE_QUERIES = [
    ("heel lifts", "exercises/heel-lift/"),  # a plural becomes the singular the site uses
    ("ankle circles", "exercises/ankle-circle/"),
    ("curl-ups", "exercises/curl-up/"),  # a hyphen splits, then the plural
    ("curl up", "exercises/curl-up/"),
    ("warmup", "exercises/marching/|browse/muscles/quadriceps/"),  # run-together words take their halves
    ("stabilising muscles", "getting-started/"),  # the other side's spelling
    ("heel-raise", "exercises/heel-lift/"),  # an exercise's other name
    ("towel scrunch", "exercises/towel-grip/"),
    ("dumbbells", "browse/equipment/hand-weights/"),  # the vocabulary's everyday words and also_called
    ("shin muscle", "browse/muscles/tibialis-anterior/"),
    ("yoga mat", "browse/equipment/exercise-mat/"),
    ("pulled calf", "conditions/calf-strain/"),  # a condition page's also_called
    ("torn achilles", "conditions/achilles-rupture/"),
    ("when to get help", "red-flags/"),
]


def test_queries_find_their_page_in_the_top_three(page, site_url):
    misses = misses_of(page, site_url, FIXTURE_QUERIES)
    assert not misses, "\n".join(misses)


def test_a_page_matching_more_of_the_words_ranks_first(page, site_url):
    """"calf" alone has better pages than the wall lean; the page that matches calf, stretch and wall comes first."""
    page.goto(site_url)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')")
    assert search(page, "calf")[0] != "exercises/wall-lean/"
    assert search(page, "calf stretch wall")[0] == "exercises/wall-lean/"


def test_search_results_show_the_summary_not_navigation_or_figure_text(page, site_url):
    page.goto(site_url)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')")
    for query, slug in [("step drop", "step-drop"), ("towel grip", "towel-grip")]:
        assert search(page, query)[0] == f"exercises/{slug}/"
        teaser = " ".join(page.locator(".md-search-result__list > li").first.locator("article").first.inner_text().split())
        assert CATALOGUE.exercises[slug].summary[:40] in teaser, teaser
    search(page, "heel lift")
    teasers = " ".join(page.locator(".md-search-result__list").inner_text().split())
    assert "drawn faded" not in teasers and "Skip to content" not in teasers


# --- Chromium: the catalogue filters --------------------------------------------------------------


def expected(muscle=(), equipment=(), position=(), kind=(), low=1, high=None, catalogue=CATALOGUE) -> int:
    """How many exercises the data says match a set of filters."""
    high = high or catalogue.hardest_step()
    count = 0
    for ex in catalogue.exercises.values():
        gear = [slugify(e) for e in catalogue.equipment_of(ex)] + (["none"] if catalogue.needs_no_equipment(ex) else [])
        lo, hi = catalogue.difficulty(ex.slug)
        if (not muscle or {slugify(m) for m in ex.muscles} & set(muscle)) \
                and (not equipment or set(gear) & set(equipment)) \
                and (not position or slugify(ex.position) in position) \
                and (not kind or slugify(ex.kind) in kind) \
                and lo <= high and hi >= low:
            count += 1
    return count


def shown(page) -> int:
    return page.locator(".rx-catalogue tbody tr:not([hidden])").count()


def state(page) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("location.search").lstrip("?"))


COMBINATIONS = [
    {"muscle": ["calves"]},
    {"muscle": ["quadriceps", "core"]},
    {"equipment": ["none"]},
    {"equipment": ["wall", "chair"]},
    {"position": ["standing"], "kind": ["strength"]},
    {"muscle": ["calves"], "equipment": ["none"], "position": ["standing"]},
    {"position": ["lying-on-your-back", "face-down"], "kind": ["strength"]},
    {"kind": ["stretch"], "equipment": ["wall"]},
    {"muscle": ["calves"], "from": ["2"]},
    {"from": ["2"], "to": ["4"]},
]


@pytest.mark.parametrize("filters", COMBINATIONS, ids=lambda f: "&".join(f"{k}={'+'.join(v)}" for k, v in f.items()))
def test_filter_combinations_match_the_data_and_round_trip_through_the_address(page, site_url, filters):
    page.goto(site_url + "exercises/")
    page.wait_for_selector("form.rx-filters:not([hidden])")
    total = len(CATALOGUE.exercises)
    assert shown(page) == total and page.locator(".rx-count").inner_text() == f"{total} exercises"
    for facet in ("muscle", "equipment", "position", "kind"):
        for value in filters.get(facet, []):
            page.locator(f'input[name="{facet}"][value="{value}"]').check()
    for name in ("from", "to"):
        if name in filters:
            page.locator(f'select[name="{name}"]').select_option(filters[name][0])
    want = expected(**{k: v for k, v in filters.items() if k not in ("from", "to")},
                    low=int(filters.get("from", ["1"])[0]), high=int(filters["to"][0]) if "to" in filters else None)
    assert want > 0, "choose combinations the data can answer"
    assert shown(page) == want
    count = page.locator(".rx-count").inner_text()
    assert count == (f"{total} exercises" if want == total else f"Showing {want} of {total} exercises")
    assert {k: sorted(v) for k, v in state(page).items()} == {k: sorted(v) for k, v in filters.items()}

    # The address alone rebuilds the same view: share it, open it in a fresh tab.
    fresh = page.context.new_page()
    fresh.goto(page.evaluate("location.href"))
    fresh.wait_for_selector("form.rx-filters:not([hidden])")
    assert shown(fresh) == want and fresh.locator(".rx-count").inner_text() == count
    for facet in ("muscle", "equipment", "position", "kind"):
        ticked = fresh.eval_on_selector_all(f'input[name="{facet}"]:checked', "els => els.map(e => e.value)")
        assert sorted(ticked) == sorted(filters.get(facet, []))
    fresh.close()


def test_no_match_says_so_and_clearing_restores_everything(page, site_url):
    page.goto(site_url + "exercises/?kind=stretch&equipment=step")
    page.wait_for_selector("form.rx-filters:not([hidden])")
    assert expected(kind=["stretch"], equipment=["step"]) == 0
    assert shown(page) == 0 and "No exercise matches" in page.locator(".rx-count").inner_text()
    page.get_by_role("button", name="Clear all filters").click()
    page.wait_for_function("() => !location.search")
    assert shown(page) == len(CATALOGUE.exercises)


def test_filters_work_with_the_keyboard_and_announce_the_count(page, site_url):
    page.goto(site_url + "exercises/")
    page.wait_for_selector("form.rx-filters:not([hidden])")
    status = page.locator(".rx-count")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    # Every control has a name a screen reader can read, inside a group with a legend.
    for group in ("Muscle", "Equipment", "Body position", "Kind"):
        assert page.get_by_role("group", name=group).count() == 1
    box = page.get_by_role("checkbox", name=re.compile(r"^quadriceps \(quads\)"))
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert status.inner_text() == f"Showing {expected(muscle=['quadriceps'])} of {len(CATALOGUE.exercises)} exercises"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the next muscle in vocabulary.yml: calves
    assert state(page)["muscle"] == ["quadriceps", "calves"]
    page.get_by_role("combobox", name="From step").select_option("2")
    assert shown(page) == expected(muscle=["quadriceps", "calves"], low=2)


def test_catalogue_without_javascript_in_the_browser(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "exercises/?muscle=core")
    assert not tab.locator("form.rx-filters").is_visible()
    assert tab.locator(".rx-catalogue tbody tr").count() == len(CATALOGUE.exercises)
    assert tab.locator(".rx-catalogue tbody tr").first.is_visible()
    context.close()


def ticked_boxes(page) -> dict[str, list[str]]:
    found = page.eval_on_selector_all("form.rx-filters input:checked", "els => els.map(e => [e.name, e.value])")
    out: dict[str, list[str]] = {}
    for name, value in found:
        out.setdefault(name, []).append(value)
    return out


def open_catalogue(page, site_url, query=""):
    page.goto(site_url + "exercises/" + query)
    page.wait_for_selector("form.rx-filters:not([hidden])")


def test_back_undoes_each_change_then_leaves_the_catalogue(page, site_url):
    page.goto(site_url)
    open_catalogue(page, site_url)
    total = len(CATALOGUE.exercises)
    page.locator('input[name="muscle"][value="calves"]').check()
    page.locator('input[name="equipment"][value="none"]').check()
    page.locator('select[name="from"]').select_option("2")
    assert shown(page) == expected(muscle=["calves"], equipment=["none"], low=2)

    page.go_back()
    page.wait_for_function("() => !/from=/.test(location.search)")
    assert page.locator('select[name="from"]').input_value() == "1"
    assert ticked_boxes(page) == {"muscle": ["calves"], "equipment": ["none"]}
    assert shown(page) == expected(muscle=["calves"], equipment=["none"])
    page.go_back()
    page.wait_for_function("() => !/equipment=/.test(location.search)")
    assert ticked_boxes(page) == {"muscle": ["calves"]}
    want = expected(muscle=["calves"])
    assert shown(page) == want and page.locator(".rx-count").inner_text() == f"Showing {want} of {total} exercises"
    page.go_back()
    page.wait_for_function("() => !location.search")
    assert ticked_boxes(page) == {} and shown(page) == total
    assert page.locator(".rx-count").inner_text() == f"{total} exercises"
    page.go_back()  # one more leaves the catalogue for the page before it
    page.wait_for_load_state()
    assert urlsplit(page.url).path == PREFIX

    page.go_forward()
    page.wait_for_selector("form.rx-filters:not([hidden])")
    page.go_forward()
    page.wait_for_function("() => /muscle=/.test(location.search)")
    assert ticked_boxes(page) == {"muscle": ["calves"]}
    assert shown(page) == want


def test_clearing_is_one_step_back(page, site_url):
    open_catalogue(page, site_url, "?kind=stretch&kind=warm-up")
    page.get_by_role("button", name="Clear all filters").click()
    page.wait_for_function("() => !location.search")
    page.go_back()
    page.wait_for_function("() => /kind=/.test(location.search)")
    assert sorted(ticked_boxes(page)["kind"]) == ["stretch", "warm-up"]
    assert shown(page) == expected(kind=["stretch", "warm-up"]) < len(CATALOGUE.exercises)


def range_shown(page) -> tuple[str, str]:
    return page.locator('select[name="from"]').input_value(), page.locator('select[name="to"]').input_value()


def test_a_range_written_the_wrong_way_round_shows_what_is_applied(page, site_url):
    top = CATALOGUE.hardest_step()
    assert top >= 4, "the catalogue's hardest step"
    # The whole range, written backwards: the controls show 1 to the top, the address drops it.
    open_catalogue(page, site_url, f"?from={top}&to=1")
    assert range_shown(page) == ("1", str(top))
    assert shown(page) == len(CATALOGUE.exercises) and state(page) == {}
    # Part of the range, backwards: swapped in the controls and in the address.
    open_catalogue(page, site_url, "?muscle=calves&from=4&to=2")
    assert range_shown(page) == ("2", "4")
    assert state(page) == {"muscle": ["calves"], "from": ["2"], "to": ["4"]}
    assert shown(page) == expected(muscle=["calves"], low=2, high=4)
    assert "steps 2–4" in page.locator(".rx-applied").text_content()


def test_moving_one_end_of_the_range_past_the_other_takes_it_along(page, site_url):
    open_catalogue(page, site_url)
    page.locator('select[name="to"]').select_option("2")
    page.locator('select[name="from"]').select_option("4")
    assert range_shown(page) == ("4", "4") and state(page) == {"from": ["4"], "to": ["4"]}
    assert shown(page) == expected(low=4, high=4)
    page.locator('select[name="to"]').select_option("1")
    assert range_shown(page) == ("1", "1") and shown(page) == expected(low=1, high=1)


def box_counts(page) -> dict[tuple[str, str], int]:
    found = page.eval_on_selector_all(
        "form.rx-filters input[type=checkbox]",
        "els => els.map(e => [e.name, e.value, e.parentNode.querySelector('.rx-n').textContent])")
    return {(name, value): int(text.strip("()")) for name, value, text in found}


def faceted(filters: dict[str, list[str]], facet: str, value: str, low=1, high=None) -> int:
    """The rule catalogue.js documents: the other groups' ticks and the range, plus this value."""
    others = {k: v for k, v in filters.items() if k != facet}
    return expected(**others, **{facet: [value]}, low=low, high=high)


def test_the_count_beside_each_box_is_what_it_would_give_now(page, site_url, built_site):
    open_catalogue(page, site_url)
    # Before any tick the counts are the totals the page was built with (and shows without JavaScript).
    html = (built_site / "exercises" / "index.html").read_text()
    built = {(m.group(1), html_unescape(m.group(2))): int(m.group(3)) for m in re.finditer(
        r'<input type="checkbox" name="(\w+)" value="([^"]+)">[^<]*<span class="rx-n">\((\d+)\)</span>', html)}
    assert built and box_counts(page) == built
    steps = [
        ({"kind": ["stretch"]}, 1, None),
        ({"kind": ["stretch"], "equipment": ["none"]}, 1, None),
        ({"kind": ["stretch", "strength"], "equipment": ["none"], "muscle": ["calves"]}, 1, None),
        ({"kind": ["stretch", "strength"], "equipment": ["none"], "muscle": ["calves"]}, 2, 3),
    ]
    for filters, low, high in steps:
        for facet, values in filters.items():
            for value in values:
                page.locator(f'input[name="{facet}"][value="{value}"]').check()
        if (low, high) != (1, None):
            page.locator('select[name="from"]').select_option(str(low))
            page.locator('select[name="to"]').select_option(str(high))
        counts = box_counts(page)
        wrong = {key: (n, faceted(filters, *key, low=low, high=high)) for key, n in counts.items()
                 if n != faceted(filters, *key, low=low, high=high)}
        assert not wrong, f"{filters}, steps {low}-{high}: (shown, expected) {wrong}"
    # A tick in one group changes the counts in another, not in its own.
    open_catalogue(page, site_url)
    before = box_counts(page)
    page.locator('input[name="kind"][value="stretch"]').check()
    after = box_counts(page)
    assert after[("equipment", "step")] < before[("equipment", "step")]
    assert after[("kind", "strength")] == before[("kind", "strength")]


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
COLUMNS = ["kind", "muscles", "equipment", "position", "difficulty"]  # after the name, as the table shows them


def widest_row(catalogue) -> dict[str, str]:
    """The catalogue row (as the page's table shows it) with the most text: the hardest to fit."""
    data = Renderer(catalogue).catalogue_data()
    rows = [dict(zip(data["fields"], row)) for row in data["rows"]]
    return max(rows, key=lambda row: sum(len(str(row[key])) for key in ["name", *COLUMNS]))


def test_on_a_phone_each_row_is_a_card_without_sideways_scrolling(browser, site_url, catalogue):
    widest = widest_row(catalogue)
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    try:
        open_catalogue(tab, site_url)
        widths = tab.evaluate("""() => ({page: document.documentElement.scrollWidth, view: innerWidth,
            wrap: [...document.querySelectorAll('.rx-catalogue .md-typeset__scrollwrap, .rx-catalogue table')]
                  .map(e => e.scrollWidth - e.clientWidth)})""")
        assert widths["page"] <= widths["view"] and all(extra <= 0 for extra in widths["wrap"]), widths
        row = tab.locator(f'.rx-catalogue tbody tr[data-slug="{widest["slug"]}"]')
        cells = [row.locator("td").nth(i).bounding_box() for i in range(6)]
        assert all(c["x"] >= 0 and c["x"] + c["width"] <= PHONE["width"] for c in cells), cells
        # The name on top, the rest below it, each under its column's name.
        assert all(c["y"] >= cells[0]["y"] + cells[0]["height"] for c in cells[1:])
        labels = row.locator("td").evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
        assert labels[1:] == ['"Kind" / ""', '"Main muscles" / ""', '"Equipment" / ""', '"Position" / ""', '"Difficulty" / ""'], labels
        assert tab.locator(".rx-catalogue thead").bounding_box()["height"] <= 1
        # Screen readers still get a table: column headers, and cells without the drawn labels.
        header = accessibility_row(tab, tab.locator(".rx-catalogue thead tr"))
        assert header == ["Exercise", "Kind", "Main muscles", "Equipment", "Position", "Difficulty"], header
        cells = accessibility_row(tab, row)
        assert cells[0].endswith(widest["name"]), cells
        assert cells[1:] == [widest[key] for key in COLUMNS], cells
    finally:
        context.close()


def test_on_a_phone_without_javascript_the_cards_read_their_labels(browser, site_url, catalogue):
    widest = widest_row(catalogue)
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(site_url + "exercises/")
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        row = tab.locator(f'.rx-catalogue tbody tr[data-slug="{widest["slug"]}"]')
        assert row.locator("td").nth(3).evaluate("td => getComputedStyle(td, '::before').content") == '"Equipment"'
        cells = accessibility_row(tab, row)
        assert cells[0].endswith(widest["name"]), cells
        assert cells[3] == f"Equipment {widest['equipment']}", cells
    finally:
        context.close()


def accessibility_row(tab, row) -> list[str]:
    """One table row as Chromium hands it to screen readers: its header or cell names. Asked of
    each cell, since the full tree may leave out rows the page has not drawn yet."""
    # Rows far out of view are not rendered (content-visibility), so not in the tree: bring it in.
    row.scroll_into_view_if_needed()
    tab.wait_for_function("tr => tr.checkVisibility()", arg=row.element_handle())
    row.evaluate("tr => tr.setAttribute('data-ax-probe', '')")
    cdp = tab.context.new_cdp_session(tab)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    cells = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-ax-probe] > th, [data-ax-probe] > td"})["nodeIds"]
    # Chromium builds a cell's accessible node after layout; a row just scrolled in may not have all of
    # them yet. Ask again, a frame later each time, until every cell has its role (at most 300 frames).
    for _ in range(300):
        names = []
        for cell in cells:
            node = cdp.send("Accessibility.getPartialAXTree", {"nodeId": cell, "fetchRelatives": False})["nodes"][0]
            if node.get("role", {}).get("value") in ("cell", "columnheader", "rowheader"):
                names.append(node.get("name", {}).get("value", ""))
        if len(names) == len(cells):
            break
        tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    row.evaluate("tr => tr.removeAttribute('data-ax-probe')")
    return names


def accessibility_rows(tab) -> list[list[str]]:
    """The table as Chromium hands it to screen readers: each row's header or cell names."""
    cdp = tab.context.new_cdp_session(tab)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {n["nodeId"]: n for n in nodes}

    def children(node):
        for child in node.get("childIds", []):
            if child not in by_id:
                continue
            if by_id[child].get("ignored"):
                yield from children(by_id[child])
            else:
                yield by_id[child]

    rows = [n for n in nodes if n.get("role", {}).get("value") == "row"]
    return [[c.get("name", {}).get("value", "") for c in children(row)
             if c.get("role", {}).get("value") in ("cell", "columnheader")] for row in rows]


SHORT_NAME = 20  # characters (three short words): a name no longer stays on one line at desktop width


def test_on_a_desktop_every_name_stays_beside_its_thumbnail(browser, site_url, catalogue):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    try:
        open_catalogue(tab, site_url)
        extra = tab.evaluate("""() => [...document.querySelectorAll('.rx-catalogue .md-typeset__scrollwrap')]
            .map(e => e.scrollWidth - e.clientWidth).concat([document.documentElement.scrollWidth - innerWidth])""")
        assert all(e <= 0 for e in extra), extra
        assert tab.locator(".rx-catalogue thead").is_visible()
        for slug, exercise in catalogue.exercises.items():
            name = exercise.name
            row = tab.locator(f'.rx-catalogue tbody tr[data-slug="{slug}"]')
            link = row.get_by_role("link", name=name).bounding_box()
            thumb = row.locator(".rx-ex-fig img").bounding_box()
            line = float(row.get_by_role("link", name=name).evaluate("a => parseFloat(getComputedStyle(a).lineHeight)"))
            if len(name) <= SHORT_NAME:  # a longer name may wrap, still beside its thumbnail
                assert link["height"] < 1.5 * line, f"{name} breaks over two lines"
            assert link["x"] >= thumb["x"] + thumb["width"], f"{name} is not beside its thumbnail"
            assert link["y"] < thumb["y"] + thumb["height"] and thumb["y"] < link["y"] + link["height"]
            # The other columns stay in one row beside the name.
            kind = row.locator("td").nth(1).bounding_box()
            assert kind["x"] > link["x"] + link["width"] and abs(kind["y"] - row.bounding_box()["y"]) < 2
    finally:
        context.close()


def test_a_printed_filtered_catalogue_names_its_filters(page, site_url):
    from conftest import pdf_info

    open_catalogue(page, site_url, "?muscle=quadriceps&equipment=none&from=1&to=3")
    applied = page.locator(".rx-applied")
    line = "Filters: Muscle: quadriceps (quads); Equipment: no equipment; Difficulty steps 1–3"
    assert " ".join(applied.text_content().split()) == line
    assert not applied.is_visible(), "on screen the form itself shows the filters"
    page.emulate_media(media="print")
    assert applied.is_visible() and not page.locator("form.rx-filters").is_visible()
    want = expected(muscle=["quadriceps"], equipment=["none"], high=3)
    _, text = pdf_info(page.pdf(format="A4"))
    flat = " ".join(text.split())
    assert f"Showing {want} of {len(CATALOGUE.exercises)} exercises" in flat
    assert line in flat, flat[:600]
    # Unfiltered, nothing is printed about filters.
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Clear all filters").click()
    page.wait_for_function("() => !location.search")
    page.emulate_media(media="print")
    assert not applied.is_visible() and applied.text_content() == ""


# --- Chromium: exercise pages -----------------------------------------------------------------


def test_exercise_pages_have_the_print_button(page, site_url):
    page.goto(f"{site_url}exercises/heel-lift/")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button = page.get_by_role("button", name="Print this page")
    assert button.is_visible() and "rx-print" in button.get_attribute("class")
    button.click()
    assert page.evaluate("() => window.__printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible()


def test_exercise_print_button_is_hidden_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}exercises/heel-lift/")
    assert tab.locator("button.rx-print").count() == 1 and not tab.locator("button.rx-print").is_visible()
    context.close()


# --- a large catalogue: 300 exercises, the fixture's and numbered copies ------------------------
# Long lists are paged (render.LIST_PAGE rows a page): the catalogue and the larger browse pages
# have three pages each. Built once for the module: its tests are marked `build`.


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The benchmark's synthetic catalogue (tests/benchmarks/run.py) at 300 exercises of the fixture project, built."""
    import sys

    from conftest import SITE_URL, mkdocs_build

    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    from run import synthetic_project

    scratch = tmp_path_factory.mktemp("large")
    project = synthetic_project(scratch / "project", 300, FIXTURE_SITE)
    result = mkdocs_build(project, scratch / "site", env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr[-3000:]
    return project, scratch / "site"


def listed_exercises(page: Path) -> list[str]:
    """The exercise pages a listing's table rows link, in order (one per row)."""
    html = page.read_text(encoding="utf-8")
    body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr[ >].*?</tr>", body, re.DOTALL)
    out = []
    for row in rows:
        links = re.findall(r'<a href="([^"]+)"', row)
        assert links, row[:200]
        out.append(urlsplit(links[0]).path.rstrip("/").rsplit("/", 1)[-1])
    return out


def list_pages(first: Path) -> list[Path]:
    """A list's pages in order, found as a reader without JavaScript finds them: by following "Next"."""
    pages = [first]
    while match := re.search(r'<a href="([^"]+)" rel="next">Next</a>', pages[-1].read_text(encoding="utf-8")):
        following = Path(os.path.normpath(pages[-1].parent / match.group(1))) / "index.html"
        assert following not in pages, following
        pages.append(following)
    return pages


@pytest.mark.build  # large_site builds a whole site
def test_a_large_catalogue_lists_every_exercise_once_over_its_pages(large_site):
    from exercise_site.render import LIST_PAGE

    project, site = large_site
    slugs = {p.stem for p in (project / "exercises").glob("*.yml") if p.name not in RESERVED_FILES}
    assert len(slugs) == 300
    pages = list_pages(site / "exercises" / "index.html")
    assert [p.relative_to(site).as_posix() for p in pages] == [
        "exercises/index.html", "exercises/page/2/index.html", "exercises/page/3/index.html"]
    listed = [listed_exercises(page) for page in pages]
    assert [len(rows) for rows in listed] == [LIST_PAGE] * 3
    every = [slug for rows in listed for slug in rows]
    assert len(every) == len(set(every)) == 300 and set(every) == slugs
    for number, page in enumerate(pages, 1):
        html = page.read_text(encoding="utf-8")
        assert f"Page {number} of 3: exercises {(number - 1) * LIST_PAGE + 1} to {number * LIST_PAGE} of 300." in html
        assert html.count('aria-current="page"') == 2  # the pager above the table and the one below
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title.startswith("Exercises - " if number == 1 else f"Exercises: page {number} - "), title
    # Only the first page is searched: the others would only repeat the exercises' own pages.
    import json

    searched = {doc["location"].split("#")[0] for doc in json.loads((site / "search" / "search_index.json").read_text())["docs"]}
    assert "exercises/" in searched and not any("/page/" in location for location in searched)


@pytest.mark.build  # large_site builds a whole site
def test_large_browse_pages_list_their_exercises_once_easiest_first(large_site):
    from exercise_site.render import LIST_PAGE

    project, site = large_site
    catalogue = load_catalogue(project / "exercises")
    seen: set[str] = set()
    paged = 0
    for first in sorted((site / "browse").glob("*/*/index.html")):
        if first.parent.name == "page":
            continue
        pages = list_pages(first)
        paged += len(pages) > 1
        rows = [listed_exercises(page) for page in pages]
        assert all(len(r) == LIST_PAGE for r in rows[:-1]) and 0 < len(rows[-1]) <= LIST_PAGE, first
        listed = [slug for r in rows for slug in r]
        assert len(listed) == len(set(listed)), first
        steps = [catalogue.difficulty(slug) for slug in listed]
        assert steps == sorted(steps), f"{first}: not easiest first across its pages"
        if first.parent.parent.name == "muscles":
            seen.update(listed)
    assert paged >= 2, "the 300-exercise site should have browse pages longer than one page"
    assert seen == set(catalogue.exercises)
    # A condition page's first table (the exercises the sources use for it) goes on the same way.
    for name, condition in catalogue.conditions.items():
        if not catalogue.exercises_for("condition", name):
            continue  # then its first table is the one for the muscles involved
        pages = list_pages(site / "conditions" / condition.slug / "index.html")
        listed = [slug for page in pages for slug in listed_exercises(page)]
        assert sorted(listed) == sorted(e.slug for e in catalogue.exercises_for("condition", name)), condition.slug
        paged += len(pages) > 1
    assert paged >= 4
    # Every page of every list is linked and whole.
    from test_build import broken_links

    pages = [*sorted((site / "exercises").glob("**/index.html")), *sorted((site / "browse").rglob("index.html")),
             *sorted((site / "conditions").rglob("index.html"))]
    broken = broken_links(site, pages)
    assert not broken, "\n".join(broken[:30])
    for slug in catalogue.exercises:
        assert (site / "api" / "figures" / f"{slug}.svg").is_file(), slug


@pytest.fixture(scope="module")
def large_url(large_site):
    from ghpages import pages_server

    with pages_server(large_site[1], PREFIX) as url:
        yield url


def test_filters_on_a_paged_catalogue_search_every_page(large_site, large_url, page):
    from exercise_site.render import LIST_PAGE

    project, _ = large_site
    catalogue = load_catalogue(project / "exercises")
    page.goto(large_url + "exercises/")
    page.wait_for_selector("form.rx-filters:not([hidden])")
    first_page = page.eval_on_selector_all(".rx-catalogue tbody tr", "rows => rows.map(r => r.dataset.slug)")
    assert len(first_page) == LIST_PAGE and page.locator(".rx-pager").first.is_visible()

    # Few matches: all shown, from every page, with working links and thumbnails.
    page.locator('input[name="kind"][value="stretch"]').check()
    want = expected(kind=["stretch"], catalogue=catalogue)
    assert 0 < want < LIST_PAGE
    page.wait_for_function("document.querySelector('.rx-count').textContent.startsWith('Showing')")
    assert page.locator(".rx-count").inner_text() == f"Showing {want} of 300 exercises"
    rows = page.eval_on_selector_all(".rx-catalogue tbody tr", "rows => rows.map(r => [r.dataset.slug, r.cells[1].textContent])")
    assert len(rows) == want and {kind for _, kind in rows} == {"stretch"}
    assert {slug for slug, _ in rows} - set(first_page), "matches from the other pages are shown too"
    assert not page.locator(".rx-pager").first.is_visible() and not page.locator(".rx-more").is_visible()
    last = page.locator(".rx-catalogue tbody tr").last
    slug = last.get_attribute("data-slug")
    last.scroll_into_view_if_needed()  # the thumbnails load lazily
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=last.locator("img").element_handle())
    last.locator("a").click()
    page.wait_for_url(f"**/exercises/{slug}/")
    assert page.locator("h1").inner_text().rstrip("¶") == catalogue.exercises[slug].name
    page.go_back()
    page.wait_for_selector("form.rx-filters:not([hidden])")
    assert page.locator(".rx-count").inner_text() == f"Showing {want} of 300 exercises"

    # Many matches: a hundred at a time; the counts beside the boxes cover every page.
    page.locator('input[name="kind"][value="stretch"]').uncheck()
    page.locator('input[name="kind"][value="strength"]').check()
    want = expected(kind=["strength"], catalogue=catalogue)
    assert want > LIST_PAGE
    assert page.locator(".rx-catalogue tbody tr").count() == LIST_PAGE
    assert page.locator(".rx-more button").inner_text() == f"Show {min(LIST_PAGE, want - LIST_PAGE)} more ({want - LIST_PAGE} not shown yet)"
    page.locator(".rx-more button").click()
    assert page.locator(".rx-catalogue tbody tr").count() == min(want, 2 * LIST_PAGE)
    count = page.locator('input[name="position"][value="standing"]').locator("xpath=..").locator(".rx-n").inner_text()
    assert count == f"({expected(kind=['strength'], position=['standing'], catalogue=catalogue)})"

    # Nothing ticked: the page's own hundred rows and its links to the other pages again.
    page.locator(".rx-filters button[type=reset]").click()
    page.wait_for_function("document.querySelector('.rx-count').textContent === '300 exercises'")
    assert page.eval_on_selector_all(".rx-catalogue tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.slug)") == first_page
    assert page.locator(".rx-pager").first.is_visible() and not page.locator(".rx-more").is_visible()


def test_a_paged_catalogue_prints_every_match(large_site, large_url, page):
    project, _ = large_site
    catalogue = load_catalogue(project / "exercises")
    page.goto(large_url + "exercises/?kind=strength")
    page.wait_for_function("document.querySelector('.rx-count').textContent.startsWith('Showing')")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".rx-catalogue tbody tr").count() == expected(kind=["strength"], catalogue=catalogue)
    assert not page.locator(".rx-more").is_visible() and not page.locator(".rx-pager ul").first.is_visible()


def paged_addresses(project: Path) -> list[str]:
    """A paged list of each kind: the catalogue, a browse page and the condition with the most exercises."""
    catalogue = load_catalogue(project / "exercises")
    largest = max(catalogue.conditions.values(), key=lambda c: len(catalogue.exercises_for("condition", c.condition)))
    return ["exercises/", "exercises/page/2/", "exercises/?kind=strength", "browse/equipment/no-equipment/page/2/",
            f"conditions/{largest.slug}/page/2/"]


@pytest.mark.parametrize("scheme, viewport", [("light", {"width": 1280, "height": 900}), ("dark", {"width": 390, "height": 844})],
                         ids=["light-desktop", "dark-phone"])
def test_paged_lists_are_accessible(large_site, large_url, browser, scheme, viewport):
    from test_quality import axe_violations

    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    page = context.new_page()
    found = []
    try:
        for address in paged_addresses(large_site[0]):
            page.goto(large_url + address, wait_until="load")
            if "?" in address:
                page.wait_for_function("document.querySelector('.rx-count').textContent.startsWith('Showing')")
            found += axe_violations(page, address)
    finally:
        context.close()
    assert not found, "\n".join(found)


@pytest.mark.build  # large_site builds a whole site
def test_paged_lists_are_valid_html(large_site, tmp_path):
    import shutil

    from test_quality import vnu_problems

    _, site = large_site
    for address in paged_addresses(large_site[0]):
        if "?" not in address:
            shutil.copy(site / address / "index.html", tmp_path / (address.strip("/").replace("/", "-") + ".html"))
    problems = vnu_problems(tmp_path)
    assert not problems, "\n".join(problems)


def test_condition_advice_comes_before_the_exercises_and_cautions_keep_an_exercise_off_its_lists(fixture_dir):
    write_condition(fixture_dir, "side-ache.yml", CONDITION.replace("Weeks to months.", "Often some weeks.").replace("    see_a_professional:", """\
    day_to_day: [Sit with your knees lower than your hips.]
    cautions: [{exercise: bridge, advice: Keep to the first level.}]
    evidence_note: An older article said otherwise; a newer trial found this.
    see_a_professional:"""))
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text() + "helps_with: [side ache]\n")
    rules = fixture_dir / "rules.yml"
    rules.write_text(rules.read_text() + "red_flags: [{text: a fixture flag, section: flag}, {text: another, section: other}]\n")
    page = Renderer(load_catalogue(fixture_dir)).pages()["conditions/side-ache.md"].replace("\\", "")
    assert (f"Among them are [a fixture flag](../{RED_FLAGS}#flag), and "
            f"[another](../{RED_FLAGS}#other).") in page
    order = ["## What to do now", "### How it usually feels", "It aches when you lie on it.", "### This week",
             "Run less for a week.", "Sit with your knees lower than your hips.", "Start with these exercises",
             "[Bridge](../exercises/bridge.md) at level 2, *One leg*", "[Print these as a one-sheet starter card](../routines/short.md)",
             "### The fixture rule", "**The fixture rule**", "### When to see someone", "It keeps getting worse.", "Among them are",
             "### How long it takes", "Often some weeks.", "## What it is", "It hurts on the side.",
             "## How exercises can help", "| [Clam](../exercises/clam.md) |",
             "### Exercises to change or leave out", "[Bridge](../exercises/bridge.md): Keep to the first level.",
             "An older article said otherwise", "## Sources"]
    places = [page.find(text) for text in order]
    assert -1 not in places and places == sorted(places), dict(zip(order, places))
    # The bridge works the same muscle, but a caution keeps it off the "more exercises" list.
    assert page.split("## How exercises can help")[1].count("[Bridge](../exercises/bridge.md)") == 1


def test_a_recommended_exercise_can_carry_a_change_which_its_page_shows_too(fixture_dir):
    write_condition(fixture_dir, "outer.yml", CONDITION.replace("    routines:", "    cautions: [{exercise: clam, advice: Lie on the other side.}]\n    routines:"))
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text() + "helps_with: [side ache]\n")
    pages = Renderer(load_catalogue(fixture_dir)).pages()
    condition = pages["conditions/outer.md"].replace("\\", "")
    listed, changes = condition.split("### Exercises to change or leave out")
    assert "[Clam](../exercises/clam.md)" in listed and "[Clam](../exercises/clam.md): Lie on the other side." in changes
    assert "## With a condition" in pages["exercises/clam.md"]
    assert "**[Side ache](../conditions/outer.md):** Lie on the other side" in pages["exercises/clam.md"].replace("\\", "")
