"""A subclass of a base in another file uses what the base's code calls, not what the base only reads a setting of
(audit17 #03: letta's OpenAI-compatible base reading OPENROUTER_API_KEY on one branch made every provider's
subclass an OpenRouter use)."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

BASE = """
    import os

    from openai import OpenAI


    class OpenAIClient:
        def __init__(self, endpoint: str):
            key = os.environ.get("OPENAI_API_KEY")
            if "openrouter.ai" in endpoint:
                key = os.environ.get("OPENROUTER_API_KEY")
            self.client = OpenAI(api_key=key, base_url=endpoint)

        def chat(self, messages):
            return self.client.chat.completions.create(model="x", messages=messages)
"""


def subclass_uses(tmp_path: Path, rules) -> set[str]:
    results = project(tmp_path, rules, {"app/base.py": BASE, "app/together.py": """
        from app.base import OpenAIClient


        class TogetherClient(OpenAIClient):
            pass
    """})
    return {u.service for u in results["app/together.py"].services if u.signal == "subclass"}


def test_a_subclass_uses_the_service_its_base_calls(tmp_path: Path, rules) -> None:
    assert "openai" in subclass_uses(tmp_path, rules)


def test_a_subclass_does_not_use_a_service_its_base_only_reads_a_setting_of(tmp_path: Path, rules) -> None:
    assert "openrouter" not in subclass_uses(tmp_path, rules)
