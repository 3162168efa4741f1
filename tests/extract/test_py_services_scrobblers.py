"""Catalogue additions of session 14 from audit findings: music scrobbling services (audit12 #03, supysonic's
Last.fm and ListenBrainz), by their documented API hosts."""

from __future__ import annotations

from scanner.inventory import FileResult


def uses(result: FileResult) -> set[tuple[str, int]]:
    return {(u.service, u.location.line) for u in result.services}


def test_scrobbles_go_to_the_scrobbling_service_the_host_names(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        class LastFm:
            def scrobble(self, user, track, ts):
                kwargs = {"method": "track.scrobble", "artist": track.artist, "timestamp": ts, "username": user.name}
                requests.post("https://ws.audioscrobbler.com/2.0/", data=kwargs, timeout=5)

        class ListenBrainz:
            base = "https://api.listenbrainz.org"

            def submit(self, token, listens):
                requests.post(f"{self.base}/1/submit-listens", json=listens, headers={"Authorization": token})
        """
    )
    assert {("lastfm", 7), ("listenbrainz", 10)} <= uses(result)
    assert ("user.name", "lastfm") in {(f.category, f.service) for f in result.flows}


def test_a_link_to_the_website_is_no_scrobbling(scan_snippet) -> None:
    result = scan_snippet('HELP = "See https://www.last.fm/api for an API key"\n')
    assert uses(result) == set()
