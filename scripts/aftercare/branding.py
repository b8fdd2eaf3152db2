"""An organisation's settings for its branded copy, checked before anything is built.

They live under ``extra.aftercare`` in the organisation's own config file, which starts with
``INHERIT:`` the project's mkdocs.yml (see ORGANISATIONS.md). Anything not set keeps
the project's default.

    extra:
      aftercare:
        languages: [en, es]          # a subset of the languages the project builds
        countries: [US, MX]          # whose hotlines and providers to show
        default_country: US          # chosen first on "Get help now"
        brand:
          primary: "#4a2c6f"         # header, links; white text must be readable on it
          exit: "#a1261c"            # the Exit button
        logo: brand/logo.svg         # files beside the organisation's config
        favicon: brand/favicon.svg
        docs_overlay: docs           # pages of its own, e.g. docs/en/about.md
        extra_data: [data]           # hotlines/ and providers/ of its own
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

WHITE_TEXT_CONTRAST = 4.5  # WCAG 2.2 AA, normal text


@dataclass
class Branding:
    languages: list[str] | None = None
    countries: list[str] | None = None
    default_country: str | None = None
    css: str = ""  # custom properties for the brand colours ("" to keep the defaults)
    logo: Path | None = None
    favicon: Path | None = None
    docs_overlay: Path | None = None
    extra_data: list[Path] = field(default_factory=list)
    strict_transport_security: bool = True  # false only while the site is not yet on HTTPS
    editor: dict | None = None  # {"repo": "owner/name", "branch": ...}: the web editor is published
    # The files and folders the settings name, as written (made absolute, links not followed).
    named: list[Path] = field(default_factory=list)


class SettingsError(ValueError):
    """A wrong setting, with the key path and how to fix it in the message."""


def _brand_css(brand: dict, where: str) -> str:
    unknown = sorted(set(brand) - {"primary", "exit"})
    if unknown:
        raise SettingsError(f"{where}.{unknown[0]}: unknown colour (known: primary, exit)")
    if not brand:
        return ""
    # Imported here: coloraide takes a noticeable share of a build's start-up, and only sites
    # that set their own colours need it.
    from coloraide import Color

    lines = []
    for key, value in brand.items():
        try:
            colour = Color(str(value))
        except ValueError:
            raise SettingsError(f"{where}.{key}: {value!r} is not a colour; write it like \"#4a2c6f\"") from None
        contrast = colour.contrast("white", method="wcag21")
        if contrast < WHITE_TEXT_CONTRAST:
            darker = colour.clone()
            while darker.contrast("white", method="wcag21") < WHITE_TEXT_CONTRAST:
                darker = darker.mix("black", 0.05, space="srgb")
            raise SettingsError(
                f"{where}.{key}: {value} has a contrast of {contrast:.1f}:1 with white text, and WCAG AA needs "
                f"{WHITE_TEXT_CONTRAST}:1. Choose a darker colour, for example {darker.to_string(hex=True)}")
        hex_value = colour.to_string(hex=True)
        shade = colour.mix("black", 0.25, space="srgb").to_string(hex=True)
        if key == "primary":
            lines += [f"--md-primary-fg-color:{hex_value}", f"--md-primary-fg-color--dark:{shade}",
                      f"--md-accent-fg-color:{hex_value}", f"--md-typeset-a-color:{hex_value}"]
        else:
            lines += [f"--aftercare-exit-bg:{hex_value}", f"--aftercare-exit-bg-hover:{shade}"]
    return ":root{" + ";".join(lines) + "}" if lines else ""
