"""An HTTP session a project function returns is an HTTP client: its calls go where their URL says."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

POOL = """
    from typing import Optional

    import aiohttp

    _session: Optional[aiohttp.ClientSession] = None


    async def get_session() -> aiohttp.ClientSession:
        global _session
        if _session is None or _session.closed:
            _session = aiohttp.ClientSession()
        return _session


    def make_client():
        return aiohttp.ClientSession()


    def get_settings():
        return {"timeout": 5}
"""

SEARCH = """
    from app.pool import get_session, get_settings, make_client


    async def search(query, user):
        session = await get_session()
        async with session.get("https://api.search.brave.com/res/v1/web/search", params={"q": query}) as r:
            return await r.json()


    async def search_again(query, user):
        async with make_client() as session:
            await session.post("https://api.search.brave.com/res/v1/web/search", json={"email": user.email})


    async def not_a_client(query, user):
        settings = get_settings()
        return settings.get("https://api.search.brave.com/res/v1/web/search", {"q": query})
"""


def test_an_http_session_returned_by_a_function_of_another_module_is_a_client(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/__init__.py": "", "app/pool.py": POOL, "app/search.py": SEARCH})
    found = {(f.category, f.service, f.location.line) for f in results["app/search.py"].flows}
    assert found == {("user.behavior.search_history", "brave_search_api", 7),
                     ("user.contact.email", "brave_search_api", 13)}


def test_an_annotated_session_factory_in_the_same_module_is_a_client(scan_snippet) -> None:
    result = scan_snippet("""
        import httpx

        _client = None

        def client() -> httpx.AsyncClient:
            return _client

        async def search(query):
            http = client()
            await http.get("https://api.search.brave.com/res/v1/web/search", params={"q": query})

        def answer() -> httpx.Response:
            return None

        async def read(query):
            page = answer()
            page.get("https://api.search.brave.com/res/v1/web/search", params={"q": query})
    """)
    assert {(f.category, f.location.line) for f in result.flows} == {("user.behavior.search_history", 11)}
