"""The JSON Schema given to editors agrees with the validator, and scaffolds show every field."""
from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from site_builder.content import schema
from site_builder.content.scaffold import SCAFFOLDS

from .conftest import BASE_DATA, REPO


@pytest.mark.parametrize("kind", ["plan", "decision", "message", "consultation"])
def test_scaffold_lists_every_field_of_the_schema(kind):
    text = SCAFFOLDS[kind]
    for field in schema.COLLECTIONS[kind]:
        assert re.search(rf"^\s*-?\s*{field}:", text, re.M), f"{kind} scaffold lacks '{field}'"


def test_schema_command_writes_valid_schemas_that_accept_the_example_data(make_site, tmp_path):
    site = make_site(BASE_DATA)
    site.run("schema", "--out", str(tmp_path / "schema"), check_exit=0)
    for kind in ("body", "award", "unit", "campaign"):
        data_schema = json.loads((tmp_path / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(data_schema)
        name = {"body": "bodies", "award": "awards", "unit": "units", "campaign": "campaigns"}[kind]
        data = yaml.safe_load((REPO / "content" / "data" / f"{name}.yml").read_text(encoding="utf-8"))
        # YAML dates become strings as in our loader; the schema checks their pattern
        jsonschema.validate(json.loads(json.dumps(data, default=str)), data_schema)


def test_plan_schema_rejects_what_check_rejects(tmp_path):
    plan_schema = schema.json_schema("plan")
    good = {"issuer": "x", "date": "2021-09", "title": "T", "signer": {"title": "CHỦ TỊCH", "name": "A"}}
    jsonschema.validate(good, plan_schema)
    for bad in ({**good, "plase": "Tây"}, {**good, "date": "31/9/2021"}, {k: v for k, v in good.items() if k != "title"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, plan_schema)
