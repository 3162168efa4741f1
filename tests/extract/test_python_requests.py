"""Request input in Flask, Django, DRF and FastAPI handlers: exact (name, container, kind, category, line)."""

from __future__ import annotations

import pytest

Row = tuple[str, str, str, str, int]

CASES = [
    pytest.param(
        """
        from flask import request

        def signup():
            email = request.form["email"]
            phone = request.json.get("phone")
            page = request.args.get("page")
            ip = request.remote_addr
            agent = request.headers["User-Agent"]
            data = request.get_json()
            name = data["full_name"]
            verified = data.get("phone_verified")
        """,
        {("email", "signup", "request_input", "user.contact.email", 5),
         ("phone", "signup", "request_input", "user.contact.phone_number", 6),
         ("remote_addr", "signup", "request_input", "user.device.ip_address", 8),
         ("User-Agent", "signup", "request_input", "user.device", 9),
         ("full_name", "signup", "request_input", "user.name", 11)},
        id="flask",
    ),
    pytest.param(
        # Falcon (Mailman's REST API): the media body and the request's own getters (audit6 C12)
        """
        class Members:
            def on_post(self, req, resp):
                body = req.get_media()
                email = body["email"]
                phone = req.get_param("phone")
                agent = req.get_header("User-Agent")
                page = req.get_param_as_int("page")
                resp.media = {"ok": True}
        """,
        {("email", "on_post", "request_input", "user.contact.email", 5),
         ("phone", "on_post", "request_input", "user.contact.phone_number", 6),
         ("User-Agent", "on_post", "request_input", "user.device", 7)},
        id="falcon",
    ),
    pytest.param(
        """
        def register(request):
            first = request.POST["first_name"]
            last = request.GET.get("last_name")
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
            remote = request.META["REMOTE_ADDR"]
            agent = request.META.get("HTTP_USER_AGENT")
            session = request.COOKIES.get("sessionid")
            sort = request.GET.get("sort")

        class ProfileView:
            def post(self, request):
                return request.data["email"], self.request.query_params.get("mobile")
        """,
        {("first_name", "register", "request_input", "user.name.first", 3),
         ("last_name", "register", "request_input", "user.name.last", 4),
         ("HTTP_X_FORWARDED_FOR", "register", "request_input", "user.device.ip_address", 5),
         ("REMOTE_ADDR", "register", "request_input", "user.device.ip_address", 6),
         ("HTTP_USER_AGENT", "register", "request_input", "user.device", 7),
         ("sessionid", "register", "request_input", "user.device.cookie_id", 8),
         ("email", "post", "request_input", "user.contact.email", 13),
         ("mobile", "post", "request_input", "user.contact.phone_number", 13)},
        id="django-and-drf",
    ),
    pytest.param(
        """
        from typing import Annotated
        from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
        from pydantic import BaseModel

        app = FastAPI()
        router = APIRouter()

        class SignupIn(BaseModel):
            email: str

        @app.post("/signup")
        def signup(body: SignupIn, request: Request, db=Depends(get_db), user_agent: str = Header(None)):
            ...

        @router.get("/people/{email}")
        async def find(email: str, phone: Annotated[str | None, Query()] = None, limit: int = 10):
            ...

        def not_a_route(email: str):
            ...
        """,
        {("email", "SignupIn", "pydantic", "user.contact.email", 10),
         ("user-agent", "signup", "request_input", "user.device", 13),
         ("email", "find", "request_input", "user.contact.email", 17),
         ("phone", "find", "request_input", "user.contact.phone_number", 17)},
        id="fastapi-body-query-path-header",
    ),
    pytest.param(
        """
        from typing import Annotated
        from fastapi import Depends, FastAPI, UploadFile
        from fastapi.security import OAuth2PasswordRequestForm

        app = FastAPI()

        @app.post("/kyc")
        async def kyc(passport_scan: UploadFile, selfie: UploadFile):
            ...

        @app.post("/token")
        async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
            ...

        @app.post("/token2")
        async def login2(form_data=Depends(OAuth2PasswordRequestForm), db=Depends(get_db)):
            ...
        """,
        # a bare UploadFile is a file the client sends; OAuth2PasswordRequestForm reads a username and a password
        # from the form itself (a dependency of the project's own is not input here: it is reported where it reads)
        {("passport_scan", "kyc", "request_input", "user.government_id", 9),
         ("selfie", "kyc", "request_input", "user.content.self_image", 9),
         ("username", "login", "request_input", "user.account.username", 13),
         ("password", "login", "request_input", "user.authorization.password", 13),
         ("username", "login2", "request_input", "user.account.username", 17),
         ("password", "login2", "request_input", "user.authorization.password", 17)},
        id="fastapi-uploads-and-oauth2-password-form",
    ),
    pytest.param(
        """
        from flask import request

        def payload():
            return {"mobile": request.user_agent.is_mobile, "os": request.user_agent.platform,
                    "ip": request.remote_addr, "again": request.remote_addr}

        def other():
            return request.remote_addr
        """,
        {("user_agent", "payload", "request_input", "user.device", 5),
         ("remote_addr", "payload", "request_input", "user.device.ip_address", 6),
         ("remote_addr", "other", "request_input", "user.device.ip_address", 9)},
        id="one-field-per-datum-a-handler-reads",
    ),
    pytest.param(
        """
        def support_view(request):
            email = request.POST["email"]

        def create_company(request):
            email = request.POST["email"]
            name = request.POST["name"]
        """,
        # a handler named for its page reads the visitor's input; one named for a business, the business's
        {("email", "support_view", "request_input", "user.contact.email", 3)},
        id="a-handler-named-for-its-page-is-no-business",
    ),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_request_input(scan_snippet, source: str, expected: set[Row]) -> None:
    result = scan_snippet(source)
    assert {(f.name, f.container, f.kind, f.category, f.location.line) for f in result.fields} == expected


def test_a_json_body_parsed_by_hand_is_request_input(scan_snippet) -> None:
    # Django has no request.json: views read a JSON body with json.loads(request.body)
    source = """
        import json
        from orjson import loads

        def subscribe(request):
            payload = json.loads(request.body)
            email = payload["email"]
            data = loads(request.body.decode("utf-8"))
            phone = data.get("phone_number")
            first = json.loads(request.data)["first_name"]

        def configure(request, blob):
            config = json.loads(blob)
            email = config["email"]
            settings = json.loads(request.user.profile_json)
            phone = settings["phone_number"]
    """
    rows = {(f.name, f.container, f.kind, f.category, f.location.line) for f in scan_snippet(source).fields}
    assert rows == {("email", "subscribe", "request_input", "user.contact.email", 7),
                    ("phone_number", "subscribe", "request_input", "user.contact.phone_number", 9),
                    ("first_name", "subscribe", "request_input", "user.name.first", 10)}


def test_a_falcon_raw_body_parsed_by_hand_is_request_input(scan_snippet) -> None:
    # Falcon handlers read the raw stream, or the body a middleware kept in req.context (LinkedIn iris);
    # what the context holds about the user, and a stream that is no request's, are not the request's input
    source = """
        import json
        import ujson

        class Contacts:
            def on_post(self, req, resp):
                kept = ujson.loads(req.context["body"])
                email = kept["email"]
                raw = json.loads(req.stream.read())
                phone = raw["phone_number"]
                streamed = json.load(req.bounded_stream)
                first = streamed["first_name"]

            def on_put(self, req, resp, upload):
                user = json.loads(req.context["user"])
                email = user["email"]
                other = json.loads(upload.stream.read())
                phone = other["phone_number"]
    """
    rows = {(f.name, f.container, f.kind, f.category, f.location.line) for f in scan_snippet(source).fields}
    assert rows == {("email", "on_post", "request_input", "user.contact.email", 8),
                    ("phone_number", "on_post", "request_input", "user.contact.phone_number", 10),
                    ("first_name", "on_post", "request_input", "user.name.first", 12)}


def test_request_like_names_outside_a_request_are_not_input(scan_snippet) -> None:
    result = scan_snippet(
        """
        def build(form, headers):
            return form["email"], headers.get("User-Agent"), config.json["phone"]
        """
    )
    assert result.fields == []


def test_flask_parsed_headers_are_read_as_their_headers(scan_snippet) -> None:
    # audit15 #14: Flask's request.referrer is the Referer header a FastAPI handler reads by name (browsing
    # history), and request.accept_languages the Accept-Language header, named alike so they classify alike
    result = scan_snippet("""
        from flask import request

        def page():
            return request.referrer

        def other():
            return request.accept_languages.best
    """)
    referers = {(f.name, f.container, f.category, f.location.line) for f in result.fields if f.name == "referer"}
    assert referers and all(c.startswith("user.behavior") for _, _, c, _ in referers)
    assert {(f.name, f.container, f.location.line) for f in result.fields} >= {("referer", "page", 5)}


def _form_rows(results) -> set[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    return {(f.location.path, f.container, f.name, f.category) for r in results for f in r.fields}


def test_a_forms_cleaned_data_is_the_forms_declared_field_not_a_second_row(scan_project) -> None:
    # audit15 #08 (postorius ListNew): the view's read of `list_owner` is the form's EmailField, one row, e-mail
    results = scan_project({
        "app/forms.py": """
            from django import forms

            class ListNew(forms.Form):
                listname = forms.CharField()
                list_owner = forms.EmailField(label="Initial list owner address")

            class ListSubscribe(forms.Form):
                subscriber = forms.ChoiceField()

            class ContactEdit(forms.ModelForm):
                class Meta:
                    model = Contact
                    fields = ["phone"]
            """,
        "app/views.py": """
            from django.views.generic import FormView
            from app.forms import ContactEdit, ListNew, ListSubscribe

            def list_new(request):
                form = ListNew(request.POST)
                if form.is_valid():
                    create_list(form.cleaned_data["listname"], owner=form.cleaned_data["list_owner"],
                                notes=form.cleaned_data.get("owner_email"))

            def contact_edit(request):
                edit = ContactEdit(request.POST)
                save(edit.cleaned_data["phone"])

            def post(request):
                form = ListSubscribe(request.POST)
                subscribe(form.cleaned_data["subscriber"])

            class ListCreate(FormView):
                form_class = ListNew

                def form_valid(self, form):
                    notify(form.cleaned_data["list_owner"])
            """,
    })
    rows = _form_rows(results)
    assert ("app/forms.py", "ListNew", "list_owner", "user.contact.email") in rows
    assert not {r for r in rows if r[0] == "app/views.py" and r[2] in ("list_owner", "phone")}
    # a key the form does not declare is still the handler's read, and so is one whose form field is not personal
    assert ("app/views.py", "list_new", "owner_email", "user.contact.email") in rows
    assert ("app/views.py", "post", "subscriber") in {r[:3] for r in rows}
    assert ("app/forms.py", "ListSubscribe", "subscriber") not in {r[:3] for r in rows}


def test_cleaned_data_of_a_form_the_scan_does_not_know_stays_a_read(scan_project) -> None:
    results = scan_project({
        "app/views.py": """
            from other.forms import SignupForm

            def signup(request):
                form = SignupForm(request.POST)
                register(form.cleaned_data["email"])
            """,
    })
    assert ("app/views.py", "signup", "email", "user.contact.email") in _form_rows(results)


def test_a_modules_own_request_accessor_reads_the_key_its_callers_give(scan_snippet) -> None:
    # audit16 #11 (dallinger's request_parameter): `return request.values[parameter]` makes each literal key a read
    result = scan_snippet(
        """
        from flask import Flask, request

        app = Flask(__name__)

        @app.route("/signup", methods=["POST"])
        def signup():
            email = request_parameter(parameter="email")
            phone_number = request_parameter("phone_number")
            label = format_label("first_name")

        def request_parameter(parameter, parameter_type=None, default=None):
            if parameter in request.values:
                value = request.values[parameter]
            else:
                value = default
            return value

        def format_label(name):
            return name.title()
        """
    )
    rows = {(f.container, f.name, f.category) for f in result.fields}
    assert {("signup", "email", "user.contact.email"), ("signup", "phone_number", "user.contact.phone_number")} <= rows
    assert not {r for r in rows if r[1] == "first_name"}  # a helper that reads no request is no accessor
