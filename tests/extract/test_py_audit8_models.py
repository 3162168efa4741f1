"""Models matched to their Alembic tables by a computed `__tablename__`, and marshmallow's nested schemas (audit 8,
C6a and C9)."""

from __future__ import annotations

import textwrap

import pytest



@pytest.fixture
def fields(scan_project):
    """Scan the files as one project; (container, name, kind, category) of every field reported."""

    def run(files: dict[str, str]) -> set[tuple[str, str, str, str]]:
        return {(f.container, f.name, f.kind, f.category) for r in scan_project(files) for f in r.fields}

    return run


def _migration(*tables: str) -> str:
    creates = "".join(f'    op.create_table("{t}", sa.Column("id", sa.String()), sa.Column("email", sa.String()))\n'
                      for t in tables)
    return ('import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "0001"\ndown_revision = None\n\n\n'
            f"def upgrade():\n{creates}")


def _model(tablename: str) -> str:
    body = textwrap.indent(textwrap.dedent(tablename).strip(), "    ")
    return ("from sqlalchemy import Column, String\nfrom sqlalchemy.orm import declarative_base, declared_attr\n\n"
            "Base = declarative_base()\n\n\nclass ClientDetail(Base):\n"
            f"{body}\n\n    id = Column(String, primary_key=True)\n    email = Column(String)\n")


DECLARED_LITERAL = '''
@declared_attr
def __tablename__(self) -> str:
    """Overriding the base's name."""
    return "client"
'''


def test_a_declared_attr_table_name_maps_the_class_to_its_table(fields) -> None:
    found = fields({"app/models.py": _model(DECLARED_LITERAL), "migrations/versions/0001.py": _migration("client")})
    assert {c for c, _, _, _ in found} == {"ClientDetail"}


def test_a_declared_attr_table_name_maps_no_other_table(fields) -> None:
    found = fields({"app/models.py": _model(DECLARED_LITERAL),
                    "migrations/versions/0001.py": _migration("client", "client_log")})
    assert {c for c, _, _, _ in found} == {"ClientDetail", "client_log"}


BASE = '''
from sqlalchemy import Column, String
from sqlalchemy.orm import declarative_base, declared_attr


class NamedBase:
    @declared_attr
    def __tablename__(cls) -> str:
        return {expression}

    id = Column(String, primary_key=True)


Base = declarative_base(cls=NamedBase)
'''
CHILD = '''
from sqlalchemy import Column, String
from app.base import Base


class ClientDetail(Base):
    email = Column(String)
'''


@pytest.mark.parametrize("expression, table", [
    ("cls.__name__.lower()", "clientdetail"),
    ('re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()', "client_detail"),
])
def test_a_table_named_by_the_class_in_a_base_maps_each_subclass(fields, expression: str, table: str) -> None:
    found = fields({"app/base.py": BASE.format(expression=expression), "app/models.py": CHILD,
                    "migrations/versions/0001.py": _migration(table)})
    assert {c for c, _, _, _ in found} == {"ClientDetail"}


def test_a_table_named_by_the_class_maps_no_other_table(fields) -> None:
    expression = 're.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()'
    found = fields({"app/base.py": BASE.format(expression=expression), "app/models.py": CHILD,
                    "migrations/versions/0001.py": _migration("client_detail", "client_detail_archive")})
    assert {c for c, _, _, _ in found} == {"ClientDetail", "client_detail_archive"}


SCHEMAS = '''
from marshmallow import Schema, fields


class EventSchema(Schema):
    date = fields.Str()
    place = fields.Str()


class NameSchema(Schema):
    first_name = fields.Str()


class MetaSchema(Schema):
    version = fields.Str()


class PersonSchema(Schema):
    name_given = fields.Str()
    sex = fields.Str()
    birth = fields.Nested(EventSchema)
    primary_name = fields.Nested(NameSchema)
    meta = fields.Nested(MetaSchema)
    events = fields.List(fields.Nested(EventSchema))
'''


def test_a_nested_schema_is_a_field_classified_by_its_name(fields) -> None:
    found = {(c, n): (kind, category) for c, n, kind, category in fields({"schemas.py": SCHEMAS})}
    assert found[("PersonSchema", "birth")] == ("marshmallow", "user.demographic.date_of_birth")
    assert found[("PersonSchema", "primary_name")][1].startswith("user.name")
    assert ("PersonSchema", "meta") not in found  # a name that says nothing of the person: no datum
    assert ("EventSchema", "date") not in found  # the nested record's own fields keep their own context


def test_an_orm_relationship_is_still_no_field(fields) -> None:
    found = fields({"schemas.py": SCHEMAS, "models.py": '''
        from sqlalchemy import Column, ForeignKey, Integer
        from sqlalchemy.orm import declarative_base, relationship

        Base = declarative_base()


        class Person(Base):
            __tablename__ = "person"
            id = Column(Integer, primary_key=True)
            birth_event_id = Column(Integer, ForeignKey("event.id"))
            birth = relationship("Event")
        '''})
    assert {c for c, n, _, _ in found if n == "birth"} == {"PersonSchema"}
