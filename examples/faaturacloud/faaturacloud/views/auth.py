"""Sign-up, sign-in, email verification and the account profile."""

import datetime as dt

from flask import Blueprint, abort, current_app, g, jsonify, redirect, request, session, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import get_session
from ..integrations import ads, analytics, mail
from ..models import Account, LoginEvent, Organization
from . import login_required

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _verify_tokens() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="email-verify")


@bp.before_app_request
def load_logged_in_account() -> None:
    account_id = session.get("account_id")
    g.account = get_session().get(Account, account_id) if account_id else None


@bp.post("/signup")
def signup():
    db = get_session()
    email = request.form["email"].strip().lower()
    if db.scalar(select(Account.id).where(Account.email == email)):
        return jsonify(error="email_taken"), 409

    account = Account(
        organization=Organization(name=request.form["company_name"].strip()),
        email=email,
        password_hash=generate_password_hash(request.form["password"]),
        full_name=request.form["full_name"].strip(),
        phone=request.form.get("phone") or None,
        last_login_ip=request.remote_addr,
        last_login_at=dt.datetime.now(dt.UTC),
    )
    db.add(account)
    db.commit()

    token = _verify_tokens().dumps(account.id)
    mail.send_verification_email(account, url_for("auth.verify_email", token=token, _external=True))
    analytics.identify_account(account)
    ads.report_signup(
        account,
        client_ip=request.remote_addr,
        user_agent=request.headers.get("User-Agent"),
    )
    session.clear()
    session["account_id"] = account.id
    return jsonify(id=account.id), 201


@bp.post("/login")
def login():
    db = get_session()
    email = request.form["email"].strip().lower()
    account = db.scalar(select(Account).where(Account.email == email))
    password = request.form["password"]
    ok = account is not None and check_password_hash(account.password_hash, password)
    if account is not None:
        db.add(
            LoginEvent(
                account_id=account.id,
                ip_address=request.remote_addr,
                user_agent=request.headers.get("User-Agent"),
                succeeded=ok,
            )
        )
    if ok:
        account.last_login_ip = request.remote_addr
        account.last_login_at = dt.datetime.now(dt.UTC)
    db.commit()
    if not ok:
        return jsonify(error="invalid_credentials"), 401
    session.clear()
    session["account_id"] = account.id
    return jsonify(id=account.id)


@bp.post("/logout")
def logout():
    session.clear()
    return "", 204


@bp.get("/verify-email/<token>")
def verify_email(token: str):
    try:
        account_id = _verify_tokens().loads(token, max_age=3 * 24 * 3600)
    except BadSignature:  # includes SignatureExpired
        abort(404)
    db = get_session()
    account = db.get(Account, account_id) or abort(404)
    if not account.email_verified:
        account.email_verified = True
        account.email_verified_at = dt.datetime.now(dt.UTC)
        db.commit()
    return redirect(f"{current_app.config['PUBLIC_BASE_URL']}/app?email_verified=1")


@bp.post("/profile")
@login_required
def update_profile():
    account: Account = g.account
    account.full_name = request.form["full_name"].strip()
    phone = request.form.get("phone") or None
    if phone != account.phone:
        account.phone, account.phone_verified = phone, False
    get_session().commit()
    return "", 204
