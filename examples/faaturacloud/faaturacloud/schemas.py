"""API payloads: validated input (pydantic) and plain output records (dataclasses)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, EmailStr, Field


class ClientIn(BaseModel):
    kind: Literal["company", "individual"] = "company"
    company_name: str | None = None
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    email: EmailStr
    phone: str | None = None
    mobile: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str = Field(default="NL", min_length=2, max_length=2)
    vat_id: str | None = None
    national_id_number: str | None = None
    date_of_birth: dt.date | None = None


class LineIn(BaseModel):
    product_id: int | None = None
    description: str = Field(min_length=1, max_length=500)
    quantity: Decimal = Field(gt=0)
    unit_price: Decimal
    vat_rate: Decimal = Decimal("21.00")


class DocumentIn(BaseModel):
    client_id: int
    due_date: dt.date | None = None  # invoices
    valid_until: dt.date | None = None  # quotes
    notes: str | None = None
    lines: list[LineIn] = Field(min_length=1)


class CostEstimateIn(BaseModel):
    client_id: int
    title: str = Field(min_length=1, max_length=200)
    labour_hours: Decimal = Decimal("0")
    hourly_rate: Decimal = Decimal("0")
    materials_cost: Decimal = Decimal("0")
    valid_until: dt.date | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ClientOut:
    id: int
    display_name: str
    email: str
    city: str | None
    country: str

