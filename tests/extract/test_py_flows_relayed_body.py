"""A request's body relayed whole to a language model (audit17 #02): an LLM proxy route forwards what the person wrote,
the prompt, so it is a flow of their private content; the app's own payload to the same API is none."""

from __future__ import annotations

from scanner.inventory import FileResult

PROXY = """
    import httpx
    import requests
    from fastapi import FastAPI, Request

    app = FastAPI()


    @app.post("/proxy/messages")
    async def proxy_messages(request: Request):
        body = await request.body()
        async with httpx.AsyncClient() as client:
            return await client.post("https://api.anthropic.com/v1/messages", content=body)


    @app.post("/proxy/chat")
    async def proxy_chat(request: Request):
        payload = await request.json()
        return requests.post("https://api.openai.com/v1/chat/completions", json=payload)
    """

RELAY = """
    import requests
    from flask import request


    def relay():
        return requests.post("https://api.mistral.ai/v1/chat/completions", data=request.get_data())
    """

OWN = """
    import requests


    def summarise_catalogue():
        payload = {"model": "gpt-4o", "messages": [{"role": "system", "content": "Summarise our catalogue."}]}
        return requests.post("https://api.openai.com/v1/chat/completions", json=payload)
    """


def flows(results: list[FileResult]) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for r in results for f in r.flows}


def test_a_request_body_relayed_whole_to_a_language_model_is_the_persons_prompt(scan_project) -> None:
    assert flows(scan_project({"app/proxy.py": PROXY, "app/relay.py": RELAY})) == {
        ("user.content.private", "anthropic", 13), ("user.content.private", "openai", 19),
        ("user.content.private", "mistral", 7)}


def test_the_apps_own_payload_to_a_language_model_is_no_flow(scan_project) -> None:
    results = scan_project({"app/llm.py": OWN})
    assert {u.service for r in results for u in r.services} == {"openai"}
    assert flows(results) == set()
