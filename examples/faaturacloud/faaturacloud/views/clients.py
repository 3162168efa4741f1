"""JSON API for the seller's address book of clients."""

from dataclasses import asdict

from flask import Blueprint, jsonify, request
from pydantic import ValidationError
from sqlalchemy import select

from ..db import get_session
from ..models import Client
from ..schemas import ClientIn, ClientOut
from . import current_org_id, get_owned_or_404, login_required, validation_error

bp = Blueprint("clients", __name__, url_prefix="/api/clients")


def _out(client: Client) -> dict:
    return asdict(
        ClientOut(client.id, client.display_name, client.email, client.city, client.country)
    )


@bp.get("")
@login_required
def list_clients():
    clients = get_session().scalars(
        select(Client)
        .where(Client.organization_id == current_org_id())
        .order_by(Client.last_name, Client.first_name)
    )
    return jsonify([_out(c) for c in clients])


@bp.post("")
@login_required
def create_client():
    try:
        payload = ClientIn.model_validate(request.get_json(force=True))
    except ValidationError as exc:
        return validation_error(exc)

    client = Client(
        organization_id=current_org_id(),
        kind=payload.kind,
        company_name=payload.company_name,
        first_name=payload.first_name,
        last_name=payload.last_name,
        email=payload.email,
        phone=payload.phone,
        mobile=payload.mobile,
        address_line1=payload.address_line1,
        address_line2=payload.address_line2,
        postal_code=payload.postal_code,
        city=payload.city,
        country=payload.country.upper(),
        vat_id=payload.vat_id,
        national_id_number=payload.national_id_number,
        date_of_birth=payload.date_of_birth,
    )
    db = get_session()
    db.add(client)
    db.commit()
    return jsonify(_out(client)), 201


@bp.patch("/<int:client_id>")
@login_required
def update_client(client_id: int):
    client = get_owned_or_404(Client, client_id)
    current = ClientIn.model_validate(client, from_attributes=True).model_dump()
    try:
        payload = ClientIn.model_validate({**current, **request.get_json(force=True)})
    except ValidationError as exc:
        return validation_error(exc)
    for field, value in payload.model_dump().items():
        setattr(client, field, value)
    get_session().commit()
    return jsonify(_out(client))
