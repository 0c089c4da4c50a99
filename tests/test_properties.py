"""Property-based tests: whatever a maintainer writes, the loader answers with a catalogue
whose pages render, or a clear error naming file, line and field, never with a traceback; a file
that lacks what the schema requires is always an error; whatever text a field holds, it is
rendered as text."""
from __future__ import annotations

import json
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
from exercise_site.schema import rendered_schemas

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


def load_outcome(folder: Path, invalid: str | None = None) -> None:
    """Load the catalogue in `folder`: either it loads and every exercise and routine renders a page,
    or each problem names file, line, column and field. `invalid` says why the data cannot be valid:
    then it must be an error."""
    try:
        catalogue = load_catalogue(folder)
    except CatalogueError as error:
        assert error.problems
        for problem in error.problems:
            assert PROBLEM.match(str(problem)), str(problem)
            assert problem.line >= 1 and problem.column >= 1
        return
    assert invalid is None, f"accepted, although {invalid}"
    pages = Renderer(catalogue).pages()
    expected = {f"exercises/{slug}.md" for slug in catalogue.exercises} | {f"routines/{slug}.md" for slug in catalogue.routines}
    assert catalogue.exercises and expected <= set(pages), sorted(expected - set(pages))


SCHEMAS = {name: json.loads(text) for name, text in rendered_schemas().items()}


def _schema_of(file: str) -> dict:
    return SCHEMAS["routine.schema.json" if file.startswith("routines/")
                   else "sources.schema.json" if file == "sources.yml" else "exercise.schema.json"]


def required_at(file: str, parent: list) -> set[str]:
    """The keys the schema requires in the mapping at `parent` inside `file` (empty when it cannot tell)."""
    root = _schema_of(file)
    node = root
    for key in [None, *parent]:
        if key is not None:
            node = node.get("items") if isinstance(key, int) else node.get("properties", {}).get(key, node.get("additionalProperties"))
        if not isinstance(node, dict):
            return set()
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return set(node.get("required", []))


def why_invalid(file: str, path: list, action: str, value) -> str | None:
    """Why a mutation leaves the file invalid for certain: a required key deleted or renamed away."""
    key = path[-1]
    if isinstance(key, int) or action not in ("delete", "rename") or action == "rename" and (str(value)[:20] or "x") == key:
        return None
    if key in required_at(file, path[:-1]):
        return f"{file} lost the required {'.'.join(map(str, path))}"
    if file == "sources.yml" and len(path) == 1:
        return f"the cited source {key!r} is gone"
    return None


def fresh_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("catalogue") / "exercises"
    shutil.copytree(FIXTURE, folder)
    return folder


@SETTINGS
@given(document=st.text(max_size=300))
def test_any_text_as_an_exercise_file(tmp_path_factory, document):
    folder = fresh_copy(tmp_path_factory)
    (folder / "clam.yml").write_text(document, encoding="utf-8")
    load_outcome(folder, invalid="300 characters cannot hold an exercise")


@SETTINGS
@given(value=yaml_values)
def test_any_yaml_document_as_an_exercise_file(tmp_path_factory, value):
    folder = fresh_copy(tmp_path_factory)
    (folder / "clam.yml").write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    load_outcome(folder, invalid="a document of at most five keys cannot hold an exercise's nine required fields")


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
    invalid = why_invalid(file, path, action, value)
    _mutate(data, path, action, value)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_outcome(folder, invalid)


def test_the_oracle_knows_what_the_schema_requires():
    assert {"name", "levels", "figure"} <= required_at("clam.yml", [])
    assert {"name", "steps"} <= required_at("clam.yml", ["levels", 0])
    assert "exercise" in required_at("routines/short.yml", ["exercises", 1])
    assert "title" in required_at("sources.yml", ["manual"])
    assert required_at("clam.yml", ["cues"]) == set()


def test_recursive_alias_is_an_error_not_a_crash(fixture_dir):
    (fixture_dir / "clam.yml").write_text("name: &a [*a]\n")
    load_outcome(fixture_dir, invalid="a name must be text, and the file lacks every other field")


def test_control_characters_are_an_error_not_a_crash(fixture_dir):
    (fixture_dir / "clam.yml").write_text("name: bad\x00byte\n")
    load_outcome(fixture_dir, invalid="YAML forbids a NUL byte")


def test_invalid_utf8_is_an_error_not_a_crash(fixture_dir):
    (fixture_dir / "clam.yml").write_bytes(b"name: caf\xe9\n")
    load_outcome(fixture_dir, invalid="the file is not UTF-8")


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
