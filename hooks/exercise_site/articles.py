"""Check the hand-written articles in `content/` for what would stop `mkdocs build --strict`.

Two kinds of problem, all collected: a macro call that fails (each call is rendered on its
own, so one bad call does not hide the next), and a relative link that leads to no page of
the docs tree, in the article's own text or in what a macro wrote.
"""
from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from jinja2 import nodes

from .render import Renderer, RenderError, has_jinja, hide_code
from .validate import suggestion

CONTENT_DIR = "content"  # the MkDocs docs_dir, as set in mkdocs.yml

# `[text](target "title")` and `![alt](target)`; the text may hold one level of brackets.
_INLINE_LINK = re.compile(
    r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<plain>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
# `[label]: target`, a reference definition (not a footnote, `[^1]: text`).
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(?:<(?P<angled>[^>\n]*)>|(?P<plain>\S+))", re.MULTILINE)
# Macro calls (their output is checked on its own) and HTML comments (MkDocs never sees links there).
_NOT_LINKS = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}|<!--.*?-->", re.DOTALL)
_UNDEFINED = re.compile(r"^'(\w+)' is undefined$")
# Top-level statements later calls may depend on, kept in front of each call rendered alone.
_DEFINITIONS = (nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.Import, nodes.FromImport)


@dataclass(frozen=True, order=True)
class ArticleProblem:
    file: str
    line: int
    column: int  # orders the problems of one line; not shown, since a macro's problem has none
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def article_files(content: Path) -> list[Path]:
    return [p for p in _docs_files(content) if p.suffix == ".md"]


def check_articles(content: Path, renderer: Renderer) -> list[ArticleProblem]:
    """Every problem of every article under `content`, sorted by file and line."""
    docs = {p.relative_to(content).as_posix() for p in _docs_files(content)}
    docs.update(renderer.page_paths())
    found: list[ArticleProblem] = []
    for source in article_files(content):
        path = source.relative_to(content).as_posix()
        label = f"{CONTENT_DIR}/{path}"
        try:
            markdown = source.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            found.append(ArticleProblem(label, 1, 1, f"not UTF-8 text ({error.reason})"))
            continue
        found += [ArticleProblem(label, *where, message) for *where, message in article_problems(markdown, path, renderer, docs)]
    return sorted(found)


def article_problems(markdown: str, path: str, renderer: Renderer, docs: set[str]) -> list[tuple[int, int, str]]:
    """(line, column, message) for each problem of one article; `docs` holds every path of the docs tree."""
    hidden, _ = hide_code(markdown)
    found: list[tuple[int, int, str]] = []
    found += _link_problems(_NOT_LINKS.sub(lambda m: "\n" * m.group(0).count("\n"), hidden), path, docs, line=None)
    if has_jinja(hidden):
        for line, result in _render_each_call(hidden, path, renderer):
            if isinstance(result, str):
                found += _link_problems(result, path, docs, line=line)
            else:
                found.append((line, 0, result.message))
    return found


@dataclass
class _Failed:
    message: str


def _render_each_call(hidden: str, path: str, renderer: Renderer) -> list[tuple[int, str | _Failed]]:
    """(line, output or failure) of each `{{ ... }}` and top-level `{% ... %}` of the article."""
    env = renderer.env
    try:
        tree = env.parse(renderer.macro_import + hidden)
    except jinja2.TemplateSyntaxError as error:
        return [(error.lineno, _Failed(error.message or "Jinja syntax error"))]
    results: list[tuple[int, str | _Failed]] = []
    kept: list[nodes.Node] = []
    for node in tree.body:
        parts = node.nodes if isinstance(node, nodes.Output) else [node]
        for part in parts:
            if isinstance(part, nodes.TemplateData) or isinstance(part, _DEFINITIONS):
                continue
            body = nodes.Output([part]) if isinstance(part, nodes.Expr) else part
            try:
                output = env.from_string(nodes.Template([*kept, body])).render(page=path)
            except (RenderError, jinja2.TemplateError, TypeError, ValueError, LookupError) as error:
                results.append((part.lineno, _Failed(_message(error, renderer))))
            else:
                results.append((part.lineno, output))
        if isinstance(node, _DEFINITIONS):
            kept.append(node)
    return results


def _message(error: Exception, renderer: Renderer) -> str:
    text = str(error) if not isinstance(error, jinja2.TemplateError) else (error.message or type(error).__name__)
    undefined = _UNDEFINED.match(text)
    if undefined:
        name = undefined.group(1)
        return f"no macro or value '{name}'{suggestion(name, [*renderer.macro_names, *renderer.env.globals])}"
    return text


def _link_problems(text: str, here: str, docs: set[str], line: int | None) -> list[tuple[int, int, str]]:
    """Links in `text` that lead nowhere; at `line`, or where they stand in `text` when None."""
    found = []
    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            target = match.group("angled") if match.group("angled") is not None else match.group("plain")
            message = _link_problem(target, here, docs)
            if not message:
                continue
            if line is None:
                start = text.rfind("\n", 0, match.start()) + 1
                found.append((text.count("\n", 0, start) + 1, match.start() - start + 1, message))
            else:
                found.append((line, 0, message))
    return found


def _link_problem(url: str, here: str, docs: set[str]) -> str | None:
    """Why `url`, in the page at docs path `here`, leads to no page; None when it is fine.

    As MkDocs sees it: external addresses and `#anchor` links are left alone; a path is
    resolved against the page's folder and must name a file of the docs tree.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url:
        return None
    folder = posixpath.dirname(here)
    if url.startswith(("/", "\\")):
        inside = posixpath.normpath(unquote(parts.path).lstrip("/\\"))
        hint = f" (did you mean '{posixpath.relpath(inside, folder or '.')}'?)" if inside in docs else ""
        return f"link '{url}' starts with '/', so it misses the site's folder when published: link relative to this page{hint}"
    if not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if target == ".." or target.startswith("../"):
        return f"link '{url}' leads outside {CONTENT_DIR}/"
    if target in docs:
        return None
    meant = _meant(target, docs)
    hint = ""
    if meant:
        relative = posixpath.relpath(meant, folder or ".")
        hint = f" (did you mean '{relative}{'#' + parts.fragment if parts.fragment else ''}'?)"
    if not posixpath.splitext(target)[1]:
        return f"link '{url}' names no page file: link to the .md file{hint}"
    return f"link '{url}' leads to no page: there is no {target} in {CONTENT_DIR}/ or among the generated pages{hint}"


def _meant(target: str, docs: set[str]) -> str | None:
    """The page a broken link was probably meant for: as MkDocs guesses, then by a close name."""
    for guess in (posixpath.join(target, "index.md"), target + ".md"):
        if guess in docs:
            return guess
    pages = [d for d in docs if d.endswith(".md")]
    folder, name = posixpath.split(target)
    stem = posixpath.splitext(name)[0]
    by_stem: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: posixpath.dirname(p) != folder):  # same folder first
        by_stem.setdefault(posixpath.splitext(posixpath.basename(page))[0], page)
    close = difflib.get_close_matches(stem, list(by_stem), n=1, cutoff=0.6)
    return by_stem[close[0]] if close else None


def _docs_files(content: Path) -> list[Path]:
    """The files MkDocs takes from the docs folder: all but dot-files and dot-folders."""
    if not content.is_dir():
        return []
    return sorted(p for p in content.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(content).parts))
