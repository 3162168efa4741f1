"""A page tag sends the visitor's IP address, device and page by its nature (audit16 #01): flows at the tag, from
the service's catalogued categories that a browser request carries, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.cli import main
from tests.test_cli import make, run_json

BASE = """\
    <html><head>
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>
    <link href="https://fonts.googleapis.com/css2?family=Roboto" rel="stylesheet">
    </head><body>{% block content %}{% endblock %}</body></html>
    """


def test_a_page_tag_sends_what_a_browser_request_carries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, {"templates/base.html": BASE})
    _, report = run_json(capsys, "scan", str(tmp_path))
    flows = {(f["service"], f["category"], f["line"]) for f in report["flows"]}
    assert flows == {
        ("google_analytics", "user.device.ip_address", 2), ("google_analytics", "user.device.cookie_id", 2),
        ("google_analytics", "user.behavior.browsing_history", 2),
        ("google_fonts", "user.device.ip_address", 3), ("google_fonts", "user.device", 3),
    }  # not GA's catalogued user.unique_id or imprecise location: a tag sends those only where code passes them
    assert {tuple(f["path"]) for f in report["flows"]} == {("the visitor's browser loading the tag",)}


def test_a_link_to_a_vendor_is_no_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, {"templates/about.html": '<p>We use <a href="https://analytics.google.com/">Google Analytics</a>.</p>\n'})
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert report["flows"] == []


def test_the_draft_declares_what_the_tag_sends_and_check_holds_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, {"templates/base.html": BASE})
    assert main(["init", str(tmp_path), "-o", str(tmp_path / "datamap.yaml")]) == 0
    draft = (tmp_path / "datamap.yaml").read_text()
    assert "receives: [user.behavior.browsing_history, user.device.cookie_id, user.device.ip_address]" in draft
    assert "receives: []" not in draft  # the officer was told GA receives nothing
    capsys.readouterr()
    assert main(["check", str(tmp_path)]) == 0
    # the officer narrows GA's entry: the tag still sends the IP address
    (tmp_path / "datamap.yaml").write_text(draft.replace(
        "receives: [user.behavior.browsing_history, user.device.cookie_id, user.device.ip_address]",
        "receives: [user.behavior.browsing_history, user.device.cookie_id]"))
    capsys.readouterr()
    _, report = run_json(capsys, "check", str(tmp_path))
    [finding] = report["findings"]
    assert (finding["code"], finding["file"], finding["line"]) == ("DM202", "templates/base.html", 2)
    assert finding["hint"].startswith("the page tag sends it with every page view: add user.device.ip_address")
