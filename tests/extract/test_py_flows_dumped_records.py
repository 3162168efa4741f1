"""A record dumped whole into a send carries its fields (audit15 #07's rest): a schema's nested record, a FastAPI
body forwarded with `body.model_dump()` / `.dict()`, Django's `model_to_dict(row)`, `dataclasses.asdict(obj)`."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(results: list[FileResult], path: str) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for r in results if r.path == path for f in r.flows}


def test_a_record_dumped_whole_carries_its_fields(scan_project) -> None:
    results = scan_project({
        "app/schemas.py": """
            from pydantic import BaseModel


            class UserEventSchema(BaseModel):
                first_name: str
                username: str


            class ResponseEventSchema(BaseModel):
                status: str
                user: UserEventSchema


            class SignupIn(BaseModel):
                email: str
                phone: str
            """,
        "app/api.py": """
            import dataclasses
            import httpx
            from django.forms.models import model_to_dict
            from app.models import Customer
            from app.schemas import ResponseEventSchema, SignupIn

            HUBSPOT = "https://api.hubapi.com/crm/v3/objects/contacts"


            def notify(url, response):
                httpx.post(url, json=ResponseEventSchema.model_validate(response).model_dump())


            async def signup(body: SignupIn):
                httpx.post(HUBSPOT, json={"properties": body.dict()})


            def push(pk):
                customer = Customer.objects.get(pk=pk)
                httpx.post(HUBSPOT, json=model_to_dict(customer))
                httpx.post(HUBSPOT, json=dataclasses.asdict(customer))
            """,
        "app/models.py": """
            from django.db import models


            class Customer(models.Model):
                email = models.EmailField()
            """,
    })
    assert flows(results, "app/api.py") == {
        ("user.name.first", "unresolved_webhook", 12), ("user.account.username", "unresolved_webhook", 12),
        ("user.contact.email", "hubspot", 16), ("user.contact.phone_number", "hubspot", 16),
        ("user.contact.email", "hubspot", 21), ("user.contact.email", "hubspot", 22)}


def test_a_dump_of_a_thing_or_of_no_record_carries_nothing(scan_project) -> None:
    results = scan_project({
        "app/schemas.py": """
            from pydantic import BaseModel


            class PlanSchema(BaseModel):
                title: str
                price_cents: int
            """,
        "app/api.py": """
            import httpx
            from app.schemas import PlanSchema

            HUBSPOT = "https://api.hubapi.com/crm/v3/objects/contacts"


            def sync(plan: PlanSchema, options: dict, config):
                httpx.post(HUBSPOT, json=plan.model_dump())
                httpx.post(HUBSPOT, json=options.copy())
                httpx.post(HUBSPOT, json=config.dict())
            """,
    })
    assert flows(results, "app/api.py") == set()
