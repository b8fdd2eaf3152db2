"""Facts about languages that the site needs: writing direction and display names."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

# CLDR names a few languages differently from the two-letter codes editors use.
_CLDR_ALIASES = {"tl": "fil"}


@lru_cache(maxsize=None)
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(_CLDR_ALIASES.get(code, code).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def direction(code: str) -> str:
    """``"rtl"`` for languages written right to left (Arabic, Hebrew, Dari, ...), else ``"ltr"``."""
    locale = _locale(code)
    if locale is not None and locale.character_order == "right-to-left":
        return "rtl"
    return "ltr"


def is_known(code: str) -> bool:
    """True when CLDR knows the language code (used to catch typos such as ``sp`` for ``es``)."""
    return _locale(code) is not None


def babel_locale(code: str) -> Locale | None:
    """The CLDR locale for a language code (for country names and dates), or None if unknown."""
    return _locale(code)
