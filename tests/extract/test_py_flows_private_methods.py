"""A helper module's function given a provider object and calling its private sender
(`provider._create_message(params=params)`) sends what that method sends (issue 3: heldout13's django-anysms,
whose per-channel modules call the provider's `_create_message`)."""

from __future__ import annotations


def test_a_helper_calling_a_private_method_of_its_parameter(scan_project) -> None:
    results = scan_project({
        "sms/__init__.py": "",
        "sms/provider.py": """
            from twilio.rest import Client

            class TwilioProvider:
                def __init__(self, sid, token):
                    self.client = Client(sid, token)

                def _create_message(self, *, params):
                    return self.client.messages.create(**dict(params))
            """,
        "sms/channel.py": """
            def send_sms(provider, message):
                params = {"to": message.to, "body": message.body}
                return provider._create_message(params=params)
            """,
    })
    channel = next(r for r in results if r.path.endswith("channel.py"))
    # (`message.to` is the SMS API's kind of address, as at a local call; the body, whose name says nothing,
    # is not carried across modules yet)
    assert {(f.category, f.service) for f in channel.flows} == {("user.contact.phone_number", "twilio")}
    assert "twilio" in {u.service for u in channel.services}


def test_a_private_method_of_another_object_stays_its_own(scan_project) -> None:
    results = scan_project({
        "sms/__init__.py": "",
        "sms/provider.py": """
            from twilio.rest import Client

            class TwilioProvider:
                def __init__(self, sid, token):
                    self.client = Client(sid, token)

                def _create_message(self, *, params):
                    return self.client.messages.create(**dict(params))
            """,
        "sms/channel.py": """
            from sms.registry import PROVIDER

            def send_sms(message):
                params = {"to": message.to, "body": message.body}
                return PROVIDER._create_message(params=params)
            """,
    })
    channel = next(r for r in results if r.path.endswith("channel.py"))
    assert channel.flows == []
