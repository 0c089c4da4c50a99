"""The whole generator behind one call: load and check the data, then render every page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .api import api_files, catalogue_script
from .catalogue import Catalogue, load_catalogue
from .render import Renderer, project_templates
from .settings import Settings, read_settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Site:
    catalogue: Catalogue
    renderer: Renderer
    pages: dict[str, str]
    settings: Settings
    _files: dict[str, str] | None = None
    _previous_files: tuple[Catalogue, dict[str, str]] | None = None  # a rebuild's: the previous Site's catalogue and files

    @classmethod
    def load(cls, project_root: Path | str = PROJECT_ROOT, site_url: str = "", *, figures_after: bool = False,
             remember: bool = False, previous: "Site | None" = None, settings: Settings | None = None) -> "Site":
        """Raises CatalogueError (bad data), RenderError (bad template) or SettingsError (bad
        mkdocs.yml) with every detail.

        `settings` are the project's mkdocs.yml settings (the MkDocs adapter passes its config's);
        without them, they are read from project_root/mkdocs.yml.

        The pages are complete Markdown. With `figures_after`, each figure is a short placeholder
        instead (an HTML comment), for a generator that converts the Markdown first and then
        calls `with_figures` on the HTML: the drawings stay out of the Markdown parser.

        For a live preview, `remember` records what each page read, and `previous` (the Site of
        the build before, which remembered) makes this a rebuild: the pages, drawings and `files`
        whose data has not changed are taken over from it."""
        root = Path(project_root)
        if settings is None:
            settings = read_settings(root)
        catalogue = load_catalogue(root / "exercises")
        renderer = Renderer(catalogue, project_templates(root), site_url=site_url, settings=settings)
        renderer.placeholders = figures_after
        if remember:
            renderer.remember()
        if previous is not None:
            renderer.keep_figures(previous.renderer)
        pages = renderer.pages(previous.renderer if previous is not None else None)
        if figures_after and not remember:
            renderer.draw_figures(list(pages.values()))  # a whole build: all at once, shared out
        site = cls(catalogue, renderer, pages, settings)
        if previous is not None and previous._files is not None:
            site._previous_files = (previous.catalogue, previous._files)
        return site

    @property
    def files(self) -> dict[str, str]:
        """The generated files that are not pages (the open data under api/), keyed by their path in the site."""
        if self._files is None:
            self._files = api_files(self.catalogue, self._previous_files, self.settings)
            self._files["api/catalogue.js"] = catalogue_script(self.renderer.catalogue_data())
            self._previous_files = None  # no longer needed: let the previous build's files go
        return self._files

    def article(self, markdown: str, path: str) -> str:
        return self.renderer.article(markdown, path)

    def with_figures(self, text: str) -> str:
        """Markdown or HTML with the figure placeholders (see `load`) replaced by the drawings."""
        return self.renderer.with_figures(text)
