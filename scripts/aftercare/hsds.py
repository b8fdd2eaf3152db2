"""Export the data as Open Referral HSDS 3.0 JSON: one file per language.

HSDS has one language per text field, so each language gets its own file (texts missing in
that language fall back to the default one). Every id is a UUID derived from the record's own
id (uuid5), so it never changes between exports. Hotlines and emergency lines become
organisations with one service each; providers keep their services.

Usage: python -m aftercare.hsds OUT_DIR [--languages en,es,...]
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import uuid
from pathlib import Path

import phonenumbers

from . import data as data_module
from . import datatext
from . import paths, settings

NAMESPACE = uuid.UUID("6f1d3c0e-6b7a-5b8e-9c1a-2f4e5d6c7b8a")  # this project's; never change it
_PHONE_TYPES = {"voice": "voice", "sms": "text", "tty": "textphone", "whatsapp": "text"}


# Every language's file has the same ids and numbers: each is worked out once per run.
@functools.lru_cache(maxsize=None)
def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


@functools.lru_cache(maxsize=None)
def _e164(number: str, country: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(number, country), phonenumbers.PhoneNumberFormat.E164)


def _text(value: dict | None, lang: str, default: str) -> str | None:
    picked = data_module.text_in(value, lang, default)
    return picked[0] if picked else None


def _keyed(items: list[dict], key) -> list[tuple[dict, str]]:
    """Each item with a key made from what it is, not where it stands, so that ids stay the same
    when editors reorder a list: `key(item)`, with ":2", ":3"... for a second and third alike."""
    seen: dict[str, int] = {}
    keyed = []
    for item in items:
        base = key(item)
        seen[base] = seen.get(base, 0) + 1
        keyed.append((item, base if seen[base] == 1 else f"{base}:{seen[base]}"))
    return keyed


def _phones(phones: list[dict]) -> list[tuple[dict, str]]:
    return _keyed(phones, lambda p: f"{p.get('kind', 'voice')}:{p.get('number') or p.get('short_code')}")


def _phone(phone: dict, owner: str, key: str, country: str, lang: str, default: str) -> dict:
    if "short_code" in phone:
        number = phone["short_code"]
    else:
        number = _e164(phone["number"], country)
    notes = [n for n in [phone.get("display"), _text(phone.get("note"), lang, default),
                         None if phone.get("from_abroad", True) else "Not reachable from abroad",
                         "WhatsApp" if phone.get("kind") == "whatsapp" else None] if n]
    result = {"id": _uuid("phone", owner, key), "number": number,
              "type": _PHONE_TYPES[phone.get("kind", "voice")]}
    if notes:
        result["description"] = "; ".join(notes)
    return result


def _service(record: dict, service_key: str, name: str, description: str | None, phones: list[dict],
             countries: list[str], lang: str, default: str, org_id: str, status: str = "active") -> dict:
    service_id = _uuid("service", service_key)
    service = {
        "id": service_id,
        "organization_id": org_id,
        "name": name,
        "status": status,
        "phones": [dict(_phone(p, service_key, key, countries[0], lang, default), service_id=service_id)
                   for p, key in _phones(phones)],
        "languages": [{"id": _uuid("language", service_key, code), "service_id": service_id, "code": code}
                      for code in record.get("languages", [])],
        "service_areas": [{"id": _uuid("area", service_key, code), "service_id": service_id, "name": code,
                           "extent_type": "text", "extent": code} for code in countries],
        "assured_date": record["verification"]["last_checked"],
    }
    if description:
        service["description"] = description
    if record.get("website"):
        service["url"] = record["website"]
    if record.get("email"):
        service["email"] = record["email"]
    if record.get("interpreters"):
        service["interpretation_services"] = "Interpreters available"
    return service


def organizations(dataset: data_module.Dataset, lang: str, default: str = "en") -> list[dict]:
    """All records as HSDS organizations (each with its services), texts in `lang`."""
    result = []
    for code in sorted(dataset.countries):
        record = dataset.countries[code]
        for line in record.get("emergency", []) + record.get("hotlines", []):
            org_id = _uuid("organization", line["id"])
            name = _text(line["name"], lang, default)
            description = _text(line.get("description"), lang, default) or name
            org = {"id": org_id, "name": _text(line.get("operator"), lang, default) or name, "description": description,
                   "services": [_service(line, line["id"], name, description, line["phones"], [code],
                                         lang, default, org_id)]}
            if line.get("website"):
                org["website"] = line["website"]
            result.append(org)
    for provider_id in sorted(dataset.providers):
        provider = dataset.providers[provider_id]
        org_id = _uuid("organization", provider_id)
        org = {"id": org_id, "name": _text(provider["name"], lang, default),
               "description": _text(provider["description"], lang, default),
               "phones": [dict(_phone(p, provider_id, key, provider["countries"][0], lang, default), organization_id=org_id)
                          for p, key in _phones(provider.get("phones", []))],
               "services": []}
        if provider.get("website"):
            org["website"] = provider["website"]
        if provider.get("email"):
            org["email"] = provider["email"]
        for service, kind in _keyed(provider["services"], lambda s: s["type"]):
            key = f"{provider_id}:{kind}"
            name = _text(service.get("name"), lang, default) or service["type"].replace("-", " ").capitalize()
            org["services"].append(_service(
                provider, key, name, _text(service.get("description"), lang, default), service.get("phones", []),
                provider["countries"], lang, default, org_id, service.get("status", "active")))
        result.append(org)
    return result


def write(dataset: data_module.Dataset, out_dir: Path, languages: list[str], default: str = "en") -> list[Path]:
    """Write hsds-<lang>.json for each language and one CSV of every phone number."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in languages:
        path = out_dir / f"hsds-{lang}.json"
        # Compact: the file is for programs, and without `indent` Python's C encoder writes it
        # several times faster (it matters with thousands of records).
        path.write_text(json.dumps(organizations(dataset, lang, default), ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
        written.append(path)
    path = out_dir / "phones.csv"
    path.write_text(_phones_csv(organizations(dataset, default, default)), encoding="utf-8")
    written.append(path)
    return written


def _phones_csv(orgs: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["organization", "service", "country", "number", "type", "note", "last_checked"])
    for org in orgs:
        for service in org["services"]:
            for phone in service["phones"]:
                writer.writerow([org["name"], service["name"], service["service_areas"][0]["extent"],
                                 phone["number"], phone["type"], phone.get("description", ""),
                                 service["assured_date"]])
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aftercare.hsds", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=None, help="the data folder (default: the project's in this folder)")
    parser.add_argument("--languages", default=None, help="default language first (default: the site's languages)")
    args = parser.parse_args(argv)
    args.data = args.data or paths.current()[1] / "data"
    result = data_module.load(args.data)
    if result.errors:
        for problem in result.errors:
            print(problem)
        return 1
    languages = args.languages.split(",") if args.languages else settings.project_languages()
    datatext.apply(result.dataset, datatext.load_catalogues([args.data], languages, args.data.parent))
    for path in write(result.dataset, args.out, languages, languages[0]):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
