"""An SDK client's constructor is given the business's account, whatever its arguments are named."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_what_an_sdk_client_is_built_with_is_not_shared(scan_snippet) -> None:
    result = scan_snippet(
        """
        from twilio.rest import Client

        def client(conf):
            account_sid = conf.twilio_account_sid
            session_id = conf.session_id
            return Client(account_sid, conf.auth_token, session_id)
        """
    )
    assert flows(result) == set()


def test_what_the_client_then_sends_is(scan_snippet) -> None:
    result = scan_snippet(
        """
        from twilio.rest import Client

        def text(conf, phone_number):
            client = Client(conf.twilio_account_sid, conf.auth_token)
            client.messages.create(to=phone_number, from_="+15550100", body="Your order has shipped")
        """
    )
    assert flows(result) == {("user.contact.phone_number", "twilio", 6)}
