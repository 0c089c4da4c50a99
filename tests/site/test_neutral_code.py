"""The generator names no site: nothing in its code, templates, styles, scripts, Makefile or
workflow says this site's name, its body region or its conditions and articles. What names
the site lives in mkdocs.yml, exercises/ and content/, which a fork replaces.

The words are this site's, read from its data at test time (site_name, the conditions'
names and files, the articles' files), plus a short list of its subject's words."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from exercise_site.model import slugify
from exercise_site.settings import read_settings

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ["hooks", "overrides", "Makefile", ".github", "mkdocs.offline.yml"]
NOT_CODE = ["overrides/assets/vendor", "overrides/assets/images"]  # third-party copies; pictures

# The subject of this site, in the words its code must not use.
SUBJECT_WORDS = ["hip", "hips", "groin", "runner", "runners", "running", "glute", "glutes", "gluteal", "gluteus",
                 "hamstring", "hamstrings", "adductor", "adductors", "iliopsoas", "trochanter", "trochanteric"]

# The figure engine draws a whole human body: its joints and body points (`hips`, `knee`...)
# are anatomy, the same for any site. Allowed there only, and in model.py only from its
# figure section on (the poses' fields).
ANATOMY = {"hip", "hips"}
ANATOMY_FILES = {"hooks/exercise_site/figure.py": "", "hooks/exercise_site/body_map.py": "",
                 "hooks/exercise_site/model.py": "# --- figures:"}



def site_words() -> list[str]:
    """This site's name and its slug, its conditions (names and file names), and its articles'
    file names, less those mkdocs.yml names for the generated pages' links (`extra.articles`):
    the generator's defaults for a project without a mkdocs.yml use those generic names."""
    settings = read_settings(ROOT)
    words = [settings.name, settings.slug]
    for path in sorted((ROOT / "exercises" / "conditions").glob("*.yml")):
        words.append(path.stem)
        words.append(str(yaml.safe_load(path.read_text(encoding="utf-8"))["condition"]))
    configured = set(vars(settings.articles).values())
    content = ROOT / settings.docs_dir
    words += [p.relative_to(content).with_suffix("").as_posix() for p in sorted(content.rglob("*.md"))
              if p.name != "index.md" and p.relative_to(content).as_posix() not in configured]
    return list(dict.fromkeys(w.casefold() for w in [*SUBJECT_WORDS, *words] if w))


def checked_files() -> list[Path]:
    files: list[Path] = []
    for name in CHECKED:
        path = ROOT / name
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in candidates:
            relative = file.relative_to(ROOT).as_posix()
            if "__pycache__" in relative or any(relative.startswith(folder + "/") for folder in NOT_CODE):
                continue
            files.append(file)
    return files


def _pattern(word: str) -> re.Pattern:
    # A word on its own: not inside a longer word or slug (`hip` is not in `ship` or `hipster`).
    return re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", re.IGNORECASE)


def site_words_in(file: Path, words: list[str]) -> list[str]:
    """`path:line: word` for every one of `words` in the file, less the allowed ones."""
    relative = file.relative_to(ROOT).as_posix()
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []  # not text
    anatomy_from = None
    if relative in ANATOMY_FILES:
        marker = ANATOMY_FILES[relative]
        assert marker in text, f"{relative} has no '{marker}' line: where does its figure section start?"
        anatomy_from = text.index(marker)
    found = []
    for word in words:
        for match in _pattern(word).finditer(text):
            if anatomy_from is not None and match.start() >= anatomy_from and word in ANATOMY:
                continue
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{relative}:{line}: {match.group(0)}")
    return found


def test_the_generator_names_no_site():
    words = site_words()
    assert "hip" in words and slugify(read_settings(ROOT).name) in words
    found = [hit for file in checked_files() for hit in site_words_in(file, words)]
    assert not found, "this site's words in the generator:\n" + "\n".join(found)


def test_the_check_finds_a_site_word(tmp_path, monkeypatch):
    """The check itself: a word of the site in a file under the checked folders is found, with its line."""
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "page.py").write_text('"""Draws the page."""\nTITLE = "Hip exercises for runners"\n')
    assert site_words_in(tmp_path / "hooks" / "page.py", ["hip", "runners"]) == ["hooks/page.py:2: Hip", "hooks/page.py:2: runners"]
