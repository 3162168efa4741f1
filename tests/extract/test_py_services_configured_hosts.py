"""An HTTP call to a host from configuration names its vendor by the vendor's documented API path (audit15 #09:
Azure OpenAI's `{endpoint}/openai/deployments/{model}/chat/completions`), or by the class or function making it
(heldout17's fastapi-auth0: `class Auth0` fetching `https://{domain}/.well-known/jwks.json`), with or without data."""

from __future__ import annotations

import pytest


def test_azure_openais_documented_path_at_a_configured_endpoint(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        class Provider:
            def __init__(self, config):
                self.endpoint = config.get("endpoint")
                self.model = config.get("model")

            def generate(self, prompt):
                url_path = "chat/completions?api-version=2024-02-15-preview"
                return requests.post(f"{self.endpoint}/openai/deployments/{self.model}/{url_path}",
                                     json={"messages": [{"role": "user", "content": prompt}]})
        """
    )
    # (one use at the send: py_sharing names it by the same path, with the prompt's flow)
    assert {(u.service, u.location.line) for u in result.services} == {("azure_openai", 11)}


@pytest.mark.parametrize(("url", "expected"), [
    ('f"{base}/services/data/v59.0/sobjects/Contact/"', "salesforce"),
    ('f"{base}/api/now/table/incident"', "servicenow"),
    ('f"https://{org}/api/data/v9.2/contacts"', "microsoft_dynamics_365"),
    ('f"https://{shop}/admin/api/2024-01/graphql.json"', "shopify"),
    ('f"{endpoint}/language/:analyze-text?api-version=2023-04-01"', "azure_ai_language"),
    ('f"{endpoint}/formrecognizer/documentModels/{model}:analyze"', "azure_ai_document_intelligence"),
    ('f"{endpoint}/face/v1.0/detect"', "azure_ai_face"),
    # a path of the project's own API, and the same words at a host the code writes out (the domain decides)
    ('f"{base}/api/data/contacts"', None),
    ('f"{base}/openai/models"', None),
    ('"https://api.acme.io/openai/deployments/x/chat/completions"', None),
])
def test_documented_api_paths_at_a_configured_host(scan_snippet, url: str, expected: str | None) -> None:
    result = scan_snippet(
        f"""
        import requests

        def fetch(base, org, shop, endpoint, model):
            return requests.get({url})
        """
    )
    assert {u.service for u in result.services if u.signal == "path"} == ({expected} if expected else set())


def test_a_class_named_for_a_vendor_fetching_from_its_configured_host(scan_snippet) -> None:
    result = scan_snippet(
        """
        import json
        import urllib.request

        class Auth0:
            def __init__(self, domain):
                r = urllib.request.urlopen(f"https://{domain}/.well-known/jwks.json")
                self.jwks = json.loads(r.read())

        class KeySet:
            def __init__(self, domain):
                r = urllib.request.urlopen(f"https://{domain}/.well-known/jwks.json")
        """
    )
    assert {(u.service, u.signal, u.location.line) for u in result.services} == {("auth0", "call", 7)}


def test_an_issuers_discovery_document_fetched_by_hand(scan_snippet) -> None:
    # audit16 #04 (kinto's openid plugin): the issuer is configured, its discovery document's path is OpenID
    # Connect's; in a class named for a vendor, that vendor
    result = scan_snippet(
        """
        import requests

        def fetch_openid_config(issuer):
            return requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration").json()

        class OktaLogin:
            def config(self, domain):
                return requests.get(f"https://{domain}/.well-known/openid-configuration").json()

        def fetch_status(base):
            return requests.get(base + "/.well-known/security.txt")
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {
        ("configured_identity_provider", 5), ("okta", 9)}
