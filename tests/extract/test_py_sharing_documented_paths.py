"""A vendor's documented API path at a host the configuration gives names the vendor (audit15 #09: Azure OpenAI's
`{endpoint}/openai/deployments/{model}/chat/completions`, reached over plain HTTP, with the prompt's flow)."""

from __future__ import annotations

from scanner.inventory import FileResult


def uses(result: FileResult) -> set[tuple[str, int]]:
    return {(u.service, u.location.line) for u in result.services}


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_documented_path_at_a_configured_endpoint_names_its_vendor(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests


        class AzureAI:
            def __init__(self, config):
                self.endpoint = config.get("endpoint")
                self.model = config.get("model")

            def generate(self, prompt: str) -> str:
                url = f"{self.endpoint}/openai/deployments/{self.model}/chat/completions?api-version=2024-02-15-preview"
                data = {"messages": [{"role": "user", "content": prompt}], "max_tokens": 500}
                return requests.post(url, json=data, timeout=60).json()
        """,
        name="app/providers/llm.py",
    )
    assert ("azure_openai", 13) in uses(result) and ("unresolved_webhook", 13) not in uses(result)
    assert ("user.content.private", "azure_openai", 13) in flows(result)


def test_another_path_at_a_configured_endpoint_stays_unresolved(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests


        class Hooks:
            def __init__(self, config):
                self.endpoint = config.get("endpoint")

            def notify(self, user):
                url = f"{self.endpoint}/hooks/users/created"
                return requests.post(url, json={"email": user.email})
        """,
        name="app/hooks.py",
    )
    assert flows(result) == {("user.contact.email", "unresolved_webhook", 11)}
