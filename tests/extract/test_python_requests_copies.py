"""Request input read through a copy or a default is still request input (audit14 #04: calibre-web reads every form
through `to_save = request.form.to_dict()`; `request.get_json(silent=True) or {}` is the usual way to read a body)."""

from __future__ import annotations


def _reads(result) -> set[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return {(f.container, f.name, f.location.line) for f in result.fields if f.kind == "request_input"}


def test_copies_defaults_and_alternatives_of_the_input(scan_snippet) -> None:
    result = scan_snippet(
        """
        import copy
        import json

        from flask import request

        def register():
            to_save = request.form.to_dict()
            data = request.get_json().copy()
            return to_save.get("email", "") + to_save["phone"] + data["date_of_birth"]

        def register2():
            form = dict(request.form)
            payload = request.get_json(force=True) or {}
            body = copy.deepcopy(request.json)
            return form["email"] + payload.get("phone", "") + body["last_name"]

        def save_user():
            data = request.form if request.form else json.loads(request.data)
            return data["email"]
        """
    )
    assert {("register", "email", 10), ("register", "phone", 10), ("register", "date_of_birth", 10),
            ("register2", "email", 16), ("register2", "phone", 16), ("register2", "last_name", 16),
            ("save_user", "email", 20)} <= _reads(result)


def test_a_copy_of_something_else_is_no_input(scan_snippet) -> None:
    result = scan_snippet(
        """
        from flask import request

        def view(config):
            settings = dict(config)
            defaults = config.copy() or {}
            chosen = settings if settings else defaults
            return settings["email"] + defaults.get("phone") + chosen["last_name"]
        """
    )
    assert _reads(result) == set()


def test_an_annotated_local_holding_the_input(scan_snippet) -> None:
    result = scan_snippet(
        """
        from typing import Any

        from flask import request

        def callback():
            params: dict[str, Any] = dict(request.args)
            other: dict[str, Any] = {}
            return params["email"] + other["phone"]
        """
    )
    assert _reads(result) == {("callback", "email", 9)}
