"""Database models (SQLAlchemy 2.0 declarative). Kept in step with schema.sql."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import (
    Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import INET
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Money = Numeric(12, 2)


class Base(DeclarativeBase):
    pass


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class Organization(Timestamped, Base):
    """The seller: the business that issues quotes and invoices."""

    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    vat_number: Mapped[str | None] = mapped_column(String(32))
    iban: Mapped[str | None] = mapped_column(String(34))
    address_line1: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), default="NL")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    invoice_prefix: Mapped[str] = mapped_column(String(12), default="INV-")
    next_invoice_number: Mapped[int] = mapped_column(default=1)
    stripe_customer_id: Mapped[str | None] = mapped_column(String(64))

    subscription: Mapped[Subscription | None] = relationship(back_populates="organization")


class Account(Timestamped, Base):
    """A person who signs in to FaaturaCloud on behalf of an organization."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16), default="owner")
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    email_verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    phone_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    last_login_ip: Mapped[str | None] = mapped_column(INET)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    organization: Mapped[Organization] = relationship()


class LoginEvent(Base):
    """Sign-in history, shown to the user under Settings > Security."""

    __tablename__ = "login_events"
    id = Column(Integer, primary_key=True)
    account_id = Column(Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False)
    ip_address = Column(INET, nullable=False)
    user_agent = Column(String(512))
    succeeded = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class Client(Timestamped, Base):
    """A customer of the seller: a company, or a natural person (sole trader, consumer)."""

    __tablename__ = "clients"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    kind: Mapped[str] = mapped_column(String(16), default="company")  # company | individual
    company_name: Mapped[str | None] = mapped_column(String(200))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    mobile: Mapped[str | None] = mapped_column(String(32))
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), default="NL")
    vat_id: Mapped[str | None] = mapped_column(String(32))
    # Personal tax number (NIF, codice fiscale...) required on e-invoices to individuals.
    national_id_number: Mapped[str | None] = mapped_column(String(32))
    # Sole traders: some e-invoicing portals identify the person by tax number + birth date.
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    stripe_customer_id: Mapped[str | None] = mapped_column(String(64))

    organization: Mapped[Organization] = relationship()
    invoices: Mapped[list[Invoice]] = relationship(back_populates="client")

    @property
    def display_name(self) -> str:
        return self.company_name or f"{self.first_name} {self.last_name}"


class Product(Base):
    """Catalogue item that can be picked when writing a quote or invoice line."""

    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(16), default="piece")
    unit_price: Mapped[Decimal] = mapped_column(Money)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("21.00"))


class DocumentLine:
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit_price: Mapped[Decimal] = mapped_column(Money)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))

    @property
    def total(self) -> Decimal:
        gross = self.quantity * self.unit_price * (1 + self.vat_rate / 100)
        return gross.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def document_total(lines: list[DocumentLine]) -> Decimal:
    return sum((line.total for line in lines), Decimal("0.00"))


class Quote(Timestamped, Base):
    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("organization_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    number: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft|sent|accepted
    issued_at: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    notes: Mapped[str | None] = mapped_column(Text)

    client: Mapped[Client] = relationship()
    lines: Mapped[list[QuoteLine]] = relationship(
        cascade="all, delete-orphan", order_by="QuoteLine.position"
    )


class QuoteLine(DocumentLine, Base):
    __tablename__ = "quote_lines"
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"))


class Invoice(Timestamped, Base):
    __tablename__ = "invoices"
    __table_args__ = (UniqueConstraint("organization_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id"))
    number: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft|sent|paid|void
    issued_at: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    notes: Mapped[str | None] = mapped_column(Text)
    email_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    client: Mapped[Client] = relationship(back_populates="invoices")
    lines: Mapped[list[InvoiceLine]] = relationship(
        cascade="all, delete-orphan", order_by="InvoiceLine.position"
    )


class InvoiceLine(DocumentLine, Base):
    __tablename__ = "invoice_lines"
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))


class CostEstimate(Timestamped, Base):
    """A rough, non-binding estimate (labour + materials) that precedes a formal quote."""

    __tablename__ = "cost_estimates"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    title: Mapped[str] = mapped_column(String(200))
    labour_hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("0"))
    hourly_rate: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    materials_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class Payment(Timestamped, Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    stripe_payment_intent_id: Mapped[str] = mapped_column(String(64), unique=True)
    card_last4: Mapped[str | None] = mapped_column(String(4))
    card_brand: Mapped[str | None] = mapped_column(String(16))

    invoice: Mapped[Invoice] = relationship()


class Plan(Base):
    """A FaaturaCloud price plan (Starter, Pro, Business)."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    price: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    interval: Mapped[str] = mapped_column(String(8), default="month")
    stripe_price_id: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)


class Subscription(Timestamped, Base):
    __tablename__ = "subscriptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), unique=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    status: Mapped[str] = mapped_column(String(16), default="incomplete")
    stripe_subscription_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    current_period_end: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    organization: Mapped[Organization] = relationship(back_populates="subscription")
    plan: Mapped[Plan] = relationship()


class EmailTemplate(Base):
    """Per-organization wording of the emails sent to clients."""

    __tablename__ = "email_templates"
    __table_args__ = (UniqueConstraint("organization_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    kind: Mapped[str] = mapped_column(String(32))  # invoice_sent | quote_sent
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)


class Upload(Timestamped, Base):
    """A file attached to an invoice (purchase order, timesheet...)."""

    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    storage_path: Mapped[str] = mapped_column(String(500))
