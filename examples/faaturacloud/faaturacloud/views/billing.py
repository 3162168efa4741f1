"""FaaturaCloud's own subscription billing, and the Stripe webhook."""

import datetime as dt

import stripe
from flask import Blueprint, abort, current_app, g, jsonify, request
from sqlalchemy import select

from ..db import get_session
from ..integrations import analytics, payments
from ..models import Account, Payment, Plan, Subscription
from . import login_required

bp = Blueprint("billing", __name__, url_prefix="/billing")


@bp.post("/subscribe")
@login_required
def subscribe():
    plan = get_session().get(Plan, int(request.form["plan_id"])) or abort(404)
    base = current_app.config["PUBLIC_BASE_URL"]
    checkout = payments.create_subscription_checkout(
        g.account,
        plan,
        success_url=f"{base}/app/billing?subscribed=1",
        cancel_url=f"{base}/app/billing",
    )
    get_session().commit()  # keeps a newly created Stripe customer id
    return jsonify(checkout_url=checkout.url)


@bp.post("/webhook")
def stripe_webhook():
    try:
        event = stripe.Webhook.construct_event(
            request.get_data(),
            request.headers.get("Stripe-Signature", ""),
            current_app.config["STRIPE_WEBHOOK_SECRET"],
        )
    except (ValueError, stripe.SignatureVerificationError):
        abort(400)

    obj = event["data"]["object"]
    if event["type"] == "payment_intent.succeeded":
        _payment_succeeded(obj)
    elif event["type"] == "payment_intent.payment_failed":
        _set_payment_status(obj["id"], "failed")
    elif event["type"].startswith("customer.subscription."):
        _subscription_changed(obj)
    get_session().commit()
    return jsonify(received=True)


def _set_payment_status(intent_id: str, status: str) -> Payment | None:
    query = select(Payment).where(Payment.stripe_payment_intent_id == intent_id)
    payment = get_session().scalar(query)
    if payment is not None:
        payment.status = status
    return payment


def _payment_succeeded(intent) -> None:
    payment = _set_payment_status(intent["id"], "succeeded")
    if payment is None:
        return
    payment.card_last4, payment.card_brand = payments.card_details(intent["latest_charge"])
    payment.invoice.status = "paid"
    payment.invoice.paid_at = dt.datetime.now(dt.UTC)


def _subscription_changed(stripe_sub) -> None:
    db = get_session()
    org_id = int(stripe_sub["metadata"]["organization_id"])
    item = stripe_sub["items"]["data"][0]
    plan = db.scalar(select(Plan).where(Plan.stripe_price_id == item["price"]["id"]))
    subscription = db.scalar(select(Subscription).where(Subscription.organization_id == org_id))
    if subscription is None:
        subscription = Subscription(organization_id=org_id)
        db.add(subscription)
    subscription.plan = plan
    subscription.status = stripe_sub["status"]
    subscription.stripe_subscription_id = stripe_sub["id"]
    subscription.current_period_end = dt.datetime.fromtimestamp(item["current_period_end"], dt.UTC)

    owner_query = select(Account).where(Account.organization_id == org_id, Account.role == "owner")
    owner = db.scalars(owner_query).first()
    if owner is not None and plan is not None:
        analytics.identify_account(owner, plan_name=plan.name)
