"""Security headers computed from the pages themselves.

The Content Security Policy allows exactly the inline scripts a page contains (by their
SHA-256 hash) and nothing from any other host. It is written into every page as a
``<meta http-equiv>`` tag so that hosts without header control (GitHub Pages, a USB stick)
get it too, and into header files for hosts that read them.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")

# Directives that do not depend on the page. 'self' is the site's own origin; nothing else.
BASE_POLICY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    # The site has no form that sends anything anywhere: this also stops the search box
    # from putting the search terms into the address bar when JavaScript is off.
    "form-action": ["'none'"],
}

# Only valid as an HTTP header (browsers ignore them in a <meta> tag).
HEADER_ONLY = {"frame-ancestors": ["'none'"]}


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _runnable_inline_scripts(html: str):
    """The bodies of the scripts a page runs inline (JSON data blocks are not run)."""
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs):
            continue
        kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs)
        if kind and kind.group(1).lower() in _DATA_TYPES:
            continue
        yield match.group("body")


def inline_script_hashes(html: str) -> list[str]:
    """Hashes of the scripts the page runs inline."""
    return sorted({_sha256(body) for body in _runnable_inline_scripts(html)})


def inline_style_hashes(html: str) -> list[str]:
    return sorted({_sha256(m.group("body")) for m in _INLINE_STYLE.finditer(html)})


def policy_for(html: str, *, header: bool = False, offline: bool = False) -> str:
    """The Content Security Policy for one page, as a header value.

    `offline` (a copy opened from file://): search runs in an iframe whose inline script names
    the folder the copy was unzipped to, so no hash can be known in advance; scripts inline in
    the site's own files are allowed instead. Nothing from any other origin is, still.
    """
    scripts = ["'unsafe-inline'"] if offline else inline_script_hashes(html)
    return _render(scripts, inline_style_hashes(html), header=header)


def _render(scripts, styles, *, header: bool) -> str:
    policy = {key: list(values) for key, values in BASE_POLICY.items()}
    policy["script-src"] = ["'self'", *sorted(scripts)]
    policy["style-src"] = ["'self'", *sorted(styles)]
    if header:
        policy.update(HEADER_ONLY)
    return "; ".join(f"{key} {' '.join(values)}" for key, values in policy.items())


def insert_policy_meta(html: str, *, offline: bool = False) -> str:
    """Write the page's policy as the first element of <head>, before any script runs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, offline=offline)}">'
    head = re.search(r"<head\b[^>]*>", html, re.I)
    if head is None:
        raise ValueError("the page has no <head>")
    return html[: head.end()] + meta + html[head.end():]


# Headers for hosts that read a headers file (Netlify, Cloudflare Pages) or a server config.
# The policy there is the union of every page's needs, computed by the caller.
STATIC_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


# Sent when the site is served over HTTPS (a setting turns it off until it is): browsers then never
# use plain http:// for it, where a network could see or change the pages.
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"

# Every file that is not a page or a script (pictures, the logo, data, the search index, the
# sitemap), opened on its own: it runs nothing and loads nothing from anywhere (`sandbox` also
# stops scripts that a picture might carry). Scripts keep the pages' policy: the search worker
# runs under its own file's policy.
FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
FILE_SUFFIXES = ("svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "json", "csv", "xml", "txt", "css",
                 "woff", "woff2", "map", "gz", "zip", "pdf", "conf")


def site_policy(pages_html: list[str]) -> str:
    """One policy that allows every inline script and style found on any page (for header files)."""
    scripts: set[str] = set()
    styles: set[str] = set()
    for html in pages_html:
        scripts.update(inline_script_hashes(html))
        styles.update(inline_style_hashes(html))
    return _render(scripts, styles, header=True)


def netlify_headers(headers: dict[str, str], *, admin: dict[str, str] | None = None, top: list[str] = ()) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the headers on every path, and for files that
    are not pages the file policy (a later rule: hosts that merge it with the pages' policy
    enforce both, and hosts that let it replace the pages' policy enforce it alone).

    With the web editor (`admin`: its headers), these hosts would add the pages' policy to the
    editor's too, and a browser enforces both: so the pages' headers go on each of the site's
    other top-level names (`top`, folders ending in "/") instead of `/*`, and the editor's on
    `/admin/*` alone."""
    lines = ["# Security headers (generated by the build; do not edit)."]
    paths = ["/*"] if admin is None else ["/", *[p for name in top if name.rstrip("/") != "admin"
                                                 for p in ((f"/{name.rstrip('/')}", f"/{name}*")
                                                           if name.endswith("/") else (f"/{name}",))]]
    for path in paths:
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    if admin is not None:
        for path in ("/admin", "/admin/*"):
            lines.append(path)
            lines += [f"  {name}: {value}" for name, value in admin.items()]
    for suffix in FILE_SUFFIXES:
        lines += [f"/*.{suffix}", f"  Content-Security-Policy: {FILE_POLICY}"]
    return "\n".join(lines) + "\n"


def nginx_headers(headers: dict[str, str], not_found: list[tuple[str, str]], *,
                  admin: dict[str, str] | None = None, admin_prefix: str = "/admin/") -> str:
    """An nginx snippet to `include` inside the server block that serves the site: the headers,
    the file policy for files that are not pages, and each language's own 404 page
    (`not_found`: (address prefix, its 404 page), the default language's last).

    nginx drops a level's inherited add_header lines when it has add_header lines of its own,
    so the block for files repeats them all; it is nested in each language's block too, so a
    missing file there gets that language's 404 page."""
    file_headers = dict(headers, **{"Content-Security-Policy": FILE_POLICY})
    files = [f"location ~* \\.({'|'.join(FILE_SUFFIXES)})$ {{",
             *[f"    add_header {name} \"{value}\" always;" for name, value in file_headers.items()], "}"]
    lines = ["# Security headers and 404 pages (generated by the build; do not edit).",
             "# Use: include /path/to/site/_headers.nginx.conf; inside your server { } block."]
    lines += [f"add_header {name} \"{value}\" always;" for name, value in headers.items()]
    *languages, (_, default_page) = not_found
    lines.append(f"error_page 404 {default_page};")
    for prefix, page in languages:
        lines += [f"location {prefix} {{", f"    error_page 404 {page};", *[f"    {line}" for line in files], "}"]
    lines += files
    if admin is not None:  # the web editor: its own headers only (nginx inherits none into it)
        lines += [f"location ^~ {admin_prefix} {{", *[f"    add_header {name} \"{value}\" always;"
                                                   for name, value in admin.items()], "}"]
    return "\n".join(lines) + "\n"


# -----------------------------------------------------------------------------
# Which inline scripts may run
# -----------------------------------------------------------------------------

_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>.*?)</script>", re.S)
_TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
# What a template expression inside a script may become: a value that cannot leave its string.
_EXPRESSION_VALUE = r"[A-Za-z0-9_./:#?=&%~-]*"


def allowed_inline_scripts(template_sources: list[str]) -> list[re.Pattern]:
    """The inline scripts the theme's templates can write, as patterns: known before any page is
    built, from the templates alone, so nothing that content brings in can widen them."""
    patterns = []
    for source in template_sources:
        for match in _TEMPLATE_SCRIPT.finditer(source):
            pieces = _TEMPLATE_EXPRESSION.split(match.group("body"))
            patterns.append(re.compile(_EXPRESSION_VALUE.join(re.escape(piece) for piece in pieces), re.S))
    return patterns


def foreign_inline_scripts(html: str, allowed: list[re.Pattern]) -> list[str]:
    """The bodies of the inline scripts a page would run that no allowed pattern produces."""
    return [body for body in _runnable_inline_scripts(html) if not any(p.fullmatch(body) for p in allowed)]
