"""`datamap report`: the data-map report for privacy officers, in HTML, Markdown, CSV and JSON.

Content is checked against what `scan` and `check` say of the bundled example (the report must not judge
differently from the checks), escaping against a project whose field names and evidence carry HTML, Markdown
and spreadsheet injections, and the HTML in a real headless browser when one is installed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.result import from_cwd
from tests.conftest import EXAMPLE, REPO
from tests.test_cli import make

FORMATS = ("html", "markdown", "csv", "json")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# field names and evidence an attacker controls: HTML, Markdown table/emphasis/link, a spreadsheet formula,
# a newline and a pipe inside a SQL identifier
INJECTION = {
    "views.py": """\
        from flask import request
        import stripe


        def signup():
            email = request.form["<script>alert(1)</script>email"]
            phone = request.form["phone|`x`**y**[a](javascript:alert(1))"]
            stripe.Customer.create(email=email)
        """,
    "schema.sql": """\
        CREATE TABLE "</td><script>alert(2)</script>" (
            id integer PRIMARY KEY,
            "=HYPERLINK(""http://evil"")email" text,
            "e
        mail|x" text
        );
        """,
    "datamap.yaml": """\
        version: 1
        organization: "<b>Evil</b> & Co"
        collects:
          - category: email
        recipients:
          - service: stripe
            receives: [name]
        """,
}


def report(target: Path, fmt: str, out: Path, *extra: str) -> str:
    assert main(["report", str(target), "--format", fmt, "-o", str(out), *extra]) == 0
    with out.open(encoding="utf-8", newline="" if fmt == "csv" else None) as stream:  # CSV: keep its CRLF
        return stream.read()


def machine(command: str, target: Path, out: Path) -> dict:
    main([command, str(target), "--format", "json", "-o", str(out)])
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The example's report in every format, with what `scan` and `check` say of it."""
    out = tmp_path_factory.mktemp("example")
    found: dict[str, object] = {fmt: report(EXAMPLE, fmt, out / f"report.{fmt}") for fmt in FORMATS}
    found["model"] = json.loads(str(found["json"]))
    found["scan"] = machine("scan", EXAMPLE, out / "scan.json")
    found["check"] = machine("check", EXAMPLE, out / "check.json")
    return found


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = make(tmp_path_factory.mktemp("injected") / "proj", INJECTION)
    return {fmt: report(root, fmt, root.parent / f"report.{fmt}") for fmt in FORMATS}


BLOCK = {"p", "h1", "h2", "h3", "li", "dt", "dd", "td", "th", "br", "tr", "section", "header", "footer"}


class Page(HTMLParser):
    """Tag balance, the tags and attributes used, and the text of each element with an id (a space between
    blocks and cells, as a reader sees them)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, list[str]]] = []
        self.problems: list[str] = []
        self.tags: Counter[str] = Counter()
        self.attrs: list[tuple[str, str, str]] = []
        self.by_id: dict[str, str] = {}
        self.text: list[str] = []
        self.feed(text)
        self.close()
        self.problems += [f"<{tag}> never closed" for tag, _, _ in self.stack]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag in BLOCK:
            self.handle_data(" ")
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("id"), []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"</{tag}> closes a void element")
            return
        if tag in BLOCK:
            self.handle_data(" ")
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> does not close {self.stack[-1][0] if self.stack else 'anything'}")
            return
        _, ident, parts = self.stack.pop()
        if ident is not None:
            self.by_id[ident] = " ".join("".join(parts).split())

    def handle_data(self, data: str) -> None:
        if data != " ":
            self.text.append(data)
        for _, ident, parts in self.stack:
            if ident is not None:
                parts.append(data)


# -- the command --------------------------------------------------------------------------------------------

def test_report_exits_zero_where_check_fails(tmp_path: Path) -> None:
    assert main(["check", str(EXAMPLE), "--format", "json", "-o", str(tmp_path / "c.json")]) == 1
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # html by default


def test_report_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path / "proj", {"app.py": "import stripe\n"})
    assert main(["report", str(tmp_path / "proj"), "--datamap", str(tmp_path / "nope.yaml")]) == 2
    assert "no data map at" in capsys.readouterr().err  # a map the user named must exist
    assert main(["report", str(tmp_path / "proj" / "app.py")]) == 2
    assert "whole project" in capsys.readouterr().err
    (tmp_path / "proj" / "pyproject.toml").write_text('[tool.datamap]\ndatamap = "policy/map.yaml"\n', encoding="utf-8")
    assert main(["report", str(tmp_path / "proj")]) == 2  # so must one configured
    assert "from `datamap =`" in capsys.readouterr().err
    (tmp_path / "proj" / "pyproject.toml").unlink()
    (tmp_path / "proj" / "datamap.yaml").write_text("version: 1\ncollects:\n  - category: emial\n", encoding="utf-8")
    assert main(["report", str(tmp_path / "proj")]) == 2  # an invalid map is an error, as for check
    assert "did you mean 'email'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["report", str(tmp_path / "proj"), "--format", "sarif"])
    assert exc.value.code == 2


def test_help_stays_light() -> None:
    """`datamap --help` lists the command without importing the report model (or rich, libcst)."""
    code = ("import sys; from scanner.cli import build_parser; h = build_parser().format_help(); "
            "print(any(line.split()[:1] == ['report'] for line in h.splitlines()), "
            "sorted(m for m in ('scanner.report.model', 'rich', 'libcst') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.split() == ["True", "[]"]


# -- content: the report says what scan and check say, in the policy's terms -----------------------------------

def test_report_counts_are_the_inventory(example: dict) -> None:
    model, scan = example["model"], example["scan"]
    summary = model["summary"]
    assert summary["fields"] == len(scan["fields"]) == sum(len(c["fields"]) for c in model["categories"])
    assert summary["flows"] == len(scan["flows"]) == sum(len(t["flows"]) for t in model["third_parties"])
    assert summary["third_parties"] == scan["stats"]["third_parties"] == len(model["third_parties"])
    assert sum(len(t["uses"]) for t in model["third_parties"]) == len(scan["third_parties"])
    assert {c["category"]["key"] for c in model["categories"]} == \
        {f["category"] for f in scan["fields"]} | {f["category"] for f in scan["flows"]}
    assert (summary["files"], summary["lines"]) == (scan["stats"]["files"], scan["stats"]["lines"])
    assert "seconds" not in json.dumps(model)  # nothing that changes between two runs


def test_report_judges_as_check_does(example: dict) -> None:
    model, findings = example["model"], example["check"]["findings"]
    categories = {c["category"]["key"]: c for c in model["categories"]}
    services = {t["service"]["key"]: t for t in model["third_parties"]}
    undeclared = {k for k, c in categories.items() if c["declared"] is False}
    assert {"user.demographic.date_of_birth", "user.device"} <= undeclared
    assert {f["subject"].rsplit(" -> ", 1)[1] for f in findings if f["code"] in ("DM101", "DM102")} <= undeclared
    assert categories["user.contact.email"]["declared"] is True
    assert categories["user.contact.email"]["declared_as"]["category"] == {"key": "user.contact.email",
                                                                           "name": "Email address"}
    assert categories["user.government_id.national_identification_number"]["sensitive"] is True
    assert categories["user.contact.email"]["sensitive"] is False
    assert {k for k, t in services.items() if t["declared"] is False} == \
        {f["subject"].removeprefix("service:") for f in findings if f["code"] == "DM201"} == {"sentry", "facebook_marketing"}
    assert services["stripe"]["declared"] is True and services["mixpanel"]["declared"] is True
    assert [c["key"] for c in services["mixpanel"]["may_receive"]] == ["user.behavior"]
    assert services["facebook_marketing"]["prohibited"] == "marketing.advertising"
    assert services["stripe"]["prohibited"] == ""
    disallowed = [(f["place"]["file"], f["place"]["line"], f["category"]["key"])
                  for t in model["third_parties"] for f in t["flows"] if f["allowed"] is False
                  and t["declared"]]  # flows to an undeclared service are DM201's, as in check
    assert sorted(disallowed) == sorted((f["file"], f["line"], f["subject"].split(" -> ")[0])
                                        for f in findings if f["code"] == "DM202")
    stale_collects = [c["line"] for c in model["datamap"]["collects"] if not c["collected"]]
    stale_recipients = [r["line"] for r in model["datamap"]["recipients"] if not r["used_by"]]
    assert stale_collects == [f["line"] for f in findings if f["code"] == "DM501"] == [17]
    assert stale_recipients == [f["line"] for f in findings if f["code"] == "DM502"] == [37]
    assert model["summary"]["matches"] is False
    assert {f["prefix"]: f["count"] for f in model["summary"]["families"]}["DM1"] == \
        sum(f["code"].startswith("DM1") for f in findings)


def test_every_rule_code_has_a_family() -> None:
    from scanner.findings import RULES
    from scanner.report.model import FAMILIES

    assert all(any(code.startswith(prefix) for prefix, _ in FAMILIES) for code in RULES)


def test_html_marks_declared_undeclared_and_sensitive(example: dict) -> None:
    page = Page(str(example["html"]))
    assert page.problems == []
    heading = page.by_id
    assert "Date of birth" in heading["cat-user.demographic.date_of_birth"]
    assert "not declared" in heading["cat-user.demographic.date_of_birth"]
    assert "not declared" in heading["cat-user.device"]
    assert heading["cat-user.contact.email"].endswith(" declared") and "not declared" not in heading["cat-user.contact.email"]
    assert "sensitive" in heading["cat-user.government_id.national_identification_number"]
    assert "sensitive" not in heading["cat-user.contact.email"]
    assert "not declared" in heading["svc-sentry"] and "not declared" in heading["svc-facebook_marketing"]
    assert "prohibited purpose" in heading["svc-facebook_marketing"]
    assert "not declared" not in heading["svc-stripe"] and "declared" in heading["svc-stripe"]
    summary, datamap = heading["summary"], heading["data-map"]
    failing = sum(f["severity"] != "info" and not f["code"].startswith("DM9") for f in example["check"]["findings"])
    # named from where the command ran, as the console names it (audit15 #16)
    assert f"The code does not match its data map ({from_cwd(EXAMPLE / 'datamap.yaml')}): {failing} findings at or above warning severity" in summary
    assert "Gender user.demographic.gender Providing the service essential.service 17 stale: not found" in datamap
    assert "Twilio (service twilio) Name user.name, Phone number user.contact.phone_number 37 stale: not used" in datamap
    findings = heading["findings"]
    assert "DM101 undisclosed-collection error faaturacloud/models.py:102 Client.date_of_birth collects" in findings
    assert "declare `- category: user.demographic.date_of_birth`" in findings  # the fix hint
    mixpanel = heading["third-parties"]
    assert "Email address user.contact.email not allowed faaturacloud/integrations/analytics.py:51" in mixpanel


def test_markdown_marks_declared_undeclared_and_sensitive(example: dict) -> None:
    lines = str(example["markdown"]).splitlines()
    assert "### Date of birth (`user.demographic.date_of_birth`): not declared" in lines
    assert "### Email address (`user.contact.email`): declared" in lines
    assert ("### National ID number (`user.government_id.national_identification_number`): sensitive, declared"
            in lines)
    assert "### Sentry: not declared" in lines and "### Stripe: declared" in lines
    assert any(line.startswith("### Meta") and line.endswith("not declared, prohibited purpose") for line in lines)
    assert "| `faaturacloud/models.py:102` |" in str(example["markdown"])
    assert "- Privacy policy: `PRIVACY.md`" in lines  # the data map's `policy:`, for the officer to open beside it


def test_a_country_is_named_for_people_and_coded_for_machines(example: dict) -> None:
    """The officer reads `United States (US)`; CSV and JSON keep the ISO code a script compares."""
    assert "| Stripe | Payment processors | United States (US) |" in str(example["markdown"])
    assert "<td>Payment processors</td><td>United States (US)</td>" in str(example["html"])
    stripe = next(t for t in example["model"]["third_parties"] if t["service"]["key"] == "stripe")
    assert stripe["country"] == "US"
    rows = csv.DictReader(io.StringIO(str(example["csv"])))
    assert {r["country"] for r in rows if r["service"] == "stripe"} == {"US"}


def test_markdown_is_shortened_to_fit_a_github_comment_and_says_what_it_left_out(example: dict, tmp_path: Path) -> None:
    """GitHub takes 65,536 characters in a comment; a large project's report is longer. `--max-length` keeps the
    summary, every category and service in the overview tables, and the findings; it drops the detail first and
    says so at the top."""
    full = str(example["markdown"])
    assert len(full) > 20000
    assert report(EXAMPLE, "markdown", tmp_path / "same.md", "--max-length", str(len(full))) == full  # fits: as is
    short = report(EXAMPLE, "markdown", tmp_path / "short.md", "--max-length", "20000")
    lines = short.splitlines()
    assert len(short) <= 20000 and lines[0] == full.splitlines()[0]
    assert lines[2].startswith("> **Shortened to fit 20,000 characters** (`--max-length`). Left out: each category's "
                               "fields and each third party's flows and uses (156 table rows;")
    assert "without `--max-length` writes it whole" in lines[2]
    overview = [line for line in full.splitlines() if line.startswith("| Date of birth ") or line.startswith("| Sentry ")]
    assert overview and all(line in lines for line in overview)  # every category and service is still listed
    assert "### Date of birth (`user.demographic.date_of_birth`): not declared" not in lines  # the detail went first
    assert "| `DM101` undisclosed-collection | error | `faaturacloud/models.py:102` |" in short  # findings stay
    # smaller still: the tail is cut at a line, and the notice counts what went
    tiny = report(EXAMPLE, "markdown", tmp_path / "tiny.md", "--max-length", "5000")
    assert len(tiny) <= 5000 and "more table rows)" in tiny.splitlines()[2]
    assert tiny.splitlines()[-1] == "*Shortened here: see the notice at the top.*"
    assert "## Summary" in tiny


def test_markdown_leaves_out_the_least_informative_detail_first(example: dict, tmp_path: Path) -> None:
    """Audit18 #19: a report a little too long loses the uses tables first, and keeps every flow, the point of
    the report; the notice names only what went."""
    full = str(example["markdown"])
    flows = [line for line in full.splitlines() if "` | `" in line and " -> " in line]
    assert flows
    short = report(EXAMPLE, "markdown", tmp_path / "short.md", "--max-length", "30000")
    lines = short.splitlines()
    assert len(short) <= 30000
    assert lines[2].startswith("> **Shortened to fit 30,000 characters** (`--max-length`). Left out: each third "
                               "party's uses in the code (56 table rows)")
    assert all(line in lines for line in flows)  # every flow row stays
    assert "Where the code uses it (16): left out to fit `--max-length`." in lines
    assert "### Date of birth (`user.demographic.date_of_birth`): not declared" in lines  # the sections stay


def test_max_length_is_for_markdown_and_leaves_room(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--max-length", "65536", "-o", str(tmp_path / "r.html")]) == 2
    assert "pass --format markdown" in capsys.readouterr().err
    assert main(["report", str(EXAMPLE), "--format", "markdown", "--max-length", "100"]) == 2
    assert "2,000 characters or more" in capsys.readouterr().err


def test_csv_parses_back_to_the_inventory(example: dict) -> None:
    from scanner.report.csv import COLUMNS

    text = str(example["csv"])
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # RFC 4180 line ends
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == COLUMNS and {len(r) for r in rows} == {len(COLUMNS)}
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    kinds = Counter(r["kind"] for r in records)
    scan, check = example["scan"], example["check"]
    assert kinds == {"field": len(scan["fields"]), "third_party": len(scan["third_parties"]), "flow": len(scan["flows"]),
                     "finding": len(check["findings"])}
    dob = [r for r in records if r["kind"] == "field" and r["field"] == "date_of_birth"]
    assert {(r["container"], r["file"], r["line"], r["declared"]) for r in dob} == {
        ("Client", "faaturacloud/models.py", "102", "not declared"), ("ClientIn", "faaturacloud/schemas.py", "26", "not declared")}
    sentry = {r["declared"] for r in records if r["kind"] == "third_party" and r["service"] == "sentry"}
    assert sentry == {"not declared"}


def test_every_format_is_byte_identical_run_to_run(example: dict, tmp_path: Path) -> None:
    for fmt in FORMATS:
        assert report(EXAMPLE, fmt, tmp_path / f"again.{fmt}") == example[fmt], fmt


def test_without_a_data_map_the_inventory_is_still_reported(tmp_path: Path) -> None:
    root = make(tmp_path / "proj", {k: v for k, v in INJECTION.items() if k != "datamap.yaml"})
    model = json.loads(report(root, "json", tmp_path / "r.json"))
    assert model["datamap"] is None and model["summary"]["matches"] is None and model["summary"]["datamap"] is None
    assert model["summary"]["fields"] == 4 and [t["service"]["key"] for t in model["third_parties"]] == ["stripe"]
    assert {c["declared"] for c in model["categories"]} == {None}
    page = Page(report(root, "html", tmp_path / "r.html"))
    assert page.problems == []
    assert "No data map was compared" in page.by_id["summary"] and "No data map was compared" in page.by_id["data-map"]
    assert "not declared" not in " ".join(page.text)
    assert "No data map was compared" in report(root, "markdown", tmp_path / "r.md")
    records = list(csv.DictReader(io.StringIO(report(root, "csv", tmp_path / "r.csv"), newline="")))
    assert {r["declared"] for r in records if r["kind"] == "field"} == {"no data map"}


# -- escaping: names and evidence are untrusted ---------------------------------------------------------------

def test_html_escapes_untrusted_text(injected: dict[str, str]) -> None:
    page = Page(injected["html"])
    assert page.problems == []
    assert "script" not in page.tags and set(page.tags) <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "nav", "ol", "li", "a",
        "main", "section", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "code", "span", "br", "wbr",
        "strong", "footer"}
    assert not [a for a in page.attrs if a[1].startswith("on")]  # no event handler came in with a name
    text = "".join(page.text)
    for raw in ("<script>alert(1)</script>email", "</td><script>alert(2)</script>", '=HYPERLINK("http://evil")email',
                "phone|`x`**y**[a](javascript:alert(1))", "<b>Evil</b> & Co"):
        assert raw in text  # shown as the text it is
    assert "<title>Data map report: &lt;b&gt;Evil&lt;/b&gt; &amp; Co</title>" in injected["html"]


def test_html_is_self_contained(example: dict, injected: dict[str, str]) -> None:
    for text in (str(example["html"]), injected["html"]):
        page = Page(text)
        assert page.problems == [] and page.tags["html"] == page.tags["body"] == 1
        links = [(tag, name, value) for tag, name, value in page.attrs if name in ("href", "src", "srcset", "action")]
        assert all(tag == "a" and name == "href" and value.startswith("#") for tag, name, value in links), links
        assert all(f'id="{value[1:]}"' in text for _, _, value in links)  # every anchor lands
        assert "url(" not in text and "@import" not in text and "<link" not in text
        policy = [v for tag, name, v in page.attrs if tag == "meta" and name == "content" and "default-src" in v]
        assert policy and policy[0].startswith("default-src 'none'; style-src 'unsafe-inline';")  # CSP: no script
        assert "script-src" not in policy[0]


def test_markdown_escapes_untrusted_text(injected: dict[str, str]) -> None:
    from markdown_it import MarkdownIt  # rich's own dependency: a CommonMark renderer with GFM tables

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(injected["markdown"])
    for tag in ("<script", "<a ", "<em>", "<strong>", "<s>", "<b>", "<img"):
        assert tag not in rendered, tag
    page = Page(rendered)
    assert page.problems == []
    text = "".join(page.text)
    for raw in ("<script>alert(1)</script>email", "phone|`x`**y**[a](javascript:alert(1))", "<b>Evil</b> & Co",
                "e mail|x"):
        assert raw in text, raw
    # every row of every table kept its cells: no pipe or newline in a value split one
    for table in rendered.split("<table>")[1:]:
        body = table.split("</table>")[0]
        widths = {row.count("<td") + row.count("<th") for row in body.split("<tr>")[1:]}
        assert len(widths) == 1, widths


def test_csv_defuses_formulas_and_keeps_newlines(injected: dict[str, str]) -> None:
    records = list(csv.DictReader(io.StringIO(injected["csv"], newline="")))
    fields = {r["field"]: r for r in records if r["kind"] == "field"}
    assert "'=HYPERLINK(\"http://evil\")email" in fields  # read as text by a spreadsheet, not run
    assert "e\nmail|x" in fields and fields["e\nmail|x"]["container"] == "</td><script>alert(2)</script>"
    assert not any(v.startswith(("=", "+", "-", "@")) for r in records for v in r.values())


# -- a real browser -----------------------------------------------------------------------------------------

def _browser() -> str | None:
    return next((b for b in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                 if shutil.which(b)), None)


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium on this machine (apt-get install chromium)")
def test_a_headless_browser_renders_the_report(example: dict, injected: dict[str, str], tmp_path: Path) -> None:
    browser = _browser()
    assert browser is not None

    def run(page: Path, *what: str) -> str:
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={tmp_path / 'profile'}", *what, page.as_uri()],
            capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    (tmp_path / "example.html").write_text(str(example["html"]), encoding="utf-8")
    dom = run(tmp_path / "example.html", "--dump-dom")
    assert "Personal data collected" in dom and "Date of birth" in dom and "not declared" in dom
    assert "stale: not found" in dom and "Meta (Facebook/Instagram)" in dom
    (tmp_path / "injected.html").write_text(injected["html"], encoding="utf-8")
    dom = run(tmp_path / "injected.html", "--dump-dom")
    assert "<script" not in dom and "&lt;script&gt;alert(1)&lt;/script&gt;email" in dom
    pdf = tmp_path / "example.pdf"
    run(tmp_path / "example.html", f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_a_matching_data_map_reads_as_matching(tmp_path: Path) -> None:
    clean = ["--datamap", str(EXAMPLE / "datamap.clean.yaml")]
    assert main(["check", str(EXAMPLE), *clean, "--format", "json", "-o", str(tmp_path / "c.json")]) == 0
    model = json.loads(report(EXAMPLE, "json", tmp_path / "r.json", *clean))
    assert model["summary"]["matches"] is True and model["summary"]["mismatches"] == 0
    assert model["summary"]["undeclared_categories"] == 0 or all(
        f["below_floor"] for c in model["categories"] if c["declared"] is False for f in c["fields"])
    assert all(t["declared"] for t in model["third_parties"])
    page = Page(report(EXAMPLE, "html", tmp_path / "r.html", *clean))
    assert (f"The code matches its data map ({from_cwd(EXAMPLE / 'datamap.clean.yaml')}): no finding at or above "
            "warning") in page.by_id["summary"]


def test_the_verdict_is_checks_verdict_when_a_file_cannot_be_parsed(tmp_path: Path) -> None:
    """Audit12 #12: a DM901 warning failed `check` while the report's headline said the code matches."""
    make(tmp_path, {"schema.sql": "CREATE TABLE t (id int);\nREPAIR TABLE t;\n", "broken.py": "print 'py2'\n",
                    "datamap.yaml": "version: 1\n"})
    assert main(["check", str(tmp_path), "--format", "json", "-o", str(tmp_path / "c.json")]) == 1
    model = json.loads(report(tmp_path, "json", tmp_path / "r.json"))
    assert model["summary"]["matches"] is False and model["summary"]["mismatches"] >= 1
    assert "The code matches" not in report(tmp_path, "markdown", tmp_path / "r.md")


SPECIAL = {
    "app/models.py": """\
        from django.db import models


        class Patient(models.Model):
            email = models.EmailField()
            password = models.CharField(max_length=128)
            diagnosis = models.TextField()
            criminal_record = models.TextField()
        """,
    "datamap.yaml": """\
        version: 1
        collects:
          - category: email
            purposes: [essential.service]
          - category: health
            purposes: [essential.service]
        recipients: []
        prohibited_uses: []
        """,
}


def test_special_categories_stand_out_from_other_sensitive_data(tmp_path: Path) -> None:
    """GDPR art. 9 special categories and art. 10 criminal-offence data need more than a legal basis: every format
    names them as such, apart from other high-risk data (a password), and the summary lists them first."""
    root = make(tmp_path / "proj", SPECIAL)
    model = json.loads(report(root, "json", tmp_path / "r.json"))
    cats = {c["category"]["key"]: c for c in model["categories"]}
    health, crime, password = (cats["user.health_and_medical"], cats["user.criminal_history"],
                               cats["user.authorization.password"])
    assert (health["special_category"], health["criminal_offence"], health["sensitivity"]) == \
        (True, False, "special category, GDPR art. 9")
    assert (crime["special_category"], crime["criminal_offence"], crime["sensitivity"]) == \
        (False, True, "criminal offence data, GDPR art. 10")
    assert (password["sensitive"], password["special_category"], password["sensitivity"]) == (True, False, "sensitive")
    assert cats["user.contact.email"]["sensitivity"] == ""
    summary = model["summary"]
    assert (summary["sensitive_categories"], summary["special_categories"], summary["criminal_offence_categories"]) \
        == (3, 1, 1)
    entries = {e["category"]["key"]: e for e in model["datamap"]["collects"]}
    assert entries["user.health_and_medical"]["special_category"] is True

    page = Page(report(root, "html", tmp_path / "r.html"))
    assert page.problems == []
    callout = page.by_id["special-categories"]
    assert "Health and medical data special category (GDPR art. 9) declared" in " ".join(callout.split())
    assert "criminal offence data (GDPR art. 10) not declared" in " ".join(callout.split())
    assert "Password" not in callout  # high-risk, but no art. 9 data
    assert "special category (GDPR art. 9)" in page.by_id["cat-user.health_and_medical"]
    assert "GDPR" not in page.by_id["cat-user.authorization.password"]

    lines = report(root, "markdown", tmp_path / "r.md").splitlines()
    assert "- **Health and medical data** (`user.health_and_medical`): special category (GDPR art. 9), declared" in lines
    assert ("### Password (`user.authorization.password`): sensitive, not declared") in lines
    assert any(line.startswith("### Criminal") and "criminal offence data (GDPR art. 10), not declared" in line
               for line in lines)

    rows = list(csv.DictReader(io.StringIO(report(root, "csv", tmp_path / "r.csv"), newline="")))
    assert {r["field"]: r["sensitivity"] for r in rows if r["kind"] == "field"} == {
        "email": "", "password": "sensitive", "diagnosis": "special category, GDPR art. 9",
        "criminal_record": "criminal offence data, GDPR art. 10"}


def test_the_verdict_tells_scanner_problems_from_gaps_in_the_policy(tmp_path: Path) -> None:
    """When only DM9xx findings (a file not parsed) fail check, the verdict must not read as data-map mismatches;
    when both do, it says how many of the failing findings are the scanner's."""
    only = make(tmp_path / "only", {"broken.py": "print 'py2'\n", "datamap.yaml": "version: 1\n"})
    verdict = report(only, "markdown", tmp_path / "only.md").splitlines()[4]
    # the map's path, named from the cwd, is Markdown-escaped: only what surrounds it
    assert verdict.startswith("> No difference from the data map (") and ("datamap.yaml) was found, but datamap check fails "
                              "on 1 scanner problem at or above warning severity") in verdict
    assert "does not match" not in verdict
    model = json.loads(report(only, "json", tmp_path / "only.json"))["summary"]
    assert (model["matches"], model["mismatches"], model["scanner_problems"]) == (False, 1, 1)
    both = make(tmp_path / "both", {**SPECIAL, "broken.py": "print 'py2'\n"})
    verdict = report(both, "markdown", tmp_path / "both.md").splitlines()[4]
    assert verdict.startswith("> The code does not match its data map (") and ("datamap.yaml): 3 findings at or above "
                              "warning severity, which make datamap check fail (1 of them a scanner problem rather than a gap in the policy") in verdict


def test_an_undeclared_category_that_raises_no_finding_says_why(example: dict) -> None:
    """The summary counts undeclared categories; one held only below min-confidence, or only sent to a third
    party, raises no DM1xx, and the officer must not hunt for the finding (faaturacloud's Organization, Username)."""
    lines = str(example["markdown"]).splitlines()
    row = next(line for line in lines if line.startswith("| Organization `user.contact.organization`"))
    assert "not declared (no finding: seen below min-confidence only; declare it if it is personal data)" in row
    row = next(line for line in lines if line.startswith("| Username `user.account.username`"))
    assert "not declared (no DM1xx finding: no field holds it; it is only sent to third parties" in row
    row = next(line for line in lines if line.startswith("| Date of birth `user.demographic.date_of_birth`"))
    assert "| not declared |" in row  # DM101 says it
    page = Page(str(example["html"]))
    assert "no finding: seen below min-confidence only" in page.by_id["personal-data"]


SPLIT = {
    "proj/app/schemas.py": "from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    email: str\n"
                           "    last_name: str\n",
    "policy/datamap.yaml": "version: 1\ncollects:\n  - category: email\n    purposes: [essential.service]\n"
                           "recipients: []\nprohibited_uses: []\n",
}


def test_the_report_names_the_data_map_as_the_console_does(tmp_path: Path, capsys, monkeypatch) -> None:
    """audit15 #16: `report proj --datamap policy/datamap.yaml` named it `../policy/datamap.yaml`, relative to
    the scanned folder, which a reader of the report cannot know; it is named from where the command ran."""
    make(tmp_path, SPLIT)
    monkeypatch.chdir(tmp_path)
    assert main(["report", "proj", "--datamap", "policy/datamap.yaml", "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert "| Data map | `policy/datamap.yaml` |" in text and "../policy" not in text
    assert main(["report", "proj", "--datamap", str(tmp_path / "policy" / "datamap.yaml"), "--format", "html"]) == 0
    assert "policy/datamap.yaml" in capsys.readouterr().out
