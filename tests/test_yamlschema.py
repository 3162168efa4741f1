"""Errors in a user's YAML (rule files, the data map) read in the order the user fixes them: file by file, top down."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.ruleset import load_ruleset
from scanner.yamlschema import SchemaError, YamlInvalid


def test_errors_sort_by_line_within_each_file_in_the_order_files_were_read() -> None:
    errors = [SchemaError("b.yaml", 9, "x"), SchemaError("a.yaml", 7, "y"), SchemaError("b.yaml", 2, "z"),
              SchemaError("a.yaml", 3, "w")]
    assert [(e.path, e.line) for e in YamlInvalid(errors).errors] == [("b.yaml", 2), ("b.yaml", 9), ("a.yaml", 3),
                                                                      ("a.yaml", 7)]


def test_a_rule_files_schema_and_category_errors_come_in_line_order(tmp_path: Path) -> None:
    # the schema pass (unknown keys) and the semantic pass (categories) used to print one after the other:
    # lines 7, 11, 3, 5, 9
    path = tmp_path / "mine.yaml"
    path.write_text("rules:\n  - id: a\n    category: user.contact.phonee\n    names: [cust_tel_no]\n"
                    "  - id: b\n    category: user.contact.email\n    pattern: '(x'\n"
                    "  - id: c\n    category: user.contact.phonee\n    names: [tel_x]\n    bogus_key: 1\n",
                    encoding="utf-8")
    with pytest.raises(YamlInvalid) as info:
        load_ruleset([path])
    lines = [e.line for e in info.value.errors]
    assert lines == sorted(lines) and len(lines) >= 4 and {3, 7, 9, 11} <= set(lines)
