"""The live preview in about a second (issue 25): what it keeps between reloads, and when it
reads again. The times themselves are measured by scripts/reload_time.py, not here."""

from __future__ import annotations

import datetime as dt
import shutil

from aftercare import project
from conftest import ROOT


def test_the_preview_reads_the_data_again_only_when_a_file_of_it_changed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    memo: dict = {}
    today = dt.date(2026, 12, 5)

    def load():
        return project.load(ROOT / "mkdocs.yml", root=ROOT, today=today, data_dir=data, memo=memo)

    first = load()
    again = load()
    assert not first.same_data and again.same_data
    assert again.dataset is first.dataset and again.strings is first.strings  # not read again
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]

    record = data / "hotlines" / "VN.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("country: VN", "country: VN\n", 1), encoding="utf-8")
    changed = load()
    assert not changed.same_data and changed.dataset is not first.dataset

    bad = data / "ui" / "fr.yml"
    bad.write_text(bad.read_text(encoding="utf-8") + "\n  nonsense: [\n", encoding="utf-8")
    broken = load()
    assert broken.errors and any(p.path.endswith("fr.yml") for p in broken.errors)  # a mistake is never hidden
    assert load().errors == broken.errors  # and it stays reported while the file stays wrong
