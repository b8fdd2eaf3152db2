"""Read YAML keeping the line and column of every value, so errors can point at them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import Problem


@dataclass
class Located:
    """Plain data (dicts, lists, strings, numbers) plus where each part stands in the file."""

    data: object
    # "services[2].phones[0].number" -> (line, column), 1-based. "" is the whole document.
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Where each key itself stands (for "unknown field" messages).
    key_marks: dict[str, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: str) -> tuple[int, int]:
        """The closest known position for a path: the value itself, or its nearest parent."""
        while True:
            if path in self.marks:
                return self.marks[path]
            if not path:
                return (1, 1)
            path = parent_path(path)


def parent_path(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def join(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}


# libyaml (PyYAML's C parser) gives the same nodes and positions about 15 times faster; its
# error messages differ, so a file it rejects is parsed again by the Python parser, whose
# messages the error reports are written around.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str):
    """The YAML node tree of one document (None if empty); raises yaml.MarkedYAMLError."""
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


# Deeper than any data file needs; a file nested deeper is a mistake or an attack.
MAX_DEPTH = 24
# Characters no data file needs: C0/C1 controls other than tab and line breaks.
_CONTROL = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {chr(0x7F)} | {chr(c) for c in range(0x80, 0xA0)}
_CONTROL_PATTERN = re.compile("[" + re.escape("".join(sorted(_CONTROL))) + "]")
# The same, and lone surrogates (a double-quoted escape can give one; no file can be written with it).
_UNPUBLISHABLE = re.compile("[" + re.escape("".join(sorted(_CONTROL))) + "\ud800-\udfff]")


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """The text of a file that must be UTF-8; any other encoding is a Problem at its line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(shown, line, column, "", f"byte 0x{raw[error.start]:02x} is not UTF-8 text: save the file as "
                              "UTF-8 (in most editors: Save with encoding, UTF-8)")]
    return text, []


def screen(text: str, shown: str) -> list[Problem]:
    """Problems PyYAML would meet as exceptions, found first with their position: control
    characters, aliases (a few lines can expand to gigabytes), and nesting too deep to read."""
    found = _CONTROL_PATTERN.search(text)
    if found:
        char = found.group()
        number = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        return [Problem(shown, number, column, "", f"control character U+{ord(char):04X} is not allowed: "
                        "delete it (it is invisible in most editors)")]
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return [Problem(shown, *where, "", "anchors and aliases (&name, *name) are not used in data files: "
                                "write the values out in full")]
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return [Problem(shown, *where, "", f"nested more than {MAX_DEPTH} levels deep: "
                                    "data files need only a few levels; check the indentation")]
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return []  # a syntax error: compose() reports it with the Python parser's message
    return []


def load(text: str, shown: str) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML document; a syntax error becomes a Problem with its position."""
    problems = screen(text, shown)
    if problems:
        return None, problems
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        context = ""
        if error.context and error.context_mark and error.context_mark.line + 1 != line:
            started = error.context_mark
            context = f" ({error.context} that starts at line {started.line + 1}, column {started.column + 1})"
        return None, [Problem(shown, line, column, "", f"this is not valid YAML: {error.problem}{context}. "
                              "Check the indentation and that text with a colon is in quotes.")]
    located = Located(None)
    problems: list[Problem] = []
    if node is None:
        return Located({}), []
    located.data = _convert(node, "", located, problems, shown)
    return located, problems


def _convert(node, path, located, problems, shown):
    located.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(shown, key_node.start_mark.line + 1, key_node.start_mark.column + 1, path,
                                        "a field name must be a plain word, like `name:`"))
                continue
            key = key_node.value
            child = join(path, key)
            if key in result:
                problems.append(Problem(shown, key_node.start_mark.line + 1, key_node.start_mark.column + 1, child,
                                        f"'{key}' is given twice; keep one"))
                continue
            located.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, child, located, problems, shown)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, join(path, i), located, problems, shown) for i, item in enumerate(node.value)]
    # A double-quoted escape can still bring in what the file itself may not hold.
    found = _UNPUBLISHABLE.search(node.value)
    if found:
        bad = found.group()
        problems.append(Problem(shown, node.start_mark.line + 1, node.start_mark.column + 1, path,
                                f"the escape for U+{ord(bad):04X} gives a character that cannot be published: remove it"))
        return ""
    # Scalars: keep dates and anything unusual as the text written, so the schema judges it.
    if node.tag == _BOOL and node.value.lower() not in ("true", "false"):
        return node.value  # YAML 1.2: NO (Norway), no, on, off, yes are the text the editor wrote
    if node.tag in _PLAIN_TAGS:
        return _SCALARS.construct_object(node)
    return node.value


_SCALARS = yaml.constructor.SafeConstructor()
_BOOL = "tag:yaml.org,2002:bool"
