"""A boto3 client built from a dict spread into the call names its service by the dict's `service_name`."""

from __future__ import annotations


def test_a_spread_service_name_makes_the_client_and_raw_mail_is_the_message(scan_snippet) -> None:
    result = scan_snippet("""
        import boto3


        class Backend:
            def open(self, region):
                client_kwargs = {"service_name": "ses", "region_name": region}
                self.connection = boto3.client(**client_kwargs)
                other_kwargs = {"region_name": region}
                self.storage = boto3.client(**other_kwargs)

            def send_messages(self, messages):
                for message in messages:
                    self.connection.send_raw_email(Source="noreply@example.org", Destinations=message.recipients(),
                                                   RawMessage={"Data": message.message().as_string()})
                    self.storage.put_object(Body=message.message().as_string())
    """)
    flows = {(f.service, f.category, f.location.line) for f in result.flows}
    assert {("amazon_ses", "user.contact.email", 14), ("amazon_ses", "user.content.private", 14)} <= flows
    # a client whose dict names no service is no one's
    assert not any(line == 16 for _, _, line in flows)
    assert ("amazon_ses", 8) in {(s.service, s.location.line) for s in result.services}
