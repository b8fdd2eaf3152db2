"""Problems found in editors' files, reported as values so that all of them are shown at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, located as precisely as the parser allows.

    ``line`` and ``column`` are 1-based; 0 means "unknown" (for example a missing file).
    ``field`` is a dotted path such as ``services[2].phones[0].number`` ("" for the whole file).
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        field = f" {self.field}:" if self.field else ""
        label = "" if self.severity == "error" else f" {self.severity}:"
        return f"{where}:{label}{field} {self.message}"


class ProblemsFound(Exception):
    """Raised by loaders when at least one error was found; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
