"""An organisation's site is a folder of its own with a settings file, and the project is an
installed package: it builds outside the project's tree from a wheel, names no internals, survives
a refactor of the project's modules and an old-style settings file, and every command checks the
project in the current folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from test_settings import BAD, _expected, _line, _meaning

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
ENV.pop("SITE_URL", None)
# What a checkout holds of the project (a copy for a test needs no history, venv or built site).
PROJECT_PARTS = ("data", "docs", "overrides", "scripts", "mkdocs.yml", "pyproject.toml", "README.md")
OWN_SETTINGS = {"site_name", "site_description", "site_url", "copyright", "plugins", "extra", "nav"}

ORG_SETTINGS = """site_name: Harbour Help
plugins:
  - aftercare
nav:
  - index.md
  - get-help.md
  - contact.md
  - about.md
extra:
  aftercare:
    languages: [en, es]
    countries: [US]
    default_country: US
    quick_exit:
      url: https://www.weather.gov/
"""


def _organisation(folder: Path, settings: str = ORG_SETTINGS) -> Path:
    """An organisation's repository: its settings, two pages of its own, one record of its own."""
    for lang, text in (("en", "Write to us."), ("es", "Escríbanos.")):
        page = folder / "docs" / lang / "contact.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: Contact\n---\n\n# Contact\n\n{text}\n", encoding="utf-8")
    (folder / "data" / "providers").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests" / "data" / "providers" / "example-shelter-us.yml", folder / "data" / "providers")
    config = folder / "mkdocs.yml"
    config.write_text(settings, encoding="utf-8")
    return config


def _check_organisation_site(site: Path) -> None:
    assert sorted(p.name for p in (site / "countries").iterdir() if p.is_dir()) == ["us"]  # one country
    for prefix, text in (("", "Write to us."), ("es/", "Escríbanos.")):
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert '<a href="contact/" class="md-nav__link">' in home, prefix  # its own page, in its menu
        assert '<a class="aftercare-exit__link" href="https://www.weather.gov/"' in home  # its Exit destination
        assert text in (site / prefix / "contact" / "index.html").read_text(encoding="utf-8")
        assert "- Harbour Help</title>" in home
    assert not (site / "fr").exists()  # two languages
    assert "Example Shelter (test record)" in (site / "countries" / "us" / "index.html").read_text(encoding="utf-8")


def _copy_project(target: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "screenshots"))
        else:
            shutil.copy(source, target / part)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with the project installed from a freshly built wheel (not
    editable), as an organisation installs it."""
    folder = tmp_path_factory.mktemp("installed")
    source = _copy_project(folder / "source")  # builds leave build/ and egg-info behind: not in the checkout
    wheels = folder / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
                   check=True, env=ENV)
    wheel = next(wheels.glob("aftercare_site-*.whl"))
    venv.create(folder / "venv", with_pip=True)
    python = folder / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, env=ENV)
    return folder / "venv" / "bin"


def test_an_organisation_repository_outside_the_tree_builds_from_the_installed_wheel(installed, tmp_path):
    where = subprocess.run([str(installed / "python"), "-c", "import aftercare, aftercare_mkdocs; print(aftercare.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert "site-packages" in where and not where.startswith(str(ROOT))  # the wheel's copy, not this checkout
    repository = tmp_path / "harbour"
    created = subprocess.run([str(installed / "aftercare"), "new", str(repository)], capture_output=True, text=True, env=ENV)
    assert created.returncode == 0, created.stderr
    assert (repository / "requirements.txt").read_text().startswith("aftercare-site @ file:")
    config = _organisation(repository)
    assert not {"INHERIT", "docs_dir", "theme", "hooks"} & set(config.read_text().split())
    built = subprocess.run([str(installed / "mkdocs"), "build", "--strict"], cwd=repository, env=ENV,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    _check_organisation_site(repository / "site")
    valid = subprocess.run([str(installed / "aftercare"), "validate"], cwd=repository, capture_output=True, text=True, env=ENV)
    assert valid.returncode == 0, valid.stdout + valid.stderr

    # The six settings mistakes, each in its own file and at its line, from validate and from the build.
    (repository / "data" / "hotlines").mkdir(exist_ok=True)
    config.write_text("site_name: Harbour Help\nplugins:\n  - aftercare\n" + BAD,
                      encoding="utf-8")
    expected = sorted(_expected(config) + _meaning(config), key=_line)
    result = subprocess.run([str(installed / "aftercare"), "validate"], cwd=repository, capture_output=True, text=True, env=ENV)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if "extra.aftercare" in line] == expected
    built = subprocess.run([str(installed / "mkdocs"), "build", "--strict"], cwd=repository, env=ENV,
                           capture_output=True, text=True)
    assert built.returncode != 0
    output = built.stdout + built.stderr
    assert [line.strip() for line in output.splitlines() if "extra.aftercare." in line and ": " in line] == expected
    _check_organisation_site(repository / "site")  # the site built before is still there, unchanged


def test_a_settings_file_with_only_its_own_settings_inside_the_tree(tmp_path):
    """The example organisation names nothing of the project's; a file inside the tree that
    INHERITs the project's mkdocs.yml with only its own settings builds too."""
    example = ROOT / "examples" / "example-org" / "mkdocs.yml"
    import yaml

    settings = yaml.safe_load(example.read_text(encoding="utf-8"))
    assert set(settings) <= OWN_SETTINGS and settings["plugins"] == ["aftercare"]
    folder = ROOT / "examples" / f".test-inherit-{os.getpid()}"
    try:
        config = _organisation(folder, "INHERIT: ../../mkdocs.yml\n" + ORG_SETTINGS.replace("plugins:\n  - aftercare\n", ""))
        build_site(config, tmp_path / "site")
        _check_organisation_site(tmp_path / "site")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_renamed_module_in_the_project_does_not_break_an_organisations_site(tmp_path):
    """A future refactor renames a job's module: the organisation's file names none of them."""
    copy = _copy_project(tmp_path / "project")
    package = copy / "scripts" / "aftercare_mkdocs"
    (package / "pages.py").rename(package / "data_pages.py")
    plugin = package / "plugin.py"
    text = plugin.read_text(encoding="utf-8")
    assert "from . import build, defaults, editor, i18n, pages, search, security, seo, state" in text
    plugin.write_text(text.replace("i18n, pages, search", "i18n, search").replace(
        "from . import build,", "from . import data_pages as pages\nfrom . import build,"), encoding="utf-8")
    for path in package.glob("*.py"):  # the other modules import it by its new name
        path.write_text(path.read_text(encoding="utf-8").replace("from . import pages", "from . import data_pages as pages"),
                        encoding="utf-8")
    env = dict(ENV, PYTHONPATH=str(copy / "scripts"))
    used = subprocess.run([sys.executable, "-c", "import aftercare_mkdocs.plugin as p; print(p.__file__)"],
                          env=env, capture_output=True, text=True, check=True).stdout
    assert used.startswith(str(copy))
    config = _organisation(tmp_path / "harbour")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                           cwd=config.parent, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    _check_organisation_site(tmp_path / "site")


OLD_FIVE = """INHERIT: ../../mkdocs.yml
docs_dir: ../../docs
theme:
  name: material
  custom_dir: ../../overrides
hooks:
  - ../../overrides/hooks/build.py
  - ../../overrides/hooks/search.py
  - ../../overrides/hooks/i18n.py
  - ../../overrides/hooks/pages.py
  - ../../overrides/hooks/security.py
"""
OLD_ONE = OLD_FIVE.split("hooks:")[0] + "hooks:\n  - ../../overrides/hooks/site.py\n"


@pytest.mark.parametrize("header", [OLD_FIVE, OLD_ONE], ids=["five-hooks", "one-hook"])
def test_an_old_style_settings_file_builds_and_says_what_to_change(tmp_path, header):
    folder = ROOT / "examples" / f".test-old-{os.getpid()}"
    try:
        settings = header + ORG_SETTINGS.replace("plugins:\n  - aftercare\n", "").replace(
            "extra:\n  aftercare:\n", "extra:\n  aftercare:\n    docs_overlay: docs\n    extra_data: [data]\n")
        config = _organisation(folder, settings)
        result = build_site(config, tmp_path / "site")
        _check_organisation_site(tmp_path / "site")
        shown = config.relative_to(ROOT).as_posix()
        output = result.stdout + result.stderr
        hooks_line = header.splitlines().index("hooks:") + 1
        last = len(header.splitlines())
        for expected in (
            f"{shown}:1:1: upgrade: INHERIT: no longer needed: delete this line",
            f"{shown}:2:1: upgrade: docs_dir: the project's pages come with the plugin: delete this line; then rename "
            "`docs_overlay: docs` to `docs_dir: docs`",
            f"{shown}:5:3: upgrade: theme.custom_dir: the project's templates come with the plugin",
            f"{shown}:{hooks_line}:1: upgrade: hooks: the project's hooks are no longer listed: delete lines "
            f"{hooks_line}-{last}",
        ):
            assert expected in output, output
        # The same notes from validate, which does not fail on them.
        checked = subprocess.run([sys.executable, "-m", "aftercare.validate", "-f", str(config)], cwd=ROOT,
                                 capture_output=True, text=True, env=ENV)
        assert checked.returncode == 0 and checked.stdout.count(": upgrade: ") == 4, checked.stdout
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_an_old_style_file_with_its_own_plugin_list_gets_the_plugin_added(tmp_path):
    folder = ROOT / "examples" / f".test-old-plugins-{os.getpid()}"
    try:
        # The project's plugins as the file copied them then, without the plugin that did not exist yet.
        plugins = re.search(r"^plugins:\n(.*?)(?=^\S)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.S | re.M).group(0)
        plugins = re.sub(r"^  - aftercare\n", "", plugins, flags=re.M)
        assert "i18n" in plugins and "aftercare" not in plugins.split("#")[0]
        settings = OLD_FIVE + plugins + ORG_SETTINGS.replace("plugins:\n  - aftercare\n", "").replace(
            "extra:\n  aftercare:\n", "extra:\n  aftercare:\n    docs_overlay: docs\n")
        config = _organisation(folder, settings)
        result = build_site(config, tmp_path / "site")
        assert "plugins: added 'aftercare'" in result.stdout + result.stderr
        _check_organisation_site(tmp_path / "site")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_validate_checks_the_copy_in_the_current_folder_not_the_installed_one(tmp_path):
    copy = _copy_project(tmp_path / "second-checkout")
    hotline = copy / "data" / "hotlines" / "US.yml"
    lines = hotline.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("- number:") or line.strip().startswith("number:"))
    lines[number] = lines[number].split("number:")[0] + 'number: "+1 call us"'
    hotline.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for command in ([sys.executable, "-m", "aftercare.validate"], [str(Path(sys.executable).parent / "aftercare"), "validate"]):
        result = subprocess.run(command, cwd=copy, capture_output=True, text=True, env=ENV)
        assert result.returncode == 1, result.stdout
        assert f"data/hotlines/US.yml:{number + 1}:" in result.stdout, result.stdout
    here = subprocess.run([sys.executable, "-m", "aftercare.validate"], cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert here.returncode == 0, here.stdout + here.stderr  # the installed checkout itself is fine
