"""Problems found in the data, collected so that one run reports all of them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        label = "warning: " if self.warning else ""
        return f"{where}: {self.field or '(file)'}: {label}{self.message}"


class CatalogueError(Exception):
    """Raised with every problem at once; the build stops on it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the exercise data:"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class RenderError(Exception):
    """A template or article could not be rendered; the message names the file and line."""
