"""A flow read on a model's row takes the inventory's verdict on that field (issue 3, task 3): a Booking's `name`
beside its guest's e-mail is the guest's name; a Station's `email` beside its coordinates is the place's."""

from __future__ import annotations

MODELS = """
from django.db import models

class Station(models.Model):
    name = models.CharField(max_length=100)
    lat = models.FloatField()
    lng = models.FloatField()
    email = models.EmailField()

class Booking(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=20)
"""


def _flows(results) -> set[tuple[str, str, int]]:
    return {(f.category, f.location.path, f.location.line) for r in results for f in r.flows}


def test_a_field_read_on_a_row_follows_the_inventory(scan_project) -> None:
    results = scan_project({
        "app/models.py": MODELS,
        "app/tracking.py": """
            import mixpanel

            mp = mixpanel.Mixpanel("x")

            def track(station, booking):
                mp.track("id", "station", {"contact": station.email, "lat": station.lat})
                mp.track("id", "booking", {"who": booking.name, "mail": booking.email})
            """,
    })
    assert _flows(results) == {("user.name", "app/tracking.py", 8), ("user.contact.email", "app/tracking.py", 8)}


def test_a_variable_naming_no_model_keeps_the_file_pass_reading(scan_project) -> None:
    results = scan_project({
        "app/models.py": MODELS,
        "app/tracking.py": """
            import mixpanel

            mp = mixpanel.Mixpanel("x")

            def track(place, guest):
                mp.track("id", "place", {"contact": place.email, "who": guest.name})
            """,
    })
    assert _flows(results) == {("user.contact.email", "app/tracking.py", 7), ("user.name", "app/tracking.py", 7)}
