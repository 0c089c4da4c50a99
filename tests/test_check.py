"""`python -m exercise_site check` on a copy of the real project, broken one way per test."""
from __future__ import annotations

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

def test_the_real_articles_pass(project_copy, capsys):
    code, out, err = check(project_copy, capsys)
    assert code == 0, err
    articles = len(list((project_copy / "content").rglob("*.md")))
    assert out[-1].startswith("ok: ") and f" {articles} articles, " in out[-1]


def test_unknown_exercise_in_a_macro(project_copy, capsys):
    line = append(project_copy / "content" / "faq.md", '{{ exercise_link("pigeon") }}\n')
    code, out, err = check(project_copy, capsys)
    assert code == 1
    assert err == ["1 problem in the articles:", f"  content/faq.md:{line}: no exercise 'pigeon' in exercises/"]
    assert not any(o.startswith("ok:") for o in out)


def test_link_to_a_missing_page(project_copy, capsys):
    line = append(project_copy / "content" / "faq.md", "See [x](exercises/pigeon.md).\n")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1:] == [f"  content/faq.md:{line}: link 'exercises/pigeon.md' leads to no page: "
                       "there is no exercises/pigeon.md in content/ or among the generated pages"]


def test_near_misses_get_a_did_you_mean(project_copy, capsys):
    faq = project_copy / "content" / "faq.md"
    line = append(faq, '{{ exercise_card("clamshel") }}\n\nThe [clamshell](exercises/clamshel.md#steps), a [plank](exercises/Plank.md)\n'
                       '{{ cite("fit-hip") }}\n{{ exercise_lnk("plank") }}\n{{ figure("clamshell", "Bsic") }}\n')
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1:] == [
        f"  content/faq.md:{line}: no exercise 'clamshel' in exercises/ (did you mean 'clamshell'?)",
        f"  content/faq.md:{line + 2}: link 'exercises/clamshel.md#steps' leads to no page: there is no "
        "exercises/clamshel.md in content/ or among the generated pages (did you mean 'exercises/clamshell.md#steps'?)",
        f"  content/faq.md:{line + 2}: link 'exercises/Plank.md' leads to no page: there is no "
        "exercises/Plank.md in content/ or among the generated pages (did you mean 'exercises/plank.md'?)",
        f"  content/faq.md:{line + 3}: no source 'fit-hip' in exercises/sources.yml (did you mean 'fit-hips'?)",
        f"  content/faq.md:{line + 4}: no macro or value 'exercise_lnk' (did you mean 'exercise_link'?)",
        f"  content/faq.md:{line + 5}: 'Clamshell' has no level 'Bsic'; it has 'Basic' (did you mean 'Basic'?)",
    ]


def test_every_article_problem_at_once(project_copy, capsys):
    content = project_copy / "content"
    faq = append(content / "faq.md", "[a](exercises/pigeon.md) and [b](exercises/)\n")
    index = append(content / "index.md", "{{ routine_link('cool-dwn') }} and [c](/faq.md)\n")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err == [
        "4 problems in the articles:",
        f"  content/faq.md:{faq}: link 'exercises/pigeon.md' leads to no page: there is no exercises/pigeon.md "
        "in content/ or among the generated pages",
        f"  content/faq.md:{faq}: link 'exercises/' names no page file: link to the .md file (did you mean 'exercises/index.md'?)",
        f"  content/index.md:{index}: no routine 'cool-dwn' in exercises/routines/ (did you mean 'cool-down'?)",
        f"  content/index.md:{index}: link '/faq.md' starts with '/', so it misses the site's folder when published: "
        "link relative to this page (did you mean 'faq.md'?)",
    ]


def test_code_external_links_and_anchors_are_left_alone(project_copy, capsys):
    append(project_copy / "content" / "faq.md",
           "Write `[c](nope.md)` or `{{ exercise_link('nope') }}`.\n\n"
           "```markdown\n[d](nope.md)\n{{ exercise_card('nope') }}\n```\n\n"
           "[e](https://example.org/x.md), [f](#how-often-should-i-do-the-exercises), [g](mailto:someone@example.org), "
           "![figure](exercises/plank.md \"a title\")\n\n<!-- [h](nope.md) -->\n\n[ref]: training-load.md\n")
    code, _, err = check(project_copy, capsys)
    assert code == 0, err


def test_links_in_a_subfolder_and_from_macros(project_copy, capsys):
    guide = project_copy / "content" / "guides" / "deep.md"
    guide.parent.mkdir()
    guide.write_text("# Deep\n\n[faq](../faq.md#anchor), [clam](../exercises/clamshell.md), [all](../routines/index.md)\n\n"
                     '{{ exercise_card("clamshell") }}\n\n{{ routine_link("cool-down") }}\n\n'
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
    line = append(project_copy / "content" / "faq.md", "{{ cite('fit-hips' }}\n[x](nope.md)\n")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1:] == [f"  content/faq.md:{line}: unexpected '}}', expected ')'",
                       f"  content/faq.md:{line + 1}: link 'nope.md' leads to no page: there is no nope.md "
                       "in content/ or among the generated pages"]


def test_articles_wait_for_valid_data(project_copy, capsys):
    replace(project_copy / "exercises" / "plank.yml", "kind: stability", "kind: stabilty")
    append(project_copy / "content" / "faq.md", '{{ exercise_link("pigeon") }}\n')
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[0] == "1 problem in the exercise data:"
    assert err[-1] == "content/ not checked: articles are checked once the exercise data has no errors"
    assert not any("pigeon" in e for e in err)


def test_check_command_line_reports_articles(project_copy):
    line = append(project_copy / "content" / "faq.md", '{{ exercise_link("pigeon") }}\n[x](exercises/pigeon.md)\n')
    result = subprocess.run([sys.executable, "-m", "exercise_site", "--root", str(project_copy), "check"],
                            capture_output=True, text=True, env={"PYTHONPATH": str(project_copy / "hooks")})
    assert result.returncode == 1
    assert f"content/faq.md:{line}: no exercise 'pigeon' in exercises/" in result.stderr
    assert f"content/faq.md:{line + 1}: link 'exercises/pigeon.md' leads to no page" in result.stderr


# --- data files -------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, line_text, column", [
    ("levels:\n  - name: Basic", "levels:\n\t- name: Basic", "- name: Basic", 1),  # a tab in front of a list item
    ("    steps:", "  \t steps:", "steps:", 3),  # a tab after spaces
])
def test_a_tab_is_named_with_its_place(project_copy, capsys, old, new, line_text, column):
    plank = project_copy / "exercises" / "plank.yml"
    replace(plank, old, new)
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err[1] == (f"  exercises/plank.yml:{line_of(plank, line_text)}:{column}: (YAML syntax): "
                      "a tab character here: YAML indents with spaces only; replace the tab with spaces")


def test_duplicated_name_names_both_files(project_copy, capsys):
    replace(project_copy / "exercises" / "plank.yml", "name: Plank\n", "name: Clamshell\n")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert err == [
        "2 problems in the exercise data:",
        "  exercises/clamshell.yml:2:7: name: 'Clamshell' is also the name in exercises/plank.yml:2; give each its own name",
        "  exercises/plank.yml:2:7: name: 'Clamshell' is also the name in exercises/clamshell.yml:2; give each its own name",
        "content/ not checked: articles are checked once the exercise data has no errors",
    ]


def test_duplicated_routine_name(project_copy, capsys):
    routines = project_copy / "exercises" / "routines"
    replace(routines / "hip-stability.yml", "\nname: ", "\nname: Cool-down stretches\nold_name: ")
    replace(routines / "hip-stability.yml", "old_name: ", "# ")
    code, _, err = check(project_copy, capsys)
    assert code == 1
    assert "  exercises/routines/hip-stability.yml:2:7: name: 'Cool-down stretches' is also the name in " \
           "exercises/routines/cool-down.yml:2; give each its own name" in err


@pytest.mark.parametrize(("name", "meant"), [
    ("übung-für-hüfte", "ubung-fur-hufte"),
    ("Side Plank", "side-plank"),
    ("side_plank", "side-plank"),
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
    assert err[1] == ("  exercises/日本.yml:1:1: (file name): '日本' is not a valid slug, and has no letters or digits "
                      "to make one from: name the file with lower-case letters a-z, digits and single hyphens, "
                      "e.g. 'single-leg-squat.yml'")


def test_long_names_are_a_warning(project_copy, capsys):
    exercises = project_copy / "exercises"
    before = check(project_copy, capsys)[1][:-1]
    long = "Plank " + "held a long while " * 4 + "on the forearms"  # 93 characters
    replace(exercises / "plank.yml", "name: Plank\n", f"name: {long}\n")
    replace(exercises / "routines" / "cool-down.yml", "name: Cool-down stretches\n", f"name: {'C' * 81}\n")
    replace(exercises / "conditions" / "runners-knee.yml", "name: Runner's knee (patellofemoral pain)\n", f"name: {'R' * 80}\n")
    code, out, err = check(project_copy, capsys)
    assert code == 0, err
    added = [line for line in out[:-1] if line not in before]
    assert added == [
        f"exercises/plank.yml:2:7: name: warning: the name is {len(long)} characters long; "
        "over 80, headings and routine cards break it mid-word: shorten it",
        "exercises/routines/cool-down.yml:2:7: name: warning: the name is 81 characters long; "
        "over 80, headings and routine cards break it mid-word: shorten it",
    ]
    assert out[-1].startswith("ok: ")
