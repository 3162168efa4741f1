"""What a sender's own module builds and sends is reported there, not at the caller that only hands it on."""

from __future__ import annotations

from pathlib import Path

from scanner.inventory import FileResult
from tests.extract.test_python_resolution import project

TRACKER = """
    import requests

    class Tracker:
        def build_event(self, request):
            return {"ip": request.META.get("REMOTE_ADDR"), "email": request.user.email}

        def send_events(self, events):
            requests.post("https://api.amplitude.com/2/httpapi", json={"events": events})
    """


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_what_the_senders_module_built_is_reported_where_it_is_sent(tmp_path: Path, rules) -> None:
    view = """
        from app.tracker import Tracker

        tracker = Tracker()

        def page_view(request):
            event = tracker.build_event(request)
            tracker.send_events([event])
        """
    found = project(tmp_path, rules, {"app/tracker.py": TRACKER, "app/middleware.py": view})
    assert flows(found["app/tracker.py"]) == {("user.device.ip_address", "amplitude", 9),
                                              ("user.contact.email", "amplitude", 9)}
    assert flows(found["app/middleware.py"]) == set()


def test_what_the_caller_gives_is_reported_at_the_caller(tmp_path: Path, rules) -> None:
    view = """
        from app.tracker import Tracker

        tracker = Tracker()

        def signed_up(user):
            tracker.send_events([{"email": user.email}])
        """
    found = project(tmp_path, rules, {"app/tracker.py": TRACKER, "app/views.py": view})
    assert flows(found["app/views.py"]) == {("user.contact.email", "amplitude", 7)}
    assert flows(found["app/tracker.py"]) == set()
