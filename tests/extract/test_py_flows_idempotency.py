"""A request's idempotency key (Stripe's `idempotency_key=`) is the provider's deduplication token, whatever the
app made it from: no flow (heldout11's flask-headless-payments hashed the user's id and subscription into it)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_an_idempotency_key_made_from_a_users_data_is_no_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        import hashlib
        import stripe


        def _key(action, user_id, *parts):
            raw = "|".join([action, str(user_id), *(str(p) for p in parts)])
            return hashlib.sha256(raw.encode()).hexdigest()


        def cancel(user):
            stripe.Subscription.modify(user.stripe_subscription_id, cancel_at_period_end=True,
                                       idempotency_key=_key("cancel", user.id, user.stripe_subscription_id))


        def cancel_now(subscription_id, idempotency_key=None):
            stripe.Subscription.modify(subscription_id, idempotency_key=idempotency_key)


        def view(user):
            cancel_now(user.stripe_subscription_id, idempotency_key=f"cancel-{user.id}")
        """
    )
    assert flows(result) == set()


def test_the_same_call_still_sends_what_its_other_arguments_carry(scan_snippet) -> None:
    result = scan_snippet(
        """
        import stripe


        def cancel(user):
            stripe.Subscription.modify(user.stripe_subscription_id, metadata={"email": user.email},
                                       idempotency_key=f"cancel-{user.id}")
        """
    )
    assert flows(result) == {("user.contact.email", "stripe", 6)}
