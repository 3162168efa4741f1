"""The keys of a dict another module's builder returns mean, at the API they reach, what that API reads there."""

from __future__ import annotations

from pathlib import Path

from scanner.inventory import FileResult
from tests.extract.test_python_resolution import project

PLANS = """
    def plan_to_payment_params(plan_id):
        params = resolve_plan(plan_id)
        return {"amount": params["amount"], "currency": params["currency"], "description": params["description"]}
    """


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_an_amount_a_builder_returns_is_the_payers_payment_at_a_payment_provider(tmp_path: Path, rules) -> None:
    checkout = """
        import stripe
        from app.plans import plan_to_payment_params

        def checkout(plan_id):
            params = plan_to_payment_params(plan_id)
            stripe.PaymentIntent.create(**params)
        """
    found = project(tmp_path, rules, {"app/plans.py": PLANS, "app/checkout.py": checkout})["app/checkout.py"]
    assert flows(found) == {("user.payment", "stripe", 7)}


def test_the_same_keys_mean_nothing_to_an_analytics_api(tmp_path: Path, rules) -> None:
    track = """
        from mixpanel import Mixpanel
        from app.plans import plan_to_payment_params

        mp = Mixpanel("token")

        def chose(plan_id):
            mp.track("plan", "chosen", plan_to_payment_params(plan_id))
        """
    found = project(tmp_path, rules, {"app/plans.py": PLANS, "app/track.py": track})["app/track.py"]
    assert flows(found) == set()
