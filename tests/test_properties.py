"""Property-based tests: whatever a maintainer writes, the loader answers with a catalogue
or a clear error naming file, line and field, never with a traceback; whatever text a
field holds, it is rendered as text."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE
from exercise_site.catalogue import load_catalogue
from exercise_site.problems import CatalogueError
from exercise_site.render import Renderer

PROBLEM = re.compile(r"^exercises/[^:]+:\d+:\d+: \S.*?: .+", re.DOTALL)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(["strength", "Basic", "clam", "manual", "each side", "gluteus medius", "[1, 2]", "10-15"]),
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)),
    max_leaves=20,
)


def load_outcome(folder: Path) -> None:
    try:
        load_catalogue(folder)
    except CatalogueError as error:
        assert error.problems
        for problem in error.problems:
            assert PROBLEM.match(str(problem)), str(problem)
            assert problem.line >= 1 and problem.column >= 1


def fresh_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("catalogue") / "exercises"
    shutil.copytree(FIXTURE, folder)
    return folder


@SETTINGS
@given(document=st.text(max_size=300))
def test_any_text_as_an_exercise_file(tmp_path_factory, document):
    folder = fresh_copy(tmp_path_factory)
    (folder / "clam.yml").write_text(document, encoding="utf-8")
    load_outcome(folder)


@SETTINGS
@given(value=yaml_values)
def test_any_yaml_document_as_an_exercise_file(tmp_path_factory, value):
    folder = fresh_copy(tmp_path_factory)
    (folder / "clam.yml").write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    load_outcome(folder)


def _mutate(data, path: list, action: str, value):
    """Apply one mutation at `path` inside the fixture's data."""
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = value
    elif action == "rename" and isinstance(parent, dict):
        parent[str(value)[:20] or "x"] = parent.pop(key)
    elif action == "wrap":
        parent[key] = [parent[key]]
    elif action == "unwrap" and isinstance(parent[key], list) and parent[key]:
        parent[key] = parent[key][0]


def _paths(data, prefix=()):
    yield list(prefix)
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*prefix, i))


@SETTINGS
@given(
    file=st.sampled_from(["bridge.yml", "clam.yml", "routines/short.yml", "sources.yml"]),
    choice=st.data(),
    action=st.sampled_from(["delete", "replace", "rename", "wrap", "unwrap"]),
    value=yaml_values,
)
def test_any_mutation_of_a_valid_file(tmp_path_factory, file, choice, action, value):
    folder = fresh_copy(tmp_path_factory)
    target = folder / file
    data = yaml.safe_load(target.read_text())
    paths = [p for p in _paths(data) if p]
    path = choice.draw(st.sampled_from(paths))
    _mutate(data, path, action, value)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_outcome(folder)


def test_recursive_alias_is_an_error_not_a_crash(fixture_dir):
    (fixture_dir / "clam.yml").write_text("name: &a [*a]\n")
    load_outcome(fixture_dir)


def test_control_characters_are_an_error_not_a_crash(fixture_dir):
    (fixture_dir / "clam.yml").write_text("name: bad\x00byte\n")
    load_outcome(fixture_dir)


def test_invalid_utf8_is_an_error_not_a_crash(fixture_dir):
    (fixture_dir / "clam.yml").write_bytes(b"name: caf\xe9\n")
    load_outcome(fixture_dir)


# --- hostile text in every text field is rendered as text ---------------------------------

TEXT_FIELDS = [
    ("clam.yml", ["name"]), ("clam.yml", ["summary"]), ("bridge.yml", ["other_names", 0]),
    ("clam.yml", ["levels", 0, "name"]), ("clam.yml", ["levels", 0, "changes"]), ("clam.yml", ["levels", 0, "steps", 1]),
    ("clam.yml", ["cues", 0]), ("clam.yml", ["stop_if", 0]), ("bridge.yml", ["levels", 1, "dosage", "note"]),
    ("routines/short.yml", ["name"]), ("routines/short.yml", ["summary"]), ("routines/short.yml", ["exercises", 1, "cues", 0]),
    ("sources.yml", ["manual", "title"]), ("sources.yml", ["manual", "author"]),
]
hostile = st.one_of(
    st.sampled_from([
        "<script>alert(1)</script>", "</td></tr></table><b>x</b>", "a | b || c", "`x` **y** _z_ [l](javascript:x)",
        "{{ 7*7 }}", "{% for x in [1] %}{% endfor %}", "{# c #}", "![i](x.png)", "<!-- c -->", "&lt;b&gt;", "\\| pipe",
        "x\n\n# heading", "- item", "1. item", "> quote", "--- rule", "{: .cls }", "*[HTML]: x", "[^1]", "<https://x>",
    ]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=40).filter(lambda s: s.strip()),
)


@SETTINGS
@given(field=st.sampled_from(TEXT_FIELDS), text=hostile)
def test_hostile_text_in_any_field_is_shown_as_text(tmp_path_factory, field, text):
    folder = fresh_copy(tmp_path_factory)
    file, path = field
    target = folder / file
    data = yaml.safe_load(target.read_text())
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    if path[-1] == "note":
        holder["note"] = text
    else:
        holder[path[-1]] = text
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        catalogue = load_catalogue(folder)
    except CatalogueError as error:
        # Only a duplicate name can make hostile text invalid here.
        assert all("already the name" in p.message for p in error.problems), error
        return
    pages = Renderer(catalogue).pages()
    page = pages["routines/short.md" if file.startswith("routines") or file == "sources.yml" else f"exercises/{Path(file).stem}.md"]
    body = page.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["tables", "admonition", "attr_list", "md_in_html", "toc", "abbr", "footnotes"])
    shown = " ".join(text.split())
    visible = re.sub(r"<[^>]+>", "", html)
    visible = visible.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")
    assert shown in " ".join(visible.split()), f"{text!r} not shown literally"
    assert "<script" not in html and "<b>x" not in html and "javascript:" not in re.sub(r">[^<]*<", "><", html)
