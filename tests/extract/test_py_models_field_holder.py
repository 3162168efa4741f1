"""pydantic's `Field(...)` holds a default and metadata: the field's type is its annotation (audit17 #06)."""

from __future__ import annotations

SCHEMA = """
    from typing import Optional

    from pydantic import BaseModel, EmailStr, Field, IPvAnyAddress

    class SignupRequest(BaseModel):
        email_verified: bool = Field(False, description="whether the address was confirmed")
        stream_tokens: bool = Field(default=False)
        include_default_source: bool = Field(False)
        passport_expired: Optional[bool] = Field(None)
        contact: EmailStr = Field(..., description="where we write")
        origin: IPvAnyAddress = Field(...)
        nickname = Field(...)
"""


def test_a_pydantic_field_is_typed_by_its_annotation_not_by_field(scan_snippet) -> None:
    result = scan_snippet(SCHEMA)
    rows = {f.name: (f.type_hint, f.category) for f in result.fields}
    assert rows["contact"] == ("EmailStr", "user.contact.email")
    assert rows["origin"] == ("IPvAnyAddress", "user.device.ip_address")
    # a flag is vetoed by its bool type, as with a plain default
    assert not {"email_verified", "stream_tokens", "include_default_source", "passport_expired"} & rows.keys()


def test_a_field_class_still_names_its_type(scan_snippet) -> None:
    result = scan_snippet("""
        from django.db import models
        from marshmallow import Schema, fields

        class Customer(models.Model):
            email = models.EmailField()

        class CustomerSchema(Schema):
            contact = fields.Email()
    """)
    assert {f.name: f.type_hint for f in result.fields} == {"email": "EmailField", "contact": "Email"}
