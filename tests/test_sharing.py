"""Recipients' findings (DM202, DM502) in words: what is wrong, where, and a fix that fits the recipient (audit12 #21)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import make, run_json

CODE = {
    "app/sms.py": """\
        from twilio.rest import Client


        def send(user):
            Client().messages.create(to=user.phone, body="Hi %s" % user.first_name, from_="+1")
        """,
    "app/mail.py": """\
        from django.core.mail import send_mail


        def welcome(user):
            send_mail("Welcome", "Hello", "noreply@example.com", [user.email])
        """,
    "app/track.py": """\
        from mixpanel import Mixpanel


        def signed_up(user):
            Mixpanel("t").track(str(user.id), "signup", {"email": user.email})
        """,
    "datamap.yaml": """\
        version: 1
        collects: []
        recipients:
          - service: twilio
            receives: []
          - category: email_delivery
            receives: [name]
          - service: mixpanel
            receives: [usage_data]
        prohibited_uses: []
        """,
}


def test_dm202_fix_fits_the_recipient(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A channel cannot deliver without its address: 'send a non-personal identifier instead' is no fix for the
    phone number an SMS goes to, nor the address a mail goes to; other data on a channel is what the message says;
    an analytics tool can take a pseudonymous id."""
    root = make(tmp_path, CODE)
    code, report = run_json(capsys, "check", str(root), "--select", "DM202")
    assert code == 1
    by = {(f["file"], f["subject"].split(" -> ")[0]): f for f in report["findings"]}
    phone = by[("app/sms.py", "user.contact.phone_number")]
    assert phone["message"].endswith("lets it receive nothing (`receives: []`)")
    assert phone["hint"] == ("Twilio needs it to deliver the message: add user.contact.phone_number to `receives:` of "
                             "service twilio (line 4), as the privacy policy must say it gets it")
    first = by[("app/sms.py", "user.name.first")]
    assert first["hint"].startswith("leave it out of the message, or add user.name.first to `receives:`")
    mail = by[("app/mail.py", "user.contact.email")]
    assert mail["message"].endswith("lets it receive only: user.name")
    assert "needs it to deliver the message: add user.contact.email to `receives:` of recipient category " \
        "email_delivery (line 6)" in mail["hint"]
    track = by[("app/track.py", "user.contact.email")]
    assert track["hint"].startswith("send a non-personal identifier instead, or add user.contact.email")


def test_dm502_names_the_recipient_as_the_policy_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make(tmp_path, {"app/a.py": "x = 1\n", "datamap.yaml": """\
        version: 1
        collects: []
        recipients:
          - service: twilio
          - category: email_delivery
        """})
    code, report = run_json(capsys, "check", str(root), "--select", "DM502", "--fail-on", "info")
    assert code == 1
    assert [f["message"] for f in report["findings"]] == [
        "Twilio (service twilio) is declared as a recipient, but no scanned code uses it",
        "Email delivery services (recipient category email_delivery) is declared as a recipient, but no scanned code "
        "uses it"]
    assert report["findings"][0]["hint"] == ("remove it from `recipients:` if the integration is gone (code outside "
                                             "the scan may still use it)")


def test_dm201_fix_names_the_entries_that_disclose_it_and_the_alternative(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make(tmp_path, {"app/a.py": "import sentry_sdk\n", "datamap.yaml": "version: 1\n"})
    code, report = run_json(capsys, "check", str(root), "--select", "DM201")
    assert code == 1
    assert report["findings"][0]["hint"] == ("add `- service: sentry` or `- category: error_tracking` under "
                                             "`recipients:` (with `receives:` the categories it may get), or remove "
                                             "the integration")


def _checked(rules, recipients: tuple, uses: list, flows: list):  # type: ignore[no-untyped-def]
    from scanner.checks import CheckContext, run_checks
    from scanner.config import Config
    from scanner.datamap import DataMap
    from scanner.inventory import Inventory

    inventory = Inventory(root=".")
    inventory.services, inventory.flows = uses, flows
    inventory.sort()
    ctx = CheckContext(inventory, DataMap("datamap.yaml", "", (), recipients, (), ()), rules,
                       Config(root=Path(".")), whole_project=True)
    return run_checks(ctx)[0]


def test_a_host_that_personal_data_flows_to_is_used_though_no_use_names_it(rules) -> None:  # type: ignore[no-untyped-def]
    """audit17 #13: flows settled to an unknown host with no use recorded passed a map with `recipients: []`, and
    the entry `init` drafts for them was called stale (DM502), failing the datamap-project hook on a fresh draft."""
    from scanner.datamap import Recipient
    from scanner.inventory import Flow, Location

    flows = [Flow("user.device.cookie", "unlisted_host", Location("app/proxy.py", 15),
                  ("request.headers", "headers", "client.request"), "client.request(...)")]
    undeclared = _checked(rules, (), [], flows)
    assert [(f.code, f.location.path, f.location.line) for f in undeclared] == [("DM201", "app/proxy.py", 15)]
    assert "(flow: request.headers -> headers -> client.request)" in undeclared[0].message
    declared = _checked(rules, (Recipient("unlisted_host", None, ("user.device.cookie",), (), 3),), [], flows)
    assert [f.code for f in declared] == []


def test_dm201_names_a_domain_use_by_its_host_not_the_whole_call(rules) -> None:  # type: ignore[no-untyped-def]
    """audit17 #14: the message printed the call, payload and all, flattened, as the 'domain'."""
    from scanner.inventory import Location, ServiceUse

    call = ('requests.post(\n    "https://api.hubapi.com/crm/v3/objects/contacts",\n'
            '    json={"properties": {"email": customer.email}},\n    timeout=10,\n)')
    found = _checked(rules, (), [ServiceUse("hubspot", "domain", call, Location("app/crm.py", 5), "medium"),
                                 ServiceUse("stripe", "call", "stripe.Customer.create(" + "x, " * 40 + ")",
                                            Location("app/pay.py", 2), "high")], [])
    messages = {f.location.path: f.message for f in found if f.code == "DM201"}
    assert "is used here (domain: api.hubapi.com) but" in messages["app/crm.py"]
    shown = messages["app/pay.py"].split("(call: ")[1].split(") but")[0]
    assert len(shown) <= 80 and shown.endswith("...") and "\n" not in shown
