"""The live preview in about a second (issue 25): what it keeps between reloads, and when it
reads again. The times themselves are measured by scripts/reload_time.py, not here."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys

from aftercare import project
from conftest import DEFAULT_LANGUAGE, ROOT, header_yaml


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


_PREVIEW_WITHOUT_NPM = """
import logging
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
import aftercare.editor as editor

def no_npm(*args, **kwargs):
    raise editor.EditorError("npm is not installed (a machine without Node.js)")

editor.write_admin = no_npm
logging.basicConfig(level=logging.INFO, format="%(message)s")
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/")
"""


def test_the_preview_goes_on_without_the_editor_where_node_is_missing(tmp_path):
    """An editor without Node.js still gets the preview (the editor's page needs npm to be fetched)."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(header_yaml() + f"extra:\n  aftercare:\n    languages: [{DEFAULT_LANGUAGE}]\n", encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-c", _PREVIEW_WITHOUT_NPM, str(config), str(site)], cwd=tmp_path,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file() and (site / "get-help" / "index.html").is_file()
    assert not (site / "admin").exists()
    assert "the web editor is not in this preview: npm is not installed" in result.stderr
