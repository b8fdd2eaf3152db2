"""The meaning of one data record, beyond its schema's shape: real country and language codes,
phone numbers valid for their country and printed by a source, https addresses, no HTML or
invisible characters in texts, opening hours, costs to the caller and review dates. Each
problem at the file, line and column where it was written.

Called by ``aftercare.data.load`` for every file whose shape is right; nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from urllib.parse import urlsplit

import email_validator
import phonenumbers
import pycountry

from . import rights, yamlnodes
from .dataschema import short as _short
from .errors import Problem

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")

# Numbers from many countries (a large directory) would otherwise push each other's metadata
# patterns out of the re module's small cache and be compiled again and again.
phonenumbers.enable_pattern_cache()


WAYS_IN = ("phones", "email", "website", "chat", "contact_page", "office_address")


def way_in(record: dict) -> list[str]:
    """The ways a reader can reach a service (a referral line apart)."""
    return [key for key in WAYS_IN if record.get(key)]


class Checker:
    def __init__(self, located: yamlnodes.Located, shown: str, today: dt.date):
        self.referral = None  # (line, column, the line id) when the record names a referral line
        self.located = located
        self.shown = shown
        self.today = today
        self.problems: list[Problem] = []
        self.ids: list[tuple[str, str]] = []

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def add(self, path: str, message: str, severity: str = "error") -> None:
        line, column = self.located.where(path)
        self.problems.append(Problem(self.shown, line, column, path, message, severity))

    def hotline_file(self, stem: str) -> None:
        data = self.located.data
        country = data["country"]
        self.country("country", country)
        if stem != country:
            self.add("country", f"the file is named {stem}.yml but says country {country}: "
                                f"rename it {country}.yml or fix the code")
        for group in ("emergency", "hotlines"):
            for i, line in enumerate(data[group]):
                self.record(f"{group}[{i}]", line, country)
        for i, note in enumerate(data.get("notes", [])):
            self.note(f"notes[{i}]", note)
        if "rights" in data:
            rights.check(self, "rights", data["rights"])
        ids = {line["id"] for line in data["hotlines"]}
        for i, line in enumerate(data["hotlines"]):
            for j, other in enumerate(line.get("together_with", [])):
                if other not in ids or other == line["id"]:
                    self.add(f"hotlines[{i}].together_with[{j}]", f"'{other}' is not another hotline in this file: "
                                                                 "give the id of a line listed under hotlines:")

    def provider_file(self, stem: str) -> None:
        data = self.located.data
        if data["id"] != stem:
            self.add("id", f"the file is named {stem}.yml but the id is '{data['id']}': make them the same")
        for i, code in enumerate(data["countries"]):
            self.country(f"countries[{i}]", code)
        home = data["countries"][0]
        self.record("", data, home)
        for i, service in enumerate(data["services"]):
            self.texts(f"services[{i}]", service)
        if "office_address" in data:
            self.characters("office_address", data["office_address"])
        if "referral" in data:
            self.referral = (*self.located.where("referral.line"), data["referral"]["line"])
        elif not way_in(data) and data.get("listed", True):
            self.add("id", "no way to reach this service: add a phone, email, website, contact_page or office_address "
                           "that a source prints, or `referral:` with `line:` (the id of the line that refers people); "
                           "if none can be found, set `listed: false` (kept for the next review, not shown)")

    def note(self, path: str, note: dict) -> None:
        """A sourced note on a country: an id, texts, deep sources, a review date."""
        self.ids.append((yamlnodes.join(path, "id"), note["id"]))
        for key in ("title", "text"):
            self.text(yamlnodes.join(path, key), note[key])
        self.sources(path, note["sources"])
        self.review(yamlnodes.join(path, "verification"), note["verification"])

    def sources(self, path: str, sources: list[dict], *, shows: str = "the number") -> None:
        """Each source a deep page (what it `shows` is named in the message), read on a past date."""
        for i, source in enumerate(sources):
            self.url(yamlnodes.join(path, f"sources[{i}].url"), source["url"], deep=True, shows=shows)
            self.review_read(yamlnodes.join(path, f"sources[{i}].read"), source["read"])

    def cost(self, path: str, record: dict, phones: list[tuple[str, dict]], country: str) -> None:
        """A line tagged free cannot have a number the caller pays for (premium rate, shared cost)."""
        if "free" not in record.get("tags", []):
            return
        for phone_path, phone in phones:
            if "number" not in phone:
                continue
            paid = {"premium": "a premium-rate number", "shared": "a shared-cost number"}.get(
                caller_pays(phonenumbers.parse(phone["number"], country)))
            if paid:
                self.add(yamlnodes.join(phone_path, "number"),
                         f"{phone['number']} is {paid}: the caller pays for the call, so the record cannot be tagged "
                         "free. Remove `free` from tags (the description may say the help itself is free)")

    def record(self, path: str, record: dict, country: str) -> None:
        self.ids.append((yamlnodes.join(path, "id"), record["id"]))
        self.texts(path, record)
        for i, code in enumerate(record.get("languages", [])):
            self.language(yamlnodes.join(path, f"languages[{i}]"), code)
        phones = [(yamlnodes.join(path, f"phones[{i}]"), phone) for i, phone in enumerate(record.get("phones", []))]
        for i, service in enumerate(record.get("services", [])):
            phones += [(yamlnodes.join(path, f"services[{i}].phones[{j}]"), phone)
                       for j, phone in enumerate(service.get("phones", []))]
        before = len(self.errors)
        for phone_path, phone in phones:
            self.phone(phone_path, phone, country)
        numbers_ok = len(self.errors) == before
        for key in ("website", "chat", "contact_page"):
            if key in record:
                self.url(yamlnodes.join(path, key), record[key])
        if "email" in record:
            self.email(yamlnodes.join(path, "email"), record["email"])
        self.sources(path, record["sources"])
        self.hours(yamlnodes.join(path, "hours"), record.get("hours") or {})
        if numbers_ok:  # a number that is wrong in itself is reported once, not again as unsourced
            self.evidence(path, record, phones, country)
            self.cost(path, record, phones, country)
        self.review(yamlnodes.join(path, "verification"), record["verification"])

    def texts(self, path: str, record: dict) -> None:
        for key in ("name", "description", "when_you_call", "operator"):
            self.text(yamlnodes.join(path, key), record.get(key) or {})

    def text(self, path: str, value: dict) -> None:
        for lang, text in value.items():
            field_path = yamlnodes.join(path, lang)
            self.language(field_path, lang, as_key=True)
            if not text.strip():
                self.add(field_path, "the text is blank: write it, or remove the line")
            elif html_problem(text):
                self.add(field_path, html_problem(text))
            self.characters(field_path, text, allowed=SCRIPT_JOINERS)

    def characters(self, path: str, text: str, allowed: frozenset = frozenset()) -> None:
        problem = invisible_character(text, allowed)
        if problem:
            self.add(path, problem)

    def url(self, path: str, url: str, *, deep: bool = False, shows: str = "the number") -> None:
        parts = urlsplit(url)
        if any(c in url for c in "\"'<>\\`") or any(unicodedata.category(c)[0] in "CZ" for c in url):
            self.add(path, f"{_short(url)} contains a quote, bracket, space or invisible character: copy the address again")
        elif parts.username is not None or parts.password is not None:
            self.add(path, f"{_short(url)} has a user name before '@', so it leads to {parts.hostname}: "
                           "give the page's own address")
        elif not parts.hostname or not re.fullmatch(r"([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,}|xn--[a-z0-9-]+)", parts.hostname):
            self.add(path, f"{_short(url)} has no valid host name: copy the address from the browser")
        elif deep and parts.path in ("", "/") and not parts.query and not parts.fragment:
            self.add(path, f"{_short(url)} is a home page: cite the page that shows {shows} "
                           "(open it, then copy the address from the browser)")

    def email(self, path: str, address: str) -> None:
        try:
            email_validator.validate_email(address, check_deliverability=False)
        except email_validator.EmailNotValidError as error:
            self.add(path, f"{_short(address)} is not an email address ({error}): write only the address, "
                           "like help@example.org")

    def evidence(self, path: str, record: dict, phones: list[tuple[str, dict]], country: str) -> None:
        """Each number in the record is printed on a source page, and each number a source
        is said to print is in the record: a typo on either side shows up here."""
        shown_numbers = []
        for i, source in enumerate(record["sources"]):
            for j, printed in enumerate(source.get("shows", [])):
                printed_path = yamlnodes.join(path, f"sources[{i}].shows[{j}]")
                self.characters(printed_path, printed)
                if "@" in printed or "://" in printed or printed.lower().startswith("www.") or sum(c.isdigit() for c in printed) < 2 and not re.search(r"[A-Za-z]{3}", printed):
                    continue
                if not any(c.isdigit() for c in printed) and not re.fullmatch(r"[0-9A-Za-z ()+.\-]+", printed):
                    continue
                shown_numbers.append((printed_path, printed))
        matched: set[str] = set()
        for printed_path, printed in shown_numbers:
            hits = [p for p, phone in phones if _same_number(printed, phone, country)]
            if not hits:
                self.add(printed_path, f"{_short(printed)} is not one of this record's numbers: fix the number "
                                       "in the record or in `shows` (copy it from the page again)")
            matched.update(hits)
        for phone_path, phone in phones:
            if phone_path not in matched:
                written = phone.get("number") or phone.get("short_code")
                self.add(yamlnodes.join(phone_path, "number" if "number" in phone else "short_code"),
                         f"'{written}' is not printed on any source: add it, exactly as the page prints it, "
                         "to `shows` of the source that shows it")
        if "email" in record and not any(p.field.endswith("email") for p in self.errors):
            printed = {s.strip().lower() for source in record["sources"] for s in source.get("shows", [])}
            if record["email"].lower() not in printed:
                self.add(yamlnodes.join(path, "email"), f"'{record['email']}' is not printed on any source: add it "
                                                        "to `shows` of the source that shows it")

    def hours(self, path: str, hours: dict) -> None:
        zone = hours.get("timezone")
        if zone is not None and zone not in _time_zones():
            self.add(yamlnodes.join(path, "timezone"), f"'{zone}' is not a time zone: use its IANA name, "
                                                       "e.g. Asia/Ho_Chi_Minh or Europe/Paris")
        if hours.get("open") and zone is None:
            self.add(yamlnodes.join(path, "open"), "opening times need the line's time zone: add "
                                                   "timezone: (e.g. Asia/Manila)")
        for i, slot in enumerate(hours.get("open", [])):
            if slot["from"] >= slot["to"]:
                self.add(yamlnodes.join(path, f"open[{i}].to"), f"closes at {slot['to']}, not after it opens at "
                                                                f"{slot['from']}: for a night, give two times (to 24:00, "
                                                                "then from 00:00 the next day)")

    def review_read(self, path: str, read: str) -> None:
        if dt.date.fromisoformat(read) > self.today:
            self.add(path, f"{read} is in the future: give the date the page was read")

    def country(self, path: str, code: str) -> None:
        if pycountry.countries.get(alpha_2=code) is None:
            self.add(path, f"'{code}' is not an ISO 3166-1 country code (e.g. GB for the United Kingdom)")

    def language(self, path: str, code: str, as_key: bool = False) -> None:
        found = (pycountry.languages.get(alpha_2=code) if len(code) == 2
                 else pycountry.languages.get(alpha_3=code))
        if found is None:
            what = "text in" if as_key else "language"
            self.add(path, f"'{code}' is not an ISO 639 language code ({what} e.g. en, es, ar, zh, tl)")

    def phone(self, path: str, phone: dict, country: str) -> None:
        for key in ("number", "display", "sms_body"):
            if key in phone:
                self.characters(yamlnodes.join(path, key), phone[key])
        if "display" in phone and not _display_matches(phone, country):
            digits = phone.get("short_code") or phone.get("number")
            self.add(yamlnodes.join(path, "display"),
                     f"'{phone['display']}' dials {_keypad(phone['display']) or 'nothing'}, not {digits}: "
                     "the display must show the same number the link dials (letters count as on a phone keypad)")
        if "short_code" in phone:
            if phone.get("kind") == "whatsapp":
                self.add(yamlnodes.join(path, "kind"), "WhatsApp needs a full number: give number: '+...' "
                                                       "instead of short_code")
            return  # digits only (schema); the library does not know every country's short codes
        number_path = yamlnodes.join(path, "number")
        written = phone["number"]
        example = phonenumbers.example_number(country)
        hint = (f" (expected e.g. {phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)})"
                if example else "")
        try:
            parsed = phonenumbers.parse(written, country)
        except phonenumbers.NumberParseException:
            self.add(number_path, f"'{written}' is not a phone number{hint}")
            return
        if phonenumbers.is_valid_number(parsed):
            if not written.lstrip().startswith("+"):
                self.add(number_path, f"'{written}' is written in national form: write it in international form, "
                                      f"'{phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)}'")
            return
        national = str(parsed.national_number)
        if written.lstrip().startswith("+") and phonenumbers.is_valid_short_number_for_region(
                phonenumbers.parse(national, country), country):
            self.add(number_path, f"'{written}' is a short code written as an international number: "
                                  f"write short_code: '{national}' instead of number")
            return
        self.add(number_path, f"'{written}' is not a valid phone number for {country}{hint}")

    def review(self, path: str, verification: dict) -> None:
        checked = dt.date.fromisoformat(verification["last_checked"])
        if checked > self.today:
            self.add(yamlnodes.join(path, "last_checked"), f"{checked} is in the future: give the date it was checked")
            return
        due = review_date(verification)
        if due <= self.today:
            self.add(yamlnodes.join(path, "last_checked"),
                     f"review due since {due}: check the record against its sources, then update last_checked",
                     severity="warning")


SCRIPT_JOINERS = frozenset("\u200c\u200d")  # ZWNJ and ZWJ: Persian, Indic and other scripts need them


def invisible_character(text: str, allowed: frozenset = frozenset()) -> str | None:
    """No invisible or direction-changing characters: they make text show other than it reads."""
    if text.isprintable():
        return None  # (no control, format, private-use or unassigned character, no line separator)
    for char in text:
        if unicodedata.category(char) in ("Cf", "Co", "Cn", "Zl", "Zp") and char not in allowed:
            name = unicodedata.name(char, "an unassigned character")
            return (f"contains U+{ord(char):04X} ({name.lower()}), an invisible or direction-changing "
                    "character: delete it (retype the text if you cannot see it)")
    return None


def html_problem(text: str) -> str | None:
    """A text of the data (or a translation of one) is plain text: pages escape it."""
    if _HTML.search(text):
        return f"{_short(text)} contains HTML: write plain text (pages escape it, so a tag would show as text)"
    return None


_CALLER_PAYS = {phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium",
                phonenumbers.PhoneNumberType.SHARED_COST: "shared"}


def caller_pays(number: phonenumbers.PhoneNumber) -> str | None:
    """"premium" or "shared" when libphonenumber knows the caller pays more than for a normal call."""
    return _CALLER_PAYS.get(phonenumbers.number_type(number))
_KEYPAD = {letter: str(digit) for digit, letters in
           {2: "ABC", 3: "DEF", 4: "GHI", 5: "JKL", 6: "MNO", 7: "PQRS", 8: "TUV", 9: "WXYZ"}.items()
           for letter in letters}


def _keypad(text: str) -> str:
    """The digits a written number dials: letters as on a phone keypad, everything else dropped."""
    return "".join(c if c.isascii() and c.isdigit() else _KEYPAD.get(c.upper(), "") for c in text)


def _same_number(written: str, phone: dict, country: str) -> bool:
    """Whether a number as written (on a page, or in a display) dials the same as a phone record."""
    digits = _keypad(written)
    if not digits:
        return False
    if "short_code" in phone:
        return digits == phone["short_code"]
    try:
        record = phonenumbers.parse(phone["number"], country)
    except phonenumbers.NumberParseException:
        return False
    national = str(record.national_number)
    if digits.endswith(national) and len(digits) - len(national) <= 4:
        prefix = digits[: len(digits) - len(national)]
        # "0800 ...", "+44 800 ...", "0044 800 ...", "1-833 ..." all dial the same number.
        code = str(record.country_code)
        region = phonenumbers.region_code_for_number(record) or country
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        trunk = (metadata.national_prefix if metadata else None) or "0"
        return prefix in ("", trunk, code, "00" + code, "011" + code, code + trunk)
    return False


def _display_matches(phone: dict, country: str) -> bool:
    return _same_number(phone["display"], phone, country)


@functools.lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def review_date(verification: dict) -> dt.date:
    """When a record is next due for a check: `review_every_months` after `last_checked`."""
    return _add_months(dt.date.fromisoformat(verification["last_checked"]), verification["review_every_months"])
