"""`getattr(user, key)` with `key` running over literal names reads those attributes (heldout15's django-xero:
`{xerokey: getattr(self.user, djkey) for djkey, xerokey in filters}`)."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project


def categories(result) -> set[str]:
    return {f.category for f in result.flows}


def test_attributes_named_by_a_literal_list_are_read(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/sync.py": """
        import requests

        FIELDS = ("email", "phone")

        class Linked:
            def guess(self, client):
                filters = [("email", "emailaddress"), ("first_name", "firstname")]
                params = {other: getattr(self.user, key) for key, other in filters}
                return requests.post("https://api.mixpanel.com/engage", json=params)

        def push(user):
            data = {}
            for field in FIELDS:
                data[field] = getattr(user, field)
            requests.post("https://api.mixpanel.com/engage", json=data)
    """})
    flows = {(f.category, f.location.line) for f in results["app/sync.py"].flows}
    assert {("user.contact.email", 10), ("user.name.first", 10), ("user.contact.email", 16),
            ("user.contact.phone_number", 16)} <= flows
    assert ("user.unique_id", 10) not in flows  # the row's attributes, not the link to the user


def test_names_that_are_no_literals_or_no_personal_attributes_send_nothing(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/sync.py": """
        import requests

        def push(order, keys):
            data = {key: getattr(order, key) for key in ("total", "currency")}
            requests.post("https://api.mixpanel.com/engage", json=data)

        def dynamic(order, keys):
            data = {key: getattr(order, key) for key in keys}
            requests.post("https://api.mixpanel.com/engage", json=data)
    """})
    assert results["app/sync.py"].flows == []
