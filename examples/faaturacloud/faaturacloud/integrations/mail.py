"""Transactional email through Postmark."""

from string import Template

from flask import current_app
from postmarker.core import PostmarkClient
from sqlalchemy import select

from ..db import get_session
from ..models import Account, EmailTemplate, Invoice, Quote

DEFAULT_TEMPLATES = {
    "invoice_sent": (
        "Invoice $number from $seller",
        "Dear $first_name,\n\nPlease find invoice $number for $total $currency, due on $due.\n"
        "View and pay it online: $pay_url\n\n$message\n\nKind regards,\n$seller",
    ),
    "quote_sent": (
        "Quote $number from $seller",
        "Dear $first_name,\n\nOur quote $number comes to $total $currency and is valid "
        "until $due.\n\n$message\n\nKind regards,\n$seller",
    ),
}


def _postmark() -> PostmarkClient:
    return PostmarkClient(server_token=current_app.config["POSTMARK_SERVER_TOKEN"])


def _send_to_client(kind: str, document: Invoice | Quote, due, **extra: str) -> None:
    client = document.client
    seller = client.organization.name
    custom = get_session().scalar(
        select(EmailTemplate).where(
            EmailTemplate.organization_id == document.organization_id, EmailTemplate.kind == kind
        )
    )
    subject, body = (custom.subject, custom.body) if custom else DEFAULT_TEMPLATES[kind]
    context = {
        "first_name": client.first_name,
        "number": document.number,
        "total": document.total,
        "currency": client.organization.currency,
        "due": due.isoformat() if due else "",
        "seller": seller,
        "message": "",
        **extra,
    }
    _postmark().emails.send(
        From=f'"{seller} via FaaturaCloud" <{current_app.config["MAIL_FROM_ADDRESS"]}>',
        To=client.email,
        Subject=Template(subject).safe_substitute(context),
        TextBody=Template(body).safe_substitute(context),
        Tag=kind,
        MessageStream="outbound",
    )


def send_invoice(invoice: Invoice, *, pay_url: str, message: str | None = None) -> None:
    due = invoice.due_date
    _send_to_client("invoice_sent", invoice, due, pay_url=pay_url, message=message or "")


def send_quote(quote: Quote, *, message: str | None = None) -> None:
    _send_to_client("quote_sent", quote, quote.valid_until, message=message or "")


def send_verification_email(account: Account, verify_url: str) -> None:
    _postmark().emails.send(
        From=f'FaaturaCloud <{current_app.config["MAIL_FROM_ADDRESS"]}>',
        To=account.email,
        Subject="Confirm your FaaturaCloud email address",
        TextBody=(
            f"Hi {account.full_name},\n\nWelcome to FaaturaCloud! Please confirm your email "
            f"address within 3 days:\n\n{verify_url}\n\nThe FaaturaCloud team"
        ),
        Tag="verify-email",
        MessageStream="outbound",
    )
