"""An organisation's settings (``extra.aftercare``), read from its settings files and checked
against ``data/schema/settings.schema.json`` with the same machinery as the data files: every
problem at once, each at the file, line and column where the value was written.

A site's settings file is layered over the project's ``mkdocs.yml`` (what it does not set, it
gets from there); it may also name files of its own with ``INHERIT:``. Values are merged the way
MkDocs merges them, and each is reported in the file that set it. Defaults of ``extra.aftercare``
live in the schema only. A site's own ``docs/`` and ``data/`` folders (beside its settings file)
are laid over the project's pages and data.

Nothing here imports MkDocs: ``python -m aftercare.validate -f <settings file>`` and the build
call the same function.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pycountry
from jsonschema import Draft202012Validator

from . import branding, content, data, dataschema, paths, upgrades, yamlnodes
from .errors import Problem

SCHEMA = paths.package_root() / paths.MARKER
WHERE = "extra.aftercare"


@dataclass
class Settings:
    branding: branding.Branding
    quick_exit: dict
    languages: list[str]  # every language the project's i18n configuration lists, default first
    default_language: str


@dataclass
class _Layered:
    """The merged settings files: plain values, and for each path the file and position."""

    data: dict
    where: dict  # "extra.aftercare.languages[1]" -> (shown file, line, column)
    keys: dict  # the same, for where each key itself stands
    own: list  # the site's own files (not the project's mkdocs.yml): (shown, path, located), nearest first
    docs_dir: Path  # the site's own pages folder (its docs_dir, resolved), as its own files set it


def read_files(config_file: Path, root: Path) -> tuple[_Layered | None, list[Problem]]:
    """Read a settings file, the files it inherits from and, under them, the project's mkdocs.yml
    (in `root`), merged as MkDocs merges them."""
    chain, problems, seen = [], [], set()
    path = config_file.resolve()
    base = (root / "mkdocs.yml").resolve()
    own_count = None
    while path is not None:
        shown = data._shown(path, root)
        if path in seen:
            return None, [Problem(shown, 1, 1, "INHERIT", "the files inherit from each other in a circle")]
        seen.add(path)
        if not path.is_file():
            return None, [Problem(shown, 0, 0, "", "the settings file does not exist: check the path")]
        text, found = yamlnodes.decode(path.read_bytes(), shown)
        located = None
        if text is not None:
            located, more = yamlnodes.load(text, shown)
            found += more
        if located is None or not isinstance(located.data, dict):
            return None, found or [Problem(shown, 1, 1, "", "expected `key: value` settings")]
        problems += found
        if path == base and own_count is None:
            own_count = len(chain)
        chain.append((shown, located, path))
        parent = located.data.get("INHERIT")
        path = (path.parent / parent).resolve() if isinstance(parent, str) else None
        if path is None and base not in seen and base.is_file():
            path = base  # the project's settings, under the site's own
    own = [(shown, file, located) for shown, located, file in chain[:own_count]]
    docs_dir = next(((file.parent / located.data["docs_dir"]).resolve() for _, file, located in own
                     if isinstance(located.data.get("docs_dir"), str)), config_file.resolve().parent / "docs")
    merged, where, keys = {}, {}, {}
    for shown, located, _ in reversed(chain):  # the project's first, the organisation's last
        below = merged.get("plugins")
        merge(merged, located.data)
        if isinstance(below, list) and isinstance(merged.get("plugins"), list) and merged["plugins"] is not below:
            # A site's own plugins come first; the project's that it does not list are added (the plugin does so).
            names = {plugin_name(entry) for entry in merged["plugins"]}
            merged["plugins"] = merged["plugins"] + [entry for entry in below if plugin_name(entry) not in names]
        for key_path, (line, column) in located.marks.items():
            where[key_path] = (shown, line, column)
        for key_path, (line, column) in located.key_marks.items():
            keys[key_path] = (shown, line, column)
    return _Layered(merged, where, keys, own, docs_dir), problems


def plugin_name(entry) -> str:
    """A plugin's name in a `plugins:` list, without a theme's namespace (material/search: search)."""
    name = next(iter(entry)) if isinstance(entry, dict) and entry else str(entry)
    return name.split("/", 1)[-1]


def merge(target: dict, source: dict) -> dict:
    """`source` over `target`, nested mappings merged, as MkDocs merges an inherited file."""
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def i18n_languages(config: dict) -> tuple[list[str], str]:
    """The one list of languages: the i18n plugin's configuration (default language first)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            codes = [entry["locale"] for entry in entries if isinstance(entry, dict) and "locale" in entry]
            default = next((e["locale"] for e in entries if isinstance(e, dict) and e.get("default")), codes[:1] or ["en"])
            default = default if isinstance(default, str) else default[0]
            return [default] + [c for c in codes if c != default], default
    return ["en"], "en"


def project_languages(config_file: Path | None = None) -> list[str]:
    """The site's languages, default first, as the project's mkdocs.yml lists them for the i18n
    plugin: the one list every command and test reads."""
    config_file = config_file or paths.package_root() / "mkdocs.yml"
    layered, _ = read_files(config_file, paths.project_root(config_file, upgrades.inherited_files(config_file)))
    return i18n_languages(layered.data if layered else {})[0]


def load(config_file: Path, *, root: Path, languages: list[str] | None = None,
         default_language: str | None = None) -> tuple[Settings | None, list[Problem]]:
    """Every setting under extra.aftercare checked at once; Settings when there is no error."""
    layered, problems = read_files(config_file, root)
    if layered is None:
        return None, problems
    checked, found = check(layered, config_file, root=root, languages=languages, default_language=default_language)
    problems = sorted(problems + found)
    return (None if any(p.severity == "error" for p in problems) else checked), problems


def check(layered: _Layered, config_file: Path, *, root: Path, languages: list[str] | None = None,
          default_language: str | None = None) -> tuple[Settings | None, list[Problem]]:
    """The settings of files already read (read_files), checked; Settings when there is no error."""
    problems: list[Problem] = []
    if languages is None:
        languages, default_language = i18n_languages(layered.data)
    default_language = default_language or languages[0]
    settings = ((layered.data.get("extra") or {}).get("aftercare")) or {}
    checker = _Checker(layered, config_file.resolve().parent, root)
    checker.schema(settings)
    # What the values mean is checked for every setting whose shape is right, in the same run.
    if "*" not in checker.bad_keys:
        checker.meaning({k: v for k, v in settings.items() if k not in checker.bad_keys}, languages, default_language)
    problems += checker.problems + upgrades.settings_notes(layered.own, root)
    if any(p.severity == "error" for p in problems):
        return None, sorted(problems)
    return checker.result(settings, languages, default_language, layered.docs_dir), sorted(problems)


def defaults() -> dict:
    """Every setting's default, as the schema gives it (no settings file at all)."""
    return _defaults(json.loads(SCHEMA.read_text(encoding="utf-8")), {})


def _defaults(schema: dict, value: dict) -> dict:
    """The settings with the schema's defaults filled in (the one place defaults live)."""
    result = dict(value)
    for key, sub in schema.get("properties", {}).items():
        if key not in result and "default" in sub:
            result[key] = json.loads(json.dumps(sub["default"]))
        if isinstance(result.get(key), dict) and sub.get("type") == "object":
            result[key] = _defaults(sub, result[key])
    return result


class _Checker:
    def __init__(self, layered: _Layered, config_dir: Path, root: Path):
        self.layered = layered
        self.config_dir = config_dir
        self.root = root
        self.problems: list[Problem] = []
        self.bad_keys: set[str] = set()  # settings whose shape is wrong: their meaning is not checked
        self.schema_doc = json.loads(SCHEMA.read_text(encoding="utf-8"))

    def add(self, path: str, message: str, *, at_key: bool = False) -> None:
        full = yamlnodes.join(WHERE, path) if path else WHERE
        if at_key and full in self.layered.keys:
            self.problems.append(Problem(*self.layered.keys[full], full, message))
            return
        probe = full
        while probe and probe not in self.layered.where:
            probe = yamlnodes.parent_path(probe)
        shown, line, column = self.layered.where.get(probe, (data._shown(self.config_dir / "mkdocs.yml", self.root), 0, 0))
        self.problems.append(Problem(shown, line, column, full, message))

    def schema(self, settings: dict) -> None:
        validator = Draft202012Validator(self.schema_doc)
        for error in dataschema.leaf_errors(validator.iter_errors(settings)):
            path = dataschema.path_of(error.absolute_path)
            message, path = dataschema.explain(error, path)
            self.bad_keys.add(path.split(".")[0].split("[")[0] or "*")
            if error.validator == "additionalProperties":
                known = ", ".join(sorted(error.schema.get("properties", {})))
                message = message.replace("unknown field", "unknown setting").replace("known fields", "known settings")
                message = message.split(" (known")[0] + f" (known settings: {known})"
                self.add(path, message, at_key=True)
                continue
            elif error.validator == "pattern" and error.validator_value == "^https://":
                message = (f"{dataschema.short(error.instance)} is not an https:// address: give a neutral page, "
                           "for example https://www.bbc.com/weather")
            self.add(path, message)

    def meaning(self, settings: dict, languages: list[str], default_language: str) -> None:
        chosen = settings.get("languages")
        if chosen is not None:
            for i, code in enumerate(chosen):
                if code not in languages:
                    self.add(f"languages[{i}]", f"'{code}' is not a language this project builds "
                                                f"({', '.join(languages)}); see 'Add a language' in ORGANISATIONS.md")
            if default_language not in chosen:
                self.add("languages", f"the default language ({default_language}) must be included")
        countries = settings.get("countries")
        for i, code in enumerate(countries or []):
            if pycountry.countries.get(alpha_2=code) is None:
                self.add(f"countries[{i}]", f"'{code}' is not an ISO 3166-1 country code (e.g. US, MX, PH)")
        default_country = settings.get("default_country")
        if default_country is not None:
            if pycountry.countries.get(alpha_2=default_country) is None:
                self.add("default_country", f"'{default_country}' is not an ISO 3166-1 country code (e.g. US)")
            elif countries is not None and default_country not in countries:
                self.add("default_country", f"{default_country} is not one of countries ({', '.join(countries)}): "
                                            "add it there, or choose one of them")
        for key in ("logo", "favicon", "docs_overlay"):
            if key in settings and not (self.config_dir / settings[key]).exists():
                self.add(key, f"{settings[key]} does not exist (looked for {_absolute(self.config_dir / settings[key])})")
        for i, folder in enumerate(settings.get("extra_data", [])):
            if not (self.config_dir / folder).is_dir():
                self.add(f"extra_data[{i}]", f"the folder {folder} does not exist (looked for "
                                             f"{_absolute(self.config_dir / folder)}): check the path, or remove it")
        exit_settings = settings.get("quick_exit") or {}
        urls = [("quick_exit.url", exit_settings.get("url"))]
        urls += [(f"quick_exit.per_language.{code}", url) for code, url in (exit_settings.get("per_language") or {}).items()]
        for path, url in urls:
            if isinstance(url, str):
                problem = content.url_problem(url) or (None if not set(url) & set("\"'<>` ") else
                                                       "the address contains a quote, bracket or space")
                if problem:
                    self.add(path, f"{dataschema.short(url)}: {problem}. Give a neutral page, for example "
                                   "https://www.bbc.com/weather")
        for code in (exit_settings.get("per_language") or {}):
            if code not in languages:  # one the project has but this site does not build is kept, unused
                self.add(f"quick_exit.per_language.{code}", f"{code} is not a language of this project "
                                                            f"({', '.join(languages)})")
        try:
            branding._brand_css(settings.get("brand") or {}, f"{WHERE}.brand")
        except branding.SettingsError as error:
            key, _, message = str(error).partition(": ")
            self.add(key[len(WHERE) + 1:], message)

    def result(self, settings: dict, languages: list[str], default_language: str, docs_dir: Path) -> Settings:
        full = _defaults(self.schema_doc, settings)
        extra_data = [(self.config_dir / folder).resolve() for folder in full["extra_data"]]
        own_data = (self.config_dir / "data").resolve()
        checkout = paths.is_project(self.config_dir)  # its data/ and docs/ are the project's own
        if not checkout and own_data.is_dir() and own_data != (self.root / "data").resolve() and own_data not in extra_data:
            extra_data.append(own_data)  # the site's own data/ folder, beside its settings file
        overlay = (self.config_dir / full["docs_overlay"]).resolve() if "docs_overlay" in full else None
        if overlay is None and not checkout and docs_dir.is_dir() and docs_dir != (self.root / "docs").resolve():
            overlay = docs_dir  # the site's own pages folder, laid over the project's
        brand = branding.Branding(
            languages=full.get("languages"),
            countries=full.get("countries"),
            default_country=full.get("default_country"),
            css=branding._brand_css(full.get("brand") or {}, f"{WHERE}.brand"),
            logo=(self.config_dir / full["logo"]).resolve() if "logo" in full else None,
            favicon=(self.config_dir / full["favicon"]).resolve() if "favicon" in full else None,
            docs_overlay=overlay,
            extra_data=extra_data,
            strict_transport_security=full.get("strict_transport_security", True),
            editor={"branch": "main", **full["editor"]} if "editor" in full else None,
            named=[_absolute(self.config_dir / full[key]) for key in ("logo", "favicon", "docs_overlay") if key in full]
            + [_absolute(self.config_dir / folder) for folder in full["extra_data"]],
        )
        return Settings(brand, full["quick_exit"], languages, default_language)


def _absolute(path: Path) -> Path:
    """The path made absolute without following links (a resolved link would print its target)."""
    return Path(os.path.abspath(path))
