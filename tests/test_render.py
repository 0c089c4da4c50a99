"""The Markdown renderer on the fixture catalogue, without MkDocs."""
from __future__ import annotations

import re
import sys

import markdown
import pytest

from exercise_site.catalogue import load_catalogue
from exercise_site.render import Renderer, RenderError

EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc"]


def html(text: str) -> str:
    return markdown.markdown(text.split("---\n", 2)[-1] if text.startswith("---") else text, extensions=EXTENSIONS)


@pytest.fixture
def renderer(fixture_dir):
    return Renderer(load_catalogue(fixture_dir))


def test_core_does_not_import_mkdocs(tmp_path):
    """Load, validate, render and write pages in a fresh interpreter: MkDocs must never be imported."""
    import subprocess

    from conftest import ROOT, copy_project

    project = copy_project(tmp_path / "project")
    code = (
        "import sys, tempfile\n"
        "from exercise_site.cli import main\n"
        f"assert main(['--root', {str(project)!r}, 'pages', '--with-content', tempfile.mkdtemp()]) == 0\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", "exercise_site must stay usable without MkDocs"


def test_one_page_per_exercise_and_routine(renderer):
    pages = [p for p in sorted(renderer.pages()) if p.startswith(("exercises/", "routines/"))]
    assert pages == [
        "exercises/bridge.md", "exercises/clam.md", "exercises/index.md", "routines/index.md", "routines/short.md",
    ]


def test_exercise_page_has_front_matter_table_levels_and_sources(renderer):
    page = renderer.pages()["exercises/bridge.md"]
    import yaml

    meta = yaml.safe_load(page.split("---\n", 2)[1])
    assert meta["title"] == "Bridge" and meta["description"] == "Lift the hips from the floor."
    body = html(page)
    assert "<h1" in body and "Bridge</h1>" in body
    assert "<table>" in body
    assert "<td>1. Basic</td>" in body and "<td>2. One leg</td>" in body
    assert "1–2 sets of 10–15 reps, pausing up to 5 s" in body
    assert "2 sets of 8 reps on each side" in body
    assert "Level 2: One leg" in body
    assert "<em>A fixture manual</em>. Test Author; test source." in body
    assert 'href="clam.md"' in body
    assert "Also called Glute bridge" in body


def test_harder_link_gives_easier_on_the_other_page(renderer):
    bridge = html(renderer.pages()["exercises/bridge.md"])
    assert "<strong>Easier:</strong> <a href=\"clam.md\">Clam</a>" in bridge


def test_exercise_page_lists_routines_using_it(renderer):
    clam = html(renderer.pages()["exercises/clam.md"])
    assert 'href="../routines/short.md">Short routine</a>' in clam


def test_index_lists_every_exercise(renderer):
    index = html(renderer.pages()["exercises/index.md"])
    for name, slug in [("Bridge", "bridge"), ("Clam", "clam")]:
        assert f'<a href="{slug}.md">{name}</a>' in index
    assert '<td data-label="Equipment">loop band</td>' in index and '<td data-label="Equipment">none</td>' in index


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "a | b | c",
    "**bold** _it_ `code` [link](javascript:alert(1))",
    "{{ 7 * 7 }} {% if true %}x{% endif %}",
    "# heading\n- item",
    "&amp; &lt;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_from_yaml_is_rendered_as_text(fixture_dir, text):
    import yaml

    clam = fixture_dir / "clam.yml"
    data = clam.read_text().replace("summary: Open the top knee while lying on your side.", "summary: " + yaml.safe_dump(text).strip().removesuffix("\n...").replace("\n", " "))
    data = data.replace("cues: [Heels together.]", "cues: [" + yaml.safe_dump(text, default_style='"').strip() + "]")
    clam.write_text(data)
    page = Renderer(load_catalogue(fixture_dir)).pages()["exercises/clam.md"]
    body = html(page)
    assert "<script" not in body and "<img" not in body and "<strong>bold" not in body
    assert "javascript:" not in body.replace("javascript:alert(1))", "")  # shown as text only
    assert "49" not in re.sub(r"<svg .*?</svg>", "", body)  # (figure coordinates may hold any digits)
    assert "<h1>heading" not in body
    flat = " ".join(text.split())
    visible = body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"')
    assert flat in visible, f"{flat!r} not shown literally"


def test_article_macros(renderer):
    out = renderer.article("# Guide\n\n{{ progression_table('bridge') }}\n\nSee {{ exercise_link('clam') }}.\n", "guide.md")
    body = html(out)
    assert "<table>" in body and "<td>2. One leg</td>" in body
    assert 'See <a href="exercises/clam.md">Clam</a>.' in body


def test_article_links_are_relative_to_the_article(renderer):
    out = renderer.article("{{ exercise_link('clam') }}", "guides/deep/page.md")
    assert out == "[Clam](../../exercises/clam.md)"


def test_article_code_is_left_alone(renderer):
    text = "Use `{{ exercise_link('clam') }}` like this:\n\n```jinja\n{{ cite('manual') }}\n{% raw %}\n```\n\n{{ exercise_link('bridge') }}\n"
    out = renderer.article(text, "guide.md")
    assert "`{{ exercise_link('clam') }}`" in out
    assert "```jinja\n{{ cite('manual') }}\n{% raw %}\n```" in out
    assert "[Bridge](exercises/bridge.md)" in out


def test_article_without_macros_is_untouched(renderer):
    text = "# Plain\n\nNothing { to } see.\n"
    assert renderer.article(text, "plain.md") is text


def test_unknown_exercise_in_article_names_file_and_line(renderer):
    with pytest.raises(RenderError) as caught:
        renderer.article("# Guide\n\nText\n\n{{ exercise_card('clams') }}\n", "guide.md")
    assert str(caught.value) == "guide.md:5: no exercise 'clams' in exercises/ (did you mean 'clam'?)"


def test_jinja_syntax_error_in_article_names_file_and_line(renderer):
    with pytest.raises(RenderError) as caught:
        renderer.article("# Guide\n\n```\ncode\n```\n{{ cite('manual' }}\n", "guide.md")
    assert str(caught.value).startswith("guide.md:6: ")


def test_unknown_name_in_article(renderer):
    with pytest.raises(RenderError) as caught:
        renderer.article("line one\n{{ exercize_card('clam') }}\n", "guide.md")
    assert str(caught.value).startswith("guide.md:2: ") and "exercize_card" in str(caught.value)


def test_long_lists_are_paged_and_each_page_links_those_around_it(monkeypatch, tmp_path):
    """With two rows a page, twenty-six exercises make one catalogue page per two: each row once, and a
    pager that always links the first, the last, and two pages either side of this one."""
    from test_parallel import large_catalogue

    from exercise_site import render

    monkeypatch.setattr(render, "LIST_PAGE", 2)
    catalogue = load_catalogue(large_catalogue(tmp_path / "exercises", 24))
    total = len(catalogue.exercises)
    last = (total + 1) // 2
    assert last >= 10
    pages = Renderer(catalogue).pages()
    paths = ["exercises/index.md", *(f"exercises/page/{k}.md" for k in range(2, last + 1))]
    assert [p for p in pages if p.startswith("exercises/") and (p == "exercises/index.md" or "/page/" in p)] == paths
    rows = [re.findall(r'<tr data-slug="([^"]+)"', pages[p]) for p in paths]
    assert [len(r) for r in rows] == [2] * (total // 2) + [1] * (total % 2)
    assert [slug for r in rows for slug in r] == list(catalogue.exercises)

    seventh = html(pages["exercises/page/7.md"])
    pager = re.search(r'<nav aria-label="Pages of this list".*?</nav>', seventh, re.DOTALL).group(0)
    items = re.findall(r"<li>(.*?)</li>", pager)
    assert [re.sub(r"<[^>]+>", "", item) for item in items] == ["Previous", "1", "…", "5", "6", "7", "8", "9", "…", str(last), "Next"]
    assert '<a href="6.md" rel="prev">' in pager and '<a href="8.md" rel="next">' in pager
    assert '<a aria-label="Page 1" href="../index.md">1</a>' in pager
    assert f"Page 7 of {last}: exercises 13 to 14 of {total}." in pager
    # A browse page is paged the same way, below its own address; later pages are not searched.
    no_equipment = [p for p in pages if p.startswith("browse/equipment/no-equipment/page/")]
    assert no_equipment and 'search: {"exclude": true}' in pages[no_equipment[0]]
    assert 'search: {"boost": 1.5}' in pages["browse/equipment/no-equipment.md"]


def test_a_card_says_what_comes_next_and_logs_a_start_and_runs(renderer):
    card = html(renderer.pages()["routines/short.md"])
    # The bridge is done at its top level: nothing after it. The one-level clam leads on to the bridge.
    rows = card.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("</tr>")
    assert '<span class="rx-level-name">One leg</span></span>' in rows[0]
    assert '<span class="rx-level-name">Basic</span><span class="rx-next">, then <span class="rx-next-name">Bridge</span>' in rows[1]
    assert '<tbody class="rx-log-start">' in card and 'class="rx-log rx-runs"' in card
    assert "Move up when it is easy." in card and "The rule does not cover a fixture exclusion: get it checked." in card


def test_one_pain_rule_on_every_exercise_page_with_its_source(renderer):
    for slug in ("bridge", "clam"):
        body = html(renderer.pages()[f"exercises/{slug}.md"])
        assert "<strong>The fixture rule</strong> (after Test Author, " not in body  # a single author is not "and colleagues"
        assert "<strong>The fixture rule</strong> (after Test Author)." in body
        assert "It stays at 5 or below. It settles by morning. Otherwise do less." in body
        assert "The rule does not cover a fixture exclusion: get it checked (" in body
        assert "You notice any sign the pain rule does not cover: stop and get checked." in body
        assert "<em>Pain monitoring test source</em>" in body.split('id="sources"')[1]


def test_a_single_level_exercise_is_made_harder_not_moved_up_a_level(renderer):
    clam, bridge = (html(renderer.pages()[f"exercises/{s}.md"]) for s in ("clam", "bridge"))
    assert "Move up a level" not in clam and "When to move up or step back" in bridge


def test_a_level_in_another_position_says_so_and_is_drawn_so(fixture_dir):
    bridge = fixture_dir / "bridge.yml"
    bridge.write_text(bridge.read_text().replace("  - name: One leg\n", "  - name: One leg\n    position: kneeling\n    figure:\n"
                                                 "      start: {trunk: 180, thighs: [0, 90], shins: [270, 0]}\n"
                                                 "      end: {trunk: 180, thighs: [-10, 100], shins: [260, 0]}\n"))
    page = html(Renderer(load_catalogue(fixture_dir)).pages()["exercises/bridge.md"])
    assert "<strong>Position:</strong> lying on your back (level 2: kneeling)" in page
    assert "Start, drawn faded: kneeling." in page and "Start, drawn faded: lying on your back." in page


def test_a_catalogue_where_no_exercise_has_a_harder_one_renders(fixture_dir):
    """The difficulty note of the exercise list gives an example only when the data has a progression."""
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text().replace("harder: [bridge]\n", ""))
    index = html(Renderer(load_catalogue(fixture_dir)).pages()["exercises/index.md"])
    assert "Difficulty is not a score" in index and "its harder version" not in index
