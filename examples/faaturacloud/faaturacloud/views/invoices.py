"""Invoices: creation, sending, attachments and the client-facing payment link."""

import datetime as dt
import uuid
from pathlib import Path

from flask import Blueprint, abort, current_app, g, jsonify, request
from itsdangerous import BadSignature, URLSafeSerializer
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.utils import secure_filename

from ..db import get_session
from ..integrations import analytics, mail, payments
from ..models import Client, Invoice, InvoiceLine, Organization, Payment, Upload, document_total
from ..schemas import DocumentIn
from . import current_org_id, get_owned_or_404, login_required, validation_error

bp = Blueprint("invoices", __name__)

ATTACHMENT_TYPES = {"application/pdf", "image/png", "image/jpeg", "text/csv"}


def next_invoice_number(db: Session, organization_id: int) -> str:
    """Invoice numbers must be gapless: lock the organization row while taking one."""
    org = db.get(Organization, organization_id, with_for_update=True)
    number = f"{org.invoice_prefix}{org.next_invoice_number:05d}"
    org.next_invoice_number += 1
    return number


def _pay_links() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="invoice-pay")


@bp.post("/api/invoices")
@login_required
def create_invoice():
    try:
        payload = DocumentIn.model_validate(request.get_json(force=True))
    except ValidationError as exc:
        return validation_error(exc)
    client = get_owned_or_404(Client, payload.client_id)

    db = get_session()
    invoice = Invoice(
        organization_id=current_org_id(),
        client=client,
        number=next_invoice_number(db, current_org_id()),
        due_date=payload.due_date or dt.date.today() + dt.timedelta(days=14),
        currency=g.account.organization.currency,
        notes=payload.notes,
        lines=[InvoiceLine(position=n, **ln.model_dump()) for n, ln in enumerate(payload.lines)],
    )
    invoice.total = document_total(invoice.lines)
    db.add(invoice)
    db.commit()
    return jsonify(id=invoice.id, number=invoice.number, total=str(invoice.total)), 201


@bp.post("/api/invoices/<int:invoice_id>/send")
@login_required
def send_invoice(invoice_id: int):
    invoice = get_owned_or_404(Invoice, invoice_id)
    if invoice.status == "void":
        return jsonify(error="invoice_void"), 409

    pay_url = f"{current_app.config['PUBLIC_BASE_URL']}/pay/{_pay_links().dumps(invoice.id)}"
    mail.send_invoice(invoice, pay_url=pay_url, message=request.json.get("message"))
    if invoice.status == "draft":
        invoice.status = "sent"
    invoice.email_sent_at = dt.datetime.now(dt.UTC)
    get_session().commit()
    analytics.track_invoice_sent(g.account, invoice)
    return jsonify(status=invoice.status, email_sent_at=invoice.email_sent_at.isoformat())


@bp.post("/api/invoices/<int:invoice_id>/attachments")
@login_required
def attach_file(invoice_id: int):
    invoice = get_owned_or_404(Invoice, invoice_id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return jsonify(error="file_missing"), 400
    if upload.mimetype not in ATTACHMENT_TYPES:
        return jsonify(error="unsupported_type"), 415

    filename = secure_filename(upload.filename)
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / str(invoice.organization_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{uuid.uuid4().hex}{Path(filename).suffix}"
    upload.save(target)

    record = Upload(
        organization_id=invoice.organization_id,
        invoice_id=invoice.id,
        uploaded_by_id=g.account.id,
        filename=filename,
        content_type=upload.mimetype,
        size_bytes=target.stat().st_size,
        storage_path=str(target),
    )
    db = get_session()
    db.add(record)
    db.commit()
    return jsonify(id=record.id, filename=record.filename), 201


@bp.post("/api/pay/<token>")
def start_payment(token: str):
    """Called by the public payment page linked from the invoice email."""
    try:
        invoice_id = _pay_links().loads(token)
    except BadSignature:
        abort(404)
    db = get_session()
    invoice = db.get(Invoice, invoice_id)
    if invoice is None or invoice.status in {"paid", "void"}:
        abort(404)

    intent = payments.create_invoice_payment_intent(invoice)
    known = select(Payment.id).where(Payment.stripe_payment_intent_id == intent.id)
    if db.scalar(known) is None:
        db.add(
            Payment(
                invoice_id=invoice.id,
                amount=invoice.total,
                currency=invoice.currency,
                stripe_payment_intent_id=intent.id,
            )
        )
    db.commit()
    return jsonify(
        number=invoice.number, total=str(invoice.total), client_secret=intent.client_secret
    )
