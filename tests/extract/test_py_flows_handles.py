"""The provider's own handles sent back to it are no flow; a dict written out under a key is a group, not a datum."""

from __future__ import annotations

STRIPE = """
    import stripe


    class Checkout:
        def create(self, customer_id, user, metadata):
            params = {"customer": customer_id, "metadata": {"user_id": user.id}}
            params["payment_intent_data"] = {"metadata": metadata}
            params["amount"] = user.balance_due
            return stripe.checkout.Session.create(**params)

        def retrieve(self, session_id):
            return stripe.checkout.Session.retrieve(session_id)


    def view(request, user):
        Checkout().create(user.stripe_customer_id, user, {})
        Checkout().retrieve(request.args.get("session_id"))
"""


def test_a_customer_handle_in_a_spread_dict_is_the_providers(scan_snippet) -> None:
    flows = {(f.category, f.location.line) for f in scan_snippet(STRIPE).flows}
    # the app's user id in the metadata is still sent, and so is the amount under its own key
    assert ("user.unique_id", 10) in flows
    assert ("user.financial", 10) in flows
    # the customer handle (a parameter so named, then the caller's stripe_customer_id) is Stripe's own
    assert not any(f.path[0] == "customer_id" for f in scan_snippet(STRIPE).flows)
    assert 17 not in {line for _, line in flows}


def test_a_nested_dict_under_a_key_is_not_that_keys_datum(scan_snippet) -> None:
    flows = scan_snippet(STRIPE).flows
    assert not any("payment_intent_data" in step for f in flows for step in f.path)
    # a datum given as a dict (Mollie's amount: currency and value) is still that datum
    mollie = scan_snippet("""
        from mollie.api.client import Client

        client = Client()


        def pay(currency, total):
            client.payments.create({"amount": {"currency": currency, "value": str(total)}, "description": "Order"})
    """)
    assert "user.payment" in {f.category for f in mollie.flows}


def test_a_session_id_given_back_to_a_lookup_is_no_flow(scan_snippet) -> None:
    flows = scan_snippet(STRIPE).flows
    assert not any(f.location.line in (13, 18) for f in flows)


TWILIO = """
    from twilio.rest import Client
    import intercom


    class Calls:
        def __init__(self):
            self.client = Client("sid", "token")

        def hang_up(self, call_sid):
            self.client.calls(call_sid).update(status="completed")

        def dial(self, user):
            self.client.calls.create(to=user.phone, from_="+15550100")


    def end(call, user):
        Calls().hang_up(call.twilio_sid)
        intercom.users.get(user.id)
"""


def test_a_twilio_sid_picking_a_record_is_no_flow(scan_snippet) -> None:
    flows = {(f.service, f.category, f.location.line) for f in scan_snippet(TWILIO).flows}
    assert not any(line in (11, 18) for _, _, line in flows)
    # what a call sends is still a flow, and a lookup elsewhere by the app's own user id is that user's id
    assert ("twilio", "user.contact.phone_number", 14) in flows
    assert ("intercom", "user.unique_id", 19) in flows


def test_a_handle_key_read_only_by_its_name_is_the_providers(scan_snippet) -> None:
    result = scan_snippet("""
        import razorpay

        client = razorpay.Client(auth=("key", "secret"))


        def subscribe(plan_id, provider_customer_id, user):
            data = {"plan_id": plan_id, "customer_id": provider_customer_id, "notes": {"user": user.email}}
            return client.subscription.create(data)
    """)
    assert {(f.category, f.location.line) for f in result.flows} == {("user.contact.email", 9)}
