"""The web editor's configuration (Decap CMS, ``admin/config.yml``), made from the project's
JSON Schemas and languages, so nothing about a field is written twice.

Each schema property becomes an editor field: enums as selects (several for a list of them),
dates as dates, patterns as patterns with the schema's description as the message, numbers
with their limits, descriptions as hints, required as required. A text in several languages
(``definitions.schema.json#/$defs/text``) is one field per language, English first, so a
translator sees the English above their own language. Pages are one folder per language
(``i18n`` with ``multiple_folders``), their front matter from ``page.schema.json``.

It uses only what Decap CMS and Sveltia CMS both read, so switching editors is one line. Saving
opens a pull request (``publish_mode: editorial_workflow``); the pull-request check then checks
what no schema can say.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from . import paths

SCHEMA_DIR = paths.package_root() / "data" / "schema"
UI_DIR = paths.package_root() / "data" / "ui"
TEXT_REF = "definitions.schema.json#/$defs/text"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# The file formats admin/aftercare-editor.js registers: each saves a change in place, keeping the
# rest of the file as written (comments, quoting, folded texts, list style).
DATA_FORMAT, PAGE_FORMAT = "aftercare-yaml", "aftercare-frontmatter"
# What an editor sees as the name of each field: the key, in words.
_LABELS = {"url": "Address", "id": "Id", "sms_body": "SMS text", "24-7": "24/7"}


class _Schemas:
    def __init__(self, folder: Path):
        self.files = {path.name: json.loads(path.read_text(encoding="utf-8"))
                      for path in sorted(folder.glob("*.schema.json"))}

    def resolve(self, node: dict, here: str) -> tuple[dict, str]:
        """The schema a `$ref` points to (its description kept if the referring node has one)."""
        while "$ref" in node:
            ref = node["$ref"]
            file, _, pointer = ref.partition("#")
            file = file or here
            target = self.files[file]
            for part in pointer.strip("/").split("/") if pointer else []:
                target = target[part]
            merged = dict(target)
            if "description" in node:
                merged["description"] = node["description"]
            node, here = merged, file
        return node, here


def _label(key: str) -> str:
    return _LABELS.get(key, key.replace("_", " ").replace("-", " ").capitalize())


def _is_text(node: dict, here: str) -> bool:
    ref = node.get("$ref", "")
    return ref == TEXT_REF or (ref.startswith("#") and f"{here}{ref}" == TEXT_REF)


def field(schemas: _Schemas, key: str, node: dict, here: str, *, required: bool, languages: list[str]) -> dict:
    """One editor field for one schema property."""
    text = _is_text(node, here)
    described = node.get("description")
    node, here = schemas.resolve(node, here)
    out: dict = {"name": key, "label": _label(key), "required": required}
    hint = described or node.get("description")
    if hint:
        out["hint"] = hint
    if text:
        out["widget"] = "object"
        # English is needed once there is a text; an optional text left out needs nothing (Decap
        # CMS checks the fields of a group even when the group is left empty).
        out["fields"] = [{"name": code, "label": code, "widget": "text", "required": required and code == languages[0]}
                         for code in languages]
        return out
    kind = node.get("type")
    if "enum" in node:
        out.update(widget="select", options=list(node["enum"]))
        if "default" in node:
            out["default"] = node["default"]
        return out
    if kind == "array":
        items, items_here = schemas.resolve(node.get("items", {}), here)
        if "enum" in items:
            out.update(widget="select", multiple=True, options=list(items["enum"]))
        elif items.get("type") == "object":
            out.update(widget="list", fields=_fields(schemas, items, items_here, languages))
            # What a folded item shows: a phone its number (or short code), a source its address.
            shown = [key for key in ("id", "number", "short_code", "url", "type") if key in items.get("properties", {})]
            if shown:
                out["summary"] = "".join("{{fields." + key + "}}" for key in shown[:2 if shown[0] == "number" else 1])
        else:
            out.update(widget="list", field=field(schemas, "item", node.get("items", {}), here, required=True,
                                                  languages=languages))
            out["field"].pop("label", None)
        if node.get("minItems"):
            out["min"] = node["minItems"]
        return out
    if kind == "object":
        out.update(widget="object", fields=_fields(schemas, node, here, languages, optional=not required))
        return out
    if kind == "boolean":
        out["widget"] = "boolean"
        if "default" in node:
            out["default"] = node["default"]
        return out
    if kind in ("integer", "number"):
        out.update(widget="number", value_type="int" if kind == "integer" else "float")
        for source, target in (("minimum", "min"), ("maximum", "max")):
            if source in node:
                out[target] = node[source]
        return out
    if node.get("format") == "date" or node.get("pattern") == DATE_PATTERN:
        out.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False)
        return out
    out["widget"] = "string"
    if "pattern" in node:
        out["pattern"] = [node["pattern"], hint or "This is not in the form the help text gives"]
    return out


def _fields(schemas: _Schemas, node: dict, here: str, languages: list[str], *, optional: bool = False) -> list[dict]:
    """The fields of a group. In an optional group nothing is marked required: the pull-request
    check still says what a group, once given, must hold."""
    required = set() if optional else set(node.get("required", []))
    return [field(schemas, key, child, here, required=key in required, languages=languages)
            for key, child in node.get("properties", {}).items()]


def generate(languages: list[str], default: str, *, repo: str | None = None, branch: str = "main",
             schema_dir: Path = SCHEMA_DIR, ui_dir: Path = UI_DIR) -> dict:
    """The configuration, as a plain dict (written as YAML by the caller)."""
    schemas = _Schemas(schema_dir)
    ordered = [default, *[code for code in languages if code != default]]
    page = schemas.files["page.schema.json"]
    page_fields = []
    for key, node in page["properties"].items():
        made = field(schemas, key, node, "page.schema.json", required=False, languages=ordered)
        # Titles and descriptions are written in each language; the rest is the same in all.
        # A value the same in every language is copied from the default one ("duplicate"); Decap
        # CMS copies only single values, so a list or a group of fields is kept per language.
        single = made.get("widget") not in ("list", "object") and not made.get("multiple")
        made["i18n"] = True if key in ("title", "description", "translation") or not single else "duplicate"
        page_fields.append(made)
    # The text as written (Markdown), never turned into rich text and back: that would rewrap and
    # rewrite every paragraph of the page, not only the one changed.
    # After the title and description, before the settings an editor rarely changes.
    page_fields.insert(2, {"name": "body", "label": "Page", "widget": "markdown", "modes": ["raw"], "i18n": True})
    collections = [
        {"name": "pages", "label": "Pages", "label_singular": "Page", "folder": "docs", "extension": "md",
         "format": PAGE_FORMAT, "create": True, "i18n": True,
         "summary": "{{title}}", "fields": page_fields},
    ]
    for name, schema_file, folder, identifier in (("hotlines", "hotlines.schema.json", "data/hotlines", "country"),
                                                  ("providers", "provider.schema.json", "data/providers", "id")):
        schema = schemas.files[schema_file]
        collections.append({
            "name": name, "label": schema.get("title", name), "folder": folder, "extension": "yml",
            "format": DATA_FORMAT, "create": True, "identifier_field": identifier, "slug": "{{" + identifier + "}}",
            "description": schema.get("description", ""),
            "fields": _fields(schemas, schema, schema_file, ordered)})
    collections.append(_interface_strings(ui_dir, ordered))
    return {
        "backend": {"name": "github", **({"repo": repo} if repo else {}), "branch": branch},
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/" + default + "/images",
        "public_folder": "images",
        "i18n": {"structure": "multiple_folders", "locales": ordered, "default_locale": default},
        "collections": collections,
    }


def _interface_strings(ui_dir: Path, languages: list[str]) -> dict:
    """The interface strings, one file per language (data/ui/<lang>.yml), laid out as the default
    language's file; each field of another language shows the default language's text as its
    hint, so a translator sees what to translate. A key left empty falls back to that text."""
    default = languages[0]
    tree = yaml.safe_load((ui_dir / f"{default}.yml").read_text(encoding="utf-8")) or {}

    def fields(node: dict, shown: bool) -> list[dict]:
        made = []
        for key, value in node.items():
            field = {"name": str(key), "label": _label(str(key)), "required": False}
            if isinstance(value, dict):
                field.update(widget="object", collapsed=True, fields=fields(value, shown))
            else:
                text = str(value)
                field["widget"] = "text" if len(text) > 70 or "\n" in text else "string"
                if shown:
                    field["hint"] = f"{default}: {text}"
            made.append(field)
        return made

    return {"name": "ui", "label": "Interface strings", "format": DATA_FORMAT, "extension": "yml",
            "files": [{"name": code, "label": f"Interface strings ({code})", "file": f"data/ui/{code}.yml",
                       "fields": fields(tree, code != default)} for code in languages]}
