"""Hosted workflow engines store and dispatch each workflow's input (audit18 #17): Hatchet's and Temporal's SDKs
name the engine (cloud or self-hosted, no country), the clouds' own hosts name the clouds, Inngest's SDK and hosts
name Inngest."""

from __future__ import annotations

import pytest

from scanner.extract.urls import url_service
from scanner.ruleset import RuleSet


def test_a_workflow_engines_sdk_is_a_use_and_the_input_a_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        from hatchet_sdk import Hatchet
        from temporalio.client import Client

        hatchet = Hatchet()

        def ingest(user, text):
            return hatchet.admin.run_workflow("ingest-files", {"user_email": user.email, "text": text})

        async def start(user):
            client = await Client.connect("acme.a1b2c.tmprl.cloud:7233", namespace="acme.a1b2c")
            await client.start_workflow("Onboard", {"email": user.email}, id="x", task_queue="q")
        """
    )
    assert {u.service for u in result.services} == {"hatchet_engine", "temporal_io"}
    assert {(f.category, f.service, f.location.line) for f in result.flows} >= {
        ("user.contact.email", "hatchet_engine", 8), ("user.contact.email", "temporal_io", 12)}


@pytest.mark.parametrize(("url", "expected"), [
    ("https://cloud.onhatchet.run/api/v1/tenants", "hatchet_cloud"),
    ("https://acme.a1b2c.tmprl.cloud/api/v1/namespaces", "temporal_cloud"),
    ("https://inn.gs/e/KEY", "inngest"),
    ("https://api.inngest.com/v1/events", "inngest"),
    ("https://api.trigger.dev/api/v1/tasks/x/trigger", "trigger_dev"),
    ("https://temporal.io/", None),  # the vendor's website
])
def test_workflow_clouds_by_their_hosts(rules: RuleSet, url: str, expected: str | None) -> None:
    assert url_service(url, rules.catalogue) == expected
