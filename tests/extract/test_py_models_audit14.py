"""Model layers from audit14: Flask-SQLAlchemy's `db.Table` (#16)."""

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
