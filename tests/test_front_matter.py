"""Every front-matter field has a type and a check (issue 26): a wrong value is a
file:line:column:field problem at the value, quoting it as the editor wrote it."""

from __future__ import annotations

import json

import pytest

from aftercare import pagemeta, readability, translations
from conftest import ROOT

CASES = {
    # From the report: YAML 1.1 reads NO as false; the message quotes what was written.
    "country NO read as false": ("applies_to: [NO]", "2:14: applies_to[0]: 'NO' should be text; YAML reads NO as true "
                                 "or false: put it in quotes, like 'NO'"),
    "title yes": ("title: yes", "2:8: title: 'yes' should be text; YAML reads yes as true or false: put it in quotes, "
                  "like 'yes'"),
    # Our own, one for each field.
    "empty title": ("title: ''", "2:8: title: is empty: write it, or delete the line"),
    "title with no value": ("title:", "2:7: title: has no value: write one, or delete the line"),
    "description as a list": ("description: [a, b]", "2:14: description: ['a', 'b'] should be text"),
    "audience typo": ("audience: survivor", "2:11: audience: 'survivor' is not one of: survivors, supporters, "
                      "providers, legal"),
    "country that does not exist": ("applies_to: [XX]", "2:14: applies_to[0]: 'XX' is not an ISO 3166-1 country code "
                                    "(e.g. US, MX, PH)"),
    "country in lower case": ("applies_to: [us]", "2:14: applies_to[0]: 'us' is not a country code: use the two "
                              "capital letters of ISO 3166-1, e.g. GB"),
    "countries as a date": ("applies_to: 2026-01-01", "2:13: applies_to: '2026-01-01' should be a list (lines "
                            "starting with -)"),
    "country not in a list": ("applies_to: US", "2:13: applies_to: 'US' should be a list (lines starting with -)"),
    "review date in words": ("last_reviewed: next week", "2:16: last_reviewed: 'next week' is not a date: write "
                             "YYYY-MM-DD, for example 2026-12-05"),
    "review date in the future": ("last_reviewed: 2099-01-01", "2:16: last_reviewed: 2099-01-01 is in the future: give "
                                  "the day a person last checked the page"),
    "translation hash typed by hand": ("translation:\n  status: machine\n  source_hash: zz",
                                       "4:16: translation.source_hash: 'zz' is not what the translation tool writes "
                                       "(12 letters and digits): when the translation matches the English page, run "
                                       "`python -m aftercare.translations stamp LANG PAGE` to set it"),
    "translation as a word": ("translation: machine", "2:14: translation: 'machine' should be a group of fields"),
    "hide typo": ("hide: [navigaton]", "2:8: hide[0]: 'navigaton' is not one of: navigation, toc, footer, path, tags, "
                  "feedback"),
    "search boost below zero": ("search:\n  boost: -1", "3:10: search.boost: -1 should be a number above 0"),
    "search exclude maybe": ("search:\n  exclude: maybe", "3:12: search.exclude: 'maybe' should be true or false"),
    "icon path": ("icon: ../../etc", "2:7: icon: '../../etc' is not an icon name: write one like material/phone"),
    "status typo": ("status: old", "2:9: status: 'old' is not one of: new, deprecated"),
    "template outside the theme": ("template: ../../secret.html", "2:11: template: '../../secret.html' is not a "
                                   "template file name: write one like home.html (a name only, no folder above it)"),
    "unknown key": ("titel: Help", "2:8: titel: unknown front-matter key 'titel': known keys are applies_to, audience, "
                    "description, hide, icon, last_reviewed, search, status, template, title, translation"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_front_matter_field_has_a_type_and_a_check(tmp_path, case):
    front, message = CASES[case]
    page = tmp_path / "page.md"
    page.write_text(f"---\n{front}\n---\n\n# A page\n", encoding="utf-8")
    assert [str(p) for p in pagemeta.check(page, "docs/en/page.md")[1]] == [f"docs/en/page.md:{message}"]


def test_the_schema_names_every_key_the_tools_read():
    schema = json.loads(pagemeta.SCHEMA.read_text(encoding="utf-8"))["properties"]
    assert tuple(schema["translation"]["properties"]["status"]["enum"]) == translations.STATUSES
    assert schema["audience"]["enum"] == list(readability.TARGETS)


def test_every_page_of_the_project_passes():
    pages = sorted((ROOT / "docs").glob("*/**/*.md"))
    assert len(pages) > 100
    problems = [str(p) for page in pages for p in pagemeta.check(page, page.relative_to(ROOT).as_posix())[1]]
    assert problems == []
