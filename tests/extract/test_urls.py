"""Hosts out of URLs (scanner/extract/urls.py): a user and a password before the host and a port after it are no
part of the host; an `@` in the path or the query is no user; a dotless or placeholder host is unknown."""

from __future__ import annotations

import pytest

from scanner.extract.urls import host_of, split_url


@pytest.mark.parametrize(("url", "expected"), [
    ("https://key:secret@api.mailgun.net/v3/x/messages", "api.mailgun.net"),
    ("https://key:secret@api.mailgun.net:443/v3", "api.mailgun.net"),
    ("https://user@API.Example-Vendor.io/", "api.example-vendor.io"),
    ("https://{key}:{secret}@api.vendor.io/v1", "api.vendor.io"),
    ("//cdn.vendor.io/a.js", "cdn.vendor.io"),
    ("http://localhost:8000/api", None),
    ("https://{host}/v1", None),
])
def test_host_of(url: str, expected: str | None) -> None:
    assert host_of(url) == expected


def test_an_at_sign_after_the_host_is_no_user() -> None:
    assert split_url("https://vendor.io/u/a@b.com?next=c@d.org") == ("vendor.io", "/u/a@b.com?next=c@d.org")


@pytest.mark.parametrize(("url", "expected"), [
    ("{}/openai/deployments/{}/chat/completions", "/openai/deployments/{}/chat/completions"),
    ("https://{}/oauth/token", "/oauth/token"),
    ("\x01/api/now/table/incident", "/api/now/table/incident"),
    ("https://api.acme.io/openai/deployments/x", None),  # the host is written: the domain decides
    ("https://{}", None),
    ("{}", None),
])
def test_configured_path(url: str, expected: str | None) -> None:
    from scanner.extract.urls import configured_path

    assert configured_path(url) == expected
