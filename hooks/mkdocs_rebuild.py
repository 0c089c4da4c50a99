"""`mkdocs serve` rebuilds only the pages an edit changed; part of the MkDocs adapter.

Every rebuild is still a whole, clean MkDocs build: every page is read, is in the navigation,
the search index and the sitemap, and is written. What is reused from the previous build is
the expensive part of a page whose inputs did not change: its Markdown conversion (HTML, table
of contents, title, anchors), its search index entries and its rendered theme template.

A page's inputs are its Markdown after our hooks (the generated Markdown holds every piece of
data the page shows, so a changed exercise name changes every page listing it), its front
matter and its figures. Anything global changes every page: mkdocs.yml, a file in overrides/
or hooks/ (templates, macros, assets, the generator), the set of files, the navigation's
titles and addresses, or the preview switching to or from the problem page.

MkDocs' own `--dirty` is not used: it treats generated files as always changed, leaves the
pages it skips without content (wrong navigation titles) and Material's search then indexes
only one page.

This reaches into private parts of MkDocs' Page and of Material's search plugin, so it runs only
on the releases it was tested with (TESTED); on any other the preview builds every page in full.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# Folders beside mkdocs.yml whose every file counts for every page.
GLOBAL_FOLDERS = ("overrides", "hooks")

# The releases whose internals this module (and the search worker's wrapper) was written against
# and tested with: the pins of requirements.lock, which tests/test_rebuild.py keeps in step.
TESTED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}


def untested_versions(names: tuple[str, ...] = tuple(TESTED)) -> list[str]:
    """'mkdocs-material 9.9.0 (tested with 9.8.1)' for each of `names` installed at another release."""
    found = []
    for name in names:
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "(not installed)"
        if installed != TESTED[name]:
            found.append(f"{name} {installed} (tested with {TESTED[name]})")
    return found


def preview_rebuilds(log: logging.Logger) -> "Rebuilds | None":
    """What a `mkdocs serve` keeps between builds, or None, with a one-line notice, on an untested release."""
    untested = untested_versions()
    if untested:
        log.info(f"Preview: every page is built in full on each change, since the speed-up is not tested with {', '.join(untested)}")
        return None
    return Rebuilds()


@dataclass
class _Entry:
    key: str
    content: str | None = None
    toc: Any = None
    title: str | None = None
    anchors: set[str] | None = None
    links: dict[str, dict[str, str]] | None = None  # by the linked file's src_uri
    search: list[dict] | None = None
    html: str | None = None  # the theme's output
    final: str | None = None  # ... after on_post_page


@dataclass
class _Source:
    text: str  # the file's text
    markdown: str  # after the front matter
    meta: dict


@dataclass
class Rebuilds:
    """The state kept between the builds of one `mkdocs serve` process."""
    previous: dict[str, _Entry] = field(default_factory=dict)
    current: dict[str, _Entry] = field(default_factory=dict)
    sources: dict[str, _Source] = field(default_factory=dict)  # generated pages' text, split as MkDocs split it
    global_key: str = ""
    nav_key: str = ""
    reused: set[str] = field(default_factory=set)  # pages whose Markdown conversion was reused
    reuse_html: set[str] = field(default_factory=set)  # ... and whose template output can be reused too
    stats: dict[str, int] = field(default_factory=dict)

    # --- the build's events, called by mkdocs_hooks --------------------------------

    def start(self, config: MkDocsConfig, files: Files, extra: str) -> None:
        """After on_files: everything global. A change there forgets the previous build."""
        self.current, self.reused, self.reuse_html = {}, set(), set()
        self.stats = {"pages": 0, "converted": 0, "templated": 0}
        digest = hashlib.sha256(extra.encode())
        config_file = Path(config.config_file_path)
        digest.update(config_file.read_bytes())
        for folder in GLOBAL_FOLDERS:
            for path in sorted((config_file.parent / folder).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    digest.update(f"\0{path.relative_to(config_file.parent)}\0".encode())
                    digest.update(path.read_bytes())
        digest.update("\0".join(sorted(f.src_uri for f in files)).encode())
        key = digest.hexdigest()
        if key != self.global_key:
            self.previous, self.sources = {}, {}
        self.global_key = key

    def pre_page(self, page: Page) -> None:
        """At on_pre_page: a generated page whose text has not changed is not split into front matter and Markdown again."""
        before = self.sources.get(page.file.src_uri)
        if before is not None and page.file.generated_by and page.file.content_string == before.text:
            def read_source(config: MkDocsConfig) -> None:  # instead of Page.read_source
                page.markdown, page.meta = before.markdown, dict(before.meta)
            page.read_source = read_source

    def page_source(self, page: Page) -> None:
        """At on_page_markdown, before any change: what read_source made of a generated page."""
        if page.file.generated_by:
            self.sources[page.file.src_uri] = _Source(page.file.content_string, page.markdown, dict(page.meta))

    def page_markdown(self, page: Page, markdown: str, figures: Callable[[str], str]) -> None:
        """After on_page_markdown: reuse the previous conversion if the page's inputs are the same."""
        digest = hashlib.sha256(figures(markdown).encode())
        digest.update(json.dumps(page.meta, sort_keys=True, default=str).encode())
        uri = page.file.src_uri
        entry = _Entry(digest.hexdigest())
        self.current[uri] = entry
        self.stats["pages"] += 1
        before = self.previous.get(uri)
        if before is not None and before.key == entry.key and before.content is not None:
            self.current[uri] = before
            self.reused.add(uri)
            page.render = lambda config, files: _restore(page, before, files)  # instead of Page.render

    def page_content(self, page: Page) -> None:
        """After on_page_content: keep what a real conversion made."""
        uri = page.file.src_uri
        if uri in self.reused or uri not in self.current:
            return
        self.stats["converted"] += 1
        entry = self.current[uri]
        entry.content, entry.toc, entry.title = page.content, page.toc, page._title_from_render
        entry.anchors = page.present_anchor_ids
        entry.links = None if page.links_to_anchors is None else {
            file.src_uri: anchors for file, anchors in page.links_to_anchors.items()}

    def environment(self, config: MkDocsConfig, nav: Navigation, env: Any) -> None:
        """At on_env (every page converted, none built yet): decide which template outputs are reused,
        and wrap search indexing and template rendering to reuse them."""
        nav_key = json.dumps([(p.file.src_uri, p.url, str(p.title)) for p in nav.pages])
        if nav_key == self.nav_key:
            self.reuse_html = {uri for uri in self.reused if self.current[uri].html is not None}
        self.nav_key = nav_key
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is not None and hasattr(index, "entries"):
            index.add_entry_from_context = self._indexing(index, index.add_entry_from_context)
        self._env = env
        self._wrapped: set[int] = set()

    def page_context(self, page: Page) -> None:
        """At on_page_context: the template this page is rendered with reuses its previous output."""
        template = self._env.get_template(page.meta.get("template", "main.html"))
        if id(template) not in self._wrapped:
            self._wrapped.add(id(template))
            template.render = self._rendering(template.render)

    def post_page(self, page: Page, output: str, finish: Callable[[str], str]) -> str:
        """At on_post_page: `finish(output)`, or what it gave last time for the same template output."""
        entry = self.current.get(page.file.src_uri)
        if entry is None:
            return finish(output)
        if entry.final is None or page.file.src_uri not in self.reuse_html:
            entry.final = finish(output)
        return entry.final

    def finish(self) -> dict[str, int]:
        """At on_post_build: this build is the one the next compares with."""
        self.previous, self.current = self.current, {}
        self._env = None
        return self.stats

    def forget(self) -> None:
        """At on_build_error: the next build starts afresh."""
        self.previous, self.current, self.sources, self.global_key, self.nav_key = {}, {}, {}, "", ""

    # --- wrappers ----------------------------------------------------------------------

    def _indexing(self, index: Any, add: Callable[[Page], None]) -> Callable[[Page], None]:
        def add_entry_from_context(page: Page) -> None:
            uri = page.file.src_uri
            entry = self.current.get(uri)
            if entry is not None and uri in self.reused and entry.search is not None:
                index.entries.extend(entry.search)
                return
            start = len(index.entries)
            add(page)
            if entry is not None:
                entry.search = index.entries[start:]
        return add_entry_from_context

    def _rendering(self, render: Callable[..., str]) -> Callable[..., str]:
        def reusing_render(*args: Any, **kwargs: Any) -> str:
            context = args[0] if args else kwargs
            page = context.get("page") if hasattr(context, "get") else None
            uri = getattr(getattr(page, "file", None), "src_uri", None)
            if uri in self.reuse_html:
                return self.current[uri].html
            html = render(*args, **kwargs)
            if uri in self.current:
                self.stats["templated"] += 1
                self.current[uri].html = html
            return html
        return reusing_render


def _restore(page: Page, entry: _Entry, files: Files) -> None:
    """What Page.render would have set, from the previous build."""
    page.content, page.toc, page._title_from_render = entry.content, entry.toc, entry.title
    page.present_anchor_ids = entry.anchors
    if entry.links is not None:
        page.links_to_anchors = {file: anchors for uri, anchors in entry.links.items()
                                 if (file := files.get_file_from_path(uri)) is not None}
