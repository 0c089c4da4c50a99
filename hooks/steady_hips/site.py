"""The whole generator behind one call: load and check the data, then render every page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue, load_catalogue
from .render import Renderer
from .thumbnails import thumbnail_files

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Site:
    catalogue: Catalogue
    renderer: Renderer
    pages: dict[str, str]
    files: dict[str, str]  # generated files that are not pages (api/figures/<slug>.svg), by docs path

    @classmethod
    def load(cls, project_root: Path | str = PROJECT_ROOT, site_url: str = "") -> "Site":
        """Raises CatalogueError (bad data) or RenderError (bad template) with every detail."""
        root = Path(project_root)
        catalogue = load_catalogue(root / "exercises")
        renderer = Renderer(catalogue, root / "overrides" / "markdown", site_url=site_url)
        return cls(catalogue, renderer, renderer.pages(), thumbnail_files(catalogue))

    def article(self, markdown: str, path: str) -> str:
        return self.renderer.article(markdown, path)
