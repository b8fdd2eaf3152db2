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


def inline_script_hashes(html: str) -> list[str]:
    """Hashes of the scripts the page runs inline (JSON data blocks are not run, so not listed)."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs):
            continue
        kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs)
        if kind and kind.group(1).lower() in _DATA_TYPES:
            continue
        hashes.append(_sha256(match.group("body")))
    return sorted(set(hashes))


def inline_style_hashes(html: str) -> list[str]:
    return sorted({_sha256(m.group("body")) for m in _INLINE_STYLE.finditer(html)})


def policy_for(html: str, *, header: bool = False) -> str:
    """The Content Security Policy for one page, as a header value."""
    return _render(inline_script_hashes(html), inline_style_hashes(html), header=header)


def _render(scripts, styles, *, header: bool) -> str:
    policy = {key: list(values) for key, values in BASE_POLICY.items()}
    policy["script-src"] = ["'self'", *sorted(scripts)]
    policy["style-src"] = ["'self'", *sorted(styles)]
    if header:
        policy.update(HEADER_ONLY)
    return "; ".join(f"{key} {' '.join(values)}" for key, values in policy.items())


def insert_policy_meta(html: str) -> str:
    """Write the page's policy as the first element of <head>, before any script runs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
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


def site_policy(pages_html: list[str]) -> str:
    """One policy that allows every inline script and style found on any page (for header files)."""
    scripts: set[str] = set()
    styles: set[str] = set()
    for html in pages_html:
        scripts.update(inline_script_hashes(html))
        styles.update(inline_style_hashes(html))
    return _render(scripts, styles, header=True)
