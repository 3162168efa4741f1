"""Session 18's services work: one renaming of SMTP mail to the provider that runs the server, shared by the file
pass (a literal host) and the project pass (the settings' EMAIL_HOST)."""

from __future__ import annotations

from scanner.extract.py_services import smtp_to_provider
from scanner.inventory import FileResult, Flow, Location, ServiceUse


def test_smtp_to_provider_renames_only_the_smtp_servers_uses_and_flows_at_its_lines() -> None:
    here, there = Location("m.py", 5), Location("m.py", 9)
    result = FileResult("m.py", services=[ServiceUse("smtp_server", "call", "s.send()", here, "high"),
                                          ServiceUse("smtp_server", "import", "import smtplib", there, "high"),
                                          ServiceUse("stripe", "call", "stripe.x()", here, "high")],
                        flows=[Flow("user.contact.email", "smtp_server", here, ("user.email", "s.send"), "s.send()"),
                               Flow("user.contact.email", "smtp_server", there, ("user.email",), "x")])
    smtp_to_provider(result, {5: "sendgrid"})
    assert [(u.service, u.location.line) for u in result.services] == [("sendgrid", 5), ("smtp_server", 9),
                                                                       ("stripe", 5)]
    assert [(f.service, f.location.line) for f in result.flows] == [("sendgrid", 5), ("smtp_server", 9)]


def test_youtubes_gdata_client_is_youtube(scan_snippet) -> None:
    """django-youtube (heldout19) wraps the retired v2 API's GData client: only its settings named YouTube."""
    result = scan_snippet(
        """
        import gdata.youtube.service
        import requests

        class Api:
            yt_service = gdata.youtube.service.YouTubeService()

            def fetch_feed(self, channel):
                return Api.yt_service.GetYouTubeVideoFeed("http://gdata.youtube.com/feeds/api/users/" + channel)

        def search(q):
            return requests.get("https://www.googleapis.com/youtube/v3/search", params={"q": q})

        def book(isbn):
            return requests.get("https://www.googleapis.com/books/v1/volumes", params={"q": isbn})
        """
    )
    assert {(u.service, u.signal) for u in result.services} >= {("youtube", "import"), ("youtube", "call"),
                                                                ("youtube", "domain")}
    assert {u.service for u in result.services if u.location.line == 12} == {"youtube"}
    assert {u.service for u in result.services if u.location.line == 15} == {"google_books"}


def test_an_openai_client_aimed_at_a_newly_catalogued_provider_is_that_provider(scan_snippet) -> None:
    """Session 18's breadth: OpenAI-compatible LLM APIs are named by the base URL an OpenAI client is given."""
    result = scan_snippet(
        """
        from openai import OpenAI

        client = OpenAI(base_url="https://api.deepinfra.com/v1/openai", api_key="k")

        def answer(user, question):
            return client.chat.completions.create(model="m", messages=[{"role": "user", "content": question}])
        """
    )
    assert "deepinfra" in {u.service for u in result.services}
    assert "openai" not in {u.service for u in result.services if u.signal != "import"}
