"""Blueprints, plus helpers shared by the views."""

import functools

from flask import abort, g, jsonify
from pydantic import ValidationError

from ..db import get_session


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("account") is None:
            abort(401)
        return view(*args, **kwargs)

    return wrapped


def current_org_id() -> int:
    return g.account.organization_id


def get_owned_or_404(model, object_id: int):
    """Load a row of the signed-in account's organization, or 404."""
    obj = get_session().get(model, object_id)
    if obj is None or obj.organization_id != current_org_id():
        abort(404)
    return obj


def validation_error(exc: ValidationError):
    details = exc.errors(include_url=False, include_context=False, include_input=False)
    return jsonify(error="invalid_payload", details=details), 422
