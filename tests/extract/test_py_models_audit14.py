"""Model layers from audit14: Flask-SQLAlchemy's `db.Table` (#16); Tryton, Odoo, Pony, Piccolo and ormar models
(#01: GNU Health scanned to 0 fields)."""

from __future__ import annotations


def _rows(result) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(f.container, f.name, f.category) for f in result.fields}


def test_flask_sqlalchemy_db_table_is_read_as_sqlalchemy_table_is(scan_snippet) -> None:
    result = scan_snippet(
        """
        from flask_sqlalchemy import SQLAlchemy

        db = SQLAlchemy()

        roles_users = db.Table(
            "roles_users",
            db.Column("user_id", db.Integer(), db.ForeignKey("user.id")),
            db.Column("role_id", db.Integer(), db.ForeignKey("role.id")),
        )
        newsletter = db.Table("newsletter", db.Column("subscriber_email", db.String(120)))
        """
    )
    assert {("roles_users", "user_id", "user.unique_id"), ("newsletter", "subscriber_email", "user.contact.email")} \
        <= _rows(result)


def test_a_table_call_of_no_orm_is_no_table(scan_snippet) -> None:
    result = scan_snippet(
        """
        from rich.table import Table

        table = Table("email", "phone")
        report = Table("subscriber_email")
        """
    )
    assert _rows(result) == set()


def _kinds(result) -> set[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    return {(f.container, f.name, f.kind, f.category) for f in result.fields}


def test_tryton_models_their_extensions_links_and_computed_fields(scan_snippet) -> None:
    result = scan_snippet(
        """
        from trytond.model import ModelSQL, ModelView, fields
        from trytond.pool import PoolMeta

        class Patient(ModelSQL, ModelView):
            "Patient"
            __name__ = 'gnuhealth.patient'
            party = fields.Many2One('party.party', 'Patient', required=True)

        class Evaluation(ModelSQL):
            __name__ = 'gnuhealth.patient.evaluation'
            patient = fields.Many2One('gnuhealth.patient', 'Patient')
            notes = fields.Text('Notes')

        class Patient2(ModelSQL, ModelView):
            dob = fields.Date('Date of Birth')
            blood_type = fields.Selection([(None, ''), ('A', 'A')], 'Blood type')
            age = fields.Function(fields.Char('Age'), 'get_age')
            evaluations = fields.One2Many('gnuhealth.patient.evaluation', 'patient', 'Evaluations')

        class Party(metaclass=PoolMeta):
            __name__ = 'party.party'
            ssn = fields.Char('SSN')
        """
    )
    rows = _kinds(result)
    assert {("Patient2", "dob", "tryton", "user.demographic.date_of_birth"),
            ("Patient2", "blood_type", "tryton", "user.health_and_medical"),
            ("Party", "ssn", "tryton", "user.government_id.national_identification_number")} <= rows
    assert {f.name for f in result.fields} >= {"patient", "age"} and "evaluations" not in {f.name for f in result.fields}
    assert next(f.type_hint for f in result.fields if f.name == "patient") == "ForeignKey(gnuhealth.patient)"


def test_odoo_pony_piccolo_and_ormar_models(scan_snippet) -> None:
    result = scan_snippet(
        """
        import ormar
        from odoo import fields, models
        from piccolo.columns import Date, Varchar
        from piccolo.table import Table
        from pony.orm import Database, Optional, Required, Set

        db = Database()

        class HospitalPatient(models.Model):
            _name = 'hospital.patient'
            partner_id = fields.Many2one('res.partner', string='Contact')
            email = fields.Char()
            allergies = fields.Text(string='Allergies')

        class Person(db.Entity):
            email = Required(str)
            phone = Optional(str)
            orders = Set("Order")

        class Customer(Table):
            date_of_birth = Date()

        class Visitor(ormar.Model):
            email: str = ormar.String(max_length=100)
        """
    )
    rows = {(c, n, k) for c, n, k, _ in _kinds(result)}
    assert {("HospitalPatient", "email", "odoo"), ("HospitalPatient", "allergies", "odoo"),
            ("Person", "email", "pony"), ("Person", "phone", "pony"), ("Customer", "date_of_birth", "piccolo"),
            ("Visitor", "email", "ormar")} <= rows
    assert "orders" not in {n for _, n, _ in rows}


def test_a_class_with_an_unrelated_metaclass_or_fields_module_is_no_model(scan_snippet) -> None:
    result = scan_snippet(
        """
        from abc import ABCMeta
        from myapp import fields

        class Settings(metaclass=ABCMeta):
            email = fields.Char('E-mail')
        """
    )
    assert _rows(result) == set()


def test_a_foreign_key_given_by_a_module_constant(scan_snippet) -> None:
    # audit14 #12: pgAdmin declares every user link as db.ForeignKey(USER_ID), USER_ID = 'user.id'
    result = scan_snippet(
        """
        from flask_sqlalchemy import SQLAlchemy

        db = SQLAlchemy()
        USER_ID = 'user.id'
        LABEL = 'user'

        class Server(db.Model):
            __tablename__ = "server"
            fk_1 = db.Column(db.Integer, db.ForeignKey(USER_ID))
            fk_3 = db.Column(db.Integer, db.ForeignKey(LABEL))
        """
    )
    types = {f.name: f.type_hint for f in result.fields}
    assert types.get("fk_1") == "ForeignKey(user)" and "fk_3" not in types  # 'user' names no key column
