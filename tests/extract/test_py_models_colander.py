"""colander schemas and cornice's validated input (audit16 #02: a Pyramid app's schemas and handlers read nothing)."""

from __future__ import annotations


def _rows(results) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(f.container, f.name, f.category) for r in results for f in r.fields}


def test_colander_schema_nodes_are_fields_typed_by_their_node_and_validator(scan_snippet) -> None:
    result = scan_snippet(
        """
        import colander

        class AccountSchema(colander.MappingSchema):
            email = colander.SchemaNode(colander.String(), validator=colander.Email())
            password = colander.SchemaNode(colander.String())
            date_of_birth = colander.SchemaNode(colander.Date(), title="Born on")
            page = colander.SchemaNode(colander.Int(), missing=1)
        """
    )
    assert _rows([result]) >= {("AccountSchema", "email", "user.contact.email"),
                               ("AccountSchema", "password", "user.authorization.password"),
                               ("AccountSchema", "date_of_birth", "user.demographic.date_of_birth")}
    types = {f.name: (f.type_hint, f.kind) for f in result.fields}
    assert types["email"] == ("Email", "colander") and types["date_of_birth"] == ("Date", "colander")


def test_a_project_schema_base_in_another_module_makes_a_colander_schema(scan_project) -> None:
    results = scan_project({
        "app/resource.py": """
            import colander

            class ResourceSchema(colander.MappingSchema):
                pass
            """,
        "app/accounts.py": """
            from app import resource
            from colander import SchemaNode, String

            class AccountSchema(resource.ResourceSchema):
                password = SchemaNode(String())
            """,
    })
    assert ("AccountSchema", "password", "user.authorization.password") in _rows(results)


def test_cornice_validated_input_is_request_input(scan_snippet) -> None:
    result = scan_snippet(
        """
        from cornice import Service

        users = Service(name="users", path="/users")

        @users.post()
        def create_user(request):
            data = request.validated
            email = data["email"]
            phone_number = request.validated.get("phone_number")
        """
    )
    assert {("create_user", "email", "user.contact.email"),
            ("create_user", "phone_number", "user.contact.phone_number")} <= _rows([result])
