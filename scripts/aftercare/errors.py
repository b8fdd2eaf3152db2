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


class HasProblems:
    """For a result with `problems`: the errors (they stop the build: nothing is built or
    changed until they are fixed) and the warnings (shown to editors, never a reason to stop
    the site, such as a record past its review date)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


class ProblemsFound(Exception):
    """Raised by loaders when at least one error was found; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _escape(text: str, *, property_: bool = False) -> str:
    """GitHub workflow-command escaping: %, CR and LF always; : and , in properties too."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def github_annotation(problem: Problem, title: str = "") -> str:
    """The problem as a GitHub Actions annotation on its file and line (`::error file=...::message`)."""
    command = "error" if problem.severity == "error" else "warning"
    properties = [f"file={_escape(problem.path, property_=True)}"]
    if problem.line:
        properties += [f"line={problem.line}", f"col={problem.column or 1}"]
    title = title or problem.field or ("Problem" if command == "error" else "Warning")
    properties.append(f"title={_escape(title, property_=True)}")
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{command} {','.join(properties)}::{_escape(message)}"


def format_problem(problem: Problem, style: str = "text", title: str = "") -> str:
    """One line for a terminal (`file:line:column: ...`) or a GitHub annotation (style "github")."""
    return github_annotation(problem, title) if style == "github" else str(problem)
