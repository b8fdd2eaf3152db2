"""Measure the live preview: seconds from saving a page to the served page showing the change.

Usage: .venv/bin/python scripts/reload_time.py [--language fr] [--edits 5] [--page fr/first-days.md]
       [--options=--dirty]   (scripts/serve.sh runs `mkdocs serve --dirty`; without it, every reload
                              makes every page again: the "before" of the figures in CONTRIBUTING.md)

Starts `mkdocs serve` on a copy of docs/ (the real pages are never touched), with every language
or, with --language, that language and English (as `bash scripts/serve.sh fr` does), waits for
the first build, then edits one page --edits times. For each edit it times, from the moment the
file is saved, until the served page contains the new text. Prints each time and the median.
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config(folder: Path, docs: Path, language: str | None) -> Path:
    # A site whose own pages (a copy of the project's, laid over them) are edited while it is served.
    text = f"site_name: Aftercare\ndocs_dir: {docs}\nplugins:\n  - aftercare\n"
    if language:
        languages = "en" if language == "en" else f"en, {language}"
        text += f"extra:\n  aftercare:\n    languages: [{languages}]\n"
    path = folder / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(language: str | None, page: str, edits: int, options: list[str] = ()) -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs = folder / "docs"
        shutil.copytree(ROOT / "docs", docs)
        config = _config(folder, docs, language)
        port = _free_port()
        url = f"http://127.0.0.1:{port}/" + page.removesuffix(".md").removesuffix("index") + ("/" if not page.endswith("index.md") else "")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        started = time.perf_counter()
        # The server's log goes to a file: a pipe nobody reads fills up and stops the server.
        log = (folder / "serve.log").open("w", encoding="utf-8")
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr",
                                   f"127.0.0.1:{port}", *options], cwd=folder, env=env,
                                  stdout=subprocess.DEVNULL, stderr=log, text=True)

        def alive():
            if server.poll() is not None:
                log.flush()
                raise SystemExit(f"mkdocs serve stopped:\n{(folder / 'serve.log').read_text()[-3000:]}")

        try:
            while _get(url) is None:
                alive()
                if time.perf_counter() - started > 600:
                    raise SystemExit("the first build took over 10 minutes")
                time.sleep(0.1)
            first = time.perf_counter() - started
            time.sleep(2)  # let the watcher settle after the first build
            path = docs / page
            original = path.read_text(encoding="utf-8")
            times = []
            for number in range(edits):
                token = f"reload-check-{number}-{time.time_ns()}"
                path.write_text(original + f"\n{token}\n", encoding="utf-8")
                saved = time.perf_counter()
                while token not in (_get(url) or ""):
                    alive()
                    if time.perf_counter() - saved > 300:
                        raise SystemExit("the page did not change within 5 minutes")
                    time.sleep(0.02)
                times.append(time.perf_counter() - saved)
                time.sleep(1.5)  # the next edit starts from a quiet server
            return first, times
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
            # How much of each reload was the build itself (the rest: noticing the change, serving).
            builds = re.findall(r"Documentation built in ([\d.]+) seconds", (folder / "serve.log").read_text())
            print("mkdocs builds (first, then each reload): " + ", ".join(f"{float(b):.1f}" for b in builds) + " s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", help="preview this language and English only (default: every language)")
    parser.add_argument("--page", default="fr/first-days.md", help="the page to edit, inside docs/")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--options", default="", help="more `mkdocs serve` options, e.g. --options=--dirty")
    args = parser.parse_args()
    first, times = measure(args.language, args.page, args.edits, args.options.split())
    which = (f"en + {args.language}" if args.language else "every language")
    print(f"{which}: first build {first:.1f} s; reload after one edit of {args.page}: "
          + ", ".join(f"{t:.2f}" for t in times) + f" s (median {statistics.median(times):.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
