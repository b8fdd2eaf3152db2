"""Hotline and provider data: load, validate (every problem at once, with file:line:column),
and hand out plain records for pages and exports.

Layout (one file per country or organisation keeps pull requests small):

    data/hotlines/<CC>.yml       emergency numbers and hotlines of one country
    data/providers/<id>.yml      one service provider
    data/schema/*.schema.json    the JSON Schemas editors' tools can use to check fields

Checks beyond the schema: real ISO 3166 country and ISO 639 language codes, phone numbers that
are valid for their country (phonenumbers), short codes kept as digits, unique ids, https
addresses, no HTML in text, and review dates (a record past its review date is a warning).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


from . import dataschema, dataupgrades, rights, tree, yamlnodes
from .datacheck import (SCRIPT_JOINERS, Checker as _Checker, caller_pays, html_problem, invisible_character,  # noqa: F401
                        way_in,
                        review_date)
from .errors import HasProblems, Problem

SCHEMA_DIR = "schema"
KINDS = {"hotlines": "hotlines.schema.json", "providers": "provider.schema.json"}


@dataclass
class Dataset:
    """Everything in data/: hotline files by country, providers by id. Not changed once loaded."""

    countries: dict[str, dict] = field(default_factory=dict)
    providers: dict[str, dict] = field(default_factory=dict)
    # Services kept for the next review but not shown (`listed: false`: no source gives a way in).
    unlisted: dict[str, dict] = field(default_factory=dict)

    def providers_in(self, country: str) -> list[dict]:
        """The providers that work in a country, in order of id."""
        return self._providers_by_country.get(country, [])

    @cached_property
    def _providers_by_country(self) -> dict[str, list[dict]]:
        by_country: dict[str, list[dict]] = {}
        for _, provider in sorted(self.providers.items()):
            for country in provider["countries"]:
                by_country.setdefault(country, []).append(provider)
        return by_country


def text_in(value: dict | None, lang: str, default: str) -> tuple[str, str] | None:
    """A text field in `lang`, else in the default language, else in the first given: (text, language)."""
    if not value:
        return None
    used = lang if lang in value else default if default in value else next(iter(value))
    return value[used], used


@dataclass
class Result(HasProblems):
    dataset: Dataset
    problems: list[Problem]


def load(data_dir: Path, *, root: Path | None = None, today: dt.date | None = None,
         countries: list[str] | None = None, extra_dirs: list[Path] = ()) -> Result:
    """Read and check every data file. Never raises for bad data: problems are returned.

    `extra_dirs` are more folders with hotlines/ and providers/ (an organisation's own records,
    or test records), checked against the same schemas. `countries`, when given, keeps only
    the records of those countries (a branded site).
    """
    root = root or data_dir.parent
    today = today or dt.date.today()
    leaving = tree.outside_links([data_dir, *extra_dirs], homes=[root], root=root)
    if leaving:
        return Result(Dataset(), leaving)  # nothing is read through a link out of the project
    validators = dataschema.validators(data_dir / SCHEMA_DIR)
    dataset = Dataset()
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    seen_countries: dict[str, str] = {}
    referrals: list = []
    for kind, schema_name in KINDS.items():
        paths = [(folder, p) for folder in (data_dir, *extra_dirs) for p in sorted((folder / kind).glob("*.yml"))
                 # A site that builds some countries does not read the project's files of the others
                 # (the project's own checks read them all); an organisation's own files are all read.
                 if not (kind == "hotlines" and countries is not None and folder == data_dir and p.stem not in countries)]
        for folder, path in paths:
            shown = _shown(path, root)
            # An organisation's own record for a country its site does not show would be dropped unseen.
            unshown = countries is not None and folder != data_dir
            text, found = yamlnodes.decode(path.read_bytes(), shown)
            located = None
            if text is not None:
                located, more = yamlnodes.load(text, shown)
                found += more
            problems += found
            if located is None or any(p.severity == "error" for p in found):
                continue
            shape = dataschema.schema_problems(validators[schema_name], located, shown)
            problems += dataupgrades.with_upgrades(shape, kind, located, shown)  # an older format, said once
            if shape:
                continue  # meaning checks assume the shape is right
            checker = _Checker(located, shown, today)
            if kind == "hotlines":
                checker.hotline_file(path.stem)
                record = located.data
                if record["country"] in seen_countries:
                    checker.add("country", f"{record['country']} already has a file, {seen_countries[record['country']]}: "
                                           "keep one file per country")
                seen_countries.setdefault(record["country"], shown)
                if unshown and record["country"] not in countries:
                    checker.add("country", f"{record['country']} is not one of the site's countries "
                                           f"({', '.join(countries)}), so no page would show this file: add "
                                           f"{record['country']} to countries in the settings, or remove the file")
                # Only errors keep a record out (and stop the build); a record past its review
                # date stays published, with its notice, and is listed for review.
                if not checker.errors:
                    dataset.countries[record["country"]] = record
            else:
                checker.provider_file(path.stem)
                # Shown only on its countries' pages (and in the directory through them): a service
                # none of whose countries has a page would be published nowhere.
                home = [code for code in located.data["countries"] if code in seen_countries]
                if countries is None and seen_countries and not home and not checker.errors:
                    codes = ", ".join(located.data["countries"])
                    checker.add("countries", f"no page would show this service: {codes} has no file in data/hotlines/ "
                                             f"(add data/hotlines/{located.data['countries'][0]}.yml with the country's "
                                             "lines, or give a country that has one)")
                if unshown and not set(located.data["countries"]) & set(countries) and not checker.errors:
                    checker.add("countries", f"none of {', '.join(located.data['countries'])} is one of the site's "
                                             f"countries ({', '.join(countries)}), so no page would show this service: "
                                             "add one to countries in the settings, or remove the file")
                if checker.referral:
                    referrals.append((shown, located.data, checker.referral))
                if not checker.errors:
                    listed = located.data.get("listed", True)
                    (dataset.providers if listed else dataset.unlisted)[located.data["id"]] = located.data
            for id_path, record_id in checker.ids:
                line, column = located.where(id_path)
                if record_id in seen_ids:
                    checker.problems.append(Problem(shown, line, column, id_path,
                                                    f"id '{record_id}' is already used in {seen_ids[record_id]}; "
                                                    "choose another id"))
                else:
                    seen_ids[record_id] = f"{shown}:{line}"
            problems += checker.problems
    problems += _referral_problems(referrals, dataset)
    for folder in (data_dir, *extra_dirs):
        problems += unread_files(folder, root)
    if countries is not None:
        dataset.countries = {c: r for c, r in dataset.countries.items() if c in countries}
        dataset.providers = {i: r for i, r in dataset.providers.items()
                             if set(r["countries"]) & set(countries)}
    return Result(dataset, sorted(problems))


# What a data folder may hold; anything else would be silently ignored, so it is reported.
_LAYOUT = {
    "hotlines": (r"[A-Z]{2}\.yml", "one file per country, named with its code in capitals: hotlines/GB.yml"),
    "providers": (r"[a-z0-9]+(-[a-z0-9]+)*\.yml", "one file per provider, named with its id: providers/<id>.yml"),
    "ui": (r"[a-z]{2,3}(-[A-Za-z]+)?\.yml", "one file per language, named with its code: ui/fr.yml"),
    "schema": (r"[a-z]+\.schema\.json", "the JSON Schemas: schema/<name>.schema.json"),
    "style": (r"[a-z-]+\.yml", "house-style word lists: style/terms.yml"),
    "translations": (r"[a-z]{2,3}(-[A-Za-z]+)?\.yml", "one file per language, the data's texts in it: translations/vi.yml"),
}
_IGNORED = {"README.md", ".gitkeep", ".DS_Store"}


def unread_files(data_dir: Path, root: Path) -> list[Problem]:
    """Every file in a data folder that the site would not read, each with what to do."""
    problems = []
    if not data_dir.is_dir():
        return [Problem(_shown(data_dir, root), 0, 0, "", "the data folder does not exist: check the path")]
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path.name in _IGNORED:
            continue
        relative = path.relative_to(data_dir)
        shown = _shown(path, root)
        folder = relative.parts[0] if len(relative.parts) > 1 else None
        if folder not in _LAYOUT:
            problems.append(Problem(shown, 0, 0, "", "this file is not read: data files go in "
                                    + ", ".join(f"{name}/" for name in _LAYOUT)))
            continue
        pattern, what = _LAYOUT[folder]
        if len(relative.parts) > 2:
            problems.append(Problem(shown, 0, 0, "", f"sub-folders are not read: move it to {folder}/{path.name} ({what})"))
        elif not re.fullmatch(pattern, path.name):
            hint = ""
            if re.fullmatch(pattern, path.stem + path.suffix.lower()):
                hint = f"rename it {path.stem}{path.suffix.lower()} (lower-case .yml); "
            elif re.fullmatch(pattern, path.with_suffix(".yml").name):
                hint = f"rename it {path.with_suffix('.yml').name}; "
            problems.append(Problem(shown, 0, 0, "", f"this file is not read: {hint}{what}"))
    return problems


# -----------------------------------------------------------------------------
# Meaning checks
# -----------------------------------------------------------------------------


def _referral_problems(referrals: list, dataset: "Dataset") -> list[Problem]:
    """A service reached by referral names a line of one of its countries."""
    problems = []
    for shown, record, (line, column, line_id) in referrals:
        if not any(code in dataset.countries for code in record["countries"]):
            continue  # a site without its countries does not read their files
        lines = {item["id"] for code in record["countries"] for group in ("hotlines", "emergency")
                 for item in dataset.countries.get(code, {}).get(group, [])}
        if line_id not in lines:
            problems.append(Problem(shown, line, column, "referral.line",
                                    f"'{line_id}' is not a line of {', '.join(record['countries'])}: give the id of the "
                                    f"line that refers people, from data/hotlines/{record['countries'][0]}.yml"))
    return problems


def review_due(record: dict, today: dt.date) -> bool:
    """Due on its review date and after, or whenever a person marked it as in doubt."""
    verification = record["verification"]
    return review_date(verification) <= today or bool(verification.get("needs_review"))


def records(dataset: Dataset):
    """Every hotline, emergency line, note, rights record and provider, with where it is (data/hotlines/GB.yml)."""
    for code, record in sorted(dataset.countries.items()):
        for group in ("emergency", "hotlines", "notes"):
            for line in record.get(group, []):
                yield line, f"data/hotlines/{code}.yml"
        if "rights" in record:
            # Reviewed as one record: its date, and every page its facts rest on.
            yield rights.reviewed(record["rights"]), f"data/hotlines/{code}.yml"
    for provider_id, provider in sorted({**dataset.providers, **dataset.unlisted}.items()):
        yield provider, f"data/providers/{provider_id}.yml"


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
