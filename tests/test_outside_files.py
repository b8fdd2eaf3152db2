"""Files from outside the project, and pictures that run scripts (issue 26, second round).

- A symbolic link in docs/, data/ or an organisation's folders that leads outside the project is
  an error naming the link; nothing is read through it, and neither its target nor its content
  appears in the output or the site. Links inside the project behave as their targets.
- A logo, favicon or picture is safe to open on its own: SVG held to an allowlist, a raster
  picture must be what its name says; refused with line, column and reason.
- A file that is not what it should be is never quoted.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import markdown
import material
import pytest

from aftercare import content, data, images, project, tree
from conftest import ROOT, build_site
from test_bad_input import _fails_leaving_site_alone, _org, built  # noqa: F401 - `built` is a fixture
from test_data import GOOD_HOTLINES, GOOD_PROVIDER, TODAY

SECRET = "ghp_0nlyATestButTreatedAsASecret"
SVG_START = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'


def _secret(folder: Path, name: str = "token.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"API_TOKEN={SECRET}\n", encoding="utf-8")
    return path


def _link(link: Path, target: Path | str) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


def _site_text(site: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in site.rglob("*") if p.is_file())


# -----------------------------------------------------------------------------
# Links that leave the tree
# -----------------------------------------------------------------------------

def test_links_out_of_the_project_are_refused_and_links_inside_behave_as_their_targets(tmp_path):
    home = tmp_path / "project"
    secret = _secret(tmp_path / "elsewhere")
    (home / "docs" / "en").mkdir(parents=True)
    (home / "docs" / "en" / "index.md").write_text("# Home\n", encoding="utf-8")
    (home / "notes").mkdir()
    (home / "notes" / "shared.md").write_text("# Shared\n", encoding="utf-8")
    _link(home / "docs" / "en" / "secret.md", secret)  # the case from the report
    _link(home / "data" / "hotlines" / "ZZ.yml", secret)
    _link(home / "docs" / "en" / "pictures", secret.parent)  # a folder of our own: a whole folder out
    _link(home / "docs" / "en" / "gone.md", tmp_path / "nothing-here.md")  # points at nothing
    _link(home / "docs" / "en" / "shared.md", "../../notes/shared.md")  # inside: allowed
    _link(home / "docs" / "es", "en")  # a folder inside, followed and checked too
    _link(home / "docs" / "en" / "again", "..")  # a loop: each folder is looked at once
    problems = [str(p) for p in tree.outside_links([home / "docs", home / "data"], homes=[home], root=home)]
    out = ("this is a link to a {} outside the project, and the site reads only its own files: copy the {} into "
           "the project (or the organisation's folder), or remove the link")
    assert problems == [
        f"data/hotlines/ZZ.yml: link: {out.format('file', 'file')}",
        "docs/en/gone.md: link: this is a link to a file that does not exist: remove the link, or put the file "
        "itself in its place",
        f"docs/en/pictures: link: {out.format('folder', 'folder')}",
        f"docs/en/secret.md: link: {out.format('file', 'file')}",
    ]
    # The loaders refuse them too, before they read anything.
    loaded = project.load(None, root=home, today=TODAY)
    assert not loaded.read and [p.path for p in loaded.errors] == [
        "data/hotlines/ZZ.yml", "docs/en/gone.md", "docs/en/pictures", "docs/en/secret.md"]
    assert SECRET not in "\n".join(map(str, loaded.problems))
    result = data.load(home / "data", root=home, today=TODAY)
    assert [p.path for p in result.errors] == ["data/hotlines/ZZ.yml"] and not result.dataset.countries


@pytest.mark.parametrize("where", ["docs", "docs_dir", "data", "brand"])
def test_a_build_refuses_a_link_out_of_the_organisations_folders(tmp_path, built, where):  # noqa: F811
    secret = _secret(tmp_path / "elsewhere")
    org = tmp_path / "org"
    org.mkdir()
    extra = ""
    if where == "docs":  # the organisation's own pages
        config = _org(org, pages={"en/about.md": "# About\n"})
        link = org / "overlay" / "en" / "secret.md"
    elif where == "docs_dir":  # its own docs/ folder, as ORGANISATIONS.md sets it up
        config = _org(org)
        config.write_text(config.read_text(encoding="utf-8").replace(f"docs_dir: {ROOT / 'docs'}", "docs_dir: docs"),
                          encoding="utf-8")
        (org / "docs" / "en").mkdir(parents=True)
        (org / "docs" / "en" / "about.md").write_text("# About us\n", encoding="utf-8")
        link = org / "docs" / "en" / "contact.md"
    elif where == "data":  # the organisation's own data/ folder, beside its settings
        config = _org(org)
        (org / "data" / "hotlines").mkdir(parents=True)
        (org / "data" / "hotlines" / "US.yml").write_text(GOOD_HOTLINES, encoding="utf-8")
        link = org / "data" / "providers" / "ours.yml"
    else:  # its logo
        extra = "    logo: brand/logo.svg\n"
        config = _org(org, extra)
        link = org / "brand" / "logo.svg"
    _link(link, secret)
    output = _fails_leaving_site_alone(org, built, config)
    shown = link.relative_to(org).as_posix()
    assert (f"{shown}: link: this is a link to a file outside the project, and the site reads only its own files: "
            "copy the file into the project (or the organisation's folder), or remove the link") in output
    assert SECRET not in output and str(secret.parent) not in output
    assert SECRET not in _site_text(org / "site")


def test_a_link_inside_the_organisations_folder_behaves_as_its_target(tmp_path):
    org = tmp_path / "org"
    (org / "brand").mkdir(parents=True)
    (org / "brand" / "mark.svg").write_text(f'{SVG_START}<path d="M0 0h24v24H0z"/></svg>', encoding="utf-8")
    _link(org / "brand" / "logo.svg", "mark.svg")
    config = _org(org, "    logo: brand/logo.svg\n")
    site = org / "site"
    build_site(config, site)
    # Published under its target's name, which the pages use.
    assert (site / "assets" / "brand" / "mark.svg").read_bytes() == (org / "brand" / "mark.svg").read_bytes()
    assert 'src="assets/brand/mark.svg"' in (site / "index.html").read_text(encoding="utf-8")


# -----------------------------------------------------------------------------
# Pictures safe to open on their own
# -----------------------------------------------------------------------------

SVG_CASES = {
    # The cases from the report: a script, an event attribute.
    "script": (f'{SVG_START}\n<script>alert(1)</script></svg>',
               ["2:1: <script> is not allowed in a picture: a picture may not run scripts. Remove it, or export the "
                "picture again as plain SVG"]),
    "onload": ('<svg xmlns="http://www.w3.org/2000/svg"\n     onload="alert(1)"/>',
               ["1:1: the attribute onload on <svg> runs a script: remove it"]),
    # Cases of our own.
    "foreignObject": (f'{SVG_START}<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>',
                      ["1:61: <foreignObject> is not allowed in a picture: it can hold a web page, with scripts and "
                       "forms. Remove it, or export the picture again as plain SVG",
                       "1:76: <p (from http://www.w3.org/1999/xhtml)> is not allowed in a picture: it is not a drawing "
                       "element the site allows in pictures. Remove it, or export the picture again as plain SVG"]),
    "script hidden in metadata": (
        f'{SVG_START}<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script></rdf:RDF></metadata></svg>',
        ["1:136: <script (from http://www.w3.org/1999/xhtml)> is not allowed in a picture: a picture may not run "
         "scripts. Remove it, or export the picture again as plain SVG"]),
    "picture from another host": (
        f'{SVG_START}<image href="https://tracker.example/p.png"/></svg>',
        ["1:61: the href of <image> refers to another file or address: only references inside the picture (#id) "
         "and embedded PNG, JPEG, GIF or WebP pictures are allowed"]),
    "style that loads": (f'{SVG_START}<style>@import url(https://x.example/a.css);</style></svg>',
                         ["1:68: the picture's <style> loads another file or runs code (url(), @import): only "
                          "references inside the picture, like url(#shade), are allowed"]),
    "animated link": (f'{SVG_START}<a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>',
                      ["1:61: <a> is not allowed in a picture: a picture may not hold links. Remove it, or export the "
                       "picture again as plain SVG",
                       "1:64: <animate> is not allowed in a picture: animation can change a link or an address. "
                       "Remove it, or export the picture again as plain SVG"]),
    "entity": ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
               f'{SVG_START}<text>&x;</text></svg>',
               ["2:54: the picture declares entities (<!ENTITY ...>): remove it, or export the picture again as plain "
                "SVG"]),
    "style sheet from elsewhere": ('<?xml version="1.0"?>\n<?xml-stylesheet href="https://x.example/a.css"?>\n'
                                  f'{SVG_START}</svg>',
                                  ["2:1: <?xml-stylesheet ...?> loads another file: remove it, or export the picture "
                                   "again as plain SVG"]),
    "a web page named .svg": ("<html><body><script>alert(1)</script></body></html>",
                              ['1:1: this is not an SVG picture: it starts with <html>, and an SVG picture starts '
                               'with <svg xmlns="http://www.w3.org/2000/svg">']),
    "a token named .svg": (f"API_TOKEN={SECRET}\n",
                           ["1:10: this is not a well-formed SVG file (not well-formed (invalid token)): export it "
                            "again as plain SVG"]),
}


@pytest.mark.parametrize("case", sorted(SVG_CASES))
def test_an_svg_is_held_to_the_allowlist(case):
    text, expected = SVG_CASES[case]
    problems = [str(p) for p in images.svg_problems(text.encode("utf-8"), "brand/logo.svg")]
    assert problems == [f"brand/logo.svg:{message}" for message in expected]
    assert SECRET not in "\n".join(problems)


def test_pictures_drawing_programs_make_pass_unchanged():
    """Every icon Material ships (some 14,000 SVG files from several icon sets) and the project's
    own pictures pass, with gradients, clip paths, <style> and url(#id) references."""
    icons = sorted((Path(material.__file__).parent / "templates" / ".icons").rglob("*.svg"))
    ours = [ROOT / "overrides" / "assets" / "favicon.svg", ROOT / "examples" / "example-org" / "brand" / "logo.svg"]
    drawn = (f'<?xml version="1.0" encoding="UTF-8"?>\n{SVG_START}<defs><linearGradient id="shade"><stop offset="0" '
             'stop-color="#4a2c6f"/></linearGradient><clipPath id="c"><rect width="24" height="24"/></clipPath></defs>'
             '<style>.a{fill:url(#shade)}</style><g clip-path="url(#c)"><circle class="a" cx="12" cy="12" r="10"/>'
             '<use href="#c"/></g><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
             '</metadata></svg>')
    assert images.svg_problems(drawn.encode(), "drawn.svg") == []
    for path in [*ours, *icons[::50]]:
        assert images.check(path, path.name) == [], path


def test_a_raster_picture_must_be_what_its_name_says(tmp_path):
    page = tmp_path / "photo.png"
    page.write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    assert [str(p) for p in images.check(page, "docs/en/photo.png")] == [
        "docs/en/photo.png: this file is not a PNG picture, whatever its name says: save the picture as PNG again, "
        "or give it its right name"]
    real = tmp_path / "real.png"
    shutil.copyfile(ROOT / "docs" / "screenshots" / "home-en-phone.png", real)
    assert images.check(real, "real.png") == []
    other = tmp_path / "logo.pdf"
    other.write_bytes(b"%PDF-1.7")
    assert [str(p) for p in images.check(other, "brand/logo.pdf")] == [
        "brand/logo.pdf: a picture must be one of .avif, .gif, .ico, .jpeg, .jpg, .png, .svg, .webp: save it in one "
        "of these formats"]


def test_a_logo_that_runs_a_script_stops_the_build(tmp_path, built):  # noqa: F811
    org = tmp_path / "org"
    (org / "brand").mkdir(parents=True)
    (org / "brand" / "logo.svg").write_text(f'{SVG_START}\n  <path d="M0 0h24v24H0z" onclick="alert(1)"/></svg>',
                                            encoding="utf-8")
    output = _fails_leaving_site_alone(org, built, _org(org, "    logo: brand/logo.svg\n"))
    assert "brand/logo.svg:2:3: the attribute onclick on <path> runs a script: remove it" in output


def test_a_picture_in_the_pages_that_is_a_web_page_stops_the_build(tmp_path, built):  # noqa: F811
    org = tmp_path / "org"
    config = _org(org, pages={"en/about.md": "# About\n\n![Our office](office.jpg)\n"})
    (org / "overlay" / "en" / "office.jpg").write_text(f"<script>alert('{SECRET}')</script>", encoding="utf-8")
    output = _fails_leaving_site_alone(org, built, config)
    assert (f"{org / 'overlay' / 'en' / 'office.jpg'}: this file is not a JPG picture, whatever its name says: save "
            "the picture as JPG again, or give it its right name") in output
    assert SECRET not in output


# -----------------------------------------------------------------------------
# Never quote a file that is not what it should be
# -----------------------------------------------------------------------------

def test_a_file_that_is_not_what_it_should_be_is_never_quoted(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", folder / "schema")
    (folder / "hotlines").mkdir()
    (folder / "providers").mkdir()
    (folder / "hotlines" / "US.yml").write_text(GOOD_HOTLINES, encoding="utf-8")
    (folder / "hotlines" / "ZA.yml").write_text(f"API_TOKEN={SECRET}\n", encoding="utf-8")  # the report's case
    (folder / "providers" / "keys.yml").write_text(f"- {SECRET}\n- second\n", encoding="utf-8")  # our own
    problems = [str(p) for p in data.load(folder, root=tmp_path, today=TODAY).errors]
    assert problems == [
        "data/hotlines/ZA.yml:1:1: this file should be a group of fields (`key: value` lines), and it holds a single "
        "value: check that it is the right file",
        "data/providers/keys.yml:1:1: this file should be a group of fields (`key: value` lines), and it holds a "
        "list: check that it is the right file",
    ]


# -----------------------------------------------------------------------------
# Nothing silently dropped; refusals located where they stand
# -----------------------------------------------------------------------------

def test_an_organisations_own_record_for_a_country_it_does_not_show_is_an_error(tmp_path):
    """A case of our own, beside the service whose countries have no page (test_bad_input): an
    organisation's own files for a country outside its `countries` would be dropped unseen."""
    project_data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", project_data / "schema")
    own = tmp_path / "own"
    (own / "hotlines").mkdir(parents=True)
    (own / "providers").mkdir()
    mexico = GOOD_HOTLINES.replace("country: US", "country: MX").replace("id: example-line", "id: example-line-mx")
    (own / "hotlines" / "MX.yml").write_text(mexico, encoding="utf-8")
    (own / "hotlines" / "US.yml").write_text(GOOD_HOTLINES, encoding="utf-8")
    provider = GOOD_PROVIDER.replace("countries: [US]", "countries: [MX]")
    (own / "providers" / "example.yml").write_text(provider, encoding="utf-8")
    result = data.load(project_data, root=tmp_path, today=TODAY, countries=["US"], extra_dirs=[own])
    assert [str(p) for p in result.errors] == [
        "own/hotlines/MX.yml:1:10: country: MX is not one of the site's countries (US), so no page would show this "
        "file: add MX to countries in the settings, or remove the file",
        f"own/providers/example.yml:{provider.splitlines().index('countries: [MX]') + 1}:12: countries: none of MX is "
        "one of the site's countries (US), so no page would show this service: add one to countries in the "
        "settings, or remove the file",
    ]


def test_refused_markup_is_located_outside_code_and_comments():
    """The same markup shown in a code block, a code span or a comment before the real one: the
    message points at the real one."""
    for source, place in (('# T\n\n```html\n<iframe src="x"></iframe>\n```\n\n<iframe src="y"></iframe>\n', "7:1"),
                          ('# T\n\n<!-- <iframe> was here -->\n\nText <iframe src="y"></iframe>\n', "5:6"),
                          ('# T\n\nWrite `<iframe>` never.\n\n<iframe src="y"></iframe>\n', "5:1")):
        html = markdown.markdown(source, extensions=["md_in_html", "pymdownx.superfences"])
        assert [str(p) for p in content.check_page_html(html, source, "docs/en/p.md")] == [
            f"docs/en/p.md:{place}: <iframe> is not allowed: frames load pages from other hosts. Remove it, or write "
            "the content in Markdown"], source
