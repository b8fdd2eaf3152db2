"""Data written for an earlier release of the data format: one message per kind of change per
file, at the first place it occurs, with the change to make; the schema errors it explains are
not repeated. The old files below are as the project wrote them (from its git history)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

from conftest import ROOT
from test_data import _load, _replace

TODAY = dt.date(2026, 12, 5)

# tests/data/providers/example-shelter-us.yml at e58f673 (2026-11-26): sources without `read`.
PROVIDER_2026_11_26 = """\
# yaml-language-server: $schema=../../../data/schema/provider.schema.json
# EXAMPLE RECORD FOR TESTS: not a real organisation.
id: example-shelter-us
name:
  en: Example Shelter (test record)
  es: Refugio de ejemplo (registro de prueba)
description:
  en: A made-up provider used by the tests. It does not exist.
countries: [US]
areas: [Example County]
languages: [en, es]
populations: [adults, women, foreign-nationals]
phones:
  - number: "+12015550123"
    kind: voice
services:
  - type: shelter
  - type: case-management
  - type: legal
    phones:
      - number: "+12015550124"
        kind: sms
sources:
  - url: https://example.org/shelter
    title: Example source (test)
verification:
  last_checked: 2026-11-01
  how: operator
  review_every_months: 12
"""

# data/hotlines/GB.yml at e7c4768 (2026-12-01), its emergency line and first two hotlines:
# sources with `read`, `operator` as plain text.
HOTLINES_2026_12_01 = """\
country: GB
emergency:
  - id: gb-emergency-999
    name:
      en: Police, ambulance and fire
      es: Policía, ambulancia y bomberos
      fr: Police, ambulance et pompiers
      ar: الشرطة والإسعاف والإطفاء
      zh: 警察、救护车和消防
      vi: Cảnh sát, cấp cứu và cứu hỏa
      tl: Pulis, ambulansya at bumbero
    description:
      en: Free from any phone, also from a mobile with no credit. 112 works too.
    phones:
      - short_code: "999"
        kind: voice
        from_abroad: false
      - short_code: "112"
        kind: voice
        from_abroad: false
    sources:
      - url: https://www.devon-cornwall.police.uk/youth/8-10/phoning-999/
        title: Devon and Cornwall Police, Phoning 999
        read: 2026-12-01
        shows: ["999", "112"]
        says: Calls are free from any phone, including a locked mobile or one with no credit; the operator asks which service you need
    verification:
      last_checked: 2026-12-01
      how: source
      review_every_months: 6
hotlines:
  - id: gb-modern-slavery-exploitation-helpline
    name:
      en: Modern Slavery & Exploitation Helpline
    operator: Unseen (a charity)
    description:
      en: >-
        For anyone affected by modern slavery or exploitation, or worried about someone.
        It is free and open day and night. You can give your name in confidence, or stay anonymous.
        It is not the police or the government.
    topics: [trafficking, forced-labour, reporting]
    tags: [free, confidential, anonymous, interpreters, 24-7]
    when_you_call:
      en: >-
        A trained adviser first checks that you are safe and can talk. You choose what happens with
        your details. They share them only with your consent, unless someone is in danger or a child is at risk.
    phones:
      - number: "+448000121700"
        kind: voice
    hours:
      always_open: true
    interpreters: true
    sources:
      - url: https://www.btp.police.uk/advice_and_information-1/keeping_yourself_safe/modern_slavery.aspx
        title: British Transport Police, Modern slavery
        read: 2026-12-01
        shows: ["08000 121 700"]
        says: Report concerns to the Modern Slavery Helpline if you do not want to speak to the police
      - url: https://www.modernslaveryhelpline.org/about/what-happens-when-you-call-the-helpline
        title: Modern Slavery & Exploitation Helpline, What happens when you call the Helpline?
        read: 2026-12-01
        says: Free, independent and confidential, 24/7; safety check first; details shared only with consent except in danger or child risk
      - url: https://www.unseenuk.org/blog/i-work-on-the-modern-slavery-helpline-and-this-is-what-i-hear
        title: Unseen, I work on the Modern Slavery Helpline
        read: 2026-12-01
        says: Open 24/7, 365 days a year, available in over 200 languages
        dated: 2019-09-19
      - url: https://www.unseenuk.org/faqs-potential-victims/
        title: Unseen, frequently asked questions for potential victims and survivors
        read: 2026-12-01
        says: Free, confidential, 365 days a year; an independent service run by the charity Unseen UK, not part of the police or government
    verification:
      last_checked: 2026-12-01
      how: source
      review_every_months: 6
  - id: gb-salvation-army-modern-slavery-referral-helpline
    name:
      en: The Salvation Army modern slavery Referral Helpline
    operator: The Salvation Army
    description:
      en: >-
        For anyone who thinks they, or someone they met, may be a victim of modern slavery.
        It is confidential and open day and night. The Salvation Army runs the government support
        for adult survivors in England and Wales.
    topics: [trafficking, forced-labour]
    tags: [confidential, 24-7]
    phones:
      - number: "+448008083733"
        kind: voice
    hours:
      always_open: true
    sources:
      - url: https://www.salvationarmy.org.uk/modern-slavery/supporting-survivors
        title: The Salvation Army, Supporting survivors
        read: 2026-12-01
        shows: ["0800 808 3733"]
        says: Confidential Referral Helpline available 24/7; specialist support for adult survivors in England and Wales (safehouses, legal advice, health care, counselling)
    verification:
      last_checked: 2026-12-01
      how: source
      review_every_months: 6
"""

# data/hotlines/US.yml at e58f673 (2026-11-26): both kinds.
HOTLINES_2026_11_26 = """\
# yaml-language-server: $schema=../schema/hotlines.schema.json
# Hotlines and emergency numbers for the United States.
country: US
emergency:
  - id: us-emergency-911
    name:
      en: Police, ambulance and fire
      es: Policía, ambulancia y bomberos
      fr: Police, ambulance et pompiers
      ar: الشرطة والإسعاف والإطفاء
      zh: 警察、救护车和消防
      vi: Cảnh sát, cấp cứu và cứu hỏa
      tl: Pulis, ambulansya at bumbero
    phones:
      - short_code: "911"
        kind: voice
        from_abroad: false
    hours:
      always_open: true
    sources:
      - url: https://www.fcc.gov/consumer-information
        title: Federal Communications Commission, consumer information (9-1-1)
    verification:
      last_checked: 2026-11-26
      how: list
      review_every_months: 12
      needs_review: true
      note: The FCC page seen was marked as archived; confirm on a current official page.
hotlines:
  - id: us-national-human-trafficking-hotline
    name:
      en: National Human Trafficking Hotline
    operator: Compass Connections (since 2025; before that Polaris)
    description:
      en: For anyone affected by trafficking, in any language. Calls are answered day and night.
    phones:
      - number: "+18883737888"
        kind: voice
      - short_code: "233733"
        kind: sms
        display: BEFREE
        sms_body: HELP
        from_abroad: false
      - short_code: "711"
        kind: tty
        from_abroad: false
    website: https://humantraffickinghotline.org
    hours:
      always_open: true
    languages: [en, es]
    interpreters: true
    sources:
      - url: https://humantraffickinghotline.org
        title: National Human Trafficking Hotline
      - url: https://polarisproject.org/responding-to-human-trafficking/
        title: Polaris, Responding to Human Trafficking
    verification:
      last_checked: 2026-11-26
      how: list
      review_every_months: 6
      needs_review: true
      note: >-
        The operator changed from Polaris to Compass Connections (HHS grant announced
        2025-09-22). Confirm that the number and the text code 233733 still work.
  - id: us-988-suicide-and-crisis-lifeline
    name:
      en: 988 Suicide & Crisis Lifeline
    description:
      en: For anyone in emotional distress or a suicidal crisis.
    phones:
      - short_code: "988"
        kind: voice
        from_abroad: false
    website: https://988lifeline.org
    hours:
      always_open: true
    sources:
      - url: https://988lifeline.org
        title: 988 Suicide & Crisis Lifeline
    verification:
      last_checked: 2026-11-26
      how: list
      review_every_months: 6
"""

SOURCES = ("written for the data format before 2026-12-01: each source now needs `read: YYYY-MM-DD` (the day a "
           "person read the page) and `shows:` (each of the record's numbers and email addresses exactly as the page "
           "prints it, one per entry); ")
OPERATOR = ("written for the data format before 2026-12-04: `operator` is now a text like `name`: write `operator:` "
            "with `en: <the name>` indented on the next line (translations go in data/translations/<lang>.yml); ")
P = "data/providers/example-shelter-us.yml"
H = "data/hotlines/GB.yml"
US = "data/hotlines/US.yml"


def _check(tmp_path, files: dict[str, str]) -> list[str]:
    """The problems of these files in a fresh data folder (with today's schemas)."""
    return [str(p) for p in _load(tmp_path, files, today=TODAY).problems]


def _upgraded_provider() -> str:
    """The old provider with the change its message asks for."""
    return _replace(PROVIDER_2026_11_26, "    title: Example source (test)\n",
                    '    title: Example source (test)\n    read: 2026-11-01\n    shows: ["(201) 555-0123", "(201) 555-0124"]\n')


def _upgraded_hotlines() -> str:
    """The old GB lines with the change their message asks for."""
    text, count = re.subn(r"^( +)operator: (.+)$", r"\1operator:\n\1  en: \2", HOTLINES_2026_12_01, flags=re.M)
    assert count == 2
    return text


def test_sources_without_read_are_one_message(tmp_path):
    assert _check(tmp_path, {"providers/example-shelter-us.yml": PROVIDER_2026_11_26}) == [
        f"{P}:24:5: sources: {SOURCES}1 source lacks `read` (line 24)"]


def test_operator_as_plain_text_is_one_message(tmp_path):
    assert _check(tmp_path, {"hotlines/GB.yml": HOTLINES_2026_12_01}) == [
        f"{H}:35:15: operator: {OPERATOR}2 operators are plain text (lines 35, 79)"]


def test_a_file_with_two_old_kinds_has_two_messages(tmp_path):
    result = _load(tmp_path, {"hotlines/US.yml": HOTLINES_2026_11_26}, today=TODAY)
    assert [str(p) for p in result.problems] == [
        f"{US}:21:9: sources: {SOURCES}4 sources lack `read` (lines 21, 53, 55, 78)",
        f"{US}:33:15: operator: {OPERATOR}1 operator is plain text (line 33)"]
    assert [p.severity for p in result.problems] == ["error", "error"]  # still not published


def test_without_the_upgrade_the_schema_gives_one_error_per_field(tmp_path, monkeypatch):
    """What the messages above stand for (so the tests above can tell a message from its absence)."""
    from aftercare import dataupgrades

    monkeypatch.setattr(dataupgrades, "CHANGES", ())
    problems = _check(tmp_path, {"hotlines/US.yml": HOTLINES_2026_11_26})
    assert len(problems) == 5
    assert sum("'read' is missing" in p for p in problems) == 4
    assert sum("should be a group of fields" in p for p in problems) == 1


def test_the_change_each_message_asks_for_is_all_it_takes(tmp_path):
    # Each file on its own: a US service beside only Britain's lines would be shown on no page.
    assert _check(tmp_path / "provider", {"providers/example-shelter-us.yml": _upgraded_provider()}) == []
    assert _check(tmp_path / "hotlines", {"hotlines/GB.yml": _upgraded_hotlines()}) == []


def test_a_slip_in_a_file_of_todays_format_is_the_schemas_own_error(tmp_path):
    """A file written the new way is not called old for one forgotten field."""
    hotlines = _replace(_upgraded_hotlines(), "        title: Devon and Cornwall Police, Phoning 999\n        read: 2026-12-01\n",
                        "        title: Devon and Cornwall Police, Phoning 999\n")
    hotlines = _replace(hotlines, "operator:\n      en: The Salvation Army", "operator: The Salvation Army")
    problems = _check(tmp_path, {"hotlines/GB.yml": hotlines})
    assert problems == [
        f"{H}:22:9: emergency[0].sources[0].read: 'read' is missing: add it (see data/schema/ for what it holds)",
        f"{H}:79:15: hotlines[1].operator: 'The Salvation Army' should be a group of fields"]


def test_other_schema_errors_are_still_reported(tmp_path):
    provider = _replace(PROVIDER_2026_11_26, "countries: [US]", "countries: US")
    assert _check(tmp_path, {"providers/example-shelter-us.yml": provider}) == [
        f"{P}:9:12: countries: 'US' should be a list (lines starting with -)",
        f"{P}:24:5: sources: {SOURCES}1 source lacks `read` (line 24)"]


def test_validate_command_reports_the_older_format(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / "providers" / "example-shelter-us.yml").write_text(PROVIDER_2026_11_26, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "aftercare.validate", "--data", str(folder)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{P}:24:5: sources: {SOURCES}1 source lacks `read` (line 24)" in result.stdout
    assert "'read' is missing" not in result.stdout
