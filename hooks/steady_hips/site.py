"""The whole generator behind one call: load and check the data, then render every page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .api import api_files
from .catalogue import Catalogue, load_catalogue
from .render import Renderer

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Site:
    catalogue: Catalogue
    renderer: Renderer
    pages: dict[str, str]
    _files: dict[str, str] | None = None

    @classmethod
    def load(cls, project_root: Path | str = PROJECT_ROOT, site_url: str = "") -> "Site":
        """Raises CatalogueError (bad data) or RenderError (bad template) with every detail."""
        root = Path(project_root)
        catalogue = load_catalogue(root / "exercises")
        renderer = Renderer(catalogue, root / "overrides" / "markdown", site_url=site_url)
        return cls(catalogue, renderer, renderer.pages())

    @property
    def files(self) -> dict[str, str]:
        """The generated files that are not pages (the open data under api/), keyed by their path in the site."""
        if self._files is None:
            self._files = api_files(self.catalogue)
        return self._files

    def article(self, markdown: str, path: str) -> str:
        return self.renderer.article(markdown, path)
