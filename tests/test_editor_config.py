"""The web editor's configuration is made from the JSON Schemas (issue 25, first part): every
property of every schema has an editor field of the right kind, so a schema change can never
leave the editor behind."""

from __future__ import annotations

import json

import pytest
import yaml

from aftercare import cmsconfig
from conftest import LANGUAGES


@pytest.fixture(scope="module")
def config():
    return cmsconfig.generate(LANGUAGES, "en")


def _collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def _check(schemas, node, here, made, path):
    """`made` is the editor field for schema `node`: same kind, same options, required alike
    (inside an optional group nothing is required: Decap CMS would ask for the fields of a group
    left empty; the pull-request check says what a group, once given, must hold)."""
    is_text = node.get("$ref") == cmsconfig.TEXT_REF or (here == "definitions.schema.json"
                                                         and node.get("$ref") == "#/$defs/text")
    node, here = schemas.resolve(node, here)
    if is_text:
        assert made["widget"] == "object", path
        assert [f["name"] for f in made["fields"]] == LANGUAGES, path  # English first
        assert [f["required"] for f in made["fields"]] == [made["required"]] + [False] * (len(LANGUAGES) - 1), path
        return
    if "enum" in node:
        assert (made["widget"], made["options"]) == ("select", node["enum"]), path
    elif node.get("type") == "array":
        items, items_here = schemas.resolve(node.get("items", {}), here)
        if "enum" in items:
            assert (made["widget"], made.get("multiple"), made["options"]) == ("select", True, items["enum"]), path
        elif items.get("type") == "object":
            assert made["widget"] == "list", path
            _check_object(schemas, items, items_here, made["fields"], path)
        else:
            assert made["widget"] == "list", path
            _check(schemas, node["items"], here, made["field"], path + "[]")
    elif node.get("type") == "object":
        assert made["widget"] == "object", path
        _check_object(schemas, node if made["required"] else {**node, "required": []}, here, made["fields"], path)
    elif node.get("type") == "boolean":
        assert made["widget"] == "boolean", path
    elif node.get("type") in ("integer", "number"):
        assert made["widget"] == "number", path
        assert (made.get("min"), made.get("max")) == (node.get("minimum"), node.get("maximum")), path
    elif node.get("format") == "date" or node.get("pattern") == cmsconfig.DATE_PATTERN:
        assert (made["widget"], made["format"]) == ("datetime", "YYYY-MM-DD"), path
    else:
        assert made["widget"] == "string", path
        if "pattern" in node:
            assert made["pattern"][0] == node["pattern"], path


def _check_object(schemas, node, here, fields, path):
    by_name = {f["name"]: f for f in fields}
    assert list(by_name) == list(node.get("properties", {})), path  # every property, in order, nothing more
    for key, child in node.get("properties", {}).items():
        assert by_name[key]["required"] == (key in node.get("required", [])), f"{path}.{key}"
        _check(schemas, child, here, by_name[key], f"{path}.{key}")


def test_every_schema_property_has_an_editor_field_of_its_kind(config):
    schemas = cmsconfig._Schemas(cmsconfig.SCHEMA_DIR)
    for name, schema_file in (("hotlines", "hotlines.schema.json"), ("providers", "provider.schema.json")):
        collection = _collection(config, name)
        _check_object(schemas, schemas.files[schema_file], schema_file, collection["fields"], name)
    pages = _collection(config, "pages")
    page_schema = schemas.files["page.schema.json"]
    front = [f for f in pages["fields"] if f["name"] != "body"]
    _check_object(schemas, {**page_schema, "required": []}, "page.schema.json", front, "pages")


def test_pages_are_one_folder_per_language_with_english_first(config):
    assert config["i18n"] == {"structure": "multiple_folders", "locales": LANGUAGES, "default_locale": LANGUAGES[0]}
    pages = _collection(config, "pages")
    assert pages["folder"] == "docs" and pages["i18n"] is True
    translated = {f["name"] for f in pages["fields"] if f.get("i18n") is True}
    # Lists and groups are kept per language (Decap CMS copies only single values); the rest of
    # the front matter is copied from English, as the translation check wants it.
    groups = {f["name"] for f in pages["fields"] if f["widget"] in ("list", "object") or f.get("multiple")}
    assert translated == {"title", "description", "translation", "body"} | groups
    assert {f["name"] for f in pages["fields"] if f.get("i18n") == "duplicate"} == {
        f["name"] for f in pages["fields"]} - translated
    assert pages["format"] == cmsconfig.PAGE_FORMAT and _collection(config, "hotlines")["format"] == cmsconfig.DATA_FORMAT
    # Each save is a pull request, which the pull-request check annotates.
    assert config["publish_mode"] == "editorial_workflow"


def test_a_schema_change_reaches_the_editor(tmp_path):
    """Change a schema: the configuration follows (it is never written by hand)."""
    for path in cmsconfig.SCHEMA_DIR.glob("*.schema.json"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    schema = json.loads((tmp_path / "definitions.schema.json").read_text(encoding="utf-8"))
    schema["$defs"]["tag"]["enum"].append("walk-in")
    (tmp_path / "definitions.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    changed = cmsconfig.generate(LANGUAGES, "en", schema_dir=tmp_path)
    tags = next(f for f in _collection(changed, "providers")["fields"] if f["name"] == "tags")
    assert tags["options"][-1] == "walk-in"


def test_interface_strings_are_one_file_per_language_with_the_english_as_hint(config):
    ui = _collection(config, "ui")
    assert [f["file"] for f in ui["files"]] == [f"data/ui/{code}.yml" for code in LANGUAGES]
    english = yaml.safe_load((cmsconfig.UI_DIR / f"{LANGUAGES[0]}.yml").read_text(encoding="utf-8"))

    def leaves(node, fields, prefix=""):
        by_name = {f["name"]: f for f in fields}
        assert list(by_name) == [str(k) for k in node], prefix  # every key, in the file's order
        for key, value in node.items():
            if isinstance(value, dict):
                yield from leaves(value, by_name[str(key)]["fields"], f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", value, by_name[str(key)]

    for made in ui["files"][1:]:
        for key, value, field in leaves(english, made["fields"]):
            assert field["hint"] == f"{LANGUAGES[0]}: {value}", key
