"""Branded copies: an organisation's settings change exactly what they say, and nothing else."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import LANGUAGES, ROOT, build_site, variant_config

EXAMPLE = ROOT / "examples" / "example-org" / "mkdocs.yml"


@pytest.fixture(scope="module")
def org_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("example-org") / "site"
    build_site(EXAMPLE, site)
    return site


def _read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_example_organisation_name_colours_logo_and_pages(org_site):
    home = _read(org_site, "index.html")
    assert "- Example Harbour Network</title>" in home
    assert "--md-primary-fg-color:#4a2c6f" in home and "--aftercare-exit-bg:#9c1f16" in home
    assert 'src="assets/brand/logo.svg"' in home and (org_site / "assets" / "brand" / "logo.svg").is_file()
    assert '<link rel="icon" href="assets/brand/logo.svg">' in home
    assert "made-up organisation used to show a branded copy" in home  # footer (copyright)
    about = _read(org_site, "about/index.html")
    assert "Example Harbour Network is not a real organisation" in about
    spanish_about = _read(org_site, "es/about/index.html")
    assert "Example Harbour Network no es una organización real" in spanish_about
    outdated = yaml.safe_load((ROOT / "data" / "ui" / "es.yml").read_text(encoding="utf-8"))["notices"]["outdated"]
    assert outdated.split("[")[0].strip() not in spanish_about  # its own translation is up to date


def test_example_organisation_languages(org_site):
    assert (org_site / "es" / "index.html").is_file()
    for lang in set(LANGUAGES) - {"en", "es"}:
        assert not (org_site / lang).exists(), lang
    menu = re.findall(r'hreflang="([a-z]+)" class="md-select__link"', _read(org_site, "index.html"))
    assert sorted(menu) == ["en", "es"]


def test_example_organisation_countries(org_site):
    assert sorted(p.name for p in (org_site / "countries").iterdir() if p.is_dir()) == ["mx", "us"]
    get_help = _read(org_site, "get-help/index.html")
    # Its own country's numbers in full first, then a link to each of its countries.
    assert re.findall(r'id="country-([a-z]{2})"', get_help) == ["us"]
    assert 'href="tel:+18883737888"' in get_help
    country_list = get_help[get_help.index('class="aftercare-country-list"'):]
    assert re.findall(r'<a href="\.\./countries/([a-z]{2})/"', country_list) == ["mx", "us"]
    assert "+44" not in get_help


def test_example_organisation_exit_destination(org_site):
    for page in ("index.html", "es/get-help/index.html", "404.html"):
        assert '<a class="aftercare-exit__link" href="https://www.weather.gov/"' in _read(org_site, page)
    assert "bbc.com" not in _read(org_site, "index.html")


def test_a_colour_white_text_cannot_be_read_on_is_refused(tmp_path):
    config = variant_config(tmp_path, 'extra:\n  aftercare:\n    brand:\n      primary: "#ffcc00"\n')
    site = tmp_path / "site"
    result = build_site(config, site, check=False)
    assert result.returncode != 0
    assert ("extra.aftercare.brand.primary: #ffcc00 has a contrast of 1.5:1 with white text, and WCAG AA "
            "needs 4.5:1. Choose a darker colour, for example #") in result.stdout + result.stderr
    assert not site.exists()


def test_a_language_material_does_not_ship_builds_with_its_own_strings(tmp_path):
    plugins = re.search(r"^plugins:\n(.*?)(?=^\S)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.S | re.M).group(0)
    plugins = plugins.replace("        - locale: tl\n          name: Tagalog\n",
                              "        - locale: tl\n          name: Tagalog\n        - locale: so\n          name: Soomaali\n")
    assert "locale: so" in plugins
    config = variant_config(tmp_path, plugins + "extra:\n  aftercare:\n    extra_data: ["
                            f"{ROOT / 'tests' / 'fixtures' / 'new-language'}]\n")
    site = tmp_path / "site"
    build_site(config, site)
    home = _read(site, "so/index.html")
    assert '<html lang="so" class="no-js" dir="ltr">' in home
    assert 'placeholder="Raadi"' in home  # Material's own interface string, from data
    assert ">Ka bax</span>" in home and 'aria-label="Ka bax boggan hadda"' in home
    assert "<h1>Bogga lama helin</h1>" in _read(site, "so/404.html")
    # Pages not written in Somali yet fall back to English, with the notice.
    assert "aftercare-notice" in home
