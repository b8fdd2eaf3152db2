"""What editors' text may carry into a page: an allowlist of HTML, checked with a real parser.

Markdown pages, their front matter, interface strings and settings are written by editors and
by outside contributors' pull requests. None of them needs to run a script, load anything from
another host, send the reader elsewhere by itself, or change how the page is read; anything
that could is refused, with the file, the line and how to fix it.

The checks parse HTML with the standard library's HTML parser (the tokenizer of the HTML
standard as Python implements it), never with regular expressions over markup.
"""

from __future__ import annotations

import html as html_module
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown

from .errors import Problem

# Elements a guide may use (most come from Markdown itself; a few are written by hand).
ALLOWED_ELEMENTS = frozenset("""
    a abbr b blockquote br caption cite code col colgroup dd del details div dl dt em figcaption
    figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark ol p pre q s samp small span
    strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr
""".split())
# input and label only as Markdown's tabbed blocks write them (type="radio"); see _check_input.
ALLOWED_ATTRIBUTES = frozenset("""
    abbr align alt checked class colspan datetime dir for headers height href id lang markdown
    name open rel reversed rowspan scope span src start tabindex title type value width
""".split()) | {"aria-hidden", "aria-label", "aria-labelledby", "aria-describedby", "role"}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# The fix for each kind of element that is refused.
_WHY = {
    "script": "pages may not run scripts",
    "noscript": "pages may not carry script fallbacks",
    "style": "styles belong in overrides/assets/aftercare.css",
    "link": "pages may not load other files",
    "meta": "a <meta> tag can send the reader to another address or change the page's rules",
    "base": "a <base> tag changes where every link on the page goes",
    "iframe": "frames load pages from other hosts",
    "frame": "frames load pages from other hosts",
    "frameset": "frames load pages from other hosts",
    "object": "embedded objects load content from other hosts",
    "embed": "embedded objects load content from other hosts",
    "form": "the site has no forms: nothing a reader types may be sent anywhere",
    "button": "the site has no forms: nothing a reader types may be sent anywhere",
    "select": "the site has no forms: nothing a reader types may be sent anywhere",
    "textarea": "the site has no forms: nothing a reader types may be sent anywhere",
    "svg": "inline SVG can carry scripts; use an image file in the site",
    "math": "MathML can carry links and scripts",
    "video": "media would be loaded as the page opens",
    "audio": "media would be loaded as the page opens",
    "source": "media would be loaded as the page opens",
    "template": "templates are for scripts",
}


@dataclass(frozen=True)
class Finding:
    """Something refused in a piece of HTML: where (1-based, in the HTML) and why."""

    line: int
    column: int
    what: str  # e.g. "<script>" or 'href="javascript:..."'
    message: str


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def _add(self, what: str, message: str) -> None:
        line, offset = self.getpos()
        self.findings.append(Finding(line, offset + 1, what, message))

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag: str, attrs) -> None:
        if tag not in ALLOWED_ELEMENTS:
            why = _WHY.get(tag, "it is not one of the elements pages may use")
            self._add(f"<{tag}>", f"<{tag}> is not allowed: {why}. Remove it, or write the content in Markdown")
            return
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._add(f"{name}=", f"the attribute {name} runs a script: remove it")
            elif name in ("style", "srcset", "formaction", "action", "background", "poster", "ping", "xmlns"):
                self._add(f"{name}=", f"the attribute {name} can load files from other hosts: remove it")
            elif name not in ALLOWED_ATTRIBUTES and not name.startswith("data-"):
                self._add(f"{name}=", f"the attribute {name} is not allowed on <{tag}>: remove it")
            elif name in URL_ATTRIBUTES:
                problem = url_problem(value, loads=(name == "src"))
                if problem:
                    self._add(f'{name}="{value}"', problem)
        if tag == "input":
            kinds = {name: value for name, value in attrs}
            if kinds.get("type") not in ("radio", "checkbox"):
                self._add("<input>", "<input> is not allowed: the site has no forms; nothing a reader types may be sent anywhere")


def url_problem(url: str, *, loads: bool = False) -> str | None:
    """Why a link (or, with `loads`, an embedded file) may not be on a page, or None."""
    cleaned = "".join(c for c in url if not unicodedata.category(c).startswith("C") and not c.isspace())
    parts = urlsplit(cleaned)
    scheme = parts.scheme.lower()
    if scheme in ("javascript", "vbscript", "data", "file", "blob"):
        return f"{scheme}: addresses are not allowed: link to a page instead"
    if cleaned != url.strip():
        return "the address contains spaces or invisible characters: copy it again"
    if parts.username is not None or parts.password is not None:
        return f"the address has a user name before '@', so it leads to {parts.hostname}: give the page's own address"
    if scheme == "mailto" and ("?" in url or "," in parts.path):
        return "a mailto: address may not add subjects, copies or more recipients: give one address only"
    if loads and (scheme or url.startswith("//")):
        return "images must be files of this site (a relative path): an image from another host tells it who reads the page"
    if scheme not in ("", "https", "http", "mailto", "tel", "sms"):
        return f"{scheme}: addresses are not allowed: use https://, mailto:, tel: or sms:"
    return None


def check_html(html: str) -> list[Finding]:
    """Every element, attribute and address in a piece of HTML that pages may not carry."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.findings


def markup_problem(text: str) -> str | None:
    """For plain text (titles, interface strings, settings): why it cannot go into a page, or None.

    Markdown in it is fine ([a link](page.md)); HTML is not, and neither are invisible
    direction controls."""
    for char in text:
        if unicodedata.category(char) == "Cf" and char not in "\u200c\u200d":
            return (f"contains U+{ord(char):04X} ({unicodedata.name(char, '?').lower()}), an invisible character "
                    "that changes how text shows: delete it")
    if not any(mark in text for mark in _MARKUP):
        return None  # plain words: Markdown makes no link, image or tag of them (most strings)
    raw = _Tags()
    raw.feed(text)
    raw.close()
    if raw.tags:
        return f"contains the HTML tag <{raw.tags[0]}>: write plain text (Markdown links are fine)"
    for finding in check_html(markdown.markdown(text)):
        return finding.message
    return None


# What a text needs before Markdown can turn it into a link, an image, a tag or an entity.
_MARKUP = ("<", "[", "&", "`")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_comment(self, data):
        self.tags.append("!--")


# -----------------------------------------------------------------------------
# Pages
# -----------------------------------------------------------------------------

def check_page_html(html: str, source: str, shown: str) -> list[Problem]:
    """The HTML a page's Markdown became, held to the allowlist; each finding located in the
    Markdown source (the first line that holds what was refused)."""
    problems = []
    for finding in check_html(html):
        needle = finding.what.split("=")[0].strip('"') if finding.what.endswith("=") else finding.what
        line, column = _place_of(source, needle.rstrip(">") if needle.startswith("<") else needle)
        if not line and "=" in finding.what:
            line, column = _place_of(source, finding.what.split("=", 1)[1].strip('"'))
        problems.append(Problem(shown, line or 1, column or 1, "", finding.message))
    return problems


def _line_of(text: str, needle: str) -> int:
    return _place_of(text, needle)[0]


_INVISIBLE_IN_URLS = re.compile(r"[\t\n\r]")  # browsers drop these inside an address


_CODE_OR_COMMENT = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$|<!--.*?-->|(`+)[^`\n].*?\2", re.S | re.M)


def _place_of(text: str, needle: str) -> tuple[int, int]:
    """(line, column) of what was refused in the source: as written, or written with character
    references or tabs (`jav&#x09;ascript:`) that the HTML parser decoded; (0, 0) when not found.
    Code (fenced blocks, `spans`) and comments, which show markup without making it, are passed
    over: what was refused is the markup that stands outside them."""
    text = _CODE_OR_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    lowered = text.lower()
    at = lowered.find(needle.lower())
    if at >= 0:
        return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    wanted = _INVISIBLE_IN_URLS.sub("", needle).lower()
    for number, line in enumerate(text.split("\n"), 1):
        decoded = _INVISIBLE_IN_URLS.sub("", html_module.unescape(line)).lower()
        if wanted and wanted in decoded:
            # The column of the tag that holds it (the first `<` before it on the line), or 1.
            start = line.find("<")
            return number, (start + 1) if start >= 0 else 1
    return 0, 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
