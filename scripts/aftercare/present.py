"""Turn validated records into what a page shows, for one language and one page country.

Nothing here writes HTML: templates do. This module decides how a number is written (national
form on the country's own page, international elsewhere), which link it gets (tel:, sms:,
https://wa.me/), which language a text is shown in (with a marker when it falls back), and how
dates and country names read in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import phonenumbers
from babel.dates import format_date

from . import data as data_module
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


class Presenter:
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

    def text(self, value: dict | None) -> Text | None:
        picked = data_module.text_in(value, self.lang, self.default)
        if picked is None:
            return None
        text, lang = picked
        return Text(text, lang, lang != self.lang)

    def country_name(self, code: str) -> str:
        return self.locale.territories.get(code, code) if self.locale else code

    def language_name(self, code: str) -> str:
        if self.locale:
            name = self.locale.languages.get(code)
            if name:
                return name
        return code

    def date(self, iso: str) -> str:
        day = dt.date.fromisoformat(iso)
        return format_date(day, "long", locale=self.locale) if self.locale else day.isoformat()

    def phone(self, phone: dict, country: str, page_country: str | None) -> Phone:
        kind = phone.get("kind", "voice")
        body = phone.get("sms_body")
        if "short_code" in phone:
            digits = phone["short_code"]
            dial = digits
        else:
            parsed = phonenumbers.parse(phone["number"], country)
            e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            same_country = phonenumbers.region_code_for_number(parsed) == page_country
            style = phonenumbers.PhoneNumberFormat.NATIONAL if same_country else phonenumbers.PhoneNumberFormat.INTERNATIONAL
            digits = phonenumbers.format_number(parsed, style)
            dial = e164
        if kind == "whatsapp":
            href = "https://wa.me/" + dial.lstrip("+")
        elif kind == "sms":
            href = f"sms:{dial}" + (f"?body={body}" if body else "")
        else:
            href = f"tel:{dial}"
        return Phone(kind=kind, href=href, label=phone.get("display") or digits, digits=digits,
                     from_abroad=phone.get("from_abroad", True), sms_body=body, note=self.text(phone.get("note")))

    def line(self, record: dict, country: str, page_country: str | None) -> dict:
        """A hotline or emergency line, ready for the template."""
        verification = record["verification"]
        return {
            "id": record["id"],
            "name": self.text(record["name"]),
            "description": self.text(record.get("description")),
            "operator": record.get("operator"),
            "phones": [self.phone(p, country, page_country) for p in record.get("phones", [])],
            "email": record.get("email"),
            "website": record.get("website"),
            "always_open": (record.get("hours") or {}).get("always_open", False),
            "hours_note": self.text((record.get("hours") or {}).get("note")),
            "languages": [self.language_name(code) for code in record.get("languages", [])],
            "interpreters": record.get("interpreters", False),
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
        return {
            "code": code,
            "name": self.country_name(code),
            "emergency": [self.line(r, code, page_country) for r in record.get("emergency", [])],
            "hotlines": [self.line(r, code, page_country) for r in record.get("hotlines", [])],
            "providers": [self.provider(p, page_country) for p in providers],
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

    def provider(self, record: dict, page_country: str | None) -> dict:
        home = record["countries"][0]
        view = self.line(record, home, page_country)
        view.update({
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

    def sorted_countries(self, codes) -> list[tuple[str, str]]:
        return sorted(((c, self.country_name(c)) for c in codes), key=lambda item: item[1].casefold())
