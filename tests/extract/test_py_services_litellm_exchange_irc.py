"""Catalogue gaps from audits of unseen apps (issue 3, task 9): LiteLLM reaches the provider its model names,
Sec-Gemini, Microsoft Exchange (exchangelib) and IRC clients are services."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_litellm_reaches_the_provider_its_model_names(scan_snippet) -> None:
    result = scan_snippet(
        """
        import litellm
        from litellm import completion
        from django.conf import settings

        def ask(question):
            return completion(model="anthropic/claude-3-5-sonnet", messages=[{"role": "user", "content": question}])

        def ask_openai(question):
            return litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": question}])

        def ask_configured(question):
            return litellm.completion(model=settings.LLM_MODEL, messages=[{"role": "user", "content": question}])
        """
    )
    assert flows(result) == {("user.content.private", "anthropic", 7), ("user.content.private", "openai", 10),
                             ("user.content.private", "litellm", 13)}


def test_litellm_on_a_local_model_is_no_third_party(scan_snippet) -> None:
    result = scan_snippet(
        """
        import litellm

        def ask(question):
            return litellm.completion(model="ollama/llama3", messages=[{"role": "user", "content": question}])

        def ask_proxy(question):
            return litellm.completion(model="gpt-4o", api_base="http://localhost:4000",
                                      messages=[{"role": "user", "content": question}])
        """
    )
    assert flows(result) == set()
    assert {u.service for u in result.services} == set()


def test_exchange_irc_and_sec_gemini_are_services(scan_snippet) -> None:
    result = scan_snippet(
        """
        from exchangelib import Message, Mailbox
        import pydle
        from sec_gemini import SecGemini

        def mail(account, user):
            Message(account=account, subject="Hi", body="Welcome", to_recipients=[Mailbox(email_address=user.email)]).send()

        class Bot(pydle.Client):
            pass

        def ask(question):
            return SecGemini(api_key="x").create_session().query(question)
        """
    )
    assert {"microsoft_exchange", "irc_network", "sec_gemini"} <= {u.service for u in result.services}
    assert ("user.contact.email", "microsoft_exchange", 7) in flows(result)
    assert ("user.content.private", "sec_gemini", 13) in flows(result)
