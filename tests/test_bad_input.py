"""Bad input never reaches a reader: mistakes and tricks an editor or an outside contributor's
pull request might bring are refused with file:line and the fix, and never remove good data.

Each rule has a case seen on a copy of the site and a case of our own; messages are exact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import phonenumbers
import pytest

from aftercare import content, data, docsfolder, frontmatter, security, ui
from aftercare.errors import ProblemsFound
from conftest import ROOT, build_site, header_yaml
from test_data import GOOD_HOTLINES, GOOD_PROVIDER, TODAY, _replace

P = "data/providers/example.yml"
H = "data/hotlines/US.yml"


def _data_folder(tmp_path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", folder / "schema")
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def _problems(tmp_path, files, today=TODAY) -> list[str]:
    return [str(p) for p in data.load(_data_folder(tmp_path, files), root=tmp_path, today=today).problems]


# -----------------------------------------------------------------------------
# Warnings never remove data
# -----------------------------------------------------------------------------

def test_a_hotline_past_its_review_date_stays_published(tmp_path):
    old = _replace(GOOD_HOTLINES, "last_checked: 2026-11-01", "last_checked: 1990-01-01")
    result = data.load(_data_folder(tmp_path, {"hotlines/US.yml": old}), root=tmp_path, today=TODAY)
    assert result.errors == []
    assert [str(w) for w in result.warnings] == [
        f"{H}:15:21: warning: hotlines[0].verification.last_checked: review due since 1990-07-01: check the "
        "record against its sources, then update last_checked"]
    assert [line["id"] for line in result.dataset.countries["US"]["hotlines"]] == ["example-line"]


def test_a_provider_past_its_review_date_stays_in_the_directory(tmp_path):
    old = _replace(GOOD_PROVIDER, "last_checked: 2026-11-01", "last_checked: 2020-03-31")
    result = data.load(_data_folder(tmp_path, {"providers/example.yml": old}), root=tmp_path, today=TODAY)
    assert result.errors == [] and len(result.warnings) == 1
    assert list(result.dataset.providers) == ["example"]


def _all_records():
    dataset = data.load(ROOT / "data", root=ROOT).dataset
    return list(data.records(dataset))


def _all_due_on() -> str:
    """The first day every record is due for review (the latest review date of them all)."""
    return max(data.review_date(record["verification"]) for record, _ in _all_records()).isoformat()


def test_validate_when_every_record_is_due_lists_them_all():
    records = _all_records()
    day = _all_due_on()
    result = subprocess.run([sys.executable, "-m", "aftercare.validate", "--due", "--today", day],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert f"{len(records)} record(s) due for review on {day}." in result.stdout
    for record, where in records:
        assert f"{where}: {record['id']} (" in result.stdout
    # Each is shown with its evidence: the page, the date read and what it showed.
    assert result.stdout.count("    source: https://") >= len(records)


def test_a_build_when_every_record_is_due_still_shows_every_number(tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, AFTERCARE_TODAY=_all_due_on(), NO_MKDOCS_2_WARNING="1")
    config = tmp_path / "mkdocs.yml"
    config.write_text(header_yaml() +
                      "extra:\n  aftercare:\n    languages: [en]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "get-help" / "index.html").read_text(encoding="utf-8")
    for record, where in _all_records():
        if not where.startswith("data/hotlines/"):
            continue
        country = where.rsplit("/", 1)[1][:2]
        country_page = (site / "countries" / country.lower() / "index.html").read_text(encoding="utf-8")
        for phone in record.get("phones", []):  # (a country's notes have none)
            href = f'href="tel:{_dialled(phone, country)}"' if phone.get("kind", "voice") == "voice" else None
            if href:
                assert href in country_page, (where, record["id"], href)
        assert f'id="{record["id"]}"' in country_page or record["id"] in country_page
    for code in {where.rsplit("/", 1)[1][:2].lower() for _, where in _all_records() if where.startswith("data/hotlines/")}:
        assert f'href="../countries/{code}/"' in page  # "Get help now" leads to every country


def _dialled(phone: dict, country: str) -> str:
    """What a tel: link dials: a short code as it is, a number in international form, or in
    national form for a national service number (a 1800 or 1900 number, for one)."""
    if "short_code" in phone:
        return phone["short_code"]
    parsed = phonenumbers.parse(phone["number"], country)
    national_service = phonenumbers.number_type(parsed) in (phonenumbers.PhoneNumberType.PREMIUM_RATE,
                                                            phonenumbers.PhoneNumberType.SHARED_COST)
    if national_service or not phonenumbers.can_be_internationally_dialled(parsed):
        return phonenumbers.normalize_digits_only(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
    return phone["number"]


# -----------------------------------------------------------------------------
# Phone records: what a reader sees is what their phone dials
# -----------------------------------------------------------------------------

NUMBER_HOTLINES = """\
country: US
emergency: []
hotlines:
  - id: example-line
    name:
      en: Example Line
    phones:
      - number: "+18883737888"
    website: https://example.org/line
    sources:
      - url: https://example.org/line/contact
        read: 2026-11-01
        shows: ["1-888-373-7888"]
    verification:
      last_checked: 2026-11-01
      how: source
      review_every_months: 6
"""


PHONE_CASES = {
    "display shows another number (seen)": (
        _replace(NUMBER_HOTLINES, '- number: "+18883737888"', '- number: "+18883737888"\n        display: "+1 900 555 0199"'),
        [f"{H}:9:18: hotlines[0].phones[0].display: '+1 900 555 0199' dials 19005550199, not +18883737888: the display "
         "must show the same number the link dials (letters count as on a phone keypad)"]),
    "right-to-left override in a display (seen)": (
        _replace(NUMBER_HOTLINES, '- number: "+18883737888"', '- number: "+18883737888"\n        display: "\u202e8887-373-888-1"'),
        [f"{H}:9:18: hotlines[0].phones[0].display: '\u202e8887-373-888-1' dials 88873738881, not +18883737888: the "
         "display must show the same number the link dials (letters count as on a phone keypad)",
         f"{H}:9:18: hotlines[0].phones[0].display: contains U+202E (right-to-left override), an invisible or "
         "direction-changing character: delete it (retype the text if you cannot see it)"]),
    "zero-width space in a name (seen)": (
        _replace(NUMBER_HOTLINES, "en: Example Line", "en: Example\u200b Line"),
        [f"{H}:6:11: hotlines[0].name.en: contains U+200B (zero width space), an invisible or direction-changing "
         "character: delete it (retype the text if you cannot see it)"]),
    "WhatsApp on a short code (seen)": (
        _replace(GOOD_HOTLINES, "kind: sms", "kind: whatsapp"),
        [f"{H}:9:15: hotlines[0].phones[0].kind: WhatsApp needs a full number: give number: '+...' instead of short_code"]),
    "a name of only spaces (seen)": (
        _replace(NUMBER_HOTLINES, "en: Example Line", 'en: "   "'),
        [f"{H}:6:11: hotlines[0].name.en: the text is blank: write it, or remove the line"]),
    "mailto with extra headers (seen)": (
        _replace(NUMBER_HOTLINES, "    website: https://example.org/line\n",
                 "    website: https://example.org/line\n    email: help@example.org?bcc=all@example.net\n"),
        [f"{H}:10:12: hotlines[0].email: 'help@example.org?bcc=all@example.net' is not an email address (The part after "
         "the @-sign contains invalid characters: '=', '?', '@'.): write only the address, like help@example.org"]),
    "user info in a web address (seen)": (
        _replace(NUMBER_HOTLINES, "website: https://example.org/line", "website: https://humantraffickinghotline.org@evil.example/"),
        [f"{H}:9:14: hotlines[0].website: 'https://…@evil.example/' has a user name before '@', "
         "so it leads to evil.example: give the page's own address"]),
    "a password in a web address is never printed (ours)": (
        _replace(NUMBER_HOTLINES, "website: https://example.org/line", "website: https://ci:ghp_S3cr3tT0ken@example.org/line"),
        [f"{H}:9:14: hotlines[0].website: 'https://…@example.org/line' has a user name before '@', "
         "so it leads to example.org: give the page's own address"]),
    "a typo in the number as printed (ours)": (
        _replace(NUMBER_HOTLINES, '"1-888-373-7888"', '"1-888-373-7880"'),
        [f"{H}:8:17: hotlines[0].phones[0].number: '+18883737888' is not printed on any source: add it, exactly as the "
         "page prints it, to `shows` of the source that shows it",
         f"{H}:13:17: hotlines[0].sources[0].shows[0]: '1-888-373-7880' is not one of this record's numbers: fix the "
         "number in the record or in `shows` (copy it from the page again)"]),
    "a source that is a home page (ours)": (
        _replace(NUMBER_HOTLINES, "https://example.org/line/contact", "https://example.org/"),
        [f"{H}:11:14: hotlines[0].sources[0].url: 'https://example.org/' is a home page: cite the page that shows the "
         "number (open it, then copy the address from the browser)"]),
}
PHONE_CASES["vanity word that dials another number (ours)"] = (
    _replace(GOOD_HOTLINES, "kind: sms", "kind: sms\n        display: BEFREX"),
    [f"{H}:10:18: hotlines[0].phones[0].display: 'BEFREX' dials 233739, not 233733: the display must show the same "
     "number the link dials (letters count as on a phone keypad)"])


@pytest.mark.parametrize("case", sorted(PHONE_CASES))
def test_phone_records_say_what_they_dial(tmp_path, case):
    text, expected = PHONE_CASES[case]
    assert _problems(tmp_path, {"hotlines/US.yml": text}) == expected


def test_a_zero_width_non_joiner_is_kept_where_the_script_needs_it(tmp_path):
    persian = _replace(NUMBER_HOTLINES, "en: Example Line", "en: Example Line\n      fa: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")
    assert _problems(tmp_path, {"hotlines/US.yml": persian}) == []


# -----------------------------------------------------------------------------
# Data files: any input gets a file:line message, never a traceback
# -----------------------------------------------------------------------------

FILE_CASES = {
    "alias bomb (seen)": (
        {"hotlines/US.yml": "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"},
        [f"{H}:1:4: anchors and aliases (&name, *name) are not used in data files: write the values out in full"]),
    "Latin-1 file (seen)": (
        {"hotlines/US.yml": GOOD_HOTLINES.replace("Example Line", "Línea").encode("latin-1")},
        [f"{H}:6:12: byte 0xed is not UTF-8 text: save the file as UTF-8 (in most editors: Save with encoding, UTF-8)"]),
    "UTF-16 file (ours)": (
        {"hotlines/US.yml": GOOD_HOTLINES.encode("utf-16")},
        [f"{H}:1:1: byte 0xff is not UTF-8 text: save the file as UTF-8 (in most editors: Save with encoding, UTF-8)"]),
    "bell character (seen)": (
        {"hotlines/US.yml": GOOD_HOTLINES.replace("Example Line", "Example\x07Line")},
        [f"{H}:6:18: control character U+0007 is not allowed: delete it (it is invisible in most editors)"]),
    "deep nesting (seen)": (
        {"hotlines/US.yml": "x: " + "[" * 5000 + "]" * 5000 + "\n"},
        [f"{H}:1:27: nested more than 24 levels deep: data files need only a few levels; check the indentation"]),
    "lone surrogate escape (seen)": (
        {"hotlines/US.yml": GOOD_HOTLINES.replace("en: Example Line", 'en: "Example \\ud800 Line"')},
        [f"{H}:6:11: hotlines[0].name.en: the escape for U+D800 gives a character that cannot be published: remove it"]),
    "escaped control character (ours)": (
        {"hotlines/US.yml": GOOD_HOTLINES.replace("en: Example Line", 'en: "Example \\x1b Line"')},
        [f"{H}:6:11: hotlines[0].name.en: the escape for U+001B gives a character that cannot be published: remove it"]),
    "upper-case extension (seen)": (
        {"hotlines/US.YML": GOOD_HOTLINES},
        ["data/hotlines/US.YML: this file is not read: rename it US.yml (lower-case .yml); one file per country, "
         "named with its code in capitals: hotlines/GB.yml"]),
    "file in a sub-folder (seen)": (
        {"hotlines/americas/US.yml": GOOD_HOTLINES},
        ["data/hotlines/americas/US.yml: sub-folders are not read: move it to hotlines/US.yml (one file per country, "
         "named with its code in capitals: hotlines/GB.yml)"]),
    ".yaml extension (ours)": (
        {"providers/example.yaml": GOOD_PROVIDER},
        ["data/providers/example.yaml: this file is not read: rename it example.yml; one file per provider, named "
         "with its id: providers/<id>.yml"]),
    "a folder data does not have (ours)": (
        {"hotline/US.yml": GOOD_HOTLINES},
        ["data/hotline/US.yml: this file is not read: data files go in hotlines/, providers/, ui/, schema/, style/, "
         "translations/"]),
}


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_every_bad_file_is_reported_with_its_line(tmp_path, case):
    files, expected = FILE_CASES[case]
    assert _problems(tmp_path, files) == expected


def test_no_input_gives_a_traceback(tmp_path):
    """Odd inputs through the command itself: each exits 1 with a message, never a traceback."""
    nasty = [b"\xff\xfe\x00", b"- - - - [", b"{x: !!python/object:os.system ls}\n", b"country: US\nemergency: 7\n",
             b"\x00\x01", "country: \ud800".encode("utf-8", "surrogatepass"), b"? [a, b]\n: c\n", b"\t- x\n"]
    for i, raw in enumerate(nasty):
        folder = _data_folder(tmp_path / str(i), {"hotlines/US.yml": raw})
        shutil.copytree(ROOT / "data" / "ui", folder / "ui")
        result = subprocess.run([sys.executable, "-m", "aftercare.validate", "--data", str(folder), "--docs", str(tmp_path / "none")],
                                capture_output=True, text=True)
        assert result.returncode == 1, (raw, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, (raw, result.stderr)
        assert "data/hotlines/US.yml:" in result.stdout, (raw, result.stdout)


def _ui_problems(tmp_path, changes: dict[str, str]) -> list[str]:
    folder = tmp_path / "data" / "ui"
    shutil.copytree(ROOT / "data" / "ui", folder)
    for lang, (old, new) in changes.items():
        path = folder / f"{lang}.yml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        ui.load(folder, ["en", "fr"], "en", tmp_path)
    except ProblemsFound as error:
        return [str(p) for p in error.problems]
    return []


def _line(lang: str, needle: str) -> int:
    text = (ROOT / "data" / "ui" / f"{lang}.yml").read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def _fr_label() -> str:
    import yaml

    return yaml.safe_load((ROOT / "data" / "ui" / "fr.yml").read_text(encoding="utf-8"))["quick_exit"]["label"]


def test_interface_strings_key_twice_and_unbalanced_brace(tmp_path):
    label = _fr_label()
    line = _line("fr", f"label: {label}")
    problems = _ui_problems(tmp_path, {"fr": (f"label: {label}", f"label: {label}\n  label: {label} {{")})
    assert problems == [f"data/ui/fr.yml:{line + 1}:3: quick_exit.label: 'label' is given twice; keep one"]
    problems = _ui_problems(tmp_path / "b", {"fr": (f"label: {label}", f"label: {label} {{")})
    assert problems == [f"data/ui/fr.yml:{line}:1: quick_exit.label: a {{ or }} does not pair up: placeholders are "
                        "written {name}; to show a brace itself, write it twice ({{ or }})"]


# -----------------------------------------------------------------------------
# Scripts and other hosts: refused in every place an editor writes
# -----------------------------------------------------------------------------

HTML_CASES = {
    "raw script (seen)": ("<script>alert(1)</script>", "<script> is not allowed: pages may not run scripts. Remove it, "
                          "or write the content in Markdown"),
    "meta refresh (seen)": ('<meta http-equiv="refresh" content="0;url=https://example.net/">',
                            "<meta> is not allowed: a <meta> tag can send the reader to another address or change the "
                            "page's rules. Remove it, or write the content in Markdown"),
    "iframe (seen)": ('<iframe src="https://example.net/"></iframe>', "<iframe> is not allowed: frames load pages "
                      "from other hosts. Remove it, or write the content in Markdown"),
    "srcset (seen)": ('<img alt="" src="a.png" srcset="https://example.net/a.png 2x">',
                      "the attribute srcset can load files from other hosts: remove it"),
    "style with url() (seen)": ("<style>body{background:url(https://example.net/x.png)}</style>",
                                "<style> is not allowed: styles belong in overrides/assets/aftercare.css. Remove it, or "
                                "write the content in Markdown"),
    "event attribute (ours)": ('<span onmouseover="alert(1)">x</span>', "the attribute onmouseover runs a script: remove it"),
    "javascript link in Markdown (ours)": ("[Call](javascript:alert(1))", "javascript: addresses are not allowed: link to a page instead"),
    "image from another host in Markdown (ours)": ("![map](https://tracker.example/pixel.png)",
                                                   "images must be files of this site (a relative path): an image from "
                                                   "another host tells it who reads the page"),
    "a form (ours)": ('<form action="https://example.net/"></form>',
                      "<form> is not allowed: the site has no forms: nothing a reader types may be sent anywhere. "
                      "Remove it, or write the content in Markdown"),
    "base (ours)": ('<base href="https://example.net/">', "<base> is not allowed: a <base> tag changes where every link "
                    "on the page goes. Remove it, or write the content in Markdown"),
}


@pytest.mark.parametrize("case", sorted(HTML_CASES))
def test_page_html_is_held_to_the_allowlist(tmp_path, case):
    snippet, message = HTML_CASES[case]
    page = tmp_path / "docs" / "en" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"# A page\n\nSome text.\n\n{snippet}\n", encoding="utf-8")
    from aftercare import validate

    problems = [str(p) for p in validate.page_html_problems(tmp_path / "docs", ["en"], tmp_path)]
    # The column where the refused markup stands: the tag, or the attribute or address inside it.
    column = {"event attribute (ours)": snippet.find("onmouseover") + 1, "srcset (seen)": snippet.find("srcset") + 1,
              "javascript link in Markdown (ours)": snippet.find("javascript") + 1,
              "image from another host in Markdown (ours)": snippet.find("https") + 1}.get(case, 1)
    assert problems == [f"docs/en/page.md:5:{column}: {message}"]


FRONT_MATTER_CASES = {
    "script in a title (seen)": ("title: Help <script>alert(1)</script>", "docs/en/page.md:2:13: title: contains the "
                                 "HTML tag <script>: write plain text (Markdown links are fine)"),
    "description that breaks out of its tag (seen)": ('description: \'x"><script>alert(1)</script>\'',
                                                      "docs/en/page.md:2:18: description: contains the HTML tag <script>: "
                                                      "write plain text (Markdown links are fine)"),
    "status typo (seen)": ("translation:\n  status: reviewd", "docs/en/page.md:3:11: translation.status: 'reviewd' is not "
                           "one of: machine, reviewed"),
    "direction control in a title (ours)": ("title: \"Help \u202enow\"", "docs/en/page.md:2:14: title: contains U+202E "
                                            "(right-to-left override), an invisible character that changes how text "
                                            "shows: delete it"),
}


@pytest.mark.parametrize("case", sorted(FRONT_MATTER_CASES))
def test_front_matter_is_checked(tmp_path, case):
    front, message = FRONT_MATTER_CASES[case]
    page = tmp_path / "docs" / "en" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\n{front}\n---\n\n# A page\n", encoding="utf-8")
    assert [str(p) for p in docsfolder.check_docs(tmp_path / "docs", ["en"], root=tmp_path)] == [message]


def test_broken_front_matter_and_stray_files_in_docs(tmp_path):
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "xx").mkdir()
    (docs / "en" / "page.md").write_text("---\ntitle: A page\n\n# A page\n", encoding="utf-8")
    (docs / "xx" / "about.md").write_text("# About\n", encoding="utf-8")
    (docs / "en" / "notes.txt").write_text("notes\n", encoding="utf-8")
    assert [str(p) for p in docsfolder.check_docs(docs, ["en", "fr"], root=tmp_path)] == [
        "docs/en/notes.txt: this file is not read: docs/ holds Markdown pages (.md) and pictures (.avif, .gif, .jpeg, "
        ".jpg, .png, .webp) only",
        "docs/en/page.md:1:1: front matter: the front matter has no closing --- line: add a line with only --- after "
        "the last `key: value` line",
        "docs/xx/about.md: this file is not read: 'xx' is not a language of this site (en, fr); move it to the right "
        "language folder"]


def test_interface_strings_may_not_carry_markup(tmp_path):
    label = _fr_label()
    line = _line("fr", f"label: {label}")
    problems = _ui_problems(tmp_path, {"fr": (f"label: {label}", "label: Sortir<script>alert(1)</script>")})
    assert problems == [f"data/ui/fr.yml:{line}:1: quick_exit.label: contains the HTML tag <script>: write plain text "
                        "(Markdown links are fine)"]
    problems = _ui_problems(tmp_path / "b", {"fr": (f"label: {label}", "label: '[Sortir](javascript:alert(1))'")})
    assert problems == [f"data/ui/fr.yml:{line}:1: quick_exit.label: javascript: addresses are not allowed: link to a "
                        "page instead"]


def test_only_the_themes_own_inline_scripts_are_allowed():
    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "javascripts"
    allowed = security.allowed_inline_scripts([(material / name).read_text(encoding="utf-8")
                                               for name in ("base.html", "content.html")])
    own = ('<script>__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
           '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,'
           'a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>')
    assert security.foreign_inline_scripts(own, allowed) == []
    # The same script with a value that leaves its string is not the theme's.
    broken = own.replace('"../.."', '"../..",alert(1),"')
    assert len(security.foreign_inline_scripts(broken, allowed)) == 1
    assert security.foreign_inline_scripts("<p>x</p><script>alert(1)</script>", allowed) == ["alert(1)"]
    assert security.foreign_inline_scripts('<script type="module">alert(1)</script>', allowed) == ["alert(1)"]
    assert security.foreign_inline_scripts('<script type="application/json">{"a": 1}</script>', allowed) == []


# -----------------------------------------------------------------------------
# Builds: each injection refused; a failed build leaves site/ byte-identical
# -----------------------------------------------------------------------------

def _org(tmp_path, extra: str = "", pages: dict[str, str] | None = None, ui_files: dict[str, str] | None = None) -> Path:
    """A branded copy in English only (fast to build), with its own pages and settings."""
    for name, text in (pages or {}).items():
        path = tmp_path / "overlay" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, text in (ui_files or {}).items():
        path = tmp_path / "own-data" / "ui" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    settings = "extra:\n  aftercare:\n    languages: [en, fr]\n"
    if pages:
        settings += "    docs_overlay: overlay\n"
    if ui_files:
        settings += "    extra_data: [own-data]\n"
    config = tmp_path / "mkdocs.yml"
    config.write_text(header_yaml() + settings + extra, encoding="utf-8")
    return config


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A good build of the two-language copy, to check that failed builds leave it alone."""
    folder = tmp_path_factory.mktemp("good")
    site = folder / "site"
    build_site(_org(folder), site)
    return site


def _fails_leaving_site_alone(tmp_path, built, config) -> str:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    before = _fingerprint(site)
    result = build_site(config, site, check=False)
    assert result.returncode != 0
    assert _fingerprint(site) == before
    assert not any(p.name.startswith(".site.") for p in tmp_path.iterdir())
    return result.stdout + result.stderr


def test_a_script_in_a_markdown_page_is_refused(tmp_path, built):
    config = _org(tmp_path, pages={"en/about.md": "# About\n\nText.\n\n<script>alert(1)</script>\n"})
    output = _fails_leaving_site_alone(tmp_path, built, config)
    assert (f"{tmp_path / 'overlay' / 'en' / 'about.md'}:5:1: <script> is not allowed: pages may not run scripts. "
            "Remove it, or write the content in Markdown") in output


def test_a_script_in_front_matter_is_refused(tmp_path, built):
    config = _org(tmp_path, pages={"en/about.md": "---\ntitle: About <script>alert(1)</script>\n---\n\n# About\n"})
    output = _fails_leaving_site_alone(tmp_path, built, config)
    assert (f"{tmp_path / 'overlay' / 'en' / 'about.md'}:2:14: title: contains the HTML tag <script>: write plain text "
            "(Markdown links are fine)") in output


def test_a_script_in_an_interface_string_is_refused(tmp_path, built):
    french = (ROOT / "data" / "ui" / "fr.yml").read_text(encoding="utf-8")
    label = _fr_label()
    config = _org(tmp_path, ui_files={"fr.yml": french.replace(f"label: {label}", "label: Sortir<script>alert(1)</script>", 1)})
    output = _fails_leaving_site_alone(tmp_path, built, config)
    assert (f"own-data/ui/fr.yml:{_line('fr', f'label: {label}')}:1: quick_exit.label: contains the HTML tag <script>: "
            "write plain text (Markdown links are fine)") in output


def test_a_script_in_an_organisation_setting_is_refused(tmp_path, built):
    config = _org(tmp_path, "    quick_exit:\n      url: 'https://example.org/\"><script>alert(1)</script>'\n")
    output = _fails_leaving_site_alone(tmp_path, built, config)
    assert ("extra.aftercare.quick_exit.url: 'https://example.org/\"><script>alert(1)</script>': the address contains "
            "a quote, bracket or space. Give a neutral page, for example https://www.bbc.com/weather") in output


def test_an_inline_script_from_a_template_override_fails_the_build(tmp_path, built):
    """The last line of defence: a page carrying any inline script the theme does not write."""
    theme = tmp_path / "theme"
    (theme / "partials").mkdir(parents=True)
    (theme / "main.html").write_text('{% extends "base.html" %}{% block scripts %}{{ super() }}'
                                     "<script>alert(1)</script>{% endblock %}", encoding="utf-8")
    config = _org(tmp_path)
    # A template folder of the organisation's own, before the project's.
    config.write_text(config.read_text(encoding="utf-8") + f"theme:\n  name: material\n  custom_dir: {theme}\n")
    output = _fails_leaving_site_alone(tmp_path, built, config)
    assert "the page carries an inline script the site did not put there ('alert(1)')" in output


def test_a_privacy_guard_failure_leaves_the_site_alone(tmp_path, built):
    config = _org(tmp_path, "extra_css:\n  - assets/aftercare.css\n  - https://fonts.example.net/font.css\n")
    output = _fails_leaving_site_alone(tmp_path, built, config)
    assert "External file: https://fonts.example.net/font.css" in output
    assert "warnings in strict mode" in output or "warning(s) in strict mode" in output


def test_a_data_error_leaves_the_site_alone(tmp_path, built):
    (tmp_path / "own-data" / "hotlines").mkdir(parents=True)
    (tmp_path / "own-data" / "hotlines" / "US.yml").write_text(
        GOOD_HOTLINES.replace("en: Example Line", 'en: "Example \\ud800 Line"'), encoding="utf-8")
    config = _org(tmp_path, "    extra_data: [own-data]\n")
    output = _fails_leaving_site_alone(tmp_path, built, config)
    assert ("own-data/hotlines/US.yml:6:11: hotlines[0].name.en: the escape for U+D800 gives a character that cannot "
            "be published: remove it") in output


def test_a_quote_in_an_interface_string_stays_inside_its_attribute(tmp_path):
    french = (ROOT / "data" / "ui" / "fr.yml").read_text(encoding="utf-8")
    import yaml

    exiting = yaml.safe_load(french)["quick_exit"]["exiting"]
    config = _org(tmp_path, ui_files={"fr.yml": french.replace(f"exiting: {exiting}", 'exiting: \'Sortie "rapide" x=1\'', 1)})
    site = tmp_path / "site"
    build_site(config, site)
    page = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert 'data-exiting="Sortie &#34;rapide&#34; x=1"' in page


def test_today_is_the_real_date_unless_injected():
    assert dt.date.today() >= dt.date(2026, 12, 1)


# -----------------------------------------------------------------------------
# Second round (issue 26, in part): an impossible date, YAML 1.1 booleans, a silent drop
# -----------------------------------------------------------------------------

def test_a_front_matter_date_that_does_not_exist_is_a_file_line_field_error(tmp_path, built):
    page = "---\ntitle: About us\nreviewed: 2026-13-45\n---\n\n# About us\n\nText.\n"
    config = _org(tmp_path, pages={"en/about.md": page})
    output = _fails_leaving_site_alone(tmp_path, built, config)
    assert ("overlay/en/about.md:3:11: reviewed: 2026-13-45 is not a date that exists: write it as YYYY-MM-DD, "
            "for example 2026-12-05") in output
    assert "Traceback" not in output
    # Another impossible date (a day 31 in a 30-day month), in another field.
    problems = frontmatter.read(_write(tmp_path / "p.md", "---\nupdated: '2026-04-31'\n---\n"), "p.md")[2]
    assert [str(p) for p in problems] == []  # quoted: text, not a date; the page's own checks judge it
    problems = frontmatter.read(_write(tmp_path / "q.md", "---\ntitle: X\nupdated: 2026-04-31\n---\n"), "q.md")[2]
    assert [str(p) for p in problems] == ["q.md:3:10: updated: 2026-04-31 is not a date that exists: write it as "
                                          "YYYY-MM-DD, for example 2026-12-05"]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_11_booleans_are_read_as_the_text_the_editor_wrote(tmp_path):
    norway = GOOD_HOTLINES.replace("country: US", "country: NO").replace("phones:\n      - short_code: \"233733\"",
                                                                          "languages: [no, en]\n    phones:\n      - short_code: \"233733\"")
    result = data.load(_data_folder(tmp_path / "a", {"hotlines/NO.yml": norway}), root=tmp_path, today=TODAY)
    assert result.errors == [] and "NO" in result.dataset.countries
    assert result.dataset.countries["NO"]["hotlines"][0]["languages"] == ["no", "en"]
    # Where the schema wants true or false, `yes` is quoted as written, with the fix.
    answered = GOOD_HOTLINES.replace("      how: list\n", "      how: list\n      needs_review: yes\n")
    problems = [str(p) for p in data.load(_data_folder(tmp_path / "b", {"hotlines/US.yml": answered}),
                                          root=tmp_path / "b", today=TODAY).errors]
    line = answered.splitlines().index("      needs_review: yes") + 1
    assert problems == [f"data/hotlines/US.yml:{line}:21: hotlines[0].verification.needs_review: 'yes' should be true or false"]


def test_a_service_no_page_would_show_is_an_error_not_a_silent_drop(tmp_path):
    lost = GOOD_PROVIDER.replace("countries: [US]", "countries: [IS]").replace(
        'shows: ["(201) 555-0123", "(201) 555-0124"]', 'shows: ["(201) 555-0123", "(201) 555-0124"]')
    folder = _data_folder(tmp_path, {"providers/example.yml": lost, "hotlines/US.yml": GOOD_HOTLINES})
    problems = [str(p) for p in data.load(folder, root=tmp_path, today=TODAY).errors]
    line = lost.splitlines().index("countries: [IS]") + 1
    assert [p for p in problems if "no page would show" in p] == [
        f"data/providers/example.yml:{line}:12: countries: no page would show this service: IS has no file in "
        "data/hotlines/ (add data/hotlines/IS.yml with the country's lines, or give a country that has one)"]


def test_markup_written_with_character_references_is_refused_at_its_own_line_and_column():
    """`jav&#x09;ascript:` (a tab written as a reference) and `&#106;avascript:` decode to a
    javascript: address: refused where they stand, not at line 1."""
    for source, place in (("# T\n\nSome text.\n\n<a href=\"jav&#x09;ascript:alert(1)\">x</a>\n", "5:1"),
                          ("# T\n\nText <a href=\"&#106;avascript:alert(1)\">x</a>\n", "3:6"),
                          ("# T\n\n\n<p>Fine.</p>\n\n  <a href=\"javascript:alert(1)\">x</a>\n", "6:6")):
        html = markdown.markdown(source, extensions=["md_in_html"])
        assert [str(p) for p in content.check_page_html(html, source, "docs/en/p.md")] == [
            f"docs/en/p.md:{place}: javascript: addresses are not allowed: link to a page instead"], source
