"""The MkDocs side of the project kept small and in its place: one job per module of the plugin,
every use of mkdocs-static-i18n's internals in one adapter, one list of languages, scripts that
do not lean on the tests."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import LANGUAGES, ROOT

PLUGIN = ROOT / "scripts" / "aftercare_mkdocs"
ADAPTER = PLUGIN / "i18n_plugin.py"
# What only mkdocs-static-i18n knows: its plugin object, its attributes, the ones it adds to files.
I18N_INTERNALS = re.compile(r"plugins\.get\(\s*[\"']i18n|\.building\b(?!\")|extra_alternate|extra\.alternate|"
                            r"\.alternates\b|locale_alternate_of|norm_src_uri|\.localization\b|\.locale\b|"
                            r"mkdocs_static_i18n|\.build_languages\b|\.current_language\b")
MAX_LINES = 250


def _python_files():
    return sorted(PLUGIN.rglob("*.py"))


def test_each_module_of_the_plugin_is_small_enough_to_read_in_one_sitting():
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in _python_files()}
    assert sizes and all(lines <= MAX_LINES for lines in sizes.values()), sizes


def test_every_use_of_the_i18n_plugins_internals_is_in_the_adapter():
    found = []
    for path in _python_files():
        if path == ADAPTER:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if I18N_INTERNALS.search(code):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
    assert I18N_INTERNALS.search(ADAPTER.read_text(encoding="utf-8"))  # the pattern still finds them there


def test_every_module_with_events_is_a_job_the_plugin_runs_build_first():
    """A module of the plugin that answers MkDocs events is run by it (plugin.JOBS), build.py
    first (it loads what the others read); no settings file lists them."""
    code = ("import pkgutil, importlib, aftercare_mkdocs as p\n"
            "from aftercare_mkdocs.plugin import JOBS\n"
            "mods = [importlib.import_module('aftercare_mkdocs.' + m.name) for m in pkgutil.iter_modules(p.__path__)]\n"
            "print(sorted(m.__name__ for m in mods if any(n.startswith('on_') for n in vars(m))))\n"
            "print(sorted(m.__name__ for m in JOBS), JOBS[0].__name__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with_events, jobs = result.stdout.splitlines()
    assert with_events.replace("'aftercare_mkdocs.legacy', ", "") + " aftercare_mkdocs.build" == jobs
    for config in (ROOT / "mkdocs.yml", ROOT / "examples" / "example-org" / "mkdocs.yml"):
        assert "hooks:" not in config.read_text(encoding="utf-8")


def test_the_language_list_is_written_once():
    """The codes of the site's languages, three or more in a row, appear only in mkdocs.yml's
    i18n settings (and docs, which may name them); code reads the one list."""
    codes = "|".join(LANGUAGES)
    in_a_row = re.compile(rf"\b({codes})\b[\"']?\s*[,/]\s*[\"']?\b({codes})\b[\"']?\s*[,/]\s*[\"']?\b({codes})\b")
    found = []
    for folder in ("scripts", "tests", "overrides", ".github", ".ci"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".sh", ".yml", ".yaml", ".js", ".html", ".toml") or "vendor" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if in_a_row.search(line) and "e.g." not in line and "not the site's" not in line:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_scripts_do_not_import_the_tests():
    found = [path.name for path in sorted((ROOT / "scripts").rglob("*.py"))
             if re.search(r"^\s*(from|import) (conftest|browsing|test_\w+)\b|ROOT / \"tests\"\)\)",
                          path.read_text(encoding="utf-8"), re.M)]
    assert not found


def test_the_aftercare_package_imports_nothing_from_mkdocs():
    code = "import sys, aftercare, pkgutil, importlib\n" \
           "[importlib.import_module('aftercare.' + m.name) for m in pkgutil.iter_modules(aftercare.__path__)]\n" \
           "print(sorted(name for name in sys.modules if name.split('.')[0] in ('mkdocs', 'material', 'mkdocs_static_i18n')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
