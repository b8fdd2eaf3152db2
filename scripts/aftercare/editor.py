"""The web editor (Decap CMS): installed from the npm registry at pinned versions, and written
into a site's ``admin/`` folder.

Nothing is loaded from a CDN. ``install`` fetches each package with ``npm pack`` (the registry
only), checks it against the integrity the registry published for that version (sha512, pinned
below), and unpacks the files the editor needs, with their licences, into a cache folder.
``write_admin`` then writes ``admin/``: the page (its own Content Security Policy: Decap CMS
needs ``'unsafe-eval'``, which no reader page allows), ``config.yml`` (made from the JSON Schemas
by ``cmsconfig``), the editor and the project's script that keeps each file's own YAML style.

Reader pages never link to ``admin/``; it is left out of the offline copy.
"""

from __future__ import annotations

import base64
import os
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import paths


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # as the npm registry publishes it: sha512-<base64>
    keep: tuple[str, ...]  # paths inside the package ("dist/"), a prefix keeps a folder
    licence: str  # the file that holds its licence, inside the package


# To update: change the version and the integrity (`npm view decap-cms@<version> dist.integrity`),
# then run `python -m aftercare.editor install` and the editor's browser test.
DECAP = Package("decap-cms", "3.16.3",
                "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
                keep=("dist/",), licence="dist/decap-cms.js.LICENSE.txt")
# The YAML library the editor's own script uses to change a file without reformatting it.
YAML = Package("yaml", "2.9.1",
               "sha512-3NxN8+78OdzbT7C/WjGsyfPAtJaN3FNDsWxv7Y7mcDsT/oOmgW8BpyQQFFBnvZE3j9Y2Sdz1ULFLezL7Eb2yFw==",
               keep=("browser/dist/", "LICENSE"), licence="LICENSE")
# The local backend (`npx decap-server`): it runs on the editor's machine, never in a site.
SERVER = Package("decap-server", "3.11.3",
                 "sha512-/bn/YsENh3hUl11ijNBkFleuk+ihz6/2YkuXb8pTwu59RU6MMTxjhvGwye2zHUSV5Nqzona9kOjAh7AVmQzB3Q==",
                 keep=("LICENSE",), licence="LICENSE")
PACKAGES = (DECAP, YAML)
# Decap CMS's own licence (MIT) is the repository's, shipped in the decap-server package.
DECAP_LICENCE = (SERVER, "LICENSE")

ASSETS = Path(__file__).parent / "admin"  # the editor page and the project's script
def _cache() -> Path:
    """A checkout's .cache/editor (ignored by git); for an installed package, the user's cache."""
    root = paths.package_root()
    if root.name != "aftercare_site":
        return root / ".cache" / "editor"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "aftercare" / "editor"


CACHE = _cache()
LOCAL_PORT = 8081  # decap-server's own default


class EditorError(Exception):
    pass


def _folder(cache: Path, package: Package) -> Path:
    return cache / f"{package.name}-{package.version}"


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def _npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        raise EditorError("npm is not installed: the web editor and its local backend are fetched from the npm "
                          "registry with it (Debian: apt-get install -y npm)")
    return npm


def fetch(package: Package, cache: Path = CACHE) -> Path:
    """The package's files in the cache, fetched from the npm registry and checked if missing."""
    folder = _folder(cache, package)
    if (folder / ".complete").is_file():
        return folder
    npm = _npm()
    with tempfile.TemporaryDirectory() as work:
        result = subprocess.run([npm, "pack", f"{package.name}@{package.version}", "--pack-destination", work],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise EditorError(f"npm pack {package.name}@{package.version} failed: {result.stderr.strip()[-400:]}")
        archive = next(Path(work).glob("*.tgz"))
        found = _integrity(archive.read_bytes())
        if found != package.integrity:
            raise EditorError(f"{package.name}@{package.version} from the registry has integrity {found}, not the "
                              f"pinned {package.integrity}: not installed")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                inner = member.name.removeprefix("package/")
                if not member.isfile() or inner.endswith(".map") or not any(
                        inner == keep or (keep.endswith("/") and inner.startswith(keep)) for keep in package.keep):
                    continue
                target = folder / inner
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())
    (folder / ".complete").write_text(package.integrity + "\n", encoding="utf-8")
    return folder


def install(cache: Path = CACHE) -> dict[str, Path]:
    """Every package the editor page needs, by name."""
    return {package.name: fetch(package, cache) for package in (*PACKAGES, SERVER)}


def server(cache: Path = CACHE) -> list[str]:
    """The command that runs decap-server (the local backend), installed with npm if missing.

    npm checks every package it installs against the registry's integrity; decap-server's own
    is also compared with the pinned one above."""
    fetch(SERVER, cache)
    prefix = cache / f"{SERVER.name}-{SERVER.version}-install"
    entry = prefix / "node_modules" / SERVER.name / "dist" / "index.js"
    if not entry.is_file():
        prefix.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([_npm(), "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--no-save",
                                 "--ignore-scripts", f"{SERVER.name}@{SERVER.version}"], capture_output=True, text=True)
        if result.returncode != 0 or not entry.is_file():
            raise EditorError(f"npm install {SERVER.name}@{SERVER.version} failed: {result.stderr.strip()[-400:]}")
    node = shutil.which("node")
    if node is None:
        raise EditorError("Node.js is not installed: decap-server runs on it (Debian: apt-get install -y nodejs)")
    return [node, str(entry)]


def content_security_policy(local_port: int | None, *, header: bool = False) -> str:
    """The editor page's own policy. Decap CMS evaluates code (`'unsafe-eval'`) and sets styles
    inline; it talks to the site itself, and in the preview to decap-server on this machine.
    `frame-ancestors` works only in a header (a <meta> policy ignores it)."""
    connect = "'self'" + (f" http://localhost:{local_port}" if local_port else " https://api.github.com")
    return ("default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:; font-src 'self' data:; connect-src {connect}; worker-src 'self' blob:; "
            "manifest-src 'self'; base-uri 'none'; form-action 'none'" + ("; frame-ancestors 'none'" if header else ""))


def _place(source: Path, target: Path) -> None:
    """A file of the cache in the site: linked where the file system allows (the live preview
    writes the editor's 6 MB at every reload), copied otherwise."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_admin(target: Path, config: dict, *, local_port: int | None, in_place: bool = False,
                cache: Path = CACHE) -> None:
    """Write the editor into `target` (a site's admin/ folder): for the live preview with
    decap-server on `local_port` of this machine, or (None) for a published site.

    `in_place`: the local backend writes the files themselves (decap-server's `fs` mode, as
    scripts/serve.sh runs it), so a save shows in the preview at once and is committed like any
    change; without it, each save is a branch (`git` mode), as a pull request is on GitHub."""
    folders = install(cache)
    target.mkdir(parents=True, exist_ok=True)
    decap = folders[DECAP.name]
    for path in (decap / "dist").iterdir():
        if path.suffix in (".js", ".wasm") or path.name.endswith(".LICENSE.txt"):
            _place(path, target / path.name)
    shutil.copyfile(folders[SERVER.name] / "LICENSE", target / "decap-cms.LICENSE.txt")
    shutil.copytree(folders[YAML.name] / "browser" / "dist", target / "yaml", dirs_exist_ok=True)
    shutil.copyfile(folders[YAML.name] / "LICENSE", target / "yaml" / "LICENSE.txt")
    for name in ("aftercare-editor.js", "manual-init.js"):
        shutil.copyfile(ASSETS / name, target / name)
    page = (ASSETS / "index.html").read_text(encoding="utf-8")
    (target / "index.html").write_text(page.replace("{{ csp }}", content_security_policy(local_port)),
                                       encoding="utf-8")
    config = dict(config)
    if in_place:
        config.pop("publish_mode", None)  # decap-server's fs mode saves in place, with no branches
    if local_port:
        config["local_backend"] = {"url": f"http://localhost:{local_port}/api/v1"}
    (target / "config.yml").write_text("# Made by aftercare.editor from data/schema/: edit the schemas, not this file.\n"
                                       + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """`install`: fetch and check the pinned packages. `serve ROOT`: run decap-server on this
    machine (127.0.0.1:8081 only), writing saves into ROOT's files (scripts/serve.sh runs it)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m aftercare.editor", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["install", "serve"])
    parser.add_argument("root", nargs="?", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    try:
        if args.what == "install":
            for name, folder in install().items():
                print(f"{name}: {folder}")
            return 0
        command = server()
    except EditorError as error:
        print(f"error: {error}")
        return 1
    env = dict(os.environ, MODE="fs", GIT_REPO_DIRECTORY=str(args.root.resolve()), PORT=str(LOCAL_PORT),
               BIND_HOST="127.0.0.1", LOG_LEVEL="warn")
    os.execve(command[0], command, env)


if __name__ == "__main__":
    raise SystemExit(main())
