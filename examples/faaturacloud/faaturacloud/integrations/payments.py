"""Stripe: card payments of invoices by clients, and FaaturaCloud's own subscriptions."""

from decimal import Decimal

import stripe
from flask import current_app

from ..models import Account, Client, Invoice, Plan


def _stripe() -> None:
    stripe.api_key = current_app.config["STRIPE_SECRET_KEY"]


def _cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def ensure_client_customer(client: Client) -> str:
    """Create (once) the Stripe customer that pays this client's invoices."""
    if client.stripe_customer_id:
        return client.stripe_customer_id
    _stripe()
    customer = stripe.Customer.create(
        email=client.email,
        name=client.company_name or f"{client.first_name} {client.last_name}",
        address={
            "line1": client.address_line1,
            "line2": client.address_line2,
            "postal_code": client.postal_code,
            "city": client.city,
            "country": client.country,
        },
        metadata={"client_id": str(client.id), "organization_id": str(client.organization_id)},
    )
    client.stripe_customer_id = customer.id
    return customer.id


def create_invoice_payment_intent(invoice: Invoice) -> stripe.PaymentIntent:
    customer_id = ensure_client_customer(invoice.client)
    return stripe.PaymentIntent.create(
        amount=_cents(invoice.total),
        currency=invoice.currency.lower(),
        customer=customer_id,
        description=f"Invoice {invoice.number}",
        automatic_payment_methods={"enabled": True},
        metadata={"invoice_id": str(invoice.id)},
        idempotency_key=f"invoice-{invoice.id}-{_cents(invoice.total)}",
    )


def card_details(charge_id: str) -> tuple[str | None, str | None]:
    """Last four digits and brand of the card, shown on the receipt. Stripe keeps the rest."""
    _stripe()
    charge = stripe.Charge.retrieve(charge_id)
    card = charge.payment_method_details.get("card") if charge.payment_method_details else None
    return (card["last4"], card["brand"]) if card else (None, None)


def create_subscription_checkout(
    account: Account, plan: Plan, *, success_url: str, cancel_url: str
) -> stripe.checkout.Session:
    _stripe()
    org = account.organization
    if not org.stripe_customer_id:
        customer = stripe.Customer.create(
            email=account.email,
            name=org.name,
            metadata={"organization_id": str(org.id)},
        )
        org.stripe_customer_id = customer.id
    return stripe.checkout.Session.create(
        mode="subscription",
        customer=org.stripe_customer_id,
        line_items=[{"price": plan.stripe_price_id, "quantity": 1}],
        subscription_data={"metadata": {"organization_id": str(org.id)}},
        automatic_tax={"enabled": True},
        customer_update={"address": "auto"},
        success_url=success_url,
        cancel_url=cancel_url,
    )
