"""pydantic-ai's Agent sends the prompt to the provider of the model it runs on; an issue tracker on Azure DevOps."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_an_agent_named_provider_model_sends_there(scan_snippet) -> None:
    result = scan_snippet(
        """
        from pydantic_ai import Agent

        support = Agent("anthropic:claude-sonnet-4-0", system_prompt="Be kind.")

        def ask(question):
            return support.run_sync(question)
        """
    )
    assert flows(result) == {("user.content.private", "anthropic", 7)}


def test_an_agent_on_a_providers_model_class_sends_there(scan_snippet) -> None:
    result = scan_snippet(
        """
        from pydantic_ai import Agent
        from pydantic_ai.models.openai import OpenAIChatModel

        def ask(user_prompt):
            agent = Agent(OpenAIChatModel("gpt-4o"))
            return agent.run_sync(user_prompt)
        """
    )
    assert flows(result) == {("user.content.private", "openai", 7)}


def test_an_agent_on_a_configured_model_goes_to_the_configured_provider(scan_snippet) -> None:
    result = scan_snippet(
        """
        from pydantic_ai import Agent

        def ask(user_prompt, model_name):
            agent = Agent(model_name)
            return agent.run_sync(user_prompt)
        """
    )
    assert flows(result) == {("user.content.private", "pydantic_ai", 6)}


def test_an_agents_fixed_instructions_are_not_sent_data(scan_snippet) -> None:
    result = scan_snippet(
        """
        from pydantic_ai import Agent

        def summarise():
            agent = Agent("openai:gpt-4o")
            return agent.run_sync("Summarise today's release notes.")
        """
    )
    assert flows(result) == set()
    assert {u.service for u in result.services if u.signal == "call"} == {"openai"}


def test_azure_devops_by_its_sdk_and_its_host(scan_snippet) -> None:
    result = scan_snippet(
        """
        from azure.devops.connection import Connection

        ORGANIZATION_URL = "https://dev.azure.com/acme"
        """
    )
    assert {(u.service, u.signal) for u in result.services} == {("azure_devops", "import"), ("azure_devops", "domain")}
