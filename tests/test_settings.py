"""Organisations' settings as data with a schema: every mistake at once, in the file and at the
line where it was written, the same from `validate -f` as from the build; an organisation's own
page builds, in its menu, with the untranslated notice where it has no translation."""

from __future__ import annotations

import subprocess
import sys

from conftest import LANGUAGES, ROOT, build_site, header_yaml

HEADER = header_yaml()


def _org(tmp_path, settings: str, nav: str = "") -> tuple:
    folder = tmp_path / "orgs" / "harbour"
    (folder / "docs" / "en").mkdir(parents=True)
    (folder / "docs" / "en" / "contact.md").write_text("---\ntitle: Contact us\n---\n\n# Contact us\n\nWrite to us.\n",
                                                       encoding="utf-8")
    (folder / "data" / "hotlines").mkdir(parents=True)
    config = folder / "mkdocs.yml"
    config.write_text(HEADER + nav + settings, encoding="utf-8")
    return folder, config


GOOD = """extra:
  aftercare:
    languages: [en, es]
    countries: [MX]
    default_country: MX
    docs_overlay: docs
    extra_data: [data]
"""
NAV = "nav:\n  - index.md\n  - get-help.md\n  - contact.md\n  - about.md\n"


def test_an_organisation_with_its_own_page_data_two_languages_and_one_country(tmp_path):
    folder, config = _org(tmp_path, GOOD, NAV)
    site = tmp_path / "site"
    build_site(config, site)
    assert sorted(p.name for p in (site / "countries").iterdir() if p.is_dir()) == ["mx"]
    for prefix in ("", "es/"):
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert '<a href="contact/" class="md-nav__link">' in home, prefix  # its own page, in its menu
        assert (site / prefix / "contact" / "index.html").is_file()
    spanish = (site / "es" / "contact" / "index.html").read_text(encoding="utf-8")
    assert "aftercare-notice" in spanish and "Write to us." in spanish  # English stands in, with the notice
    assert not (site / "fr").exists()


BAD = """extra:
  aftercare:
    languages: [en, xx]
    countries: [MX, XY]
    default_country: US
    extra_data: [dta]
    colour: red
    quick_exit:
      url: http://www.bbc.com/weather
"""


def _at(config, token: str, after: str = "") -> str:
    """Where a token stands in the file, as file:line:column."""
    lines = config.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if after in line and token in line[line.index(after) + len(after):] if after else token in line:
            start = line.index(after) + len(after) if after else 0
            return f"{config}:{number}:{line.index(token, start) + 1}"
    raise AssertionError(token)


def _expected(config) -> list[str]:
    return [
        f"{_at(config, 'colour')}: extra.aftercare.colour: unknown setting 'colour': check the spelling (known settings: "
        "brand, countries, default_country, docs_overlay, editor, extra_data, favicon, languages, logo, quick_exit, "
        "strict_transport_security)",
        f"{_at(config, 'http', 'url: ')}: extra.aftercare.quick_exit.url: 'http://www.bbc.com/weather' is not an "
        "https:// address: give a neutral page, for example https://www.bbc.com/weather",
    ]


def _meaning(config) -> list[str]:
    return [
        f"{_at(config, 'xx')}: extra.aftercare.languages[1]: 'xx' is not a language this project builds "
        f"({', '.join(LANGUAGES)}); see 'Add a language' in ORGANISATIONS.md",
        f"{_at(config, 'XY')}: extra.aftercare.countries[1]: 'XY' is not an ISO 3166-1 country code (e.g. US, MX, PH)",
        f"{_at(config, 'US', 'default_country: ')}: extra.aftercare.default_country: US is not one of countries "
        "(MX, XY): add it there, or choose one of them",
        f"{_at(config, 'dta')}: extra.aftercare.extra_data[0]: the folder dta does not exist (looked for "
        f"{config.parent / 'dta'}): check the path, or remove it",
    ]


def _line(message: str) -> int:
    return int(message.split(":")[1])


def _validate(config) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aftercare.validate", "-f", str(config)],
                          capture_output=True, text=True, cwd=ROOT)


def test_every_settings_mistake_is_reported_at_once_where_it_was_written(tmp_path):
    """A misspelled country, a missing data folder, an unknown setting, an http:// exit, a default
    country outside the countries and an unknown language: all six in one run, each in the
    organisation's own file at its line, the same from `validate -f` and from the build."""
    _, config = _org(tmp_path, BAD)
    expected = sorted(_expected(config) + _meaning(config), key=_line)
    result = _validate(config)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if "extra.aftercare" in line] == expected
    built = build_site(config, tmp_path / "site", check=False)
    assert built.returncode != 0
    output = built.stdout + built.stderr
    assert [line.strip() for line in output.splitlines() if "extra.aftercare." in line and ": " in line] == expected


def test_the_projects_own_settings_and_the_example_organisation_are_valid():
    for config in (ROOT / "mkdocs.yml", ROOT / "examples" / "example-org" / "mkdocs.yml"):
        result = _validate(config)
        assert result.returncode == 0, result.stdout + result.stderr
