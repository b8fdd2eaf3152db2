"""The server samples a host really uses (issue 26): the built site served by Debian's nginx
with the generated `_headers.nginx.conf`, and opened in Chromium.

- Every response carries the security headers, Strict-Transport-Security included (a setting
  turns it off); pages get the pages' policy, every other file one that runs no script.
- A missing page gets its own language's 404 page, with the headers.
- A picture opened on its own runs nothing: the built logo, favicon and pictures, and (to show
  the headers hold even if a bad file got past the build's checks) an SVG with a script put
  into the site by hand.

nginx is installed by `bash scripts/test.sh` (with apt, like Chromium); a machine without it
fails here, loudly, rather than skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from aftercare import security
from aftercare_tools.server import serve
from conftest import ROOT, build_site, header_yaml

HOSTILE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" onload="document.documentElement.setAttribute(\'data-ran\', '
               '\'onload\')"><script>document.documentElement.setAttribute("data-ran", "script")</script>'
               '<rect width="10" height="10"/></svg>')


def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if found is None:
        raise RuntimeError("nginx was not found. The server test needs Debian's nginx: run `bash scripts/test.sh` "
                           "(it installs it with apt), or `apt-get install -y nginx`.")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory) -> Path:
    """A branded copy in English and Arabic, with a logo and a picture in a page of its own."""
    folder = tmp_path_factory.mktemp("served")
    (folder / "brand").mkdir()
    shutil.copyfile(ROOT / "examples" / "example-org" / "brand" / "logo.svg", folder / "brand" / "logo.svg")
    (folder / "pages" / "en").mkdir(parents=True)
    shutil.copyfile(ROOT / "docs" / "screenshots" / "home-en-phone.png", folder / "pages" / "en" / "office.png")
    (folder / "pages" / "en" / "visit.md").write_text("# Visit us\n\n![Our office](office.png)\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(header_yaml() + "extra:\n  aftercare:\n    languages: [en, ar]\n    logo: brand/logo.svg\n"
                      "    favicon: brand/logo.svg\n    docs_overlay: pages\n", encoding="utf-8")
    build_site(config, folder / "site")
    return folder / "site"


@pytest.fixture(scope="module")
def nginx(branded_site, tmp_path_factory):
    site = branded_site
    """The site served by nginx with the generated snippet, as ORGANISATIONS.md says to."""
    folder = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    temp = "".join(f"    {kind}_temp_path {folder / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\nevents {{}}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n    access_log off;\n{temp}"
        f"    server {{\n        listen 127.0.0.1:{port};\n        root {site};\n"
        f"        include {site / '_headers.nginx.conf'};\n    }}\n}}\n", encoding="utf-8")
    check = subprocess.run([_nginx(), "-t", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e",
                            str(folder / "error.log")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([_nginx(), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e",
                                str(folder / "error.log")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        raise AssertionError(f"nginx did not start: {process.stderr.read().decode()}")
    yield base
    process.terminate()
    process.wait(timeout=10)


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


def _headers_of(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").split("/*\n", 1)[1].split("\n/*.")[0].splitlines()
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


def test_nginx_sends_the_headers_on_pages_files_and_each_languages_404(branded_site, nginx):
    site = branded_site
    page_policy = _headers_of(site)["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in page_policy
    common = {name: value for name, value in _headers_of(site).items() if name != "Content-Security-Policy"}
    assert common["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    json_file = next(p for p in sorted((site / "data").glob("*.json")))  # the HSDS export
    cases = {
        "": (200, "text/html", page_policy),
        "ar/": (200, "text/html", page_policy),
        "assets/brand/logo.svg": (200, "image/svg+xml", security.FILE_POLICY),
        f"data/{json_file.name}": (200, "application/json", security.FILE_POLICY),
        "en-nope/": (404, "text/html", page_policy),
        "ar/nope/": (404, "text/html", page_policy),
        "ar/nope.svg": (404, "text/html", page_policy),  # a missing file: the language's 404 page too
    }
    for path, (status, kind, policy) in cases.items():
        got_status, headers, body = _get(nginx + path)
        assert (got_status, headers["Content-Type"].split(";")[0]) == (status, kind), path
        assert headers["Content-Security-Policy"] == policy, path
        for name, value in common.items():
            assert headers[name] == value, (path, name)
        if status == 404:  # the language's own 404 page, not the English one
            lang = "ar" if path.startswith("ar/") else "en"
            assert f'<html lang="{lang}"' in body, path
            assert body == (site / (f"{lang}/" if lang != "en" else "") / "404.html").read_text(encoding="utf-8")


def test_a_picture_opened_on_its_own_runs_no_script(branded_site, nginx, browser):
    """Chromium opens each non-HTML file an editor can supply (logo, favicon, pictures in pages),
    and an SVG with a script and an onload attribute put into the site by hand: served with the
    generated headers, nothing runs. Served without headers (a plain server), the same hostile
    file does run: the detector works, and the headers are what stops it."""
    site = branded_site
    (site / "assets" / "brand" / "hostile.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    supplied = ["assets/brand/logo.svg", *sorted(p.relative_to(site).as_posix() for p in site.rglob("*.png")
                                                 if "assets/images" not in p.as_posix()),
                # and what the build makes of the data editors write (the HSDS export; the .csv downloads)
                *sorted(p.relative_to(site).as_posix() for p in (site / "data").glob("*.json"))]
    # The organisation's picture, published beside its page in each language.
    assert {"office.png", "ar/office.png"} <= set(supplied)
    assert '<img alt="Our office" src="../office.png"' in (site / "visit" / "index.html").read_text(encoding="utf-8")
    opened = []
    context = browser.new_context()
    tab = context.new_page()
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in [*supplied, "assets/brand/hostile.svg"]:
        response = tab.goto(nginx + path)
        assert response.status == 200, path
        ran = tab.evaluate("document.documentElement.getAttribute('data-ran')")
        assert ran is None, (path, ran)
        opened.append(path)
    plain = serve(site)  # no headers at all: the hostile picture's script runs
    tab.goto(plain + "assets/brand/hostile.svg")
    assert tab.evaluate("document.documentElement.getAttribute('data-ran')") in ("script", "onload")
    context.close()
    assert dialogs == [] and len(opened) == len(supplied) + 1
    (site / "assets" / "brand" / "hostile.svg").unlink()


def test_strict_transport_security_can_be_turned_off_for_a_site_not_yet_on_https(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(header_yaml() + "extra:\n  aftercare:\n    languages: [en]\n"
                      "    strict_transport_security: false\n", encoding="utf-8")
    build_site(config, tmp_path / "site")
    for name in ("_headers", "_headers.nginx.conf"):
        text = (tmp_path / "site" / name).read_text(encoding="utf-8")
        assert "Strict-Transport-Security" not in text and "Content-Security-Policy" in text, name
