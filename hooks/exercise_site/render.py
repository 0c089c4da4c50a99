"""Render the catalogue to Markdown pages with the Jinja templates in `overrides/markdown/`.

One environment, one set of macros: the generated pages and the hand-written articles
call the same `macros.md`. Every `{{ value }}` is escaped as literal Markdown text unless
it is a macro result or marked safe, so text from YAML can never become HTML or Markdown.
"""
from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .catalogue import Catalogue
from .model import CARD_CUES, Exercise, Source, gear_names, slugify
from . import memo
from .figure import exercise_figure, figure_moves
from .parallel import shared_map
from .problems import RenderError
from .queries import BROWSE_FOLDERS, Queries, reads_catalogue
from .qr import qr_svg
from .sections import split_long_tables
from .settings import Settings
from .thumbnails import thumbnail_path, thumbnail_size
from .builder_limits import BUILDER_LIMITS, LOG_TICKED, builder_often
from .body_map import VIEW_NAMES, area_id, body_map_svg, map_views
from .return_plan import browser_rules, minutes, sample_week, session_range, stage_repeats, stage_summary
from .text import (count, dosage_text, equipment_text, frequency_text, levels_text, markdown_text, most_sessions, often_text,
                   other_levels, sides_text, source_short, times_a_week)

TEMPLATES = Path(__file__).resolve().parents[2] / "overrides" / "markdown"


def project_templates(root: Path) -> Path:
    """A project's own page templates (`<root>/overrides/markdown`), else the generator's."""
    own = Path(root) / "overrides" / "markdown"
    return own if own.is_dir() else TEMPLATES


# Fenced code blocks and inline code spans are left alone by Jinja in articles.
_CODE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=fence)[ \t]*$"
    r"|(?P<ticks>`+)[^`\n].*?(?P=ticks)",
    re.MULTILINE | re.DOTALL,
)


_ID_STAND_IN = "rx-id-stand-in"
BODY_MAP_PAGE = "where-does-it-hurt/index.md"
OFFLINE_PAGE = "offline/index.md"


_SHARE_FROM = 100  # pages; below this, forking a worker costs more than it saves
# Rows per page of a long list (the catalogue, a browse page): a thousand rows in one page
# is megabytes of HTML that a phone lays out for seconds. Page 1 keeps the list's own address;
# page k is `<list>/page/k/`, so every row stays reachable without JavaScript.
LIST_PAGE = 100


def _source_link(source: Source) -> Markup:
    """Where a source can be read, as a link: its DOI, else its address; empty when it has neither."""
    href = f"https://doi.org/{source.doi}" if source.doi else source.url
    if not href:
        return Markup("")
    text = f"doi:{source.doi}" if source.doi else href
    return Markup('<a href="{}">{}</a>').format(href, text)


class Renderer:
    def __init__(self, catalogue: Catalogue, templates: Path = TEMPLATES, site_url: str = "", settings: Settings | None = None):
        self.catalogue = catalogue
        self.settings = settings if settings is not None else Settings()
        self._figures: dict[tuple, str] = {}
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        # True: figures are left as placeholders in the Markdown, for `with_figures` to put in afterwards.
        self.placeholders = False
        self.memo: memo.Memo | None = None  # see `remember`
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            finalize=markdown_text,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=memo.COMPILED,
        )
        self.queries = Queries(catalogue)
        self.env.globals.update(
            catalogue=catalogue,
            **self.queries.template_globals(),
            site=self.settings,  # site.name, site.tagline, site.slug ...
            articles=self.settings.articles,  # link targets: link(articles.red_flags)
            dosage_text=dosage_text,
            equipment_text=equipment_text,
            levels_text=levels_text,
            sides_text=sides_text,
            other_levels=other_levels,
            gear_names=gear_names,
            frequency_text=frequency_text,
            often_text=often_text,
            times_a_week=times_a_week,
            most_sessions=most_sessions,
            page_url=self._page_url,
            qr_svg=qr_svg,
            exercise_figure=self._figure,
            thumbnail=self._thumbnail,
            figure_moves=figure_moves,
            count=count,
            front_matter=_front_matter,
            link=_link,
            attr=_attribute,
            search_words=self.queries.search_words,
            slug=slugify,
            catalogue_row=self._catalogue_row,
            list_page=LIST_PAGE,
            log_ticked=LOG_TICKED,
            body_map_page=BODY_MAP_PAGE,
            body_map_svg=body_map_svg,
            map_views=map_views,
            area_id=area_id,
            map_view_names=VIEW_NAMES,
            page_path=list_page_path,
            page_count=_pages,
            on_page=_on_page,
            page_span=_page_span,
            sentence=_sentence,
            builder_slot=_slot,
            builder_limits=BUILDER_LIMITS,
            builder_often=builder_often(),
            card_cues=CARD_CUES,
            source_link=_source_link,
            minutes=minutes,
            stage_repeats=stage_repeats,
            stage_summary=stage_summary,
            sample_week=sample_week,
            session_range=session_range,
            plan_rules=lambda plan: json.dumps(browser_rules(plan), separators=(",", ":")),
        )
        # Through the `source` global, which the preview records (memo.py), so an edited source renders again.
        self.env.filters["source_short"] = lambda key: source_short(self.env.globals["source"](key))
        macro_source = self.env.loader.get_source(self.env, "macros.md")[0]
        self.macro_names = re.findall(r"{%-?\s*macro\s+(\w+)", macro_source)
        # Prepended to an article on its line 1, without a newline, so line numbers stay those of the file.
        self.macro_import = f'{{% from "macros.md" import {", ".join(self.macro_names)} with context %}}'

    @reads_catalogue
    def _catalogue_row(self, exercise: Exercise) -> dict[str, Any]:
        """A catalogue row as plain text: the page's table (exercise_index.md) and the filters'
        data for the other pages (`catalogue_data`) are made from this one dict."""
        extra = self.catalogue.level_equipment(exercise)
        equipment = equipment_text(exercise.equipment) + (f"; some levels: {equipment_text(extra)}" if extra else "")
        low, high = self.catalogue.difficulty(exercise.slug)
        _, width, height = self._thumbnail(exercise)
        return {
            "slug": exercise.slug,
            "name": exercise.name,
            "kind": exercise.kind,
            "muscles": ", ".join(exercise.muscles) if exercise.muscles else "none",
            "equipment": equipment,
            "position": exercise.position,
            "difficulty": f"{low}" if high == low else f"{low}–{high}",
            "thumb": [width, height],
            "data": self.queries.filter_data(exercise),
        }

    def catalogue_data(self) -> dict[str, Any]:
        """Every catalogue row, for the filters of a catalogue longer than one page (catalogue.js)."""
        rows = shared_map(self._catalogue_row, list(self.catalogue.exercises.values()), minimum=_SHARE_FROM)
        fields = [key for key in rows[0] if key != "data"] if rows else []
        facets = list(rows[0]["data"]) if rows else []
        return {"fields": fields, "facets": facets,
                "rows": [[row[f] for f in fields] + [row["data"][f] for f in facets] for row in rows]}

    def _page_url(self, path: str) -> str:
        """The public address of a page, e.g. `routines/x.md` -> `<site_url>routines/x/`."""
        stem = path.removesuffix(".md")
        address = stem.removesuffix("index") if stem.rsplit("/", 1)[-1] == "index" else stem + "/"
        return self.site_url + address

    @reads_catalogue
    def _figure(self, exercise: Exercise, level: Any = None, *, thumb: bool = False, key: object = "") -> Markup:
        """Figures are deterministic, and a thumbnail appears on many listing pages: draw each
        once with a stand-in for the per-use id suffix, then put the suffix in."""
        if isinstance(level, str):
            self.queries.level(exercise, level)  # an unknown level name fails here, with the names it could be
        name = level if isinstance(level, str) or level is None else level.name
        if self.placeholders:
            stand_in = _figure_placeholder(exercise, name, thumb, key)
            if stand_in is not None:
                return stand_in
        suffix = f"-{key}" if key != "" else ""
        return Markup(self._drawn(exercise, level, name, thumb).replace(f"-{_ID_STAND_IN}", suffix))

    def _drawn(self, exercise: Exercise, level: Any, name: str | None, thumb: bool) -> str:
        cache_key = (exercise.slug, name, thumb)
        if cache_key not in self._figures:
            self._figures[cache_key] = str(exercise_figure(exercise, level, self.catalogue.vocabulary, thumb=thumb, key=_ID_STAND_IN))
        return self._figures[cache_key]

    @reads_catalogue
    def _thumbnail(self, exercise: Exercise) -> tuple[str, str, str]:
        """(docs path, width, height) of an exercise's thumbnail file (thumbnails.py)."""
        return (thumbnail_path(exercise), *thumbnail_size(self._drawn(exercise, None, None, True)))

    # --- pages ---------------------------------------------------------------------

    def pages(self, previous: "Renderer | None" = None) -> dict[str, str]:
        """Every generated page, keyed by its path in the docs tree (e.g. `exercises/clamshell.md`).

        After `remember`, pages are rendered in this process and those whose data has not
        changed since `previous` rendered them (it remembered too) are taken over from it."""
        jobs = self._page_jobs()
        if self.memo is not None:
            rendered = memo.render(self.memo, jobs, self._page, previous.memo if previous is not None else None)
        else:
            rendered = shared_map(lambda job: self._page(*job), jobs, minimum=_SHARE_FROM)
        return {path: markdown for (_, path, _), markdown in zip(jobs, rendered)}

    def remember(self) -> None:
        """Record what each page reads from the catalogue, for the next render (the live preview)."""
        self.memo = memo.install(self)

    def page_paths(self) -> list[str]:
        """The docs path of every generated page, without rendering them."""
        return [path for _, path, _ in self._page_jobs()]

    def _page_jobs(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(template, docs path, template values) of every generated page."""
        jobs = self._list_jobs("exercise_index.md", "exercises/index.md", len(self.catalogue.exercises), {})
        jobs += [("exercise.md", f"exercises/{slug}.md", {"ex": e}) for slug, e in self.catalogue.exercises.items()]
        if self.catalogue.routines:
            jobs.append(("routine_index.md", "routines/index.md", {}))
            jobs += [("routine.md", f"routines/{slug}.md", {"routine": r}) for slug, r in self.catalogue.routines.items()]
        jobs.append(("builder.md", "builder/index.md", {}))
        jobs.append(("offline.md", OFFLINE_PAGE, {}))  # what the service worker shows for a page not saved
        for facet in ("muscle", "equipment"):
            jobs.append(("browse_index.md", f"{BROWSE_FOLDERS[facet]}/index.md", {"facet": facet}))
            for value in self.queries.facet_values(facet):
                jobs += self._list_jobs("browse.md", self.queries.browse_path(facet, value), len(self.catalogue.exercises_for(facet, value)),
                                        {"facet": facet, "value": value})
        if self.catalogue.vocabulary.body_areas:
            jobs.append(("body_map.md", BODY_MAP_PAGE, {}))
        jobs += [("plan.md", plan_page(slug), {"plan": plan}) for slug, plan in self.catalogue.plans.items()]
        if self.catalogue.conditions:
            jobs.append(("condition_index.md", "conditions/index.md", {}))
            for name, condition in self.catalogue.conditions.items():
                jobs += self._list_jobs("condition.md", self.queries.browse_path("condition", name),
                                        len(self.catalogue.exercises_for("condition", name)), {"name": name, "condition": condition})
        return jobs

    @staticmethod
    def _list_jobs(template: str, first: str, rows: int, values: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
        """The jobs of a list's pages, `number` 1 at `first` (list_page_path)."""
        return [(template, list_page_path(first, number), {**values, "number": number}) for number in range(1, _pages(rows) + 1)]

    def _page(self, template: str, path: str, values: dict[str, Any]) -> str:
        try:
            return split_long_tables(self.env.get_template(template).render(page=path, **values))
        except RenderError as error:
            raise RenderError(f"{path}: {error}") from None

    def article(self, markdown: str, path: str) -> str:
        """Expand the macros in a hand-written article; code blocks are left as written."""
        hidden, stash = hide_code(markdown)
        if not has_jinja(hidden):
            return markdown
        try:
            template = self.env.from_string(self.macro_import + hidden)
            rendered = template.render(page=path)
        except jinja2.TemplateSyntaxError as error:
            raise RenderError(f"{path}:{error.lineno}: {error.message}") from None
        except (jinja2.UndefinedError, RenderError) as error:
            raise RenderError(f"{path}:{_template_line(error)}: {error}") from None
        return re.sub(r"\x02(\d+)\n*\x03", lambda m: stash[int(m.group(1))], str(rendered))


    # --- figures after Markdown ------------------------------------------------------
    # An inline SVG is most of a page's bytes, and Python-Markdown and the search indexer would
    # otherwise parse every element of it. With `placeholders` on, each figure is a short HTML
    # comment in the Markdown, and `with_figures` puts the drawing in its place in the HTML.

    def with_figures(self, text: str) -> str:
        """`text` (Markdown or HTML) with every figure placeholder replaced by its SVG."""
        if _PLACEHOLDER_START not in text:
            return text
        return _PLACEHOLDER.sub(self._figure_for, text)

    def draw_figures(self, texts: list[str]) -> None:
        """Draw every figure the placeholders in `texts` name, now and shared out with forked
        workers like the pages, rather than one by one as `with_figures` meets them."""
        wanted = sorted({(slug, level, thumb) for text in texts if _PLACEHOLDER_START in text
                         for slug, level, thumb, _ in _PLACEHOLDER.findall(text)})
        jobs = []
        for slug, level, thumb in wanted:
            exercise = self.catalogue.exercises[slug]
            name = exercise.levels[int(level)].name if level else None
            if (slug, name, thumb == "t") not in self._figures:
                jobs.append((exercise, name, thumb == "t"))
        vocabulary = self.catalogue.vocabulary
        drawn = shared_map(lambda job: str(exercise_figure(job[0], job[1], vocabulary, thumb=job[2], key=_ID_STAND_IN)), jobs, minimum=_SHARE_FROM)
        for (exercise, name, thumb), svg in zip(jobs, drawn):
            self._figures[(exercise.slug, name, thumb)] = svg

    def keep_figures(self, previous: "Renderer") -> None:
        """Take over the drawings `previous` made of exercises that have not changed since (a preview rebuild)."""
        if previous.catalogue.vocabulary != self.catalogue.vocabulary:  # a muscle's shading or a position's words may differ
            return
        for (slug, name, thumb), svg in previous._figures.items():
            exercise = self.catalogue.exercises.get(slug)
            if exercise is not None and exercise == previous.catalogue.exercises.get(slug):
                self._figures.setdefault((slug, name, thumb), svg)

    def _figure_for(self, match: re.Match) -> str:
        slug, level, thumb, key = match.groups()
        exercise = self.catalogue.exercises[slug]
        name = exercise.levels[int(level)].name if level else None
        placeholders, self.placeholders = self.placeholders, False
        try:
            return str(self._figure(exercise, name, thumb=thumb == "t", key=key))
        finally:
            self.placeholders = placeholders


_PLACEHOLDER_START = "<!--rx-figure "
_PLACEHOLDER = re.compile(r"<!--rx-figure ([a-z0-9-]+) (\d*) ([tb]) ([\w-]*)-->")


def plan_page(slug: str) -> str:
    """The docs path of a walk-run plan's page: `exercises/plans/<slug>.yml` is `/<slug>/`."""
    return f"{slug}/index.md"


def list_page_path(first: str, number: int) -> str:
    """The docs path of page `number` of a list whose first page is `first`:
    `exercises/index.md` -> `exercises/page/2.md`, `browse/muscles/core.md` -> `browse/muscles/core/page/2.md`."""
    if number == 1:
        return first
    stem = first.removesuffix(".md").removesuffix("/index")
    return f"{stem}/page/{number}.md"


def _pages(rows: int) -> int:
    """How many pages a list of `rows` takes (one when empty)."""
    return max(1, -(-rows // LIST_PAGE))


def _on_page(items: list, number: int) -> list:
    """The rows of page `number` of a list."""
    return items[(number - 1) * LIST_PAGE:number * LIST_PAGE]


def _page_span(number: int, rows: int) -> tuple[int, int]:
    """The first and last row numbers (1-based) on page `number` of a list of `rows`."""
    return (number - 1) * LIST_PAGE + 1, min(number * LIST_PAGE, rows)


def _figure_placeholder(exercise: Exercise, name: str | None, thumb: bool, key: object) -> Markup | None:
    """The placeholder for a figure, or None when it cannot name it (then the SVG goes in at once)."""
    index = "" if name is None else next((str(i) for i, level in enumerate(exercise.levels) if level.name == name), None)
    text = f"{_PLACEHOLDER_START}{exercise.slug} {index} {'t' if thumb else 'b'} {key}-->"
    return Markup(text) if index is not None and _PLACEHOLDER.fullmatch(text) else None


def hide_code(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each code block and code span replaced by a marker, and the code."""
    stash: list[str] = []

    def hide(match: re.Match) -> str:
        stash.append(match.group(0))
        # Keep the newlines so that line numbers still match the file.
        return f"\x02{len(stash) - 1}" + "\n" * match.group(0).count("\n") + "\x03"

    return _CODE.sub(hide, markdown), stash


def has_jinja(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text




def _slot(name: str, text: str = "") -> Markup:
    """An empty (or placeholder) span of the builder's card that builder.js fills."""
    from markupsafe import escape

    return Markup(f'<span data-slot="{escape(name)}">{escape(text)}</span>')


def _sentence(text: str) -> str:
    """Capitalise the first letter only: `triceps surae` -> `Triceps surae`, `IT band` stays."""
    return text[:1].upper() + text[1:]


def _template_line(error: BaseException) -> str:
    tb = error.__traceback__
    line = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line


def _front_matter(**values: Any) -> Markup:
    # JSON values are valid YAML, and json.dumps is far faster than yaml.safe_dump.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items() if value is not None]
    return Markup("---\n" + "\n".join(lines) + "\n---\n")


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> Markup:
    """A relative link from the page being rendered to `target`, a path in the docs tree."""
    return _relative(posixpath.dirname(context["page"]), target)


@functools.lru_cache(maxsize=65536)
def _relative(here: str, target: str) -> Markup:
    return Markup(posixpath.relpath(target, here or "."))


def _attribute(value: Any) -> Markup:
    """Text for an HTML attribute value inside the Markdown (quoted by the template)."""
    from markupsafe import escape

    return Markup(str(escape(" ".join(str(value).split()))))
