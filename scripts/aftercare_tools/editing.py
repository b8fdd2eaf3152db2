"""The web editor against a git repository, for the editor's browser test and its screenshots:
the editor's files served on localhost, decap-server in `git` mode (each save a branch, as a
pull request is on GitHub) on a free port of this machine."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from aftercare import cmsconfig, editor
from aftercare_tools.server import serve

ROOT = Path(__file__).resolve().parents[2]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def project_repository(target: Path) -> Path:
    """A copy of the project's pages and data, as a git repository on `main`."""
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, target / name)
    git(target, "init", "-q", "-b", "main")
    commit_all(target, "start")
    return target


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def editor_session(repo: Path, site: Path, languages: list[str], default: str):
    """The editor's address (on "localhost", the name its policy and decap-server's own CORS
    rule use), with decap-server saving into `repo`."""
    port = _free_port()
    editor.write_admin(site / "admin", cmsconfig.generate(languages, default), local_port=port)
    env = dict(os.environ, MODE="git", GIT_REPO_DIRECTORY=str(repo), PORT=str(port), BIND_HOST="127.0.0.1",
               GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    log_path = site / "decap-server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(editor.server(), env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), 0.2).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("decap-server did not start: " + log_path.read_text()) from None
                    time.sleep(0.1)
            yield serve(site).replace("127.0.0.1", "localhost") + "admin/"
        finally:
            process.terminate()
            process.wait(10)


def wait_for_branch(repo: Path, branch: str, seconds: float = 30) -> None:
    """Until decap-server has committed a save on its branch and gone back to main."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        names = git(repo, "branch", "--format=%(refname:short)").split()
        if branch in names and git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main":
            return
        time.sleep(0.2)
    raise AssertionError(f"no branch {branch} after {seconds} s")


def settle(repo: Path, seconds: float = 15) -> None:
    """Until decap-server is back on main for good: it checks out a save's branch to read it
    again after saving, so main is confirmed on two looks a moment apart."""
    deadline = time.monotonic() + seconds
    seen = 0
    while time.monotonic() < deadline:
        seen = seen + 1 if git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main" else 0
        if seen >= 3:
            return
        time.sleep(0.3)
    raise AssertionError(f"decap-server did not go back to main within {seconds} s")


def field_with_value(page, value: str) -> str:
    """The id of the visible text box holding `value`."""
    found = page.evaluate("""value => [...document.querySelectorAll('textarea, input')]
        .filter(e => e.value === value && e.offsetParent).map(e => e.id)""", value)
    if len(found) != 1:
        raise AssertionError(f"{len(found)} visible boxes hold {value!r}")
    return found[0]


def open_list_item(page, summary: str) -> None:
    """Unfold the item of a list whose summary is `summary` (a hotline's id, for one)."""
    # The innermost item that holds the summary (an item's list of phones is inside it, later).
    item = page.locator("[class*='listControlItem']", has=page.locator(f"text='{summary}'")).last
    item.locator("[class*='TopBar'] button").first.click()


def select_line(page, editor_index: int, text: str) -> None:
    """Select the line holding `text` in the page text of one language (0: the left one)."""
    line = page.locator("[data-slate-editor]").nth(editor_index).get_by_text(text, exact=False).first
    line.scroll_into_view_if_needed()
    line.click(click_count=3)
