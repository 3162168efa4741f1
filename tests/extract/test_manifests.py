"""Dependency manifests: catalogue packages become low-confidence `package` uses at their exact line."""

from __future__ import annotations

import textwrap

import pytest

from scanner.discover import kind_of
from scanner.extract.manifests import normalise, requirement_name
from scanner.inventory import FileResult


@pytest.fixture
def scan_manifest(scan_snippet):
    def run(text: str, name: str) -> FileResult:
        assert kind_of(name) == "manifest"
        return scan_snippet(textwrap.dedent(text).lstrip("\n"), name)

    return run


def uses(result: FileResult) -> set[tuple[str, int]]:
    assert all(u.signal == "package" and u.confidence == "low" for u in result.services)
    return {(u.service, u.location.line) for u in result.services}


def errors(result: FileResult) -> list[tuple[int, str]]:
    return [(e.location.line, e.message) for e in result.errors]


CASES = [
    pytest.param(
        "requirements.txt",
        """
        # payments
        Django>=5.0
        stripe==7.1.0  # billing
        Sentry_SDK[django]>=1.40 ; python_version >= "3.8"
        -r requirements/base.txt
        --hash=sha256:abc
        twilio \\
            --hash=sha256:def
        -e git+https://github.com/mixpanel/mixpanel-python.git#egg=mixpanel
        # posthog  (commented out)
        https://example.com/pkgs/boto3-1.0.tar.gz
        """,
        {("stripe", 3), ("sentry", 4), ("twilio", 7), ("mixpanel", 9)},
        id="requirements-txt",
    ),
    pytest.param(
        "app/requirements/prod.txt",
        "sendgrid~=6.11\n",
        {("sendgrid", 1)},
        id="requirements-folder",
    ),
    pytest.param(
        "pyproject.toml",
        """
        [project]
        name = "stripe-shop"
        dependencies = [
            "django>=5",
            "stripe>=7",  # stripe
            "posthog",
        ]

        [project.optional-dependencies]
        monitoring = ["sentry-sdk[fastapi]>=2"]

        [dependency-groups]
        dev = ["pytest", {include-group = "lint"}]
        lint = ["ruff"]
        """,
        {("stripe", 5), ("posthog", 6), ("sentry", 10)},
        id="pep-621",
    ),
    pytest.param(
        "pyproject.toml",
        """
        [tool.poetry]
        name = "app"

        [tool.poetry.dependencies]
        python = "^3.11"
        mixpanel = "^4.10"
        twilio = {version = "^8", optional = true}

        [tool.poetry.group.ops.dependencies]
        "sentry-sdk" = {extras = ["flask"], version = "^2"}
        """,
        {("mixpanel", 6), ("twilio", 7), ("sentry", 10)},
        id="poetry",
    ),
    pytest.param(
        "Pipfile",
        """
        [[source]]
        url = "https://pypi.org/simple"

        [packages]
        requests = "*"
        stripe = "*"

        [dev-packages]
        sentry-sdk = "*"
        """,
        {("stripe", 6)},  # dev-packages are development's only
        id="pipfile",
    ),
    pytest.param(
        "Pipfile.lock",
        """
        {
            "_meta": {"hash": {"sha256": "x"}},
            "default": {
                "requests": {"version": "==2.31.0"},
                "stripe": {
                    "version": "==7.1.0"
                }
            },
            "develop": {"sentry-sdk": {"version": "==2.0.0"}}
        }
        """,
        {("stripe", 5)},
        id="pipfile-lock",
    ),
    pytest.param(
        "poetry.lock",
        """
        [[package]]
        name = "certifi"
        version = "2024.2.2"

        [package.dependencies]
        stripe = ">=7"

        [[package]]
        name = "stripe"
        version = "7.1.0"
        """,
        {("stripe", 9)},
        id="poetry-lock-uses-the-package-table-not-its-dependents",
    ),
    pytest.param(
        "uv.lock",
        """
        version = 1

        [[package]]
        name = "app"
        source = { editable = "." }
        dependencies = [{ name = "posthog" }]

        [[package]]
        name = "posthog"
        version = "3.5.0"
        """,
        {("posthog", 9)},
        id="uv-lock",
    ),
    pytest.param(
        "pdm.lock",
        """
        [[package]]
        name = "twilio"
        version = "9.0.0"
        """,
        {("twilio", 2)},
        id="pdm-lock",
    ),
    pytest.param(
        "setup.cfg",
        """
        [metadata]
        name = sendgrid-tools

        [options]
        install_requires =
            requests>=2
            # rollbar
            sendgrid>=6; python_version >= "3.8"

        [options.extras_require]
        sentry =
            sentry-sdk>=2
        """,
        {("sendgrid", 8), ("sentry", 12)},
        id="setup-cfg",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES)
def test_manifest(scan_manifest, name: str, text: str, expected: set[tuple[str, int]]) -> None:
    result = scan_manifest(text, name)
    assert errors(result) == []
    assert uses(result) == expected


@pytest.mark.parametrize("rel", ["requirements/prod.txt", "app/requirements/dev.txt", "requirements-dev.txt"])
def test_requirements_folders_and_files_are_manifests(rel: str) -> None:
    assert kind_of(rel) == "manifest"


@pytest.mark.parametrize(("name", "text", "line"), [
    pytest.param("pyproject.toml", "[project]\ndependencies = [\n  \"stripe\"\n  \"oops\"\n]\n", 4, id="bad-toml"),
    pytest.param("Pipfile.lock", '{\n  "default": {\n    "stripe": \n}\n', 4, id="bad-json"),
    pytest.param("setup.cfg", "[options]\ninstall_requires = stripe\n[options\n", 3, id="bad-ini"),
    pytest.param("pyproject.toml", "[project]\ndependencies = \"stripe\"\n", 1, id="wrong-shape"),
    pytest.param("poetry.lock", "package = 3\n", 1, id="wrong-lock-shape"),
])
def test_malformed_manifest_is_a_parse_error(scan_manifest, name: str, text: str, line: int) -> None:
    result = scan_manifest(text, name)
    assert [e.location.line for e in result.errors] == [line]
    assert result.services == []


def test_bad_requirement_line_is_reported_and_the_rest_read(scan_manifest) -> None:
    result = scan_manifest("stripe\n!!!nonsense\nsentry-sdk\n", "requirements.txt")
    assert errors(result) == [(2, "not a requirement: '!!!nonsense'")]
    assert uses(result) == {("stripe", 1), ("sentry", 3)}


@pytest.mark.parametrize(("spec", "name"), [
    ("stripe", "stripe"),
    ("sentry-sdk[django,celery]>=2", "sentry-sdk"),
    ("zope.interface ; python_version<'3'", "zope.interface"),
    ("mixpanel @ https://x/y.whl", "mixpanel"),
    ("A", "A"),
    ("-r base.txt", None),
    ("[extra]", None),
])
def test_requirement_name(spec: str, name: str | None) -> None:
    assert requirement_name(spec) == name


def test_normalise_follows_pep_503() -> None:
    assert normalise("Sentry_SDK") == normalise("sentry.sdk") == normalise("sentry--sdk") == "sentry-sdk"


def test_development_only_dependencies_are_no_third_parties(scan_manifest) -> None:
    """Audit9 #7: rasa's Datadog, in its dev group only, raised DM201; a test runner's or linter's packages are
    no processor of the product, as test code is not. A group named for the product's own use still counts."""
    text = """\
[project]
name = "app"
dependencies = ["stripe"]

[project.optional-dependencies]
test = ["sentry-sdk"]
monitoring = ["mixpanel"]

[dependency-groups]
dev = ["datadog"]

[tool.poetry.group.lint.dependencies]
rollbar = "*"

[tool.poetry.dev-dependencies]
bugsnag = "*"

[tool.pdm.dev-dependencies]
docs = ["posthog"]
"""
    assert uses(scan_manifest(text, "pyproject.toml")) == {("stripe", 3), ("mixpanel", 7)}


@pytest.mark.parametrize(("rel", "reported"), [
    ("requirements.txt", True), ("requirements/prod.txt", True), ("requirements/base.txt", True),
    ("requirements-dev.txt", False), ("requirements/test.txt", False), ("requirements-test.txt", False),
    ("requirements_docs.txt", False),
])
def test_a_development_requirements_file_names_no_third_party(scan_manifest, rel: str, reported: bool) -> None:
    assert bool(uses(scan_manifest("stripe==7\n", rel))) is reported


def test_a_dev_package_of_poetry_lock_1_is_no_third_party(scan_manifest) -> None:
    text = '[[package]]\nname = "stripe"\nversion = "7"\ncategory = "main"\n\n' \
           '[[package]]\nname = "sentry-sdk"\nversion = "2"\ncategory = "dev"\n'
    assert uses(scan_manifest(text, "poetry.lock")) == {("stripe", 2)}


def test_a_uv_lock_leaves_out_what_only_the_projects_dev_groups_bring_in(scan_manifest) -> None:
    # audit16 #05: sentry-sdk only in `[dependency-groups] dev` is no third party; an extra's packages are shipped
    result = scan_manifest(
        """
        version = 1

        [[package]]
        name = "google-cloud-storage"
        version = "3.16.0"

        [[package]]
        name = "sentry-sdk"
        version = "2.71.0"

        [[package]]
        name = "shop"
        version = "1.0"
        source = { editable = "." }
        dependencies = [{ name = "stripe" }]

        [package.optional-dependencies]
        container = [{ name = "shop-attachments" }]

        [package.dev-dependencies]
        dev = [{ name = "sentry-sdk" }]

        [[package]]
        name = "shop-attachments"
        version = "8.0.0"
        dependencies = [{ name = "google-cloud-storage" }]

        [[package]]
        name = "stripe"
        version = "12.0.0"
        """,
        "uv.lock",
    )
    assert {service for service, _ in uses(result)} == {"google_cloud_storage", "stripe"}
