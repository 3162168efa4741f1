from __future__ import annotations

import pytest

from scanner.findings import find_suppressions, invalid_codes


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        pytest.param("email = models.EmailField()  # datamap: ignore[DM101]", {"DM101"}, id="one-code"),
        pytest.param("x = 1  # datamap: ignore[DM101, dm201]", {"DM101", "DM201"}, id="two-codes-any-case"),
        pytest.param("x = 1  #datamap:ignore[DM101]", {"DM101"}, id="no-spaces"),
        pytest.param("x = 1  # datamap: ignore", set(), id="bare-means-all"),
        pytest.param("email text, -- datamap: ignore[DM102]", {"DM102"}, id="sql-comment"),
        pytest.param("x = 1  # noqa  # datamap: ignore[DM301]", {"DM301"}, id="after-other-comment"),
        pytest.param("x = 1  # datamap: ignore[undisclosed-collection]", {"DM101"}, id="rule-name"),
    ],
)
def test_accepted_spellings(line: str, codes: set[str]) -> None:
    (found,) = find_suppressions(line, "f.py")
    assert found.codes == frozenset(codes)
    assert found.location.line == 1


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("x = 1  # datamap: ignore[DM101", id="unclosed"),
        pytest.param("x = 1  # datamap: ignored", id="glued-word"),
        pytest.param("x = 1  # datamap ignore[DM101]", id="missing-colon"),
        pytest.param("x = 'datamap: ignore'", id="no-comment-marker"),
        pytest.param("x = 1  # datamap: ignore-all", id="unknown-directive"),
    ],
)
def test_rejected_spellings(line: str) -> None:
    assert find_suppressions(line, "f.py") == []


def test_lines_are_counted_from_one() -> None:
    text = "a = 1\nb = 2  # datamap: ignore[DM101]\n"
    assert [s.location.line for s in find_suppressions(text, "f.py")] == [2]


@pytest.mark.parametrize(
    ("line", "invalid"),
    [
        pytest.param("x = 1  # datamap: ignore[E501]", ["E501"], id="not-a-datamap-code"),
        pytest.param("x = 1  # datamap: ignore[DM101, DM1O1]", ["DM1O1"], id="typo-beside-a-good-code"),
        pytest.param("x = 1  # datamap: ignore[DM1]", ["DM1"], id="prefix"),
        pytest.param("x = 1  # datamap: ignore[]", ["[]"], id="empty-list"),
    ],
)
def test_unknown_codes_are_kept_to_be_reported(line: str, invalid: list[str]) -> None:
    """A typo must not vanish: it is read, silences nothing, and DM902 reports it (ruff's RUF100 does the same)."""
    (found,) = find_suppressions(line, "f.py")
    assert invalid_codes(found) == invalid


@pytest.mark.parametrize("separator", ["\f", "\v", "\x1c", "\x85", "\u2028"])
def test_lines_are_counted_as_locations_count_them(separator: str) -> None:
    """Only \\n ends a line: a form feed or U+2028 inside line 2 must not move the suppression on line 3."""
    text = f"a = 1\nb = 'x{separator}y'\nemail = 1  # datamap: ignore[DM101]\nphone = 2\n"
    assert [s.location.line for s in find_suppressions(text, "f.py")] == [3]
