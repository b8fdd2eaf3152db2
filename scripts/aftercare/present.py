"""Turn validated records into what a page shows, for one language and one page country.

Nothing here writes HTML: templates do. This module decides how a number is written (national
form on the country's own page, international elsewhere), which link it gets (tel:, sms:,
https://wa.me/), which language a text is shown in (with a marker when it falls back), and how
dates and country names read in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import phonenumbers
from babel.dates import format_date, get_day_names, get_timezone_name
from babel.lists import format_list

from . import data as data_module
from .presentrights import RightsViews
from .languages import babel_locale
from .ui import Strings


@dataclass(frozen=True)
class Text:
    text: str
    lang: str
    fallback: bool  # shown in another language because the reader's is missing


@dataclass(frozen=True)
class Phone:
    kind: str  # voice, sms, tty, whatsapp
    href: str
    label: str  # what is shown: the number as the reader dials it, or the vanity form
    digits: str  # the number in the form dialled (shown after a vanity label)
    from_abroad: bool
    sms_body: str | None
    note: Text | None
    cost: str | None = None  # "premium" or "shared" when the caller pays more than a normal call


class Presenter(RightsViews):
    """Everything a template needs, in the reader's language."""

    def __init__(self, strings: Strings, lang: str, today: dt.date | None = None):
        self.strings = strings
        self.lang = lang
        self.default = strings.default
        self.today = today or dt.date.today()
        self.locale = babel_locale(lang)

    def t(self, key: str, **values) -> str:
        text = self.strings.get(self.lang, key)
        return text.format(**values) if values else text

    def plural(self, key: str, count: int) -> str:
        """A count in the reader's language: the form its grammar wants for this number
        (`KEY.one`, `KEY.few`, ... by CLDR's rules), or `KEY.other`; in the default language's
        forms where the reader's has none."""
        for lang in (self.lang, self.strings.default):
            locale = babel_locale(lang)
            form = locale.plural_form(count) if locale is not None else "other"
            for name in (f"{key}.{form}", f"{key}.other"):
                if self.strings.is_translated(lang, name):
                    return self.strings.get(lang, name).format(count=count)
        return self.strings.get(self.strings.default, f"{key}.other").format(count=count)

    def text(self, value: dict | None) -> Text | None:
        picked = data_module.text_in(value, self.lang, self.default)
        if picked is None:
            return None
        text, lang = picked
        return Text(text, lang, lang != self.lang)

    def listed(self, items: list[str]) -> str:
        """Items joined as the reader's language joins a list ("the police and other officials")."""
        if not items:
            return ""
        return format_list(items, locale=self.locale) if self.locale else ", ".join(items)

    def country_name(self, code: str) -> str:
        return self.locale.territories.get(code, code) if self.locale else code

    def language_name(self, code: str) -> str:
        if self.locale:
            name = self.locale.languages.get(code)
            if name:
                return name
        return code

    def date(self, iso: str) -> str:
        return _long_date(iso, self.lang)

    def phone(self, phone: dict, country: str, page_country: str | None) -> Phone:
        kind = phone.get("kind", "voice")
        body = phone.get("sms_body")
        cost, from_abroad = None, phone.get("from_abroad", True)
        if "short_code" in phone:
            digits = phone["short_code"]
            dial = digits
        else:
            dial, digits, cost, international = _number_forms(phone["number"], country, page_country)
            from_abroad = from_abroad and international
        if kind == "whatsapp":
            href = "https://wa.me/" + dial.lstrip("+")
        elif kind == "sms":
            href = f"sms:{dial}" + (f"?body={body}" if body else "")
        else:
            href = f"tel:{dial}"
        return Phone(kind=kind, href=href, label=phone.get("display") or digits, digits=digits,
                     from_abroad=from_abroad, sms_body=body, note=self.text(phone.get("note")), cost=cost)

    WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

    def hours(self, hours: dict | None) -> dict | None:
        """Opening times in words in the reader's language, and the same for the device's clock
        ("open now", worked out in the browser): "mon,tue,wed 08:00-17:00;sat 09:00-12:00"."""
        if not hours or not hours.get("open"):
            return None
        names = _day_names(self.lang)
        parts = []
        for slot in hours["open"]:
            days = sorted(self.WEEKDAYS.index(d) for d in slot["days"])
            runs, start = [], days[0]
            for previous, day in zip(days, days[1:] + [None], strict=True):
                if day != previous + 1:
                    runs.append((start, previous))
                    start = day
            label = ", ".join(names.get(a, self.WEEKDAYS[a]) if a == b else
                              f"{names.get(a, self.WEEKDAYS[a])}–{names.get(b, self.WEEKDAYS[b])}" for a, b in runs)
            parts.append(f"{label} {slot['from']}–{slot['to']}")
        zone = hours.get("timezone", "")
        return {
            "text": "; ".join(parts),
            "zone": zone,
            "zone_name": _zone_name(zone, self.lang),
            "machine": ";".join(f"{','.join(s['days'])} {s['from']}-{s['to']}" for s in hours["open"]),
        }

    def line(self, record: dict, country: str, page_country: str | None) -> dict:
        """A hotline or emergency line, ready for the template."""
        verification = record["verification"]
        return {
            "id": record["id"],
            "name": self.text(record["name"]),
            "description": self.text(record.get("description")),
            "operator": self.text(record.get("operator")),
            "phones": [self.phone(p, country, page_country) for p in record.get("phones", [])],
            "email": record.get("email"),
            "website": record.get("website"),
            "contact_page": record.get("contact_page"),
            "office_address": record.get("office_address"),
            "for_citizens_of": self.listed([self.country_name(c) for c in record.get("for_citizens_of", [])]),
            "always_open": (record.get("hours") or {}).get("always_open", False),
            "hours_note": self.text((record.get("hours") or {}).get("note")),
            "languages": [self.language_name(code) for code in record.get("languages", [])],
            "interpreters": record.get("interpreters", False),
            "tags": [(tag, self.t(f"tags.{tag}")) for tag in record.get("tags", [])],
            "tag_codes": record.get("tags", []),
            "hours": self.hours(record.get("hours")),
            "when_you_call": self.text(record.get("when_you_call")),
            "reports_to": self.listed([self.t(f"data.reports_to_whom.{who}") for who in record.get("reports_to", [])]),
            "reports_when": record.get("reports_when", "always"),
            "topics": record.get("topics", []),
            "sources": record["sources"],
            "last_checked": self.date(verification["last_checked"]),
            "last_checked_iso": verification["last_checked"],
            "checked_how": verification["how"],
            "needs_review": data_module.review_due(record, self.today),
        }

    def country(self, code: str, record: dict, providers: list[dict], *, national: bool = True) -> dict:
        """One country: its emergency numbers, hotlines and providers.

        Numbers are in national form on the country's own page (`national`), international
        elsewhere (on "Get help now" the reader may be anywhere).
        """
        page_country = code if national else None
        hotlines = [self.line(r, code, page_country) for r in record.get("hotlines", [])]
        emergency = [self.line(r, code, page_country) for r in record.get("emergency", [])]
        lines = {view["id"]: view for view in hotlines + emergency}
        return {
            "code": code,
            "name": self.country_name(code),
            "emergency": emergency,
            "hotlines": hotlines,
            "hotline_groups": paired(hotlines, record.get("hotlines", [])),
            "providers": (views := [self.provider(p, page_country, lines) for p in providers]),
            "filters": self.provider_filters(views),
        }

    def abroad(self, countries: dict[str, dict], page_country: str) -> list[dict]:
        """Lines other countries run for their citizens wherever they are (topic nationals-abroad),
        with only the numbers that can be dialled from another country, in international form."""
        found = []
        for code, name in self.sorted_countries(c for c in countries if c != page_country):
            for record in countries[code]["hotlines"]:
                if "nationals-abroad" not in record.get("topics", []):
                    continue
                phones = [p for p in record["phones"] if "number" in p and p.get("from_abroad", True)]
                if not phones:
                    continue
                found.append({"country": name, "code": code, "id": record["id"], "name": self.text(record["name"]),
                              "phones": [self.phone(p, code, None) for p in phones]})
        return found

    def provider(self, record: dict, page_country: str | None, lines: dict | None = None) -> dict:
        home = record["countries"][0]
        view = self.line(record, home, page_country)
        referral = record.get("referral")
        line = (lines or {}).get(referral["line"]) if referral else None
        view.update({
            # Reached only through a line: its name and numbers, on the card itself.
            "referral": {"id": line["id"], "name": line["name"], "phones": line["phones"],
                         "note": self.text(referral.get("note"))} if line else None,
            "countries": [(c, self.country_name(c)) for c in record["countries"]],
            "country_codes": record["countries"],
            "areas": record.get("areas", []),
            "language_codes": record.get("languages", []),
            "populations": [(p, self.t(f"populations.{p}")) for p in record.get("populations", [])],
            "services": [{
                "type": s["type"],
                "label": self.t(f"service_types.{s['type']}"),
                "name": self.text(s.get("name")),
                "description": self.text(s.get("description")),
                "phones": [self.phone(p, home, page_country) for p in s.get("phones", [])],
            } for s in record["services"]],
        })
        return view

    def provider_filters(self, providers: list[dict]) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The filters worth offering for these providers: kinds of help, what the sources say
        (free, confidential...), who they serve; only values some provider has, and only when
        there is a choice to make."""
        if len(providers) < 2:
            return []
        used = {
            "service": {s["type"] for p in providers for s in p["services"]},
            "tag": {tag for p in providers for tag in p["tag_codes"]},
            "population": {code for p in providers for code, _ in p["populations"]},
        }
        labels = {"service": ("data.filter_service", "service_types."), "tag": ("data.filter_tag", "tags."),
                  "population": ("data.filter_population", "populations.")}
        filters = []
        for key, values in used.items():
            if values:
                title, prefix = labels[key]
                options = sorted(((v, self.t(prefix + v)) for v in values), key=lambda item: item[1].casefold())
                filters.append((key, self.t(title), options))
        return filters

    def sorted_countries(self, codes) -> list[tuple[str, str]]:
        return sorted(((c, self.country_name(c)) for c in codes), key=lambda item: item[1].casefold())

    # What each page made from data shows, in the order it shows it. Templates only place it.

    def hotlines_page(self, dataset: data_module.Dataset, default_country: str | None) -> dict:
        """"Get help now": every country in the reader's alphabetical order, and the numbers of
        the site's own country first (in international form: the reader may be anywhere)."""
        record = dataset.countries.get(default_country) if default_country else None
        return {"countries": self.sorted_countries(dataset.countries),
                "default_view": self.country(default_country, record, [], national=False) if record else None}

    def country_page(self, dataset: data_module.Dataset, code: str) -> dict:
        """A country's page: its numbers, its support services with their filters, and the lines
        other countries run for their citizens there."""
        record = dataset.countries[code]
        view = self.country(code, record, dataset.providers_in(code))
        return {"view": view, "filters": view["filters"], "abroad": self.abroad(dataset.countries, code),
                "notes": [self.note(note) for note in record.get("notes", [])],
                "rights": self.rights(record.get("rights")),
                "coverage": self.coverage(view), "outside": self.outside(code, record)}

    COVERS = ("trafficking", "forced-labour")

    def coverage(self, view: dict) -> dict | None:
        """When a country has lines but none for trafficking or forced labour: which of its lines
        may still help (lines for migrant workers, violence, crime victims, children...)."""
        if not view["hotlines"] or any(set(line["topics"]) & set(self.COVERS) for line in view["hotlines"]):
            return None
        return {"may_help": [(line["id"], line["name"]) for line in view["hotlines"]
                             if "nationals-abroad" not in line["topics"]]}

    def outside(self, code: str, record: dict) -> dict | None:
        """For a reader outside the country: which of its trafficking lines can be called from
        abroad (in international form); when none can, the lines the country runs for its
        citizens abroad."""
        def reachable(line):
            phones = [self.phone(p, code, None) for p in line["phones"] if "number" in p]
            return [p for p in phones if p.from_abroad]

        trafficking = [line for line in record.get("hotlines", []) if "trafficking" in line.get("topics", [])]
        if not trafficking:
            return None
        callable_ = [(line["id"], self.text(line["name"]), phones) for line in trafficking if (phones := reachable(line))]
        home = [(line["id"], self.text(line["name"]), phones) for line in record.get("hotlines", [])
                if "nationals-abroad" in line.get("topics", []) and (phones := reachable(line))]
        return {"callable": callable_, "home": [] if callable_ else home}

    def note(self, note: dict) -> dict:
        """A sourced note on a country (where the law itself is a risk, for one)."""
        return {"id": note["id"], "title": self.text(note["title"]), "text": self.text(note["text"]),
                "sources": note["sources"], "last_checked": self.date(note["verification"]["last_checked"]),
                "last_checked_iso": note["verification"]["last_checked"], "checked_how": note["verification"]["how"],
                "needs_review": data_module.review_due(note, self.today)}

    def countries_page(self, dataset: data_module.Dataset) -> dict:
        return {"countries": self.sorted_countries(dataset.countries)}

    def directory_page(self, dataset: data_module.Dataset) -> dict:
        """The directory's front page: each country with support services, and how many."""
        with_providers = {c for p in dataset.providers.values() for c in p["countries"] if c in dataset.countries}
        return {"countries": [(code, name, len(dataset.providers_in(code)))
                              for code, name in self.sorted_countries(with_providers)]}


# The same number, date or zone comes up on many pages and in every language: each is worked
# out once per run (the values are plain strings, so a cached one cannot be changed).

@functools.lru_cache(maxsize=None)
def _number_forms(number: str, country: str, page_country: str | None) -> tuple[str, str, str | None, bool]:
    """(what to dial, the number as shown, what the caller pays, whether it can be dialled from
    abroad): national form on its own country's page, international elsewhere; a national service
    number (one that cannot be dialled from abroad, such as Australia's 1800 numbers, or a
    premium-rate or shared-cost one, such as Viet Nam's 1900 numbers) is dialled and shown in
    national form everywhere."""
    parsed = phonenumbers.parse(number, country)
    cost = data_module.caller_pays(parsed)
    # A premium-rate or shared-cost number is a national service number (Viet Nam's 1900, for
    # one): like a number that cannot be dialled from abroad, it is dialled as the country does.
    international = phonenumbers.can_be_internationally_dialled(parsed) and cost is None
    same_country = phonenumbers.region_code_for_number(parsed) == page_country
    if not international:
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        return phonenumbers.normalize_digits_only(national), national, cost, False
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    style = phonenumbers.PhoneNumberFormat.NATIONAL if same_country else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return e164, phonenumbers.format_number(parsed, style), cost, True


@functools.lru_cache(maxsize=None)
def _long_date(iso: str, lang: str) -> str:
    day = dt.date.fromisoformat(iso)
    locale = babel_locale(lang)
    return format_date(day, "long", locale=locale) if locale else day.isoformat()


@functools.lru_cache(maxsize=None)
def _day_names(lang: str):
    locale = babel_locale(lang)
    return get_day_names("abbreviated", locale=locale) if locale else {}


@functools.lru_cache(maxsize=None)
def _zone_name(zone: str, lang: str) -> str:
    locale = babel_locale(lang)
    try:
        return get_timezone_name(zone, width="long", locale=locale) if zone and locale else zone
    except (LookupError, ValueError):
        return zone


def paired(views: list[dict], records: list[dict]) -> list[list[dict]]:
    """Lines that belong together (`together_with`: adult and youth lines, one line in two
    languages) side by side, each group where its first line stands."""
    group_of = {view["id"]: {view["id"]} for view in views}
    for record in records:
        for other in record.get("together_with", []):
            if other in group_of and record["id"] in group_of:
                merged = group_of[record["id"]] | group_of[other]
                for member in merged:
                    group_of[member] = merged
    groups, placed = [], set()
    for view in views:
        if view["id"] in placed:
            continue
        members = [v for v in views if v["id"] in group_of[view["id"]]]
        placed.update(v["id"] for v in members)
        groups.append(members)
    return groups
