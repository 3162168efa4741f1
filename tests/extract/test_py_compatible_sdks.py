"""An SDK that other providers' APIs speak (the openai package for DeepSeek, Groq, xAI...) sends where its
literal base URL points: the recipient is that provider, which decides DM202 and DM203 (DeepSeek is in China)."""

from __future__ import annotations

from scanner.inventory import FileResult


def uses(result: FileResult) -> set[tuple[str, int]]:
    return {(u.service, u.location.line) for u in result.services if u.signal == "call"}


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_an_openai_client_pointed_at_deepseek_sends_to_deepseek(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import OpenAI

        def ask(user_question):
            client = OpenAI(api_key="k", base_url="https://api.deepseek.com")
            return client.chat.completions.create(model="deepseek-chat",
                                                  messages=[{"role": "user", "content": user_question}])
        """
    )
    assert uses(result) == {("deepseek", 5), ("deepseek", 6)}
    assert flows(result) == {("user.content.private", "deepseek", 6)}


def test_an_async_client_held_by_a_class_and_a_langchain_model(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import AsyncOpenAI
        from langchain_openai import ChatOpenAI

        class Groq:
            def __init__(self):
                self.client = AsyncOpenAI(base_url="https://api.groq.com/openai/v1")

            async def ask(self, prompt):
                return await self.client.chat.completions.create(messages=[{"role": "user", "content": prompt}])

        llm = ChatOpenAI(model="deepseek-chat", openai_api_base="https://api.deepseek.com/v1")
        """
    )
    assert {s for s, _ in uses(result)} == {"groq", "deepseek"}


def test_without_a_base_url_or_with_an_unknown_one_it_stays_openai(scan_snippet) -> None:
    result = scan_snippet(
        """
        import os
        from openai import OpenAI

        def ask(user_question):
            client = OpenAI(base_url=os.environ["LLM_URL"])
            plain = OpenAI()
            plain.chat.completions.create(messages=[{"role": "user", "content": user_question}])
            return client.chat.completions.create(messages=[{"role": "user", "content": user_question}])
        """
    )
    assert {s for s, _ in uses(result)} == {"openai"}


def test_a_client_pointed_at_this_machine_is_no_third_party(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import OpenAI

        def ask(user_question):
            client = OpenAI(api_key="ollama", base_url="http://localhost:11434/v1")
            return client.chat.completions.create(model="llama3",
                                                  messages=[{"role": "user", "content": user_question}])
        """
    )
    assert {u.service for u in result.services} == set()
    assert flows(result) == set()


def test_the_sdks_import_is_no_use_when_every_client_goes_elsewhere(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import OpenAI

        def ask(user_question):
            client = OpenAI(api_key="k", base_url="https://api.deepseek.com")
            return client.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": user_question}])
        """
    )
    assert {u.service for u in result.services} == {"deepseek"}


def test_the_sdks_import_stays_when_a_client_is_its_own(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import OpenAI

        def ask(user_question):
            local = OpenAI(api_key="ollama", base_url="http://127.0.0.1:11434/v1")
            cloud = OpenAI()
            return cloud.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": user_question}])
        """
    )
    assert {u.service for u in result.services} == {"openai"}
    assert flows(result) == {("user.content.private", "openai", 7)}
