"""A hook a base class defines (returning `{}`) and its subclasses override with personal data: the
base's call sends what any override returns."""

from __future__ import annotations


def _flows(result) -> set[tuple[str, int]]:
    return {(f.category, f.location.line) for f in result.flows}


def test_an_overridden_hook_merged_by_update_sends_the_subclasses_returns(scan_snippet) -> None:
    result = scan_snippet("""
        import stripe

        class StripeMethod:
            def _intent_kwargs(self, request, payment):
                return {}

            def handle(self, request, payment):
                params = {}
                params.update(self._intent_kwargs(request, payment))
                return stripe.PaymentIntent.create(amount=100, currency="eur", **params)

        class StripeKlarna(StripeMethod):
            def _intent_kwargs(self, request, payment):
                return {"payment_method_data": {"billing_details": {"email": payment.order.email}}}
    """)
    assert _flows(result) == {("user.contact.email", 11)}


def test_an_overridden_hook_spread_into_the_call_sends_the_subclasses_returns(scan_snippet) -> None:
    result = scan_snippet("""
        import stripe

        class StripeMethod:
            def _intent_kwargs(self, request, payment):
                return {}

            def handle(self, request, payment):
                return stripe.PaymentIntent.create(amount=100, **self._intent_kwargs(request, payment))

        class StripeKlarna(StripeMethod):
            def _intent_kwargs(self, request, payment):
                return {"receipt_email": payment.order.email}
    """)
    assert _flows(result) == {("user.contact.email", 9)}


def test_an_override_in_an_unrelated_class_is_not_the_hook(scan_snippet) -> None:
    result = scan_snippet("""
        import stripe

        class StripeMethod:
            def _intent_kwargs(self, request, payment):
                return {}

            def handle(self, request, payment):
                return stripe.PaymentIntent.create(amount=100, **self._intent_kwargs(request, payment))

        class Report:
            def _intent_kwargs(self, request, payment):
                return {"receipt_email": payment.order.email}
    """)
    assert _flows(result) == set()
