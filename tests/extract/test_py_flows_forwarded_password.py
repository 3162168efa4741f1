"""A person's password forwarded beside their username to a server the business configures is shared;
the business's own keys and passwords stay its account."""

from __future__ import annotations


def test_a_users_password_sent_beside_the_username_is_a_flow(scan_snippet) -> None:
    result = scan_snippet("""
        import requests

        def check(config, username, password):
            return requests.post(config.url + "/validate/check", data={"username": username, "password": password})
    """)
    assert {f.category for f in result.flows if f.service == "unresolved_webhook"} == {
        "user.account.username", "user.authorization.password"}


def test_the_business_credentials_are_not_a_flow(scan_snippet) -> None:
    result = scan_snippet("""
        import requests
        from django.conf import settings

        def sync(config, username, api_key):
            requests.post(config.url + "/sync", data={"username": username, "api_key": api_key})
            requests.post(config.url + "/sync", data={"username": username, "password": settings.API_PASSWORD})

        def lone(config, password):
            requests.post(config.url + "/check", data={"password": password})
    """)
    assert not [f for f in result.flows if f.category.startswith("user.authorization")]
