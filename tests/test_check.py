"""`python -m exercise_site check` on a copy of the fixture project, broken one way per test."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from exercise_site import cli


def check(project: Path, capsys) -> tuple[int, list[str], list[str]]:
    """Exit code, stdout lines and stderr lines of the real `check` command."""
    code = cli.main(["--root", str(project), "check"])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def append(path: Path, text: str) -> int:
    """Add `text` at the end of the file; returns the line its first line lands on."""
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"project changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- articles ---------------------------------------------------------------------------

def test_the_articles_pass(project_copy, capsys):
    code, out, err = check(project_copy, capsys)
    assert code == 0, err
    articles = len(list((project_copy / "content").rglob("*.md")))
    assert out[-1].startswith("ok: ") and f" {articles} articles, " in out[-1]


def test_unknown_exercise_in_a_macro(project_copy, capsys):
    line = append(project_copy / "content" / "getting-started.md", '{{ exercise_link("pigeon") }}\n')
    code, out, err = check(project_copy, capsys)
    assert code == 1
    assert err == ["1 problem in the articles:", f"  content/getting-started.md:{line}: no exercise 'pigeon' in exercises/"]
    assert not any(o.startswith("ok:") for o in out)


def test_link_to_a_missing_page(project_copy, capsys):
    line = append(project_copy / "content" / "getting-started.md", "See [x](exercises/pigeon.md).\n")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1:] == [f"  content/getting-started.md:{line}: link 'exercises/pigeon.md' leads to no page: "
                       "there is no exercises/pigeon.md in content/ or among the generated pages"]


def test_near_misses_get_a_did_you_mean(project_copy, capsys):
    article = project_copy / "content" / "getting-started.md"
    line = append(article, '{{ exercise_card("heel-lif") }}\n\nThe [heel lift](exercises/heel-lif.md#steps), a [lean](exercises/Wall-lean.md)\n'
                           '{{ cite("fixture-handbok") }}\n{{ exercise_lnk("wall-lean") }}\n{{ figure("wall-lean", "Bent kne") }}\n')
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1:] == [
        f"  content/getting-started.md:{line}: no exercise 'heel-lif' in exercises/ (did you mean 'heel-lift'?)",
        f"  content/getting-started.md:{line + 2}: link 'exercises/heel-lif.md#steps' leads to no page: there is no "
        "exercises/heel-lif.md in content/ or among the generated pages (did you mean 'exercises/heel-lift.md#steps'?)",
        f"  content/getting-started.md:{line + 2}: link 'exercises/Wall-lean.md' leads to no page: there is no "
        "exercises/Wall-lean.md in content/ or among the generated pages (did you mean 'exercises/wall-lean.md'?)",
        f"  content/getting-started.md:{line + 3}: no source 'fixture-handbok' in exercises/sources.yml (did you mean 'fixture-handbook'?)",
        f"  content/getting-started.md:{line + 4}: no macro or value 'exercise_lnk' (did you mean 'exercise_link'?)",
        f"  content/getting-started.md:{line + 5}: 'Wall lean' has no level 'Bent kne'; it has 'Straight knee', 'Bent knee' (did you mean 'Bent knee'?)",
    ]


def test_every_article_problem_at_once(project_copy, capsys):
    content = project_copy / "content"
    article = append(content / "getting-started.md", "[a](exercises/pigeon.md) and [b](exercises/)\n")
    index = append(content / "index.md", "{{ routine_link('daily-fet') }} and [c](/getting-started.md)\n")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err == [
        "4 problems in the articles:",
        f"  content/getting-started.md:{article}: link 'exercises/pigeon.md' leads to no page: there is no exercises/pigeon.md "
        "in content/ or among the generated pages",
        f"  content/getting-started.md:{article}: link 'exercises/' names no page file: link to the .md file (did you mean 'exercises/index.md'?)",
        f"  content/index.md:{index}: no routine 'daily-fet' in exercises/routines/ (did you mean 'daily-feet'?)",
        f"  content/index.md:{index}: link '/getting-started.md' starts with '/', so it misses the site's folder when published: "
        "link relative to this page (did you mean 'getting-started.md'?)",
    ]


def test_code_external_links_and_anchors_are_left_alone(project_copy, capsys):
    append(project_copy / "content" / "getting-started.md",
           "Write `[c](nope.md)` or `{{ exercise_link('nope') }}`.\n\n"
           "```markdown\n[d](nope.md)\n{{ exercise_card('nope') }}\n```\n\n"
           "[e](https://example.org/x.md), [f](#getting-started), [g](mailto:someone@example.org), "
           "![figure](exercises/wall-lean.md \"a title\")\n\n<!-- [h](nope.md) -->\n\n[ref]: red-flags.md\n")
    code, _, err = check(project_copy, capsys)
    assert code == 0, err


def test_links_in_a_subfolder_and_from_macros(project_copy, capsys):
    guide = project_copy / "content" / "guides" / "deep.md"
    guide.parent.mkdir()
    guide.write_text("# Deep\n\n[start](../getting-started.md#anchor), [lift](../exercises/heel-lift.md), [all](../routines/index.md)\n\n"
                     '{{ exercise_card("heel-lift") }}\n\n{{ routine_link("daily-feet") }}\n\n'
                     "[bad](../exercises/nope.md) [out](../../README.md)\n\n"
                     '{{ "[made](nowhere.md)" | safe }}\n', encoding="utf-8")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1:] == [
        "  content/guides/deep.md:9: link '../exercises/nope.md' leads to no page: there is no exercises/nope.md "
        "in content/ or among the generated pages",
        "  content/guides/deep.md:9: link '../../README.md' leads outside content/",
        "  content/guides/deep.md:11: link 'nowhere.md' leads to no page: there is no guides/nowhere.md "
        "in content/ or among the generated pages",
    ]


def test_jinja_syntax_error_and_links_both_reported(project_copy, capsys):
    line = append(project_copy / "content" / "getting-started.md", "{{ cite('fixture-handbook' }}\n[x](nope.md)\n")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1:] == [f"  content/getting-started.md:{line}: unexpected '}}', expected ')'",
                       f"  content/getting-started.md:{line + 1}: link 'nope.md' leads to no page: there is no nope.md "
                       "in content/ or among the generated pages"]


def test_articles_wait_for_valid_data(project_copy, capsys):
    replace(project_copy / "exercises" / "front-hold.yml", "kind: stability", "kind: stabilty")
    append(project_copy / "content" / "getting-started.md", '{{ exercise_link("pigeon") }}\n')
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[0] == "1 problem in the exercise data:"
    assert err[-1] == "content/ not checked: articles are checked once the exercise data has no errors"
    assert not any("pigeon" in e for e in err)


def test_check_command_line_reports_articles(project_copy):
    line = append(project_copy / "content" / "getting-started.md", '{{ exercise_link("pigeon") }}\n[x](exercises/pigeon.md)\n')
    result = subprocess.run([sys.executable, "-m", "exercise_site", "--root", str(project_copy), "check"],
                            capture_output=True, text=True, env={"PYTHONPATH": str(project_copy / "hooks")})
    assert result.returncode == 1
    assert f"content/getting-started.md:{line}: no exercise 'pigeon' in exercises/" in result.stderr
    assert f"content/getting-started.md:{line + 1}: link 'exercises/pigeon.md' leads to no page" in result.stderr


# --- data files -------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, line_text, column", [
    ("levels:\n  - name: Two feet", "levels:\n\t- name: Two feet", "- name: Two feet", 1),  # a tab in front of a list item
    ("    steps:", "  \t steps:", "steps:", 3),  # a tab after spaces
])
def test_a_tab_is_named_with_its_place(project_copy, capsys, old, new, line_text, column):
    heel_lift = project_copy / "exercises" / "heel-lift.yml"
    replace(heel_lift, old, new)
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1] == (f"  exercises/heel-lift.yml:{line_of(heel_lift, line_text)}:{column}: (YAML syntax): "
                      "a tab character here: YAML indents with spaces only; replace the tab with spaces")


def test_duplicated_name_names_both_files(project_copy, capsys):
    exercises = project_copy / "exercises"
    replace(exercises / "wall-lean.yml", "name: Wall lean\n", "name: Heel lift\n")
    lift, lean = line_of(exercises / "heel-lift.yml", "name: Heel lift"), line_of(exercises / "wall-lean.yml", "name: Heel lift")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err == [
        "2 problems in the exercise data:",
        f"  exercises/heel-lift.yml:{lift}:7: name: 'Heel lift' is also the name in exercises/wall-lean.yml:{lean}; give each its own name",
        f"  exercises/wall-lean.yml:{lean}:7: name: 'Heel lift' is also the name in exercises/heel-lift.yml:{lift}; give each its own name",
        "content/ not checked: articles are checked once the exercise data has no errors",
    ]


def test_duplicated_routine_name(project_copy, capsys):
    routines = project_copy / "exercises" / "routines"
    replace(routines / "lower-leg-strength.yml", "name: Lower leg strength\n", "name: Calf starter\n")
    here, there = line_of(routines / "lower-leg-strength.yml", "name: Calf starter"), line_of(routines / "calf-starter.yml", "name: Calf starter")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert f"  exercises/routines/lower-leg-strength.yml:{here}:7: name: 'Calf starter' is also the name in " \
           f"exercises/routines/calf-starter.yml:{there}; give each its own name" in err


@pytest.mark.parametrize(("name", "meant"), [
    ("übung-für-hüfte", "ubung-fur-hufte"),
    ("Side Reach", "side-reach"),
    ("side_reach", "side-reach"),
    ("-Knee--Hug-", "knee-hug"),
])
def test_file_name_gets_the_slug_to_use(project_copy, capsys, name, meant):
    exercises = project_copy / "exercises"
    (exercises / f"{name}.yml").write_text("name: Anything\n", encoding="utf-8")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1] == (f"  exercises/{name}.yml:1:1: (file name): '{name}' is not a valid slug: "
                      f"rename the file to '{meant}.yml' (lower-case letters a-z, digits and single hyphens)")


def test_file_name_with_nothing_to_make_a_slug_from(project_copy, capsys):
    (project_copy / "exercises" / "日本.yml").write_text("name: Anything\n", encoding="utf-8")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert re.fullmatch(r"  exercises/日本\.yml:1:1: \(file name\): '日本' is not a valid slug, and has no letters or digits "
                        r"to make one from: name the file with lower-case letters a-z, digits and single hyphens, "
                        r"e\.g\. '[a-z0-9]+(-[a-z0-9]+)*\.yml'", err[1]), err[1]


def test_long_names_are_a_warning(project_copy, capsys):
    exercises = project_copy / "exercises"
    before = check(project_copy, capsys)[1][:-1]
    long = "Wall lean " + "held a long while " * 4 + "on both feet"  # 94 characters
    replace(exercises / "wall-lean.yml", "name: Wall lean\n", f"name: {long}\n")
    replace(exercises / "routines" / "calf-starter.yml", "name: Calf starter\n", f"name: {'C' * 81}\n")
    replace(exercises / "conditions" / "calf-strain.yml", "name: Calf strain (a pulled calf muscle)\n", f"name: {'R' * 80}\n")
    code, out, err = check(project_copy, capsys)
    assert code == 0, err
    added = [line for line in out[:-1] if line not in before]
    assert added == [
        f"exercises/routines/calf-starter.yml:{line_of(exercises / 'routines' / 'calf-starter.yml', 'name: C')}:7: name: warning: the name is 81 characters long; "
        "over 80, headings and routine cards break it mid-word: shorten it",
        f"exercises/wall-lean.yml:{line_of(exercises / 'wall-lean.yml', 'name: Wall lean')}:7: name: warning: the name is {len(long)} characters long; "
        "over 80, headings and routine cards break it mid-word: shorten it"
    ]
    assert out[-1].startswith("ok: ")
