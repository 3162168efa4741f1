"""A method several scanned packages define is settled against the caller's own package's class (heldout17's
clerk-django: `self._client.post(..., data={"password": password})`, its ClerkClient's `post`, scanned beside
other packages that define `post` too: a monorepo or a dev set of many roots)."""

from __future__ import annotations

from scanner.inventory import FileResult

CLIENT = """
    import requests


    class {name}Client:
        base_url = "{url}"

        def post(self, url, data=None):
            return requests.post(f"{{self.base_url}}/{{url}}", data=data)
    """


RESOURCE = """
    class UserResource:
        def __init__(self, client):
            self._client = client

        def verify_password(self, user_id, password):
            return self._client.post(f"users/{user_id}/verify_password", data={"password": password})
    """


def flows(results: list[FileResult], path: str) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for r in results if r.path == path for f in r.flows}


def test_the_callers_own_package_decides_between_classes_defining_the_method(scan_project) -> None:
    results = scan_project({
        "clerkpkg/client.py": CLIENT.format(name="Clerk", url="https://api.clerk.com/v1"),
        "clerkpkg/resources.py": RESOURCE,
        "otherpkg/client.py": CLIENT.format(name="Keap", url="https://api.infusionsoft.com/crm/rest/v1"),
    })
    assert ("user.authorization.password", "clerk", 7) in flows(results, "clerkpkg/resources.py")


def test_two_classes_of_the_callers_own_package_stay_ambiguous(scan_project) -> None:
    results = scan_project({
        "clerkpkg/client.py": CLIENT.format(name="Clerk", url="https://api.clerk.com/v1"),
        "clerkpkg/keap.py": CLIENT.format(name="Keap", url="https://api.infusionsoft.com/crm/rest/v1"),
        "clerkpkg/resources.py": RESOURCE,
    })
    assert flows(results, "clerkpkg/resources.py") == set()
