"""The bundled example: its documented drift is found where DRIFT.md says, and its honest map passes."""

from __future__ import annotations

import contextlib
import functools
import io
import json

import pytest

from scanner.cli import EXIT_CLEAN, EXIT_FINDINGS, main
from tests.conftest import EXAMPLE


def check(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    code = main(["check", str(EXAMPLE), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


@functools.cache
def scanned() -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["scan", str(EXAMPLE), "--format", "json"])
    return json.loads(out.getvalue())


def line_of(rel: str, text: str) -> int:
    """The line a DRIFT.md quote is on, so the test follows edits to the example."""
    lines = (EXAMPLE / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_drifted_map_shows_every_finding_family(capsys) -> None:
    code, report = check(capsys)
    assert code == EXIT_FINDINGS
    got = {(f["code"], f["file"], f["line"]) for f in report["findings"]}
    models, sql = "faaturacloud/models.py", "schema.sql"
    expected = {
        # 1. undisclosed collection: date of birth, user agent
        ("DM101", models, line_of(models, "date_of_birth: Mapped")),
        ("DM101", models, line_of(models, "user_agent = Column")),
        # 2. undisclosed third party: Sentry
        ("DM201", "faaturacloud/__init__.py", line_of("faaturacloud/__init__.py", "import sentry_sdk")),
        # 3. email to Mixpanel, which may receive usage data only
        ("DM202", "faaturacloud/integrations/analytics.py",
         line_of("faaturacloud/integrations/analytics.py", '"invoice_sent", {"email": account.email')),
        # 4. advertising SDK under "no advertising"
        ("DM301", "faaturacloud/integrations/ads.py", line_of("faaturacloud/integrations/ads.py", "from facebook_business")),
        # 5. stale declarations
        ("DM501", "datamap.yaml", line_of("datamap.yaml", "user.demographic.gender")),
        ("DM502", "datamap.yaml", line_of("datamap.yaml", "service: twilio")),
    }
    assert expected <= got, sorted(expected - got)
    # schema.sql repeats the mapped tables: each column is reported once, at its class
    assert not any(f == sql and c == "DM101" for c, f, _ in got)


@pytest.mark.parametrize(
    "name", ["name", "subject", "email_verified", "email_sent_at", "filename", "phone_verified", "iban", "vat_number"])
def test_traps_in_the_example_are_not_personal_data(name: str) -> None:
    # each is a column of schema.sql and an attribute of the class in models.py that maps its table
    fields = scanned()["fields"]
    business = {"products", "plans", "organizations", "email_templates", "uploads",
                "Product", "Plan", "Organization", "EmailTemplate", "Upload"}
    flagged = {(f["container"], f["name"]) for f in fields if f["name"] == name}
    assert not {f for f in flagged if f[0] in business or name.endswith(("_verified", "_sent_at", "filename"))}


def test_honest_map_passes(capsys) -> None:
    code, report = check(capsys, "--datamap", str(EXAMPLE / "datamap.clean.yaml"))
    assert [(f["code"], f["file"], f["line"], f["message"]) for f in report["findings"]] == []
    assert code == EXIT_CLEAN
