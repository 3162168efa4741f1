"""Product analytics (Mixpanel): which features are used, and on which plan."""

from flask import current_app
from mixpanel import Mixpanel, MixpanelException

from ..models import Account, Invoice


def _mixpanel() -> Mixpanel | None:
    token = current_app.config["MIXPANEL_TOKEN"]
    return Mixpanel(token) if token else None


def _plan_name(account: Account) -> str:
    subscription = account.organization.subscription
    return subscription.plan.name if subscription and subscription.plan else "trial"


def identify_account(account: Account, plan_name: str | None = None) -> None:
    if (mp := _mixpanel()) is None:
        return
    try:
        mp.people_set(
            str(account.id),
            {
                "$email": account.email,
                "$name": account.full_name,
                "plan": plan_name or _plan_name(account),
                "organization_id": account.organization_id,
            },
        )
    except MixpanelException:
        current_app.logger.warning("Mixpanel people_set failed", exc_info=True)


def track(account: Account, event: str, properties: dict | None = None) -> None:
    if (mp := _mixpanel()) is None:
        return
    try:
        mp.track(str(account.id), event, {"plan": _plan_name(account), **(properties or {})})
    except MixpanelException:
        current_app.logger.warning("Mixpanel track failed", exc_info=True)


def track_invoice_sent(account: Account, invoice: Invoice) -> None:
    if (mp := _mixpanel()) is None:
        return
    plan = _plan_name(account)
    props = {"currency": invoice.currency, "line_count": len(invoice.lines)}
    try:
        mp.track(str(account.id), "invoice_sent", {"email": account.email, "plan": plan, **props})
    except MixpanelException:
        current_app.logger.warning("Mixpanel track failed", exc_info=True)
