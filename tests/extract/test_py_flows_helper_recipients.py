"""A flow settled through a helper of the module names its recipient as a use too (audit16 #06: a helper posting
what it is given to a host the catalogue does not know recorded no use, so a data map with no recipients passed)."""

from __future__ import annotations

from scanner.inventory import FileResult


def uses(result: FileResult) -> set[tuple[str, int]]:
    return {(u.service, u.location.line) for u in result.services}


def test_a_persons_data_through_a_helper_to_an_unlisted_host_is_a_use(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests


        def send(params):
            return requests.post("https://api.acme-crm.io/contacts", json=params)


        def sync_user(user):
            return send({"email": user.email})
        """
    )
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.email", "unlisted_host", 10)}
    assert uses(result) == {("unlisted_host", 10)}


def test_a_helper_given_nothing_personal_names_no_recipient(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests


        def send(params):
            return requests.post("https://api.acme-crm.io/contacts", json=params)


        def ping():
            return send({"status": "ok"})
        """
    )
    assert result.flows == [] and uses(result) == set()
