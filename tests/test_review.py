"""Keeping records true: the weekly review lists every record due, with its evidence, and
LinkChecker reports sources that no longer answer (tested against a local server)."""

from __future__ import annotations

import datetime as dt

import yaml

from aftercare import data, review
from conftest import ROOT, serve


def test_due_lists_every_record_with_its_evidence():
    dataset = data.load(ROOT / "data", root=ROOT).dataset
    records = list(data.records(dataset))
    day = max(data.review_date(record["verification"]) for record, _ in records)  # every record is due
    text, strengthen = review.due_markdown(dataset, day).split("\n## To strengthen")
    assert text.startswith(f"# Records due for review ({len(records)} on {day})")
    assert text.count("\n- [ ] ") == len(records)
    assert strengthen.count("\n- [ ] ") == len(review.weak_records(dataset, day))
    record, where = records[0]
    source = record["sources"][0]
    assert f"  - {source['url']}: read {source['read']}, showed " in text
    assert f"`{where}` **{record['id']}**" in text
    # A record checked today is not due today.
    assert review.due_markdown(dataset, dt.date(2026, 12, 1)).split("\n## To strengthen")[0].count("\n- [ ] ") == sum(
        1 for r, _ in records if r["verification"].get("needs_review"))


def test_linkchecker_reports_only_the_dead_source(tmp_path):
    (tmp_path / "hotline").mkdir()
    (tmp_path / "hotline" / "contact.html").write_text("<p>Call 1-888-373-7888</p>", encoding="utf-8")
    base = serve(tmp_path)
    alive, dead = base + "hotline/contact.html", base + "hotline/moved.html"
    found = review.dead_links([alive, dead], timeout=10)
    assert list(found) == [dead]
    assert found[dead].startswith("404")


def test_every_source_is_checked():
    dataset = data.load(ROOT / "data", root=ROOT).dataset
    urls = review.source_urls(dataset)
    expected = {s["url"] for record, _ in data.records(dataset) for s in record["sources"]}
    assert set(urls) == expected


def test_weekly_workflow_runs_the_review_and_updates_one_issue():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "review.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["schedule"][0]["cron"].split()[-1] == "1"  # weekly, on Mondays
    runs = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "python -m aftercare.review due > review.md" in runs
    assert "python -m aftercare.review links >> review.md" in runs
    assert "gh issue edit" in runs and "gh issue create" in runs
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
