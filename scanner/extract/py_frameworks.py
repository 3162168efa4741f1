"""What the frameworks mean, as data: record bases, field modules, inherited fields."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import libcst as cst
import yaml

from scanner.catalogue import longest_prefix
from scanner.extract.py_common import dotted, string
from scanner.rulesdata import rules_dir
from scanner.yamlschema import Key, Map, Schema, Str, load

# Qualified base classes and the kind of record their fields make.
MODEL_BASES: dict[str, str] = {
    "django.db.models.Model": "django_model",
    "django.db.models.base.Model": "django_model",
    "django.contrib.auth.models.AbstractUser": "django_model",
    "django.contrib.auth.models.AbstractBaseUser": "django_model",
    "django.contrib.auth.base_user.AbstractBaseUser": "django_model",
    "django.contrib.auth.models.PermissionsMixin": "django_model",
    "django.forms.Form": "django_form",
    "django.forms.ModelForm": "django_form",
    "django.forms.forms.Form": "django_form",
    "django.forms.models.ModelForm": "django_form",
    "rest_framework.serializers.Serializer": "drf_serializer",
    "rest_framework.serializers.ModelSerializer": "drf_serializer",
    "rest_framework.serializers.HyperlinkedModelSerializer": "drf_serializer",
    "pydantic.BaseModel": "pydantic",
    "pydantic.main.BaseModel": "pydantic",
    "pydantic.v1.BaseModel": "pydantic",
    "pydantic_settings.BaseSettings": "",  # configuration, not records about people
    "sqlmodel.SQLModel": "sqlalchemy",
    "typing.TypedDict": "typeddict",
    "typing_extensions.TypedDict": "typeddict",
    "typing.NamedTuple": "dataclass",
    "marshmallow.Schema": "marshmallow",
    "marshmallow_sqlalchemy.SQLAlchemySchema": "marshmallow",
    "marshmallow_sqlalchemy.SQLAlchemyAutoSchema": "marshmallow",
    # colander (Pyramid, cornice, deform, kinto): `email = colander.SchemaNode(colander.String())` (audit16 #02)
    "colander.Schema": "colander",
    "colander.MappingSchema": "colander",
    "colander.SequenceSchema": "colander",
    "colander.TupleSchema": "colander",
    "sqlalchemy.orm.DeclarativeBase": "sqlalchemy",
    "sqlalchemy.orm.DeclarativeBaseNoMeta": "sqlalchemy",
    "sqlalchemy.orm.declarative_base": "sqlalchemy",  # Base = declarative_base()
    "sqlalchemy.ext.declarative.declarative_base": "sqlalchemy",
    "sqlalchemy.orm.decl_api.DeclarativeBase": "sqlalchemy",
    "flask_sqlalchemy.SQLAlchemy.Model": "sqlalchemy",  # db = SQLAlchemy(); class User(db.Model)
    "mongoengine.Document": "document",
    "mongoengine.EmbeddedDocument": "document",
    "mongoengine.DynamicDocument": "document",
    "mongoengine.DynamicEmbeddedDocument": "document",
    "mongoengine.document.Document": "document",
    "mongoengine.document.EmbeddedDocument": "document",
    "mongoengine.document.DynamicDocument": "document",
    "mongoengine.document.DynamicEmbeddedDocument": "document",
    "flask_mongoengine.MongoEngine.Document": "document",  # db = MongoEngine(); class User(db.Document)
    "flask_mongoengine.MongoEngine.EmbeddedDocument": "document",
    "flask_mongoengine.MongoEngine.DynamicDocument": "document",
    "flask_mongoengine.MongoEngine.DynamicEmbeddedDocument": "document",
    "beanie.Document": "pydantic",
    "wtforms.Form": "wtforms",
    "flask_wtf.FlaskForm": "wtforms",
    "tortoise.models.Model": "tortoise",
    "tortoise.Model": "tortoise",
    "peewee.Model": "peewee",
    "odmantic.Model": "pydantic",
    "odmantic.EmbeddedModel": "pydantic",
    "msgspec.Struct": "dataclass",
    # Tryton (GNU Health) and Odoo, the Python ERP frameworks (audit14 #01): their documented model bases; a Tryton
    # module extends another's model by `class Party(metaclass=PoolMeta)` with that model's `__name__`
    **{f"trytond.model.{base}": "tryton" for base in ("ModelSQL", "ModelView", "ModelStorage", "Workflow")},
    **{f"trytond.model.{module}.{base}": "tryton" for module, base in (
        ("modelsql", "ModelSQL"), ("modelview", "ModelView"), ("modelstorage", "ModelStorage"))},
    "trytond.pool.PoolMeta": "tryton",
    **{f"{package}.models.{base}": "odoo" for package in ("odoo", "openerp")
       for base in ("Model", "TransientModel", "AbstractModel")},
    # Pony (`db = Database(); class Person(db.Entity)`), Piccolo and ormar
    "pony.orm.Database.Entity": "pony",
    "pony.orm.core.Database.Entity": "pony",
    "piccolo.table.Table": "piccolo",
    "ormar.Model": "ormar",
    "ormar.models.Model": "ormar",
}

# Fields that Django's auth base classes bring to every subclass.
_ABSTRACT_USER = [("username", "CharField"), ("first_name", "CharField"), ("last_name", "CharField"),
                  ("email", "EmailField"), ("password", "CharField"), ("last_login", "DateTimeField"),
                  ("date_joined", "DateTimeField")]
# Columns that libraries' SQLAlchemy mixins bring (flask-dance's OAuth token table, fastapi-users' user and OAuth
# account tables), read where the library is not scanned: a project's `class OAuth(OAuthConsumerMixin, db.Model)`
# stores the user's provider tokens though its own body declares only `user_id`.
_FLASK_DANCE_OAUTH = [("provider", "String"), ("created_at", "DateTime"), ("token", "JSON")]
_FASTAPI_USERS_USER = [("email", "String"), ("hashed_password", "String"), ("is_active", "Boolean"),
                       ("is_superuser", "Boolean"), ("is_verified", "Boolean")]
_FASTAPI_USERS_OAUTH = [("oauth_name", "String"), ("access_token", "String"), ("expires_at", "Integer"),
                        ("refresh_token", "String"), ("account_id", "String"), ("account_email", "String")]
INHERITED: dict[str, list[tuple[str, str]]] = {
    "django.contrib.auth.models.AbstractUser": _ABSTRACT_USER,
    "django.contrib.auth.models.AbstractBaseUser": [("password", "CharField"), ("last_login", "DateTimeField")],
    "django.contrib.auth.base_user.AbstractBaseUser": [("password", "CharField"), ("last_login", "DateTimeField")],
    "flask_dance.consumer.storage.sqla.OAuthConsumerMixin": _FLASK_DANCE_OAUTH,
    "flask_dance.consumer.backend.sqla.OAuthConsumerMixin": _FLASK_DANCE_OAUTH,  # flask-dance before 1.0
    **{f"{module}.{table}": columns for module in ("fastapi_users_db_sqlalchemy", "fastapi_users.db")
       for table, columns in (("SQLAlchemyBaseUserTable", _FASTAPI_USERS_USER),
                              ("SQLAlchemyBaseUserTableUUID", _FASTAPI_USERS_USER),
                              ("SQLAlchemyBaseOAuthAccountTable", _FASTAPI_USERS_OAUTH),
                              ("SQLAlchemyBaseOAuthAccountTableUUID", _FASTAPI_USERS_OAUTH))},
}
INHERITED_KINDS = {base: "sqlalchemy" for base in INHERITED if not base.startswith("django.")}  # else django_model


@dataclass(frozen=True)
class AppColumn:
    """A column of an installed Django app's table (rules/django_apps.yaml)."""

    name: str
    type_hint: str
    category: str = ""  # "" = classified by its name, as any model field


AppTables = dict[str, dict[str, tuple[AppColumn, ...]]]


class _Named(Schema):
    """A mapping of any names to values of one schema (rules/django_apps.yaml's apps, tables and columns)."""

    def __init__(self, value: Schema) -> None:
        self.value = value

    def check(self, node: yaml.Node, where: str, ctx: Any) -> Any:
        if not isinstance(node, yaml.MappingNode):
            ctx.error(node, where, "expected a mapping of names")
            return {}
        return {str(k.value): self.value.check(v, f"{where}.{k.value}", ctx) for k, v in node.value}


class _Column(Schema):
    """`name: FieldType`, or `name: {type: FieldType, category: key}`."""

    _FULL = Map({"type": Key(Str(), required=True), "category": Key(Str())})

    def check(self, node: yaml.Node, where: str, ctx: Any) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return Str().check(node, where, ctx)
        return self._FULL.check(node, where, ctx)


_APPS_FILE = Map({"apps": Key(_Named(Map({"tables": Key(_Named(_Named(_Column())), required=True)})),
                              required=True)})


@functools.cache
def installed_app_tables() -> AppTables:
    """Tables a Django app the project installs creates with its own migrations: no scanned class declares them,
    yet the project's database holds them (satnogs creates a DRF token, a bearer API key, for every user; sessions,
    the admin log, allauth's addresses, django-oauth-toolkit's tokens). Read where a settings list names the app
    (`INSTALLED_APPS`, `THIRD_PARTY_APPS`...); the data is rules/django_apps.yaml, from the apps' documented models.
    Loaded on the first such list only."""
    data = load(rules_dir() / "django_apps.yaml", _APPS_FILE, what="rule file")
    out: AppTables = {}
    for app, entry in data["apps"].items():
        out[app] = {model: tuple(AppColumn(name, value, "") if isinstance(value, str)
                                 else AppColumn(name, value["type"], value.get("category") or "")
                                 for name, value in columns.items() if value is not None)
                    for model, columns in entry["tables"].items()}
    return out


_APP_CONFIG = re.compile(r"^(?P<app>[\w.]+?)\.apps\.\w+$")


def installed_app(entry: str) -> str | None:
    """The app an INSTALLED_APPS entry names, when its tables are known: `axes` or `axes.apps.AppConfig` -> axes."""
    tables = installed_app_tables()
    if entry in tables:
        return entry
    m = _APP_CONFIG.match(entry)
    return m.group("app") if m and m.group("app") in tables else None


DATACLASS_DECORATORS = {
    "dataclasses.dataclass", "attr.s", "attr.attrs", "attr.define", "attr.mutable", "attr.frozen",
    "attrs.define", "attrs.mutable", "attrs.frozen", "pydantic.dataclasses.dataclass",
}

# Where a field constructor comes from says what kind of record holds it, even
# on a mixin with no framework base (`class ContactMixin: email = models.EmailField()`).
# Longest prefix wins.
FIELD_MODULES: dict[str, str] = {
    "django.db.models": "django_model",
    "django.contrib.postgres.fields": "django_model",
    "django.contrib.gis.db.models": "django_model",
    "phonenumber_field.modelfields": "django_model",
    "phonenumber_field.formfields": "django_form",
    "django_countries.fields": "django_model",
    "django.forms": "django_form",
    "rest_framework.serializers": "drf_serializer",
    "rest_framework.fields": "drf_serializer",
    "marshmallow.fields": "marshmallow",
    "sqlalchemy": "sqlalchemy",
    "sqlmodel.Field": "sqlalchemy",
    "mongoengine": "document",
    "flask_mongoengine.MongoEngine": "document",  # db.StringField()
    "wtforms": "wtforms",
    "attr.ib": "dataclass",
    "attr.attrib": "dataclass",
    "attrs.field": "dataclass",
    "attr.field": "dataclass",
    "dataclasses.field": "dataclass",
    "pydantic.Field": "pydantic",
    "wagtail.fields": "django_model",
    "tortoise.fields": "tortoise",
    "peewee": "peewee",
    "trytond.model.fields": "tryton",
    "odoo.fields": "odoo",
    "openerp.fields": "odoo",
    "pony.orm": "pony",
    "piccolo.columns": "piccolo",
    "ormar": "ormar",
}

# Links between records, not data: reported on the record they point to.
# Django relations that store a link (a `*_id` column or a join table), unlike SQLAlchemy's relationship().
DJANGO_LINKS = {"ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey", "ParentalManyToManyField",
                "TreeForeignKey", "TreeOneToOneField", "TreeManyToManyField", "AutoOneToOneField"}


def relation_target(call: cst.Call) -> str:
    """The model a relation points at, as written: `"auth.User"`, `settings.AUTH_USER_MODEL`, `get_user_model`."""
    target = next((a.value for a in call.args if a.keyword is None or a.keyword.value == "to"), None)
    if target is None:
        return ""
    if isinstance(target, cst.Call):
        target = target.func
    return string(target) or dotted(target) or ""


# column types that hold a key: such a column with a ForeignKey is a link (a string column keeps its meaning)
KEY_TYPES = frozenset({"integer", "int", "biginteger", "smallinteger", "uuid", "guid", "uuidtype", "optional[int]",
                        "int | none", "optional[uuid]", "uuid | none"})


def column_type(declared: str, link: str) -> str:
    """A column's type: its declared one, or `ForeignKey(table)` when it is a key column (or untyped) that
    references a table; a string column with a ForeignKey (to `users.email`) keeps its declared type."""
    return link if link and (not declared or declared.lower() in KEY_TYPES) else declared


def foreign_key_link(call: cst.Call, constants: Mapping[str, str] | None = None) -> str:
    """`ForeignKey("address.id")` -> `ForeignKey(address)`; "" when it references no key (`users.email`).
    A module constant stands for its string (pgAdmin's `ForeignKey(USER_ID)`, `USER_ID = 'user.id'`)."""
    target = relation_target(call)
    *table, column = ((constants or {}).get(target) or target).split(".")
    if table and table[-1] == "c":
        table.pop()  # ForeignKey(users.c.id): a Table's column collection
    if not table:
        return ""
    key = column.lower()
    return f"ForeignKey({table[-1]})" if key in ("id", "pk", "uuid") or key.endswith("_id") else ""


RELATIONS = {
    "ForeignKey", "OneToOneField", "ManyToManyField", "GenericForeignKey", "GenericRelation", "ParentalKey",
    "ParentalManyToManyField", "relationship", "Relationship", "backref", "association_proxy", "PrimaryKeyRelatedField",
    "HyperlinkedRelatedField", "HyperlinkedIdentityField", "StringRelatedField", "SlugRelatedField",
    "ReferenceField", "TreeForeignKey", "TreeOneToOneField", "TreeManyToManyField",
    "ModelMultipleChoiceField", "ModelChoiceField", "ForeignObject", "SortedManyToManyField",
}


def field_module_kind(qualified: str) -> str | None:
    return longest_prefix(qualified, FIELD_MODULES)


def base_kind(qualified: str) -> str | None:
    return MODEL_BASES.get(qualified)
