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


def test_tornado_handlers_and_pyramid_views(scan_snippet) -> None:
    # audit14 #03: JupyterHub's login form (self.get_argument("username")), Pyramid's json_body and client_addr
    result = scan_snippet(
        """
        import json

        from pyramid.view import view_config
        from tornado.web import RequestHandler

        class SignupHandler(RequestHandler):
            def post(self):
                email = self.get_body_argument("email")
                phone = self.get_argument("phone", default="")
                ip = self.request.remote_ip
                body = json.loads(self.request.body)
                return email, phone, ip, body["full_name"]

        @view_config(route_name="signup", renderer="json")
        def signup(request):
            return request.json_body["last_name"], request.client_addr
        """
    )
    assert {("post", "email", 9), ("post", "phone", 10), ("post", "remote_ip", 11), ("post", "full_name", 13),
            ("signup", "last_name", 17), ("signup", "remote_addr", 17)} <= _reads(result)


def test_a_get_argument_method_outside_tornado_is_no_input(scan_snippet) -> None:
    result = scan_snippet(
        """
        class Parser:
            def run(self):
                return self.get_argument("email")
        """
    )
    assert _reads(result) == set()
