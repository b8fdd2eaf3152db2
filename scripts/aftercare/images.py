"""Pictures editors and organisations supply, safe to open on their own.

A reader may open the logo or a picture directly (a long press, "open image in new tab"); then
it is a document of its own, and an SVG document can run scripts and load other files. So:

- an SVG is parsed by defusedxml (no entity expansion, no external entities or DTDs) and held
  to an allowlist of drawing elements and attributes: no script, event attribute, link,
  animation, foreignObject or reference to another file or address; what is not allowed is
  refused with its line, column and reason (the file is published byte for byte when it passes);
- a raster picture must be what its name says (a PNG that is really a web page is refused).

Messages name elements and attributes, never the file's text.
"""

from __future__ import annotations

import io
import re
import xml.sax
from pathlib import Path

import defusedxml.sax
from defusedxml import DefusedXmlException

from .errors import Problem

RASTER_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".ico": (b"\x00\x00\x01\x00",),
}
IMAGE_SUFFIXES = frozenset({".svg", ".webp", ".avif", *RASTER_MAGIC})

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Drawing editors' own notes (Inkscape, Sodipodi, RDF metadata): never drawn, never run.
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/", "http://ns.adobe.com/Graphs/1.0/",
})

ELEMENTS = frozenset("""
svg g defs desc title metadata symbol use switch path rect circle ellipse line polyline polygon
text tspan textPath linearGradient radialGradient stop clipPath mask pattern marker image style
filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting
feSpotLight feTile feTurbulence
""".split())

# Why the elements most often met outside the allowlist are refused.
REFUSED_ELEMENTS = {
    "script": "a picture may not run scripts",
    "foreignObject": "it can hold a web page, with scripts and forms",
    "a": "a picture may not hold links",
    "animate": "animation can change a link or an address",
    "set": "animation can change a link or an address",
    "animateMotion": "animation can change a link or an address",
    "animateTransform": "animation can change a link or an address",
    "feImage": "it loads another file",
    "iframe": "it opens another page",
    "embed": "it opens another file",
    "object": "it opens another file",
}

ATTRIBUTES = frozenset("""
id class style lang tabindex role focusable version baseProfile transform x y x1 y1 x2 y2 cx cy r rx ry
fx fy fr width height viewBox preserveAspectRatio d points pathLength fill fill-opacity fill-rule
stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset
stroke-opacity opacity color display visibility overflow clip clip-path clip-rule mask filter
font-family font-size font-size-adjust font-weight font-style font-variant font-stretch font
text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
text-decoration writing-mode direction unicode-bidi dx dy rotate lengthAdjust textLength
startOffset method spacing side gradientUnits gradientTransform spreadMethod offset stop-color
stop-opacity patternUnits patternContentUnits patternTransform clipPathUnits maskUnits
maskContentUnits markerWidth markerHeight markerUnits refX refY orient marker-start marker-mid
marker-end filterUnits primitiveUnits in in2 result stdDeviation mode type values operator k1 k2 k3
k4 radius flood-color flood-opacity lighting-color color-interpolation color-interpolation-filters
color-rendering shape-rendering text-rendering image-rendering vector-effect paint-order isolation
mix-blend-mode enable-background tableValues slope intercept amplitude exponent baseFrequency
numOctaves seed stitchTiles surfaceScale diffuseConstant specularConstant specularExponent
kernelMatrix order divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha scale
xChannelSelector yChannelSelector azimuth elevation z pointsAtX pointsAtY pointsAtZ
limitingConeAngle requiredFeatures requiredExtensions systemLanguage media href
""".split())

_ARIA_OR_DATA = re.compile(r"(aria|data)-[a-z0-9-]+\Z")
_LOCAL_REFERENCE = re.compile(r"\s*#[^\s\"'()]*\s*\Z")
_EMBEDDED_PICTURE = re.compile(r"\s*data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")
# CSS that loads something or runs something: any url() but a reference inside the picture
# (url(#gradient)), @import, and old script hooks.
_CSS_LOADS = re.compile(r"url\s*\(\s*(?![\"']?\s*#)|@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding",
                        re.I)


_DEFUSED = {
    "EntitiesForbidden": "the picture declares entities (<!ENTITY ...>)",
    "ExternalReferenceForbidden": "the picture's <!DOCTYPE ...> (or an entity) names an outside file",
    "DTDForbidden": "the picture has a <!DOCTYPE ...>",
    "NotSupportedError": "the picture uses an XML feature that is not allowed",
}


def check(path: Path, shown: str) -> list[Problem]:
    """The problems that keep a picture off the site (none: it is published as it is)."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return [Problem(shown, 0, 0, "", f"a picture must be one of {', '.join(sorted(IMAGE_SUFFIXES))}: "
                                         "save it in one of these formats")]
    if suffix == ".svg":
        return svg_problems(path.read_bytes(), shown)
    with path.open("rb") as file:
        head = file.read(12)  # what a raster picture starts with is all it takes (photos are large)
    if not _is(suffix, head):
        return [Problem(shown, 0, 0, "", f"this file is not a {suffix[1:].upper()} picture, whatever its name says: "
                                         f"save the picture as {suffix[1:].upper()} again, or give it its right name")]
    return []


def _is(suffix: str, head: bytes) -> bool:
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == ".avif":
        return head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")
    return head.startswith(RASTER_MAGIC[suffix])


def svg_problems(data: bytes, shown: str) -> list[Problem]:
    handler = _Allowlist(shown)
    parser = defusedxml.sax.make_parser()  # no entities, no external references or DTDs are read
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setContentHandler(handler)
    try:
        parser.parse(io.BytesIO(data))
    except DefusedXmlException as error:
        handler.add(_DEFUSED.get(type(error).__name__, "the picture declares something that is not allowed")
                    + ": remove it, or export the picture again as plain SVG")
    except _Stop:
        pass
    except xml.sax.SAXParseException as error:
        handler.problems.append(Problem(shown, error.getLineNumber() or 0, (error.getColumnNumber() or 0) + 1, "",
                                        f"this is not a well-formed SVG file ({error.getMessage()}): "
                                        "export it again as plain SVG"))
    return handler.problems


class _Stop(Exception):
    """Not an SVG picture at all: nothing more to say about it."""


class _Allowlist(xml.sax.handler.ContentHandler):
    def __init__(self, shown: str):
        super().__init__()
        self.shown = shown
        self.problems: list[Problem] = []
        self.root_is_svg: bool | None = None
        self.in_style = 0
        self._locator = None

    def setDocumentLocator(self, locator):  # noqa: N802 - the SAX name
        self._locator = locator

    def add(self, message: str) -> None:
        line = self._locator.getLineNumber() if self._locator else 0
        column = (self._locator.getColumnNumber() + 1) if self._locator else 0
        self.problems.append(Problem(self.shown, line or 0, column if line else 0, "", message))

    def startElementNS(self, name, qname, attrs):  # noqa: N802
        namespace, local = name
        if self.root_is_svg is None:
            self.root_is_svg = namespace == SVG and local == "svg"
            if not self.root_is_svg:
                start = f'<svg xmlns="{SVG}">'
                self.add(f"this SVG picture's <svg> lacks its namespace: write it as {start}" if local == "svg" else
                         f"this is not an SVG picture: it starts with <{local}>, and an SVG picture starts with {start}")
                raise _Stop
        if namespace in EDITOR_NAMESPACES:  # never drawn; what it holds is checked all the same
            for (_, attr), _value in attrs.items():
                if attr.lower().startswith("on"):
                    self.add(f"the attribute {attr} on <{local}> runs a script: remove it")
            return
        if namespace != SVG or local not in ELEMENTS:
            reason = REFUSED_ELEMENTS.get(local, "it is not a drawing element the site allows in pictures")
            shown = local if namespace in (SVG, None) else f"{local} (from {namespace or 'no namespace'})"
            self.add(f"<{shown}> is not allowed in a picture: {reason}. Remove it, or export the picture "
                     "again as plain SVG")
            return
        if local == "style":
            self.in_style += 1
        for (attr_namespace, attr), value in attrs.items():
            self._attribute(local, attr_namespace, attr, value)

    def endElementNS(self, name, qname):  # noqa: N802
        if name == (SVG, "style"):
            self.in_style -= 1

    def processingInstruction(self, target, data):  # noqa: N802 - the SAX name
        if target.lower() == "xml-stylesheet":
            self.add("<?xml-stylesheet ...?> loads another file: remove it, or export the picture again as plain SVG")

    def characters(self, content):
        if self.in_style and _CSS_LOADS.search(content):
            self.add("the picture's <style> loads another file or runs code (url(), @import): "
                     "only references inside the picture, like url(#shade), are allowed")

    def _attribute(self, element: str, namespace: str | None, name: str, value: str) -> None:
        if namespace in EDITOR_NAMESPACES:
            return
        if name.lower().startswith("on"):
            self.add(f"the attribute {name} on <{element}> runs a script: remove it")
        elif (namespace, name) in ((None, "href"), (XLINK, "href")):
            if not (_LOCAL_REFERENCE.match(value) or (element == "image" and _EMBEDDED_PICTURE.match(value))):
                self.add(f"the {'xlink:' if namespace else ''}href of <{element}> refers to another file or address: "
                         "only references inside the picture (#id) and embedded PNG, JPEG, GIF or WebP pictures "
                         "are allowed")
        elif namespace == XML and name in ("space", "lang", "base"):
            if name == "base":
                self.add(f"xml:base on <{element}> changes where addresses point: remove it")
        elif namespace is not None or not (name in ATTRIBUTES or _ARIA_OR_DATA.match(name)):
            self.add(f"the attribute {name} on <{element}> is not one the site allows in pictures: remove it, "
                     "or export the picture again as plain SVG")
        elif name == "style" and _CSS_LOADS.search(value):
            self.add(f"the style of <{element}> loads another file or runs code (url(), @import): only "
                     "references inside the picture, like url(#shade), are allowed")
        elif _CSS_LOADS.search(value) and name in ("fill", "stroke", "filter", "clip-path", "mask", "marker-start",
                                                   "marker-mid", "marker-end", "cursor"):
            self.add(f"the attribute {name} on <{element}> refers to another file or address: only references "
                     "inside the picture, like url(#shade), are allowed")
