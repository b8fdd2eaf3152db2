"""Data validation: every mistake an editor can make is reported with file:line:column,
the field and what to do; nothing already built is touched by a build that fails."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aftercare import data, dataschema
from conftest import ROOT, build_site, variant_config

TODAY = dt.date(2026, 11, 26)

GOOD_PROVIDER = """\
id: example
name:
  en: Example Service
description:
  en: A made-up service for the tests.
countries: [US]
languages: [en, es]
phones:
  - number: "+12015550123"
services:
  - type: shelter
  - type: legal
    phones:
      - number: "+12015550124"
        kind: sms
sources:
  - url: https://example.org/help
    read: 2026-11-01
    shows: ["(201) 555-0123", "(201) 555-0124"]
verification:
  last_checked: 2026-11-01
  how: operator
  review_every_months: 6
"""

GOOD_HOTLINES = """\
country: US
emergency: []
hotlines:
  - id: example-line
    name:
      en: Example Line
    phones:
      - short_code: "233733"
        kind: sms
    sources:
      - url: https://example.org/text-us
        read: 2026-11-01
        shows: ["233733"]
    verification:
      last_checked: 2026-11-01
      how: list
      review_every_months: 6
"""


def _load(tmp_path, files: dict[str, str], today: dt.date = TODAY) -> data.Result:
    """Write the files into a fresh data folder (with the real schemas) and load it."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", folder / "schema")
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data.load(folder, root=tmp_path, today=today)


def _check(tmp_path, files: dict[str, str]) -> list[str]:
    return [str(p) for p in _load(tmp_path, files).problems]


def test_good_records_have_no_problem(tmp_path):
    assert _check(tmp_path, {"providers/example.yml": GOOD_PROVIDER, "hotlines/US.yml": GOOD_HOTLINES}) == []


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


P = "data/providers/example.yml"
H = "data/hotlines/US.yml"

CASES = {
    "yaml syntax error": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "countries: [US]", "countries: [US")},
        [f"{P}:7:10: this is not valid YAML: expected ',' or ']', but got ':' (while parsing a flow "
         "sequence that starts at line 6, column 12). Check the indentation and that text with a colon "
         "is in quotes."]),
    "missing required field": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "sources:\n  - url: https://example.org/help\n    read: 2026-11-01\n"
                                            '    shows: ["(201) 555-0123", "(201) 555-0124"]\n', "")},
        [f"{P}:1:1: sources: 'sources' is missing: add it (see data/schema/ for what it holds)"]),
    "wrong type": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "countries: [US]", "countries: US")},
        [f"{P}:6:12: countries: 'US' should be a list (lines starting with -)"]),
    "unknown country": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "countries: [US]", "countries: [US, XX]")},
        [f"{P}:6:17: countries[1]: 'XX' is not an ISO 3166-1 country code (e.g. GB for the United Kingdom)"]),
    "unknown language": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "languages: [en, es]", "languages: [en, qq]")},
        [f"{P}:7:17: languages[1]: 'qq' is not an ISO 639 language code (language e.g. en, es, ar, zh, tl)"]),
    "bad phone number": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, '"+12015550124"', '"+1 555"')},
        [f"{P}:14:17: services[1].phones[0].number: '+1 555' is not a valid phone number for US "
         "(expected e.g. +1 201-555-0123)"]),
    "short code written as E.164": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, '"+12015550124"', '"+1233733"')},
        [f"{P}:14:17: services[1].phones[0].number: '+1233733' is a short code written as an international "
         "number: write short_code: '233733' instead of number"]),
    "number in national form": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, '"+12015550123"', '"(201) 555-0123"')},
        [f"{P}:9:13: phones[0].number: '(201) 555-0123' is written in national form: write it in "
         "international form, '+12015550123'"]),
    "http address": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "https://example.org/help", "ftp://example.org/help")},
        [f"{P}:17:10: sources[0].url: 'ftp://example.org/help' is not a web address: copy it from the browser, "
         "starting with https://"]),
    "invalid date": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "last_checked: 2026-11-01", "last_checked: 2026-02-30")},
        [f"{P}:21:17: verification.last_checked: '2026-02-30' is not a real date: write YYYY-MM-DD, e.g. 2026-11-26"]),
    "date in the future": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "last_checked: 2026-11-01", "last_checked: 2027-01-01")},
        [f"{P}:21:17: verification.last_checked: 2027-01-01 is in the future: give the date it was checked"]),
    "duplicate id": (
        {"providers/example.yml": GOOD_PROVIDER,
         "hotlines/US.yml": _replace(GOOD_HOTLINES, "id: example-line", "id: example")},
        [f"{P}:1:5: id: id 'example' is already used in {H}:4; choose another id"]),
    "unknown service type": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "type: shelter", "type: rescue")},
        [f"{P}:11:11: services[0].type: 'rescue' is not one of: shelter, housing, medical, mental-health, "
         "legal, immigration, case-management, education, employment, life-skills, peer-support, "
         "interpretation, financial, family-reunification, repatriation, hotline"]),
    "html in a name": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "en: Example Service", "en: <script>alert(1)</script>Help")},
        [f"{P}:3:7: name.en: '<script>alert(1)</script>Help' contains HTML: write plain text "
         "(pages escape it, so a tag would show as text)"]),
    "unknown field": (
        {"providers/example.yml": GOOD_PROVIDER + "webiste: https://example.org/\n"},
        [f"{P}:24:1: webiste: unknown field 'webiste': check the spelling (known fields: areas, chat, contact_page, "
         "countries, description, email, hours, id, languages, listed, name, office_address, phones, populations, "
         "referral, services, sources, tags, verification, website, when_you_call)"]),
    "file name and id differ": (
        {"providers/other.yml": GOOD_PROVIDER},
        ["data/providers/other.yml:1:5: id: the file is named other.yml but the id is 'example': make them the same"]),
    "hotline file for the wrong country": (
        {"hotlines/GB.yml": GOOD_HOTLINES},
        ["data/hotlines/GB.yml:1:10: country: the file is named GB.yml but says country US: "
         "rename it US.yml or fix the code"]),
    "short code not in quotes": (
        {"hotlines/US.yml": _replace(GOOD_HOTLINES, 'short_code: "233733"', "short_code: 233733")},
        [f"{H}:8:21: hotlines[0].phones[0].short_code: 233733 should be text: put it in quotes, like '233733'"]),
    "number and short code both": (
        {"hotlines/US.yml": _replace(GOOD_HOTLINES, '- short_code: "233733"', '- short_code: "233733"\n        number: "+12015550123"')},
        [f"{H}:8:9: hotlines[0].phones[0]: give either number or short_code, not both"]),
    "key given twice": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "countries: [US]", "countries: [US]\ncountries: [GB]")},
        [f"{P}:7:1: countries: 'countries' is given twice; keep one"]),
    "text in an unknown language": (
        {"providers/example.yml": _replace(GOOD_PROVIDER, "  en: Example Service", "  en: Example Service\n  qq: Beispiel")},
        [f"{P}:4:7: name.qq: 'qq' is not an ISO 639 language code (text in e.g. en, es, ar, zh, tl)"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_reported_exactly(tmp_path, case):
    files, expected = CASES[case]
    assert _check(tmp_path, files) == expected


def test_all_problems_are_reported_at_once(tmp_path):
    text = _replace(GOOD_PROVIDER, "countries: [US]", "countries: [XX]")
    text = _replace(text, "languages: [en, es]", "languages: [en, qq]")
    other = _replace(GOOD_HOTLINES, 'short_code: "233733"', "short_code: 233733")
    problems = _check(tmp_path, {"providers/example.yml": text, "hotlines/US.yml": other})
    assert len(problems) == 3


def test_past_review_date_is_a_warning_not_an_error(tmp_path):
    result = _load(tmp_path, {"providers/example.yml": _replace(GOOD_PROVIDER, "last_checked: 2026-11-01", "last_checked: 2025-01-15")})
    assert result.errors == []
    assert [str(w) for w in result.warnings] == [
        f"{P}:21:17: warning: verification.last_checked: review due since 2025-07-15: check the record "
        "against its sources, then update last_checked"]


def test_the_shipped_data_is_valid():
    result = subprocess.run([sys.executable, "-m", "aftercare.validate"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Data is valid: {len(list((ROOT / 'data' / 'hotlines').glob('*.yml')))} countries" in result.stdout


def test_validate_command_exits_1_and_names_the_file(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / "providers").mkdir(exist_ok=True)
    (folder / "providers" / "example.yml").write_text(_replace(GOOD_PROVIDER, '"+12015550124"', '"+1 555"'))
    result = subprocess.run([sys.executable, "-m", "aftercare.validate", "--data", str(folder)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert ("data/providers/example.yml:14:17: services[1].phones[0].number: '+1 555' is not a valid phone "
            "number for US (expected e.g. +1 201-555-0123)") in result.stdout
    assert "1 error(s)" in result.stderr


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_built_site_untouched(tmp_path):
    site = tmp_path / "site"
    build_site(ROOT / "mkdocs.yml", site)
    before = _fingerprint(site)
    broken = tmp_path / "broken"
    (broken / "providers").mkdir(parents=True)
    (broken / "providers" / "example.yml").write_text(_replace(GOOD_PROVIDER, "countries: [US]", "countries: [XX]"))
    config = variant_config(tmp_path, "extra:\n  aftercare:\n    extra_data: [broken]\n")
    result = build_site(config, site, check=False)
    assert result.returncode != 0
    assert ("broken/providers/example.yml:6:13: countries[0]: 'XX' is not an ISO 3166-1 country code"
            in result.stdout + result.stderr)
    assert _fingerprint(site) == before


# -----------------------------------------------------------------------------
# The fast schema check
# -----------------------------------------------------------------------------

def _schema_mistakes() -> list[tuple[str, object]]:
    """(schema file, record) pairs with a mistake each that only the schema can see, as
    YAML gives them and beyond (values a file cannot even hold)."""
    import copy

    from aftercare import yamlnodes

    provider = yamlnodes.load(GOOD_PROVIDER, P)[0].data
    hotlines = yamlnodes.load(GOOD_HOTLINES, H)[0].data

    def changed(record, path, value):
        record = copy.deepcopy(record)
        *parents, last = path
        target = record
        for key in parents:
            target = target[key]
        if value is KeyError:
            if isinstance(target, dict):
                target.pop(last, None)
            else:
                del target[last]
        else:
            target[last] = value
        return record

    values = [None, True, False, 0, 1, -1, 6.0, 6.5, 10**30, float("inf"), float("nan"), "", " ", "x" * 200, "GB\n",
              "US\n", "us", "2026-02-30", "2026-13-01", "2026-1-1", "20261101", "2026-11-01\n", "25:00", "09:00\n",
              "24:01", "no-at", "a@b", "@", "ftp://example.org/x", "https://", "https://exa mple.org/x",
              "https://example.org/\x1c", "https://example.org/\x85", "https://example.org/\u00a0x", "http://example.org/x",
              "Bad_Id", "bad-", "\u0661\u0662\u0663", "12\n", "+12015550123", [], ["US", "US"], [""], [None], {}, {"": "x"},
              {"EN": "x"}, {"en": ""}, {"en": 1}, {"number": "+12015550123", "short_code": "988"}, {"kind": "voice"}]
    paths = {
        "provider.schema.json": (provider, [
            ("id",), ("name",), ("name", "en"), ("description",), ("countries",), ("countries", 0), ("languages",),
            ("languages", 1), ("phones",), ("phones", 0), ("phones", 0, "number"), ("phones", 0, "kind"),
            ("services",), ("services", 0), ("services", 0, "type"), ("services", 1, "phones", 0, "kind"),
            ("sources",), ("sources", 0), ("sources", 0, "url"), ("sources", 0, "read"), ("sources", 0, "shows"),
            ("sources", 0, "shows", 0), ("verification",), ("verification", "last_checked"), ("verification", "how"),
            ("verification", "review_every_months"), ("email",), ("website",), ("tags",), ("populations",),
            ("hours",), ("webiste",)]),
        "hotlines.schema.json": (hotlines, [
            ("country",), ("emergency",), ("hotlines",), ("hotlines", 0, "id"), ("hotlines", 0, "phones", 0),
            ("hotlines", 0, "phones", 0, "short_code"), ("hotlines", 0, "topics"), ("hotlines", 0, "together_with"),
            ("hotlines", 0, "hours"), ("hotlines", 0, "verification", "review_every_months")]),
    }
    hours = {"timezone": "Europe/Paris", "open": [{"days": ["mon"], "from": "09:00", "to": "17:00"}]}
    cases = [("provider.schema.json", changed(provider, ("hours",), changed(hours, ("open", 0, key), value)))
             for key in ("days", "from", "to") for value in values]
    for schema, (record, record_paths) in paths.items():
        cases += [(schema, changed(record, path, value)) for path in record_paths for value in [*values, KeyError]]
    return cases


def test_the_fast_schema_check_passes_nothing_jsonschema_would_report():
    """A record the fast check (jsonschema-rs) passes is not checked again by jsonschema, so the
    fast check must be at least as strict; the good records pass it (the fast path is taken)."""
    from aftercare import yamlnodes

    schemas = dataschema.validators(ROOT / "data" / "schema")
    assert schemas["provider.schema.json"].is_valid(yamlnodes.load(GOOD_PROVIDER, P)[0].data)
    assert schemas["hotlines.schema.json"].is_valid(yamlnodes.load(GOOD_HOTLINES, H)[0].data)
    cases = _schema_mistakes()
    assert len(cases) > 1500
    passed_wrongly = [(schema, record) for schema, record in cases
                      if schemas[schema].is_valid(record) and next(schemas[schema].full.iter_errors(record), None)]
    assert passed_wrongly == []
    # And it rejects most of them itself: when it does, jsonschema gives the message.
    rejected = [case for case in cases if not schemas[case[0]].is_valid(case[1])]
    assert len(rejected) > len(cases) / 2
