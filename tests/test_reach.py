"""Every listed service can be reached: a phone, email, website, contact page or office address
that a source prints, or the line that refers people to it. A service with none is kept for the
next review but not shown, and the review lists it; so do lines with old or single sources."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import yaml

from aftercare import data
from aftercare.review import weak_records
from conftest import ROOT
from test_data import GOOD_HOTLINES, GOOD_PROVIDER, _load

TODAY = dt.date(2026, 12, 5)
UNREACHABLE = re.sub(r"phones:\n  - number: \"\+12015550123\"\n", "", GOOD_PROVIDER).replace(
    'shows: ["(201) 555-0123", "(201) 555-0124"]', 'shows: ["(201) 555-0124"]')


def test_a_service_with_no_way_in_and_no_referral_is_refused_at_its_line(tmp_path):
    assert "phones:\n  - number" not in UNREACHABLE
    problems = [str(p) for p in _load(tmp_path, {"providers/example.yml": UNREACHABLE}).problems]
    assert problems == ["data/providers/example.yml:1:5: id: no way to reach this service: add a phone, email, website, "
                        "contact_page or office_address that a source prints, or `referral:` with `line:` (the id of "
                        "the line that refers people); if none can be found, set `listed: false` (kept for the next "
                        "review, not shown)"]


def test_each_way_in_is_enough(tmp_path):
    for index, way in enumerate(("email: help@example.org\n", "website: https://example.org/help\n",
                                 "contact_page: https://example.org/contact\n",
                                 "office_address: 1 Example Street, Example Town\n")):
        text = UNREACHABLE.replace('shows: ["(201) 555-0124"]', 'shows: ["(201) 555-0124", "help@example.org"]') + way
        result = _load(tmp_path / str(index), {"providers/example.yml": text})
        assert result.problems == [] and "example" in result.dataset.providers, (way, result.problems)


def test_a_referral_names_a_line_of_the_services_country(tmp_path):
    referred = UNREACHABLE + "referral:\n  line: example-line\n  note:\n    en: Ask for the shelter team.\n"
    result = _load(tmp_path / "ok", {"providers/example.yml": referred, "hotlines/US.yml": GOOD_HOTLINES})
    assert result.problems == [] and "example" in result.dataset.providers
    wrong = referred.replace("line: example-line", "line: no-such-line")
    problems = [str(p) for p in _load(tmp_path / "wrong", {"providers/example.yml": wrong,
                                                            "hotlines/US.yml": GOOD_HOTLINES}).problems]
    line = wrong.splitlines().index("  line: no-such-line") + 1
    assert problems == [f"data/providers/example.yml:{line}:9: referral.line: 'no-such-line' is not a line of US: give "
                        "the id of the line that refers people, from data/hotlines/US.yml"]


def test_an_unlisted_service_is_kept_for_review_not_shown(tmp_path):
    result = _load(tmp_path, {"providers/example.yml": UNREACHABLE + "listed: false\n", "hotlines/US.yml": GOOD_HOTLINES})
    assert result.problems == []
    assert "example" not in result.dataset.providers and "example" in result.dataset.unlisted
    assert result.dataset.providers_in("US") == []
    weak = weak_records(result.dataset, TODAY)
    assert ("data/providers/example.yml", "example", "no source gives a way to reach this service: it is not shown "
                                                     "(listed: false)") in weak
    # The line rests on one source: listed too.
    assert any(record_id == "example-line" and "single source" in why for _, record_id, why in weak)


def test_a_line_whose_newest_source_is_old_is_listed_for_review(tmp_path):
    old = GOOD_HOTLINES.replace('        shows: ["233733"]\n', '        shows: ["233733"]\n        dated: "2022-06"\n')
    result = _load(tmp_path, {"hotlines/US.yml": old})
    assert any("newest source is dated 2022-06-30" in why for _, _, why in weak_records(result.dataset, TODAY))
    assert not any("newest source" in why for _, _, why in weak_records(result.dataset, dt.date(2025, 6, 1)))


def test_the_project_has_no_service_without_a_way_in_and_enough_services():
    dataset = data.load(ROOT / "data", root=ROOT).dataset
    listed = dataset.providers
    for record_id, record in listed.items():
        assert data.way_in(record) or record.get("referral"), record_id
    countries = {code for record in listed.values() for code in record["countries"]}
    files = list((ROOT / "data" / "providers").glob("*.yml"))
    assert len(listed) + len(dataset.unlisted) == len(files)
    assert len(listed) >= 120 and len(countries) >= 45  # issue 22: services where the readers are
    print(f"{len(listed)} services in {len(countries)} countries ({len(dataset.unlisted)} unlisted)")


def test_validate_due_lists_what_to_strengthen():
    result = subprocess.run([sys.executable, "-m", "aftercare.validate", "--due"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    count = int(re.search(r"^(\d+) record\(s\) to strengthen", result.stdout, re.M).group(1))
    weak = weak_records(data.load(ROOT / "data", root=ROOT).dataset, dt.date.today())
    listed = [line for line in result.stdout.splitlines() if line.startswith("data/") and (
        line.endswith("look for a second page that prints the number") or line.endswith("look for a newer page")
        or line.endswith("it is not shown (listed: false)"))]
    assert count == len(weak) == len(listed)


def test_a_referral_shows_the_lines_name_and_numbers_on_the_card(tmp_path):
    from aftercare.present import Presenter
    from aftercare import ui

    referred = UNREACHABLE + "referral:\n  line: example-line\n"
    dataset = _load(tmp_path, {"providers/example.yml": referred, "hotlines/US.yml": GOOD_HOTLINES}).dataset
    strings = ui.load(ROOT / "data" / "ui", ["en"], "en", ROOT)
    view = Presenter(strings, "en").country_page(dataset, "US")["view"]
    card = view["providers"][0]
    assert card["referral"]["id"] == "example-line" and "233733" in card["referral"]["phones"][0].href
    assert yaml.safe_load((ROOT / "data" / "ui" / "en.yml").read_text())["data"]["referral"].endswith("Call:")
