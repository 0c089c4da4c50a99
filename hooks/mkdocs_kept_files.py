"""`mkdocs serve` keeps the generated files that are not pages (the open data under api/) in the
site folder between rebuilds and writes only those that changed; part of the MkDocs adapter.

MkDocs empties the site folder before every build and writes every file again: at 1,000
exercises about 3,600 data files, 0.7 to 1.2 s of a 3 s rebuild on the benchmark machine. So
their folder is moved aside under a hidden name before the emptying (on_pre_build), which MkDocs
leaves alone (it deletes no hidden entry), and moved back after it (on_files). There the files
that changed are written and those no longer made are removed, and MkDocs gets them as files it
need not copy.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


class WrittenFile(File):
    """A generated file that is already in the site folder, as its content says."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


@dataclass
class KeptFiles:
    """The files under `folder` kept in the site folder of one `mkdocs serve` process."""
    folder: str = "api"
    written: dict[str, str] = field(default_factory=dict)  # what the folder (or the one set aside) holds; {}: unknown

    def set_aside(self, config: MkDocsConfig) -> None:
        """At on_pre_build: out of the way of MkDocs emptying the site folder."""
        kept, aside = self._folders(config)
        if self.written and kept.is_dir():
            if aside.exists():
                shutil.rmtree(aside)
            kept.rename(aside)
        # Otherwise the folder is MkDocs' to delete; an aside folder stays until `write` (while the data is broken).

    def write(self, config: MkDocsConfig, files: dict[str, str]) -> list[File]:
        """At on_files: the folder back, brought up to `files` (paths in the site), and the Files for MkDocs.
        A file outside the folder is left to MkDocs to write."""
        outside = {path: content for path, content in files.items() if not path.startswith(f"{self.folder}/")}
        files = {path: content for path, content in files.items() if path not in outside}
        kept, aside = self._folders(config)
        if self.written and aside.is_dir() and not kept.exists():
            aside.rename(kept)
        else:
            self.written = {}
            shutil.rmtree(aside, ignore_errors=True)
        site = Path(config.site_dir)
        for path in self.written.keys() - files.keys():
            (site / path).unlink(missing_ok=True)
        folders: set[Path] = set()
        for path, content in files.items():
            if self.written.get(path) == content:
                continue
            target = site / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_text(content, encoding="utf-8")  # as MkDocs writes a generated file's text
        self.written = dict(files)
        return ([WrittenFile.generated(config, path, content=content) for path, content in files.items()]
                + [File.generated(config, path, content=content) for path, content in outside.items()])

    def forget(self) -> None:
        """At on_build_error: the next build writes every file."""
        self.written = {}

    def _folders(self, config: MkDocsConfig) -> tuple[Path, Path]:
        site = Path(config.site_dir)
        return site / self.folder, site / f".{self.folder}-kept"
