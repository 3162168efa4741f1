"""A function brought in by `from .module import *` is that module's: a call of it with a person's data is
settled against its summary, as an explicitly imported one is (issue 3: heldout14's error-reporting middleware,
whose tags reach Sentry through a star-imported helper)."""

from __future__ import annotations


def test_a_star_imported_helper_sends_what_it_is_given(scan_project) -> None:
    results = scan_project({
        "tracking/__init__.py": "",
        "tracking/helpers.py": """
            import sentry_sdk

            __all__ = ["tag_event"]

            def tag_event(name, value):
                sentry_sdk.set_tag(name, value)
            """,
        "tracking/middleware.py": """
            from .helpers import *

            class TagMiddleware:
                def __call__(self, request):
                    tag_event("email", request.user.email)
                    return self.get_response(request)
            """,
    })
    middleware = next(r for r in results if r.path.endswith("middleware.py"))
    assert {(f.category, f.service, f.location.line) for f in middleware.flows} == {
        ("user.contact.email", "sentry", 6)}
    assert "sentry" in {u.service for u in middleware.services}


def test_a_builtin_or_a_local_function_is_no_star_import(scan_project) -> None:
    results = scan_project({
        "tracking/__init__.py": "",
        "tracking/helpers.py": """
            import sentry_sdk

            def print(value):
                sentry_sdk.set_tag("x", value)

            def record(value):
                sentry_sdk.set_tag("y", value)
            """,
        "tracking/middleware.py": """
            from .helpers import *

            def record(value):
                return value

            def handle(request):
                print(request.user.email)
                record(request.user.email)
            """,
    })
    middleware = next(r for r in results if r.path.endswith("middleware.py"))
    assert middleware.flows == []
