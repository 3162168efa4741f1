"""Records declared by one call (audit15 #10: Roundup's hyperdb schema scanned to no field, silently)."""

from __future__ import annotations


def _rows(result) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(f.container, f.name, f.category) for f in result.fields}


def test_a_hyperdb_schema_declares_its_records_fields(scan_snippet) -> None:
    result = scan_snippet(
        """
        user = Class(db, "user",
                     username=String(),
                     password=Password(),
                     realname=String(),
                     phone=String(),
                     timezone=String())
        user.setkey("username")
        contact = Class(db, "contact", email=String())  # one field: read, since Class declares the others
        msg = FileClass(db, "msg",
                        author=Link("user", do_journal='no'),
                        recipients=Multilink("user", do_journal='no'),
                        date=Date(),
                        messageid=String())
        issue = IssueClass(db, "issue", assignedto=Link("user"), nosy=Multilink("user"), keyword=Multilink("keyword"))
        """,
        "tracker/schema.py",
    )
    rows = _rows(result)
    assert {("user", "username", "user.account.username"), ("user", "password", "user.authorization.password"),
            ("user", "phone", "user.contact.phone_number"), ("msg", "author", "user.unique_id"),
            ("msg", "recipients", "user.unique_id"), ("issue", "assignedto", "user.unique_id"),
            ("issue", "nosy", "user.unique_id"), ("contact", "email", "user.contact.email")} <= rows
    assert ("user", "realname") in {(c, n) for c, n, _ in rows}
    types = {(f.container, f.name): f.type_hint for f in result.fields}
    assert types[("msg", "author")] == "ForeignKey(user)" and types[("user", "password")] == "Password"
    assert {f.kind for f in result.fields} == {"schema_call"} and not result.errors


def test_ordinary_calls_with_a_name_and_keywords_declare_nothing(scan_snippet) -> None:
    result = scan_snippet(
        """
        import sqlalchemy as sa
        from alembic import op

        window = Widget(root, "email", layout=VBox(), style=Style())
        option = Option("phone", default=Integer())
        email = sa.cast("email", type_=sa.String())
        op.alter_column("user", "email", existing_type=sa.Text(), type_=sa.String())
        op.alter_column("user", column, type_=sa.String(), nullable=String())
        event = Event(start=Date(), end=Date(), owner=Link("user"))
        record = type("User", (Base,), dict(email=String(), phone=String()))
        """
    )
    assert _rows(result) == set() and result.errors == []


def test_a_declaration_mixing_column_types_with_other_values_is_noted_not_read(scan_snippet) -> None:
    result = scan_snippet(
        """
        issue = IssueClass(db, "issue", assignedto=Link("user"), nosy=mynosy, title=String())
        """
    )
    assert _rows(result) == set()
    assert len(result.errors) == 1 and result.errors[0].location.line == 2
    assert "IssueClass(..., 'issue', ...)" in result.errors[0].message and "not read" in result.errors[0].message
