"""The `aftercare` command: `aftercare new FOLDER`, and the checks, run on the site in the current
folder (its mkdocs.yml), as `mkdocs` does.

    aftercare new harbour            an organisation's own repository, ready to preview
    aftercare validate [-f FILE]     every problem in the settings, data, strings and pages
    aftercare translations status    which pages are translated, outdated or missing
    aftercare datatext status        the data texts' translations
    aftercare review due             records due for review
    aftercare check [FILES]          the content check of a change (as on a pull request)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

COMMANDS = {"validate": "validate", "translations": "translations", "datatext": "datatext",
            "review": "review", "check": "check", "hsds": "hsds"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        module = importlib.import_module(f"aftercare.{COMMANDS[argv[0]]}")
        return module.main(argv[1:])
    parser = argparse.ArgumentParser(prog="aftercare", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create an organisation's own repository")
    new.add_argument("folder", type=Path)
    new.add_argument("--name", help="the site's name (default: from the folder's name)")
    for name in COMMANDS:
        commands.add_parser(name, help=f"see `aftercare {name} --help`")
    args = parser.parse_args(argv)
    from . import newsite

    try:
        written = newsite.create(args.folder, args.name)
    except FileExistsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"created {path}")
    print(f"\nNext: cd {args.folder} && mkdocs serve   (preview at http://127.0.0.1:8000/)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
