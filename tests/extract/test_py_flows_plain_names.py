"""A local named after a service the project uses (`openai_payload = {...}`) is data, not that SDK's client."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

LLM = """
    import openai

    client = openai.OpenAI()
"""


def _calls(result) -> set[tuple[str, str, int]]:
    return {(u.service, u.signal, u.location.line) for u in result.services if u.signal == "call"}


def test_names_bound_to_data_are_not_the_services_client(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/llm.py": LLM, "app/payload.py": """
        def convert(openai_payload: dict) -> dict:
            return {"metadata": openai_payload.get("metadata")}

        def collect(user, tool_calls, openai_messages):
            openai_tool_calls = []
            for call in tool_calls:
                openai_tool_calls.append({"id": call["id"]})
            openai_messages.append({"role": "system", "content": f"User email: {user.email}"})
            openai_summary = {"email": user.email}
            openai_summary.update(name=user.name)
            return openai_tool_calls
    """})
    assert _calls(results["app/payload.py"]) == set()
    assert results["app/payload.py"].flows == []


def test_an_object_named_for_the_service_still_is_its_client(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/llm.py": LLM, "app/chat.py": """
        def ask(user, openai_client):
            openai_client.chat.create(messages=[{"role": "user", "content": user.email}])
    """})
    assert _calls(results["app/chat.py"]) == {("openai", "call", 3)}
