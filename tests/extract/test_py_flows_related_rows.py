"""A generic leaf read on a related row (`user.primary_email.address`, `user.contact.value`,
`user.phones.first().number`) is what the payload key it is filed under names (audit18 #12: uffd's UserEmail rows);
the object's own configuration (`self.config.value`) stays what its name says."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_leaf_on_a_related_row_is_what_its_payload_key_names(scan_snippet) -> None:
    result = scan_snippet(
        """
        from mixpanel import Mixpanel

        mp = Mixpanel("token")


        def track_signup(user):
            mp.track(str(user.id), "signup", {"email": user.primary_email.address})
            mp.people_set(str(user.id), {"$email": user.contact.value, "$phone": user.phones.first().number})
        """
    )
    found = flows(result)
    assert {("user.contact.email", "mixpanel", 8), ("user.contact.email", "mixpanel", 9),
            ("user.contact.phone_number", "mixpanel", 9)} <= found


def test_the_objects_own_configuration_is_not_renamed_by_the_key(scan_snippet) -> None:
    result = scan_snippet(
        """
        from mixpanel import Mixpanel

        mp = Mixpanel("token")


        class Tracker:
            def track(self, user):
                mp.track(str(user.id), "signup", {"email": self.config.value})
        """
    )
    assert not any(c == "user.contact.email" for c, _, _ in flows(result))
