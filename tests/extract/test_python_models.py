"""Declared records and migrations: exact (name, container, kind, category, line) per construct."""

from __future__ import annotations

import textwrap

import pytest

from scanner.config import Config
from scanner.discover import Source
from scanner.extract.project import finalize
from scanner.scan import scan_file

Row = tuple[str, str, str, str, int]


@pytest.fixture
def project(scan_project):
    """Scan several files as one project (the cross-file pass included); fields as tuples."""

    def run(files: dict[str, str]) -> dict[str, set[Row]]:
        out: dict[str, set[Row]] = {}
        for result in scan_project(files):
            assert not result.errors, result.errors
            out[result.path] = {(f.name, f.container, f.kind, f.category, f.location.line) for f in result.fields}
        return out

    return run


CASES = [
    pytest.param(
        """
        from django.db import models

        class Customer(models.Model):
            email = models.EmailField()
            email_sent_at = models.DateTimeField(null=True)
            phone_verified = models.BooleanField(default=False)
            filename = models.CharField(max_length=100)
            last_name = models.CharField(max_length=100)
            owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)
            objects = models.Manager()
            plan = models.ForeignKey("billing.Plan", on_delete=models.PROTECT)
            country = models.ForeignKey(Country, on_delete=models.PROTECT)

        class Order(models.Model):
            buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            product = models.ForeignKey("shop.Product", on_delete=models.CASCADE)
            tags = models.ManyToManyField("Tag")
        """,
        {("email", "Customer", "django_model", "user.contact.email", 5),
         ("last_name", "Customer", "django_model", "user.name.last", 9),
         # a stored link to a person is that person's identifier; to a lookup on a person's row, an attribute
         ("owner", "Customer", "django_model", "user.unique_id", 10),
         ("country", "Customer", "django_model", "user.contact.address.country", 13),
         ("buyer", "Order", "django_model", "user.unique_id", 16)},
        id="django-field-classes-and-traps",
    ),
    pytest.param(
        """
        from django.db import models
        from phonenumber_field.modelfields import PhoneNumberField

        class Profile(models.Model):
            number = PhoneNumberField()
        """,
        {("number", "Profile", "django_model", "user.contact.phone_number", 6)},
        id="django-phonenumberfield-type-decides",
    ),
    pytest.param(
        """
        from django.db import models

        class Contact(models.Model):
            name = models.CharField(max_length=100)

            class Meta:
                abstract = True

        class Lead(Contact):
            mobile = models.CharField(max_length=20)
        """,
        {("name", "Contact", "django_model", "user.name", 5),
         ("mobile", "Lead", "django_model", "user.contact.phone_number", 11),
         ("name", "Lead", "django_model", "user.name", 10)},
        id="django-abstract-base-same-file",
    ),
    pytest.param(
        """
        from django.db import models

        from django.contrib.auth.models import AbstractUser

        class User(AbstractUser):
            phone = models.CharField(max_length=20)
        """,
        {("phone", "User", "django_model", "user.contact.phone_number", 7),
         ("username", "User", "django_model", "user.account.username", 6),
         ("first_name", "User", "django_model", "user.name.first", 6),
         ("last_name", "User", "django_model", "user.name.last", 6),
         ("email", "User", "django_model", "user.contact.email", 6),
         ("password", "User", "django_model", "user.authorization.password", 6),
         ("last_login", "User", "django_model", "user.behavior", 6),
         ("date_joined", "User", "django_model", "user.behavior", 6)},  # the account's life, like last_login
        id="django-abstractuser-inherited",
    ),
    pytest.param(
        """
        from django import forms
        from rest_framework import serializers

        class SignupForm(forms.Form):
            email = forms.EmailField()
            accept_terms = forms.BooleanField()

        class UserSerializer(serializers.Serializer):
            first_name = serializers.CharField()
            email_verified = serializers.BooleanField()
        """,
        {("email", "SignupForm", "django_form", "user.contact.email", 6),
         ("first_name", "UserSerializer", "drf_serializer", "user.name.first", 10)},
        id="django-form-and-drf-serializer",
    ),
    pytest.param(
        """
        import sqlalchemy as sa
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

        class Base(DeclarativeBase):
            pass

        class Member(Base):
            __tablename__ = "members"
            id: Mapped[int] = mapped_column(primary_key=True)
            email: Mapped[str] = mapped_column(sa.String(254))
            phone: Mapped[str | None]
            signup_ip = sa.Column(sa.String(45))
            email_confirmed: Mapped[bool] = mapped_column(default=False)
            orders: Mapped[list["Order"]] = relationship()

        members_archive = sa.Table("members_archive", sa.MetaData(), sa.Column("mobile", sa.String), sa.Column("sku", sa.Text))
        """,
        {("id", "Member", "sqlalchemy", "user.unique_id", 10),
         ("email", "Member", "sqlalchemy", "user.contact.email", 11),
         ("phone", "Member", "sqlalchemy", "user.contact.phone_number", 12),
         ("signup_ip", "Member", "sqlalchemy", "user.device.ip_address", 13),
         ("mobile", "members_archive", "sqlalchemy", "user.contact.phone_number", 17)},
        id="sqlalchemy-mapped-column-table",
    ),
    pytest.param(
        # a forward reference or a list in `Mapped[...]` is a relationship only when no column is assigned:
        # fittrackee's GPS track `geom: Mapped["WKBElement"] = mapped_column(Geometry(...))` was dropped
        """
        from geoalchemy2 import Geometry
        from sqlalchemy import JSON, String
        from sqlalchemy.dialects.postgresql import ARRAY
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

        class Base(DeclarativeBase):
            pass

        class Customer(Base):
            __tablename__ = "customers"
            track: Mapped["WKBElement"] = mapped_column(Geometry("LINESTRING"))
            phone_numbers: Mapped[list[str]] = mapped_column(ARRAY(String))
            gps_points: Mapped[list[dict]] = mapped_column(JSON)
            orders: Mapped[list["Order"]] = relationship(back_populates="customer")
            manager: Mapped["Staff"]
            addresses: Mapped[list["Address"]] = relationship("Address")
        """,
        {("track", "Customer", "sqlalchemy", "user.location.precise", 12),
         ("phone_numbers", "Customer", "sqlalchemy", "user.contact.phone_number", 13),
         ("gps_points", "Customer", "sqlalchemy", "user.location.precise", 14)},
        id="sqlalchemy-mapped-forward-reference-with-a-column",
    ),
    pytest.param(
        # the table a key column references decides, as a Django ForeignKey's model does (Mailman's
        # subscriptions link the subscriber's address row by `address_id`; `created_for` is a user)
        """
        from sqlalchemy import Column, ForeignKey, Integer, String
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

        class Base(DeclarativeBase):
            pass

        class Member(Base):
            __tablename__ = "member"
            created_for = Column(Integer, ForeignKey("user.id"))
            subscriber: Mapped[int] = mapped_column(ForeignKey("address.id"))
            list_ref = Column(Integer, ForeignKey("mailinglist.id"))
            owner_email = Column(String(254), ForeignKey("users.email"))
            moderator = Column(ForeignKey("public.staff_user.id"))
            reviewer_ref = Column(Integer, ForeignKey(users.c.id))
        """,
        {("created_for", "Member", "sqlalchemy", "user.unique_id", 10),
         ("subscriber", "Member", "sqlalchemy", "user.unique_id", 11),
         ("owner_email", "Member", "sqlalchemy", "user.contact.email", 13),
         ("moderator", "Member", "sqlalchemy", "user.unique_id", 14),
         ("reviewer_ref", "Member", "sqlalchemy", "user.unique_id", 15)},
        id="sqlalchemy-foreign-key-target",
    ),
    pytest.param(
        """
        from dataclasses import dataclass
        from typing import TypedDict, Optional
        import attr
        from marshmallow import Schema, fields
        from pydantic import BaseModel, EmailStr

        class SignupIn(BaseModel):
            email: EmailStr
            phone: Optional[str] = None
            phone_verified: bool = False

        @dataclass
        class Guest:
            first_name: str

        @attr.s
        class Visitor:
            ip_address = attr.ib()

        class Payload(TypedDict):
            email: str

        class PersonSchema(Schema):
            last_name = fields.Str()
            email_template = fields.Str()

        Legacy = TypedDict("Legacy", {"mobile": str, "theme": str})

        class Plain:
            email: str  # no framework: not a record we can vouch for
        """,
        {("email", "SignupIn", "pydantic", "user.contact.email", 9),
         ("phone", "SignupIn", "pydantic", "user.contact.phone_number", 10),
         ("first_name", "Guest", "dataclass", "user.name.first", 15),
         ("ip_address", "Visitor", "dataclass", "user.device.ip_address", 19),
         ("email", "Payload", "typeddict", "user.contact.email", 22),
         ("last_name", "PersonSchema", "marshmallow", "user.name.last", 25),
         ("mobile", "Legacy", "typeddict", "user.contact.phone_number", 28)},
        id="pydantic-dataclass-attrs-typeddict-marshmallow",
    ),
    pytest.param(
        """
        from pydantic import BaseModel, PrivateAttr
        from sqlalchemy import Column, ForeignKey, Integer, Unicode
        from sqlalchemy.orm import declarative_base, declared_attr

        Base = declarative_base()

        class Member(Base):
            __tablename__ = "member"
            id = Column(Integer, primary_key=True)
            _password = Column("password", Unicode)
            _email = Column(Unicode)

            @declared_attr
            def created_by_fk(cls):
                return Column(Integer, ForeignKey("ab_user.id"), nullable=True)

            @property
            def contact_email(self):
                return Column(Unicode)

        class Session(BaseModel):
            _email: str = PrivateAttr()
        """,
        {("id", "Member", "sqlalchemy", "user.unique_id", 10),
         ("_password", "Member", "sqlalchemy", "user.authorization.password", 11),
         ("_email", "Member", "sqlalchemy", "user.contact.email", 12),
         ("created_by_fk", "Member", "sqlalchemy", "user.unique_id", 15)},
        id="underscore-columns-are-stored-pydantic-private-attributes-are-not",
    ),
    pytest.param(
        """
        import uuid
        from sqlmodel import Field, Relationship, SQLModel

        class Item(SQLModel, table=True):
            id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
            owner_id: uuid.UUID = Field(foreign_key="user.id")
            owner: "User" = Relationship(back_populates="items")

        class ItemPublic(SQLModel):
            owner_id: uuid.UUID
        """,
        # a table=True class is a table; without it SQLModel is a pydantic schema
        {("owner_id", "Item", "sqlalchemy", "user.unique_id", 7),
         ("owner_id", "ItemPublic", "pydantic", "user.unique_id", 11)},
        id="sqlmodel-tables-schemas-and-relationships",
    ),
    pytest.param(
        """
        import msgspec
        from peewee import CharField, DateField, ForeignKeyField, Model
        from tortoise import fields
        from tortoise.models import Model as TortoiseModel

        class Person(Model):
            name = CharField()
            birthday = DateField()

        class Pet(Model):
            owner = ForeignKeyField(Person, backref="pets")
            name = CharField()

        class Customer(TortoiseModel):
            email = fields.CharField(max_length=255)
            email_verified = fields.BooleanField(default=False)

        class SignupEvent(msgspec.Struct):
            user_id: int
            ip_address: str
        """,
        {("name", "Person", "peewee", "user.name", 8), ("birthday", "Person", "peewee", "user.demographic.date_of_birth", 9),
         ("owner", "Pet", "peewee", "user.unique_id", 12), ("email", "Customer", "tortoise", "user.contact.email", 16),
         ("user_id", "SignupEvent", "dataclass", "user.unique_id", 20),
         ("ip_address", "SignupEvent", "dataclass", "user.device.ip_address", 21)},
        id="peewee-tortoise-and-msgspec-records",
    ),
    pytest.param(
        """
        from flask_mongoengine import MongoEngine
        from mongoengine import (Document, DynamicDocument, EmailField, EmbeddedDocument, EmbeddedDocumentField,
                                 ListField, ReferenceField, StringField)

        db = MongoEngine()

        class Address(EmbeddedDocument):
            street = StringField()

        class Member(Document):
            user = ReferenceField("User")
            email = EmailField()
            phones = ListField(StringField())
            address = EmbeddedDocumentField(Address)
            plan = ReferenceField("Plan")

        class Guest(DynamicDocument):
            first_name = StringField()

        class Contact(db.Document):
            owner = db.ReferenceField("User")
            last_name = db.StringField(max_length=255)
        """,
        # MongoEngine's own classes: a ReferenceField stores the referenced document's id, as a
        # ForeignKey does; flask-mongoengine's `db.Document` and `db.StringField` are MongoEngine's
        {("street", "Address", "document", "user.contact.address.street", 9),
         ("user", "Member", "document", "user.unique_id", 12),
         ("email", "Member", "document", "user.contact.email", 13),
         ("phones", "Member", "document", "user.contact.phone_number", 14),
         ("address", "Member", "document", "user.contact.address", 15),
         ("first_name", "Guest", "document", "user.name.first", 19),
         ("owner", "Contact", "document", "user.unique_id", 22),
         ("last_name", "Contact", "document", "user.name.last", 23)},
        id="mongoengine-documents-and-references",
    ),
    pytest.param(
        """
        from mongoengine import Document, ReferenceField, StringField
        from udata.api_fields import field

        class User(Document):
            email = field(StringField(max_length=255, required=True), readonly=True)
            first_name = field(StringField(max_length=255))
            about = field(field(StringField()))

        class Message(Document):
            content = field(StringField(required=True))
            posted_by = field(ReferenceField("User"))
        """,
        # udata's helper attaches API metadata to the field it is given: the field is still declared
        {("email", "User", "document", "user.contact.email", 6),
         ("first_name", "User", "document", "user.name.first", 7),
         ("about", "User", "document", "user.content.public", 8),
         ("content", "Message", "document", "user.content.private", 11),
         ("posted_by", "Message", "document", "user.unique_id", 12)},
        id="udata-field-helper-wraps-a-mongoengine-field",
    ),
    pytest.param(
        """
        from django.db import models
        from django.utils.functional import cached_property
        from django_cryptography.fields import encrypt
        from taggit.managers import TaggableManager

        def get_name(self):
            return self.name

        class Patient(models.Model):
            name = models.CharField(max_length=100)
            ssn = encrypt(models.CharField(max_length=11))
            diagnosis = encrypt(models.TextField())
            full_name = property(get_name)
            email = cached_property(get_name)
            objects = PatientManager()
            tags = TaggableManager()
            phone = normalise(lookup("phone"))
        """,
        # django-cryptography's `encrypt` keeps the field encrypted at rest, still the person's data;
        # a wrapper of a function or of a call that is no field declares nothing
        {("name", "Patient", "django_model", "user.name", 11),
         ("ssn", "Patient", "django_model", "user.government_id.national_identification_number", 12),
         ("diagnosis", "Patient", "django_model", "user.health_and_medical", 13)},
        id="django-cryptography-encrypt-wraps-a-field",
    ),
    pytest.param(
        """
        from sqlalchemy import Column, String, Text
        from sqlalchemy.orm import column_property, declarative_base, deferred

        Base = declarative_base()

        class Person(Base):
            __tablename__ = "person"
            first_name = Column(String(50))
            last_name = Column(String(50))
            biography = deferred(Column(Text))
            email = column_property(Column(String(254)))
            full_name = column_property(first_name + " " + last_name)
        """,
        # `deferred` and `column_property` map the Column they wrap; over an expression,
        # column_property is computed from other columns when a row is loaded, and stores nothing
        {("first_name", "Person", "sqlalchemy", "user.name.first", 9),
         ("last_name", "Person", "sqlalchemy", "user.name.last", 10),
         ("biography", "Person", "sqlalchemy", "user.content.public", 11),
         ("email", "Person", "sqlalchemy", "user.contact.email", 12)},
        id="sqlalchemy-deferred-and-column-property",
    ),
    pytest.param(
        """
        from django.db import models
        from django.utils.translation import gettext_lazy as _
        from taggit.managers import TaggableManager
        from app.settings import context_field_class, get_history

        class Email(models.Model):
            context = context_field_class(_("Context"), blank=True, null=True)
            home_phone = context_field_class(verbose_name="Phone", db_index=True)
            tags = TaggableManager(blank=True)
            history = get_history()
            first_name = compute_default("first_name")

        class Settings:
            email = context_field_class(blank=True)
        """,
        # post_office: a field class chosen by the settings is a field by the options only a model field takes;
        # a manager with the same options, a call without them and a plain class's attribute are not
        {("context", "Email", "django_model", "user.content.private", 8),
         ("home_phone", "Email", "django_model", "user.contact.phone_number", 9)},
        id="django-field-class-from-settings",
    ),
    pytest.param(
        """
        from enum import Enum
        from typing import Annotated, Dict, List, Optional
        from pydantic import BaseModel, EmailStr, Field

        class Status(str, Enum):
            ACTIVE = "active"

        class Customer(BaseModel):
            email: str
            phone: Optional[str] = None

        class Customers(BaseModel):
            data: List[Customer]
            by_id: Dict[str, Customer] = {}
            best: Annotated[Optional[Customer], Field(description="the first")] = None
            status: Status
            billing_email: EmailStr | None = None
        """,
        # drf-stripe's list object, khoj's chat message: a record of the module nested in another is reported
        # where it is declared; an enum or a class from elsewhere says nothing of the kind, so the name decides
        {("email", "Customer", "pydantic", "user.contact.email", 10),
         ("phone", "Customer", "pydantic", "user.contact.phone_number", 11),
         ("billing_email", "Customers", "pydantic", "user.contact.email", 18)},
        id="a-nested-record-is-reported-where-it-is-declared",
    ),
    pytest.param(
        """
        from functools import partial
        from django.db import models

        NullEmailField = partial(models.EmailField, null=True, blank=True)
        label = partial(str.format, "{}")

        class Requester(models.Model):
            contact = NullEmailField()
            shown = label()
        """,
        # zengo's `TextURLField = partial(models.TextField, validators=[...])`: the module's name for a field class
        {("contact", "Requester", "django_model", "user.contact.email", 9)},
        id="a-partial-of-a-field-class-is-that-field",
    ),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_declared_fields(project, source: str, expected: set[Row]) -> None:
    assert project({"app/models.py": source})["app/models.py"] == expected


def test_field_class_is_the_type_evidence(rules) -> None:
    """What the classifier is given: the framework's field class, unwrapped from Optional/Mapped."""
    from scanner.extract.python import extract_python

    source = textwrap.dedent("""
        from django.db import models
        from pydantic import BaseModel, EmailStr
        from sqlalchemy.orm import Mapped, mapped_column

        class Customer(models.Model):
            last_ip = models.GenericIPAddressField()
            birth_date = models.DateField()
            avatar = models.ImageField()

        class SignupIn(BaseModel):
            contact: EmailStr | None = None

        class Row:
            ip: Mapped[Optional[str]] = mapped_column()
    """)
    _, raw = extract_python(source, "m.py", rules.classifier, rules.catalogue)
    assert {(r.name, r.container, r.kind, r.type_hint, r.location.line) for r in raw} == {
        ("last_ip", "Customer", "django_model", "GenericIPAddressField", 7),
        ("birth_date", "Customer", "django_model", "DateField", 8),
        ("avatar", "Customer", "django_model", "ImageField", 9),
        ("contact", "SignupIn", "pydantic", "EmailStr", 12),
        ("ip", "Row", "sqlalchemy", "str", 15),
    }



def test_an_attrs_attributes_type_keyword_is_its_type(rules) -> None:
    """heldout19's dj-nexmo: `msisdn = attr.ib(type=str)` was typed `ib`, the field function's name, so a
    `concat = attr.ib(type=bool)` switch lost its boolean type; an annotation still wins, and an untyped `attr.ib()`
    keeps what it had."""
    from scanner.extract.python import extract_python

    source = textwrap.dedent("""
        import attr
        import attrs
        from datetime import datetime

        @attr.s
        class IncomingSMS:
            msisdn = attr.ib(type=str)
            concat = attr.ib(type=bool, default=False)
            sent = attr.attrib(type=Optional[datetime])
            data = attr.ib(default=None)
            phone: str = attr.ib(type=int)

        @attrs.define
        class Row:
            email = attrs.field(type="str")
    """)
    _, raw = extract_python(source, "m.py", rules.classifier, rules.catalogue)
    assert {(r.name, r.type_hint) for r in raw} == {
        ("msisdn", "str"), ("concat", "bool"), ("sent", "datetime"), ("data", "ib"), ("phone", "str"), ("email", "str")}


def test_mixin_and_abstract_base_across_files(project) -> None:
    out = project({
        "shop/mixins.py": """
            from django.db import models

            class ContactMixin(models.Model):
                phone = models.CharField(max_length=20)

                class Meta:
                    abstract = True
        """,
        "shop/models.py": """
            from django.db import models
            from .mixins import ContactMixin

            class Supplier(models.Model):
                name = models.CharField(max_length=50)

            class Customer(ContactMixin):
                email = models.EmailField()

            class VipCustomer(Customer):
                nickname = models.CharField(max_length=20)

            class ArchivedCustomer(Customer):
                class Meta:
                    proxy = True
        """,
    })
    assert out["shop/mixins.py"] == {("phone", "ContactMixin", "django_model", "user.contact.phone_number", 5)}
    # Customer inherits from the abstract mixin; VipCustomer (multi-table) has Customer's columns on its rows too;
    # a proxy is Customer's own rows and carries nothing
    assert out["shop/models.py"] == {
        ("email", "Customer", "django_model", "user.contact.email", 9),
        ("phone", "Customer", "django_model", "user.contact.phone_number", 8),
        ("nickname", "VipCustomer", "django_model", "user.account.username", 12),
        ("email", "VipCustomer", "django_model", "user.contact.email", 11),
        ("phone", "VipCustomer", "django_model", "user.contact.phone_number", 11),
    }


def test_a_sqlalchemy_subclass_of_a_mapped_class_has_its_columns(project) -> None:
    # joined-table inheritance: an Engineer row is an Employee row too, whose e-mail is the engineer's
    out = project({
        "hr/models.py": """
            from sqlalchemy import Column, ForeignKey, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()

            class Employee(Base):
                __tablename__ = "employee"
                id = Column(Integer, primary_key=True)
                email = Column(String(254))

            class Engineer(Employee):
                __tablename__ = "engineer"
                id = Column(Integer, ForeignKey("employee.id"), primary_key=True)
                github_username = Column(String(40))
        """,
    })
    assert {(name, container) for name, container, *_ in out["hr/models.py"]} >= {
        ("email", "Employee"), ("email", "Engineer"), ("github_username", "Engineer")}


def test_library_mixins_bring_their_documented_columns(project) -> None:
    # flask-dance's OAuthConsumerMixin stores the user's provider tokens; fastapi-users' base table their e-mail and
    # password hash; the project's own bodies declare only the link. A plain mixin of the project brings nothing new.
    out = project({
        "app/models.py": """
            from flask_sqlalchemy import SQLAlchemy
            from flask_dance.consumer.storage.sqla import OAuthConsumerMixin
            from fastapi_users_db_sqlalchemy import SQLAlchemyBaseUserTableUUID

            db = SQLAlchemy()

            class Timestamps:
                pass

            class OAuth(OAuthConsumerMixin, Timestamps, db.Model):
                user_id = db.Column(db.Integer, db.ForeignKey("user.id"))

            class Account(SQLAlchemyBaseUserTableUUID, db.Model):
                nickname = db.Column(db.String(40))
        """,
    })
    got = {(name, container, kind) for name, container, kind, *_ in out["app/models.py"]}
    assert {("token", "OAuth", "sqlalchemy"), ("user_id", "OAuth", "sqlalchemy"), ("email", "Account", "sqlalchemy"),
            ("hashed_password", "Account", "sqlalchemy")} <= got
    assert not {name for name, container, _ in got if container == "OAuth"} & {"email", "hashed_password"}


def test_an_installed_apps_token_table_is_reported_once_where_settings_name_it(project) -> None:
    # satnogs installs DRF's authtoken and creates a Token (a bearer API key) for every user: no scanned class
    # declares that table, the settings do; a second settings module repeats it, a list that is no app list does not
    out = project({
        "site/settings/base.py": """
            DJANGO_APPS = ["django.contrib.auth", "django.contrib.sessions"]
            THIRD_PARTY_APPS = [
                "rest_framework",
                "rest_framework.authtoken",
            ]
            INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS
        """,
        "site/settings/prod.py": """
            from .base import *

            INSTALLED_APPS += ["rest_framework.authtoken"]
            DOCS = ["knox"]
            AUTH_USER_MODEL = "accounts.User"
        """,
    })
    assert {(name, container, line) for name, container, _, _, line in out["site/settings/base.py"]} == {
        ("key", "Token", 5), ("user", "Token", 5),
        ("session_key", "Session", 2), ("session_data", "Session", 2)}  # (rules/django_apps.yaml, audit12 #22)
    assert out.get("site/settings/prod.py", set()) == set()


def test_djangos_own_user_and_comment_tables_are_reported_where_settings_install_them(project) -> None:
    # kiwitcms has no user model of its own: django.contrib.auth's User is its only user table, and django_comments
    # stores each commenter's name, e-mail, site and IP beside the comment; a project whose settings name their own
    # user model (AUTH_USER_MODEL, in any settings module) keeps the comments but not Django's User
    files = {
        "proj/settings.py": """
            INSTALLED_APPS = [
                "django.contrib.auth",
                "django_comments",
            ]
        """,
    }
    got = {(container, name, line) for name, container, _, _, line in project(files)["proj/settings.py"]}
    assert {("User", "email", 3), ("User", "username", 3), ("User", "first_name", 3), ("User", "password", 3),
            ("Comment", "user_email", 4), ("Comment", "user_name", 4), ("Comment", "comment", 4),
            ("Comment", "ip_address", 4)} <= got
    replaced = project({**files, "proj/local.py": 'AUTH_USER_MODEL = "accounts.Account"\n'})["proj/settings.py"]
    assert {container for _, container, *_ in replaced} == {"Comment"}
    named = project({**files, "proj/local.py": 'AUTH_USER_MODEL = "auth.User"\n'})["proj/settings.py"]
    assert "User" in {container for _, container, *_ in named}


def test_bases_given_through_with_metaclass(project) -> None:
    out = project({
        "orgs/base.py": """
            from django.db import models
            from six import with_metaclass

            class AbstractInvitation(models.Model):
                invitee_email = models.EmailField()

                class Meta:
                    abstract = True

            class InvitationBase(with_metaclass(OrgMeta, AbstractInvitation)):
                class Meta:
                    abstract = True
        """,
        "orgs/models.py": """
            from .base import InvitationBase

            class Invitation(InvitationBase):
                pass
        """,
    })
    assert ("invitee_email", "InvitationBase", "django_model", "user.contact.email", 11) in out["orgs/base.py"]
    assert out["orgs/models.py"] == {("invitee_email", "Invitation", "django_model", "user.contact.email", 4)}


def test_meta_fields_all_takes_every_field_of_the_model(project) -> None:
    out = project({
        "crm/models.py": """
            from django.db import models

            class Customer(models.Model):
                email = models.EmailField()
                phone = models.CharField(max_length=20)
                plan = models.CharField(max_length=20)
        """,
        "crm/serializers.py": """
            from django import forms
            from rest_framework import serializers
            from .models import Customer

            class CustomerSerializer(serializers.ModelSerializer):
                class Meta:
                    model = Customer
                    fields = "__all__"

            class CustomerForm(forms.ModelForm):
                class Meta:
                    model = Customer
                    exclude = ["phone"]

            class UnknownSerializer(serializers.ModelSerializer):
                class Meta:
                    model = Elsewhere
                    fields = "__all__"
        """,
    })
    assert out["crm/serializers.py"] == {
        ("email", "CustomerSerializer", "drf_serializer", "user.contact.email", 9),
        ("phone", "CustomerSerializer", "drf_serializer", "user.contact.phone_number", 9),
        ("email", "CustomerForm", "django_form", "user.contact.email", 14),
    }


def test_pending_fields_settle_when_base_in_other_file(project) -> None:
    out = project({
        "api/base.py": """
            from pydantic import BaseModel

            class Schema(BaseModel):
                pass
        """,
        "api/schemas.py": """
            from api.base import Schema

            class Person(Schema):
                email: str
                colour: str
        """,
    })
    assert out["api/schemas.py"] == {("email", "Person", "pydantic", "user.contact.email", 5)}


def test_django_migrations_replayed_in_order(project) -> None:
    out = project({
        "crm/migrations/0001_initial.py": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                operations = [
                    migrations.CreateModel(
                        name="Client",
                        fields=[
                            ("id", models.AutoField(primary_key=True)),
                            ("email", models.EmailField(max_length=254)),
                            ("fax", models.CharField(max_length=20)),
                            ("tel", models.CharField(max_length=20)),
                        ],
                    ),
                ]
        """,
        "crm/migrations/0002_changes.py": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                dependencies = [("crm", "0001_initial")]
                operations = [
                    migrations.RemoveField(model_name="client", name="fax"),
                    migrations.RenameField(model_name="client", old_name="tel", new_name="mobile"),
                    migrations.AddField(model_name="client", name="first_name", field=models.CharField(max_length=50)),
                    migrations.AddField(model_name="client", name="account_manager",
                                        field=models.ForeignKey(to=settings.AUTH_USER_MODEL, on_delete=models.PROTECT)),
                    migrations.AddField(model_name="client", name="segment",
                                        field=models.ForeignKey(to="crm.segment", on_delete=models.PROTECT)),
                ]
        """,
    })
    assert out["crm/migrations/0001_initial.py"] == {  # the auto primary key `id` is no field (auditci F19)
        ("email", "Client", "migration", "user.contact.email", 10),
    }
    assert out["crm/migrations/0002_changes.py"] == {
        ("mobile", "Client", "migration", "user.contact.phone_number", 8),
        ("first_name", "Client", "migration", "user.name.first", 9),
        ("account_manager", "Client", "migration", "user.unique_id", 10),
    }


def test_django_runsql_drops_and_alters_are_replayed(project) -> None:
    # a model dropped, and a column dropped or renamed, by raw SQL is gone from the schema as a DeleteModel is;
    # SQL names the table (`crm_client`, a `db_table`) and a link's column (`owner_id`), the replay the model
    out = project({
        "crm/migrations/0001_initial.py": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                operations = [
                    migrations.CreateModel(name="Client", fields=[
                        ("email", models.EmailField()), ("tel", models.CharField(max_length=20)),
                        ("fax", models.CharField(max_length=20)),
                        ("owner", models.ForeignKey(to=settings.AUTH_USER_MODEL, on_delete=models.CASCADE))]),
                    migrations.CreateModel(name="Cookie", fields=[("ip_address", models.GenericIPAddressField())]),
                    migrations.CreateModel(name="Visitor", fields=[("ip_address", models.GenericIPAddressField())],
                                           options={"db_table": "legacy_visitors"}),
                    migrations.CreateModel(name="Lead", fields=[("phone", models.CharField(max_length=20))]),
                ]
        """,
        "crm/migrations/0002_cleanup.py": """
            from django.db import migrations

            DROP_VISITORS = "DROP TABLE legacy_visitors"

            class Migration(migrations.Migration):
                dependencies = [("crm", "0001_initial")]
                operations = [
                    migrations.RunSQL("DROP TABLE IF EXISTS crm_cookie", reverse_sql="CREATE TABLE crm_cookie (ip text)"),
                    migrations.RunSQL([
                        ("ALTER TABLE crm_client DROP COLUMN fax", []),
                        "ALTER TABLE crm_client DROP COLUMN owner_id",
                        DROP_VISITORS,
                    ]),
                    migrations.RunSQL(sql="ALTER TABLE crm_client RENAME COLUMN tel TO mobile"),
                    # data, not schema: the model stays
                    migrations.RunSQL("DELETE FROM crm_lead WHERE phone IS NULL"),
                ]
        """,
    })
    assert {(name, container) for name, container, *_ in out["crm/migrations/0001_initial.py"]} == {
        ("email", "Client"), ("phone", "Lead")}
    assert {(name, container) for name, container, *_ in out["crm/migrations/0002_cleanup.py"]} == {
        ("mobile", "Client")}


def test_alembic_sql_with_backquoted_names_is_replayed(project) -> None:
    # a MySQL project's revision drops a column in backquoted SQL, which PostgreSQL's grammar cannot read
    out = project({
        "migrations/versions/a1_first.py": """
            from alembic import op
            import sqlalchemy as sa

            revision = "a1"
            down_revision = None

            def upgrade():
                op.create_table("users", sa.Column("email", sa.String(255)), sa.Column("phone", sa.String(32)))
        """,
        "migrations/versions/b2_drop.py": """
            from alembic import op

            revision = "b2"
            down_revision = "a1"

            def upgrade():
                op.execute("ALTER TABLE `users` DROP COLUMN `phone`")
        """,
    })
    assert {(name, container) for name, container, *_ in out["migrations/versions/a1_first.py"]} == {("email", "users")}


MIGRATED_CLIENT = """
    from django.db import migrations, models

    class Migration(migrations.Migration):
        operations = [
            migrations.CreateModel(name="Client", fields=[("email", models.EmailField()), ("fax", models.CharField())]),
            migrations.CreateModel(name="Archived", fields=[("phone", models.CharField(max_length=20))]),
        ]
"""


def test_a_model_the_code_declares_is_reported_at_the_model_not_again_from_its_migrations(project) -> None:
    # every Django model's fields came twice (ephios 32 of 46 migration rows, pretix 132 of 145), and so
    # did every DM101, the migration's first; a model only the migrations know is still reported
    out = project({
        "crm/models.py": """
            from django.db import models

            class Client(models.Model):
                email = models.EmailField()
        """,
        "crm/migrations/0001_initial.py": MIGRATED_CLIENT,
        "other/migrations/0001_initial.py": MIGRATED_CLIENT,  # another app's Client: not declared in code
    })
    assert out["crm/models.py"] == {("email", "Client", "django_model", "user.contact.email", 5)}
    assert {(name, container) for name, container, *_ in out["crm/migrations/0001_initial.py"]} == {("phone", "Archived")}
    assert {(name, container) for name, container, *_ in out["other/migrations/0001_initial.py"]} == {
        ("email", "Client"), ("fax", "Client"), ("phone", "Archived")}


def test_an_alembic_table_a_mapped_class_declares_is_reported_at_the_class(project) -> None:
    out = project({
        "app/models.py": """
            from sqlalchemy import Column, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()

            class Audit(Base):
                __tablename__ = "pidea_audit"
                user = Column(String(80))
        """,
        "migrations/versions/a1_first.py": """
            from alembic import op
            import sqlalchemy as sa

            revision = "a1"
            down_revision = None

            def upgrade():
                op.create_table("pidea_audit", sa.Column("user", sa.String(80)), sa.Column("email", sa.String(254)))
                op.create_table("legacy_contacts", sa.Column("email", sa.String(254)))
        """,
    })
    assert {(name, container) for name, container, *_ in out["app/models.py"]} == {("user", "Audit")}
    assert {(name, container) for name, container, *_ in out["migrations/versions/a1_first.py"]} == {
        ("email", "legacy_contacts")}


def test_renamed_migration_field_keeps_history(project, rules, tmp_path) -> None:
    from scanner.inventory import FileResult  # noqa: F401 - evidence lives on the Field

    project({})  # fixture warm-up: nothing to scan
    files = {
        "a/migrations/0001_initial.py": 'from django.db import migrations, models\nops = [migrations.CreateModel(name="A", fields=[("tel", models.CharField())])]\n',
        "a/migrations/0002_rename.py": 'from django.db import migrations\nops = [migrations.RenameField("a", "tel", "phone")]\n',
    }
    results = []
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        results.append(scan_file(Source(name, path, "python"), rules))
    [field] = [f for r in finalize(results, rules, Config(root=tmp_path)) for f in r.fields]
    assert (field.name, field.location.path) == ("phone", "a/migrations/0002_rename.py")
    assert "renamed from tel (declared at a/migrations/0001_initial.py:2" in field.evidence


def test_alembic_upgrade_chain_ignores_downgrade(project) -> None:
    out = project({
        "alembic/versions/b2_second.py": """
            from alembic import op
            import sqlalchemy as sa

            revision = "b2"
            down_revision = "a1"

            def upgrade():
                op.add_column("users", sa.Column("mobile", sa.String(20)))
                op.drop_column("users", "fax")
                with op.batch_alter_table("users") as batch_op:
                    batch_op.add_column(sa.Column("last_name", sa.String()))

            def downgrade():
                op.add_column("users", sa.Column("fax", sa.String(20)))
        """,
        "alembic/versions/a1_first.py": """
            from alembic import op
            import sqlalchemy as sa

            revision = "a1"
            down_revision = None

            def upgrade():
                op.create_table(
                    "users",
                    sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.String(254)),
                    sa.Column("fax", sa.String(20)),
                    sa.Column("email_sent_at", sa.DateTime()),
                )
        """,
    })
    assert out["alembic/versions/a1_first.py"] == {
        ("id", "users", "migration", "user.unique_id", 11),
        ("email", "users", "migration", "user.contact.email", 12),
    }
    assert out["alembic/versions/b2_second.py"] == {
        ("mobile", "users", "migration", "user.contact.phone_number", 9),
        ("last_name", "users", "migration", "user.name.last", 12),
    }


@pytest.mark.parametrize(
    ("source", "line"),
    [
        pytest.param('print "hello"\n', 1, id="python2-print"),
        pytest.param('x = 1\nprint "a"\nz = 2\n', 2, id="python2-print-later-line"),
    ],
)
def test_unparseable_file_is_an_error_entry(scan_snippet, source: str, line: int) -> None:
    result = scan_snippet(source)
    assert [(e.location.line, e.message.startswith("Python syntax error")) for e in result.errors] == [(line, True)]


def test_recursion_error_is_caught_per_file(scan_snippet) -> None:
    # libcst recurses once per part of an implicitly concatenated string
    huge = "x = (\n" + "\n".join(f'    "part{i}"' for i in range(1000)) + "\n)\n"
    result = scan_snippet(huge)
    assert [(e.location.line, e.message) for e in result.errors] == [(1, "too deeply nested to analyse (RecursionError)")]


def test_a_models_inherited_fields_are_its_own_fields_neighbours(project) -> None:
    # django-push-notifications: the abstract Device declares the user; GCMDevice's device_id is that user's
    out = project({
        "push/models.py": """
            from django.conf import settings
            from django.db import models

            class Device(models.Model):
                user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
                active = models.BooleanField(default=True)

                class Meta:
                    abstract = True

            class GCMDevice(Device):
                device_id = models.CharField(max_length=64)
        """,
        "iot/models.py": """
            from django.db import models

            class SensorDevice(models.Model):
                device_id = models.CharField(max_length=64)
                firmware = models.CharField(max_length=20)
        """,
    })
    assert ("device_id", "GCMDevice", "django_model", "user.device.device_id", 13) in out["push/models.py"]
    assert not any(f[0] == "device_id" for f in out["iot/models.py"])  # equipment no one on the row owns


def test_an_inherited_copy_names_the_class_that_declares_it(scan_project) -> None:
    # the DM101 check folds a subclass's copy into its base's finding by this origin, not by reading the evidence
    [result] = scan_project({"app/schemas.py": """
        from pydantic import BaseModel

        class UserBase(BaseModel):
            email: str

        class UserRead(UserBase):
            phone: str

        class UserAdmin(UserRead):
            pass
    """})
    origins = {(f.container, f.name): f.origin for f in result.fields}
    assert origins == {("UserBase", "email"): "", ("UserRead", "phone"): "", ("UserRead", "email"): "UserBase",
                       ("UserAdmin", "email"): "UserBase", ("UserAdmin", "phone"): "UserRead"}


def test_an_attribute_typed_by_a_record_of_another_module_is_no_field(project) -> None:
    # ckan's ApiToken: `owner: Mapped[Optional[User]]` types a relationship; a schema's `author: UserRead` nests one
    out = project({
        "app/models.py": """
            from typing import Optional
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
            from pydantic import BaseModel

            class Base(DeclarativeBase):
                pass

            class User(Base):
                __tablename__ = "user"
                email: Mapped[str] = mapped_column()

            class UserRead(BaseModel):
                email: str
        """,
        "app/tokens.py": """
            import enum
            from typing import Optional
            from sqlalchemy.orm import Mapped
            from pydantic import BaseModel
            from app.models import Base, User, UserRead

            class Scope(enum.Enum):
                READ = "read"

            class ApiToken(Base):
                __tablename__ = "api_token"
                owner: Mapped[Optional[User]]
                scope: Mapped[Scope]
                owner_email: Mapped[str]

            class Post(BaseModel):
                author: UserRead
                author_email: Optional[str] = None
        """,
    })
    assert {f[:2] for f in out["app/tokens.py"]} == {("owner_email", "ApiToken"), ("author_email", "Post")}


def test_an_attribute_typed_by_a_record_name_several_records_share_is_no_field(project) -> None:
    # ckan imports `User` through its package (`from ckan.model import User`) and the project has two records of
    # that name: whichever it is, `owner` is a relationship; a name shared with a plain class stays a field, and so
    # does a schema's attribute (which record a schema nests decides whether it is kept: keep_nested)
    out = project({
        "app/model/user.py": """
            from sqlalchemy.orm import DeclarativeBase, Mapped

            class Base(DeclarativeBase):
                pass

            class User(Base):
                __tablename__ = "user"
                email: Mapped[str]
        """,
        "app/api/schemas.py": """
            from pydantic import BaseModel

            class User(BaseModel):
                email: str

            class Reviewer:
                pass
        """,
        "app/cli.py": """
            class Reviewer:
                pass
        """,
        "app/api/notes.py": """
            from typing import Optional
            from pydantic import BaseModel
            from app.model import User

            class NoteResponse(BaseModel):
                owner: Optional[User] = None
        """,
        "app/model/token.py": """
            from typing import Optional
            from sqlalchemy.orm import Mapped
            from app.model import Base, User, Reviewer

            class ApiToken(Base):
                __tablename__ = "api_token"
                owner: Mapped[Optional[User]]
                reviewer: Mapped[Reviewer]
                owner_email: Mapped[str]
        """,
    })
    assert {f[:2] for f in out["app/model/token.py"]} == {("owner_email", "ApiToken"), ("reviewer", "ApiToken")}
    assert {f[:2] for f in out["app/api/notes.py"]} == {("owner", "NoteResponse")}


def test_an_attribute_typed_by_a_record_that_says_nothing_itself_is_what_its_name_says(project) -> None:
    # gramps-like schemas: `birth: Event` holds a date and a place that `Event` alone does not make personal;
    # `author: UserRead` nests a record whose e-mail is reported where it is declared; an ORM relationship stays out
    out = project({
        "app/events.py": """
            import datetime
            from pydantic import BaseModel

            class Event(BaseModel):
                date: datetime.date
                place: str
        """,
        "app/people.py": """
            from typing import List, Optional
            from pydantic import BaseModel
            from sqlalchemy.orm import DeclarativeBase, Mapped
            from app.events import Event

            class UserRead(BaseModel):
                email: str

            class Occasion(BaseModel):
                date: str

            class Person(BaseModel):
                birth: Event
                birthday: Optional[Occasion] = None
                author: UserRead

            class Base(DeclarativeBase):
                pass

            class Anniversary(Base):
                __tablename__ = "anniversary"
                birthday: Mapped[Event]
        """,
    })
    got = {f[:2] for f in out["app/people.py"]}
    assert {("birth", "Person"), ("birthday", "Person"), ("email", "UserRead")} <= got
    assert not got & {("author", "Person"), ("birthday", "Anniversary")}


def test_alembic_inline_foreign_key_keeps_the_column(project) -> None:
    # keystone's initial migration: sql.Column('user_id', sql.String(64), sql.ForeignKey('user.id'), ...)
    out = project({
        "alembic/versions/c3_fk.py": """
            from alembic import op
            import sqlalchemy as sa

            revision = "c3"
            down_revision = None

            def upgrade():
                op.create_table(
                    "federated_user",
                    sa.Column("user_id", sa.String(64), sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False),
                    sa.Column("contact_email", sa.String(255), sa.ForeignKey("contacts.email")),
                    sa.Column("owner_id", sa.ForeignKey("users.id")),
                    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id")),
                    sa.Column("created_at", sa.DateTime(), sa.ForeignKey("audit.created_at")),
                )
                op.add_column("federated_user", sa.Column("idp_id", sa.String(64), sa.ForeignKey("identity_provider.id")))
        """,
    })
    rows = {(name, category, line) for name, _, _, category, line in out["alembic/versions/c3_fk.py"]}
    assert rows == {
        ("user_id", "user.unique_id", 11),
        ("contact_email", "user.contact.email", 12),
        ("owner_id", "user.unique_id", 13),
    }


def test_an_alembic_key_column_is_read_by_the_table_it_references(project) -> None:
    out = project({
        "alembic/versions/a1_first.py": """
            from alembic import op
            import sqlalchemy as sa

            revision = "a1"
            down_revision = None

            def upgrade():
                op.create_table(
                    "member",
                    sa.Column("created_for", sa.Integer, sa.ForeignKey("user.id")),
                    sa.Column("list_ref", sa.Integer, sa.ForeignKey("mailinglist.id")),
                    sa.Column("owner_email", sa.String(254), sa.ForeignKey("users.email")),
                )
        """,
    })
    assert {(name, category) for name, _, _, category, _ in out["alembic/versions/a1_first.py"]} == {
        ("created_for", "user.unique_id"), ("owner_email", "user.contact.email")}


def test_a_model_forms_fields_are_read_in_the_context_of_the_model_it_edits(project) -> None:
    # kiwitcms's BugSystemAdminForm edits an issue tracker's configuration: its api_password (declared on the form
    # for the widget) and the api_username that "__all__" brings are the business's login there, as on the model;
    # the form's own name says nothing of whose they are. A form of a person's row keeps their data.
    out = project({
        "app/models.py": """
            from django.db import models

            class BugSystem(models.Model):
                name = models.CharField(max_length=255, unique=True)
                base_url = models.CharField(max_length=1024, null=True, blank=True)
                api_url = models.CharField(max_length=1024, null=True, blank=True)
                api_username = models.CharField(max_length=256, null=True, blank=True)
                api_password = models.CharField(max_length=256, null=True, blank=True)

            class Customer(models.Model):
                full_name = models.CharField(max_length=100)
                mobile = models.CharField(max_length=20)
        """,
        "app/admin.py": """
            from django import forms
            from app.models import BugSystem, Customer

            class BugSystemAdminForm(forms.ModelForm):
                api_password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)

                class Meta:
                    model = BugSystem
                    fields = "__all__"

            class CustomerForm(forms.ModelForm):
                class Meta:
                    model = Customer
                    fields = ["full_name", "mobile"]
        """,
    })
    assert not {f for f in out.get("app/models.py", set()) if f[1] == "BugSystem"}
    got = {(container, name, category) for name, container, _, category, _ in out.get("app/admin.py", set())}
    assert not {f for f in got if f[0] == "BugSystemAdminForm"}
    assert {("CustomerForm", "full_name", "user.name"), ("CustomerForm", "mobile", "user.contact.phone_number")} <= got


def test_a_dataclass_attribute_holding_an_object_that_does_something_is_no_field(project) -> None:
    # sydent's Validators hold the validators that send verification mail and texts, chainlit's McpSession an MCP
    # client session, a pydantic model an HTTP client: no e-mail, phone number or client id is stored. What a record
    # holds stays: an e-mail string, an SDK's customer object, and a one-word `Client` of the project (a customer).
    out = project({
        "app/validators.py": """
            class EmailValidator:
                def __init__(self, sydent) -> None:
                    self.sydent = sydent
        """,
        "app/holders.py": """
            from dataclasses import dataclass
            from typing import Optional

            import httpx
            import stripe
            from mcp import ClientSession
            from pydantic import BaseModel, EmailStr

            from app.validators import EmailValidator
            from app.people import Client

            @dataclass
            class Validators:
                email: EmailValidator
                msisdn: Optional["MsisdnValidator"] = None

            @dataclass
            class McpSession:
                client: ClientSession

            class Deps(BaseModel):
                email_client: httpx.AsyncClient
                contact_email: EmailStr
                customer: stripe.Customer
                client: Client
        """,
    })
    got = {(container, name) for name, container, *_ in out.get("app/holders.py", set())}
    assert not {f for f in got if f[0] in ("Validators", "McpSession")}
    assert ("Deps", "email_client") not in got
    assert {("Deps", "contact_email"), ("Deps", "customer"), ("Deps", "client")} <= got


def test_a_field_stored_under_another_column_name_holds_what_that_column_says(project) -> None:
    # django-newsletter stores the subscriber's e-mail and name in columns "email" and "name" behind attributes
    # named email_field and name_field; the reported name stays the attribute's. A neutral attribute stored as
    # phone_number, and a SQLAlchemy column named by its first argument, read the same way.
    out = project({
        "news/models.py": """
            from django.db import models
            from sqlalchemy import Column, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()

            class Subscription(models.Model):
                email_field = models.EmailField(db_column="email", blank=True, null=True)
                contact = models.CharField(db_column="phone_number", max_length=30)
                ip = models.GenericIPAddressField(blank=True, null=True)

            class Member(Base):
                __tablename__ = "members"
                mail = Column("email_address", String(200))
                notes = Column("notes", String(200))
        """,
    })
    got = {(container, name): category for name, container, _, category, _ in out["news/models.py"]}
    assert got[("Subscription", "email_field")] == "user.contact.email"
    assert got[("Subscription", "contact")] == "user.contact.phone_number"
    assert got[("Member", "mail")] == "user.contact.email"
