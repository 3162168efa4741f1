"""Quotes and cost estimates."""

import datetime as dt
from decimal import Decimal

from flask import Blueprint, g, jsonify, request
from pydantic import ValidationError
from sqlalchemy import func, select

from ..db import get_session
from ..integrations import analytics, mail
from ..models import Client, CostEstimate, Invoice, InvoiceLine, Quote, QuoteLine, document_total
from ..schemas import CostEstimateIn, DocumentIn
from . import current_org_id, get_owned_or_404, login_required, validation_error
from .invoices import next_invoice_number

bp = Blueprint("quotes", __name__, url_prefix="/api")


@bp.post("/quotes")
@login_required
def create_quote():
    try:
        payload = DocumentIn.model_validate(request.get_json(force=True))
    except ValidationError as exc:
        return validation_error(exc)
    client = get_owned_or_404(Client, payload.client_id)

    db = get_session()
    count = db.scalar(select(func.count(Quote.id)).where(Quote.organization_id == current_org_id()))
    quote = Quote(
        organization_id=current_org_id(),
        client=client,
        number=f"Q-{dt.date.today().year}-{count + 1:04d}",
        valid_until=payload.valid_until or dt.date.today() + dt.timedelta(days=30),
        notes=payload.notes,
        lines=[QuoteLine(position=n, **line.model_dump()) for n, line in enumerate(payload.lines)],
    )
    quote.total = document_total(quote.lines)
    db.add(quote)
    db.commit()
    return jsonify(id=quote.id, number=quote.number, total=str(quote.total)), 201


@bp.post("/quotes/<int:quote_id>/send")
@login_required
def send_quote(quote_id: int):
    quote = get_owned_or_404(Quote, quote_id)
    mail.send_quote(quote, message=request.json.get("message"))
    quote.status = "sent"
    get_session().commit()
    analytics.track(g.account, "quote_sent", {"line_count": len(quote.lines)})
    return jsonify(status=quote.status)


@bp.post("/quotes/<int:quote_id>/accept")
@login_required
def accept_quote(quote_id: int):
    """The client said yes: turn the quote into a draft invoice."""
    quote = get_owned_or_404(Quote, quote_id)
    if quote.status == "accepted":
        return jsonify(error="already_accepted"), 409

    db = get_session()
    payment_terms = int(request.json.get("payment_terms_days", 14))
    copied = ("position", "product_id", "description", "quantity", "unit_price", "vat_rate")
    invoice = Invoice(
        organization_id=quote.organization_id,
        client_id=quote.client_id,
        quote_id=quote.id,
        number=next_invoice_number(db, quote.organization_id),
        due_date=dt.date.today() + dt.timedelta(days=payment_terms),
        currency=g.account.organization.currency,
        notes=quote.notes,
        total=quote.total,
        lines=[InvoiceLine(**{f: getattr(line, f) for f in copied}) for line in quote.lines],
    )
    quote.status = "accepted"
    db.add(invoice)
    db.commit()
    days_open = (dt.date.today() - quote.issued_at).days
    analytics.track(g.account, "quote_accepted", {"days_open": days_open})
    return jsonify(invoice_id=invoice.id, number=invoice.number), 201


@bp.post("/estimates")
@login_required
def create_estimate():
    try:
        payload = CostEstimateIn.model_validate(request.get_json(force=True))
    except ValidationError as exc:
        return validation_error(exc)
    get_owned_or_404(Client, payload.client_id)

    estimate = CostEstimate(organization_id=current_org_id(), **payload.model_dump())
    subtotal = estimate.labour_hours * estimate.hourly_rate + estimate.materials_cost
    estimate.total = subtotal.quantize(Decimal("0.01"))
    db = get_session()
    db.add(estimate)
    db.commit()
    analytics.track(g.account, "estimate_created", {"has_materials": estimate.materials_cost > 0})
    return jsonify(id=estimate.id, total=str(estimate.total)), 201
