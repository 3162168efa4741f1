"""Meta Conversions API: report trial sign-ups so paid campaigns can be measured."""

import hashlib
import time

from facebook_business.adobjects.serverside.action_source import ActionSource
from facebook_business.adobjects.serverside.event import Event
from facebook_business.adobjects.serverside.event_request import EventRequest
from facebook_business.adobjects.serverside.user_data import UserData
from facebook_business.api import FacebookAdsApi
from facebook_business.exceptions import FacebookRequestError
from flask import current_app

from ..models import Account


def _sha256(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def report_signup(account: Account, *, client_ip: str | None, user_agent: str | None) -> None:
    pixel_id = current_app.config["META_PIXEL_ID"]
    access_token = current_app.config["META_CAPI_ACCESS_TOKEN"]
    if not pixel_id or not access_token:
        return

    FacebookAdsApi.init(access_token=access_token)
    user_data = UserData(
        emails=[_sha256(account.email)],
        external_ids=[_sha256(str(account.id))],
        client_ip_address=client_ip,
        client_user_agent=user_agent,
    )
    event = Event(
        event_name="CompleteRegistration",
        event_time=int(time.time()),
        event_id=f"signup-{account.id}",
        event_source_url=f"{current_app.config['PUBLIC_BASE_URL']}/signup",
        action_source=ActionSource.WEBSITE,
        user_data=user_data,
    )
    try:
        EventRequest(pixel_id=pixel_id, events=[event]).execute()
    except FacebookRequestError:
        current_app.logger.warning("Meta CAPI sign-up event failed", exc_info=True)
