"""What the site tells a reader at risk (issue 20): data text in the reader's language, honest
notices where a country has no trafficking line or its line does not work from abroad, what a
call costs, a discreet card, the evidence one tap away, and the red box on every guide."""

from __future__ import annotations

import datetime as dt
import html as html_module
import re
import shutil

import phonenumbers
import pytest

from aftercare import data, datatext
from aftercare_tools.browser import open_tab
from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT

DATASET = data.load(ROOT / "data", root=ROOT).dataset
COVERS = {"trafficking", "forced-labour"}
# Words a discreet card must never carry, in every language of the site (the interface strings'
# own words for them are added from data/ui below).
DISCREET_WORDS = {
    "en": ["trafficking", "traffick", "exploitation", "victim", "slavery"],
    "es": ["trata", "explotación", "víctima", "esclavitud"],
    "fr": ["traite", "exploitation", "victime", "esclavage"],
    "ar": ["الاتجار", "الاستغلال", "ضحية", "ضحايا", "العبودية"],
    "zh": ["贩运", "剥削", "受害", "奴役"],
    "vi": ["mua bán người", "bóc lột", "nạn nhân", "nô lệ"],
    "tl": ["trafficking", "pagsasamantala", "biktima", "pang-aalipin"],
}


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def _country_page(site, lang: str, code: str) -> str:
    return (site / _prefix(lang) / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")


# --- Data text in the reader's language ---------------------------------------------------------

def test_no_data_text_falls_back_to_english_on_any_page(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    fallbacks = {str(p.relative_to(site)): html.count('class="aftercare-fallback"')
                 for p in pages if (html := p.read_text(encoding="utf-8")).count('class="aftercare-fallback"')}
    assert fallbacks == {}, f"{sum(fallbacks.values())} texts shown in another language: {list(fallbacks)[:10]}"


def _catalogue_site(tmp_path, catalogue: str):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", folder / "schema")
    (folder / "hotlines").mkdir()
    (folder / "hotlines" / "VN.yml").write_text((ROOT / "data" / "hotlines" / "VN.yml").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    (folder / "translations").mkdir()
    (folder / "translations" / "vi.yml").write_text(catalogue, encoding="utf-8")
    result = data.load(folder, root=tmp_path, today=dt.date.today())
    assert not result.errors, result.errors
    catalogues = datatext.load_catalogues([folder], ["en", "vi"], tmp_path)
    return result.dataset, datatext.apply(result.dataset, catalogues, require=True)


def test_the_translation_check_fails_on_a_missing_an_outdated_and_a_changed_number(tmp_path):
    dataset = data.load(ROOT / "data", root=ROOT).dataset
    line = next(line for line in dataset.countries["VN"]["hotlines"] if "trafficking" in line["topics"])
    english = line["description"]["en"]
    number = re.search(r"\d+", english) or re.search(r"\d+", line["name"]["en"])
    catalogue = (
        "status: machine\ntexts:\n"
        f"  {line['id']}:\n"
        "    description:\n"
        f"      en: {english[:-1]!r}\n"  # made from an older English text
        "      vi: Bản dịch cũ.\n"
        "    name:\n"
        f"      en: {line['name']['en']!r}\n"
        f"      vi: {'Đường dây ' + ('9' + number.group(0) if number else '999')!r}\n"
    )
    _, state = _catalogue_site(tmp_path, catalogue)
    shown = [str(problem) for problem in state.errors]
    assert any(f"data/translations/vi.yml:6:11: texts.{line['id']}.description: made from an older English text"
               in s for s in shown), shown
    assert any(f"data/translations/vi.yml:9:11: texts.{line['id']}.name: the numbers must be those of the English"
               in s for s in shown), shown
    missing = [m for m in state.missing if m[0] == "vi"]
    assert ("vi", "vn-police-113", "name") in missing
    assert any("no vi translation yet of vn-police-113 name" in s for s in shown)


def test_a_current_translation_is_shown_and_kept_from_an_older_one(tmp_path):
    dataset = data.load(ROOT / "data", root=ROOT).dataset
    english = dataset.countries["VN"]["emergency"][0]["name"]["en"]
    dataset, state = _catalogue_site(tmp_path, f"status: machine\ntexts:\n  vn-police-113:\n    name:\n"
                                               f"      en: {english!r}\n      vi: Cảnh sát\n")
    assert dataset.countries["VN"]["emergency"][0]["name"]["vi"] == "Cảnh sát"
    assert state.machine == 1 and ("vi", "vn-police-113", "name") not in state.missing


# --- Country pages -----------------------------------------------------------------------------

def _covers(record) -> bool:
    return any(set(line.get("topics", [])) & COVERS for line in record["hotlines"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_country_without_a_trafficking_or_forced_labour_line_says_so(site, lang):
    without = [code for code, record in DATASET.countries.items() if record["hotlines"] and not _covers(record)]
    with_ = [code for code, record in DATASET.countries.items() if _covers(record)]
    assert without and with_
    for code in without:
        html = _country_page(site, lang, code)
        assert "aftercare-coverage" in html, f"{lang}/{code}: no notice"
    for code in with_:
        assert "aftercare-coverage" not in _country_page(site, lang, code), f"{lang}/{code}: a wrong notice"


def test_a_reader_abroad_is_told_which_line_to_call_instead():
    codes = []
    for code, record in DATASET.countries.items():
        trafficking = [line for line in record["hotlines"] if "trafficking" in line.get("topics", [])]
        if trafficking and not any("number" in p and p.get("from_abroad", True)
                                   and phonenumbers.can_be_internationally_dialled(phonenumbers.parse(p["number"], code))
                                   for line in trafficking for p in line["phones"]):
            codes.append(code)
    assert "VN" in codes


def test_viet_nams_page_in_vietnamese_points_a_reader_abroad_to_the_consular_line(site):
    html = _country_page(site, "vi", "VN")
    outside = html[html.index('id="outside"'):html.index("aftercare-print-link")]
    home = [line for line in DATASET.countries["VN"]["hotlines"] if "nationals-abroad" in line.get("topics", [])]
    assert home
    for line in home:
        for phone in line["phones"]:
            e164 = phonenumbers.format_number(phonenumbers.parse(phone["number"], "VN"), phonenumbers.PhoneNumberFormat.E164)
            assert f'href="tel:{e164}"' in outside
    strings = _strings("vi")
    assert strings["data"]["outside_home"].split("{")[0].strip() in outside


def _strings(lang):
    import yaml
    return yaml.safe_load((ROOT / "data" / "ui" / f"{lang}.yml").read_text(encoding="utf-8"))


# --- Costs -------------------------------------------------------------------------------------

def test_a_free_line_with_a_premium_rate_number_is_refused_with_its_line(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", folder / "schema")
    (folder / "hotlines").mkdir()
    text = """\
country: NL
emergency: []
hotlines:
  - id: nl-paid-line
    name:
      en: A paid line
    tags: [free]
    phones:
      - number: "+31900 8844"
    sources:
      - url: https://example.org/paid-line
        read: 2026-11-01
        shows: ["0900-8844"]
    verification:
      last_checked: 2026-11-01
      how: source
      review_every_months: 6
"""
    (folder / "hotlines" / "NL.yml").write_text(text, encoding="utf-8")
    problems = [str(p) for p in data.load(folder, root=tmp_path, today=dt.date.today()).errors]
    assert any(p.startswith("data/hotlines/NL.yml:9:") and "hotlines[0].phones[0].number" in p
               and "premium-rate" in p and "tagged free" in p for p in problems), problems


def test_viet_nams_1900_number_says_the_caller_pays_and_is_dialled_in_national_form(site):
    paid = [(p, record) for record in DATASET.providers.values() if "VN" in record["countries"]
            for p in record.get("phones", []) if "number" in p
            and phonenumbers.number_type(phonenumbers.parse(p["number"], "VN")) == phonenumbers.PhoneNumberType.PREMIUM_RATE]
    assert paid
    strings = _strings("vi")["data"]["caller_pays"]["premium"]
    html = _country_page(site, "vi", "VN")
    for phone, record in paid:
        national = phonenumbers.normalize_digits_only(phonenumbers.format_number(
            phonenumbers.parse(phone["number"], "VN"), phonenumbers.PhoneNumberFormat.NATIONAL))
        card = html[html.index(f'id="{record["id"]}"'):]
        card = card[:card.index("</article>")]
        assert f'href="tel:{national}"' in card
        assert strings in card


# --- The discreet card -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_discreet_card_has_the_numbers_and_no_word_of_what_they_are_for(base_url, browser, site, lang):
    words = DISCREET_WORDS[lang]
    context, page, _ = open_tab(browser, base_url, viewport=(1280, 800))
    try:
        for code in ("VN", "SA", "GB"):
            page.goto(base_url + f"{_prefix(lang)}countries/{code.lower()}/#card-discreet")
            page.emulate_media(media="print")
            card = page.locator("#card-discreet")
            assert card.is_visible()
            assert not page.locator("#card").is_visible() and not page.locator(".aftercare-card").first.is_visible()
            text = card.inner_text()
            for item in DATASET.countries[code]["emergency"] + DATASET.countries[code]["hotlines"]:
                for phone in item["phones"]:
                    digits = phone.get("short_code") or phonenumbers.normalize_digits_only(phonenumbers.format_number(
                        phonenumbers.parse(phone["number"], code), phonenumbers.PhoneNumberFormat.NATIONAL))
                    assert digits in re.sub(r"\D", "", text), (lang, code, digits)
            found = [w for w in words if w.casefold() in text.casefold()]
            assert not found, (lang, code, found, text)
    finally:
        context.close()


# --- The evidence, one tap away ----------------------------------------------------------------

def test_numbers_come_first_and_the_evidence_is_folded_but_printed(base_url, browser):
    context, page, _ = open_tab(browser, base_url, viewport=(360, 740))
    try:
        page.goto(base_url + "ar/countries/sa/")
        card = page.locator(".aftercare-card").first
        number = card.locator(".aftercare-phone__number").first.bounding_box()
        evidence = card.locator("details.aftercare-evidence")
        assert evidence.count() == 1 and not evidence.evaluate("e => e.open")
        assert not card.locator(".aftercare-checked").is_visible()
        assert number["y"] < evidence.bounding_box()["y"]
        evidence.locator("summary").click()
        assert card.locator(".aftercare-checked").is_visible()
        page.reload()
        page.emulate_media(media="print")
        assert page.locator(".aftercare-checked").first.is_visible()
    finally:
        context.close()


# --- The red box -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_red_box_speaks_to_people_who_fear_the_police_or_their_papers(site, lang):
    strings = _strings(lang)["danger"]
    guides = [p for p in (ROOT / "docs" / DEFAULT_LANGUAGE).glob("*.md") if "aftercare:danger" in p.read_text(encoding="utf-8")]
    assert len(guides) >= 10
    for guide in guides:
        html = (site / _prefix(lang) / ("" if guide.stem == "index" else guide.stem) / "index.html").read_text(encoding="utf-8")
        box = html[html.index("aftercare-danger"):]
        box = html_module.unescape(box[:box.index("</div>")])
        assert strings["papers"].split(",")[0].strip() in box.replace("\n", " "), (lang, guide.name)
        assert "#before-you-call" in box


# --- What a line does with what callers tell it -------------------------------------------------

def test_a_card_says_before_the_call_what_the_line_passes_on_and_whether_it_asks_first(site):
    strings = _strings(DEFAULT_LANGUAGE)["data"]
    lines = [(code, line) for code, record in DATASET.countries.items() for line in record["hotlines"]
             if line.get("reports_to")]
    kinds = {line.get("reports_when", "always") for _, line in lines}
    assert kinds == {"always", "asks-first"}, kinds
    for code, line in lines:
        html = html_module.unescape(_country_page(site, DEFAULT_LANGUAGE, code))
        card = html[html.index(f'id="{line["id"]}"'):]
        card = card[:card.index("</article>")]
        key = "reports_asks_first" if line.get("reports_when") == "asks-first" else "reports_always"
        first_words = strings[key].split("{")[0].strip()
        assert first_words in card, (line["id"], first_words)
        whom = [strings["reports_to_whom"][who] for who in line["reports_to"]]
        assert all(w in card for w in whom) and (len(whom) < 2 or " and " in card), line["id"]
        # Said before the call, not folded: above "What happens when you call" and the sources.
        assert card.index(first_words) < card.index("aftercare-evidence")
        if "aftercare-when" in card:
            assert card.index(first_words) < card.index("aftercare-when")
