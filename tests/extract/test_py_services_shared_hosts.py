"""One host, several products told apart by the API path (audit12 #06): the WhatsApp Cloud API is on Facebook's
Graph host, `/{version}/{phone-number-id}/messages`, and is a messaging channel, not Facebook's marketing API."""

from __future__ import annotations

from scanner.inventory import FileResult


def services(result: FileResult) -> set[str]:
    return {u.service for u in result.services}


def flows(result: FileResult) -> set[tuple[str, str]]:
    return {(f.category, f.service) for f in result.flows}


def test_whatsapp_cloud_api_messages_on_the_graph_host(scan_snippet) -> None:
    result = scan_snippet(
        """
        import json
        import os
        import urllib.request

        def send_whatsapp(recipient_phone, body):
            phone_number_id = os.environ["WHATSAPP_CLOUD_API_PHONE_NUMBER_ID"]
            url = f"https://graph.facebook.com/v20.0/{phone_number_id}/messages"
            payload = {"messaging_product": "whatsapp", "to": recipient_phone, "type": "text", "text": {"body": body}}
            request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST")
            urllib.request.urlopen(request, timeout=15)
        """
    )
    assert services(result) == {"whatsapp_business"}
    assert ("user.contact.phone_number", "whatsapp_business") in flows(result)


def test_whatsapp_templates_on_a_versioned_base_url(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        GRAPH = "https://graph.facebook.com/v19.0"

        def templates(waba_id, token):
            return requests.get(f"{GRAPH}/{waba_id}/message_templates", headers={"Authorization": f"Bearer {token}"})
        """
    )
    assert services(result) == {"whatsapp_business"}  # the base URL alone names no product of the host


def test_other_graph_edges_stay_facebook(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def post(page_id, token, text):
            requests.post(f"https://graph.facebook.com/v19.0/{page_id}/feed", data={"message": text})
            requests.post("https://graph.facebook.com/v19.0/me/messages", json={"recipient": {"id": page_id}})
        """
    )
    assert services(result) == {"facebook_graph"}


def test_a_whatsapp_clients_other_graph_calls_are_whatsapps(scan_snippet) -> None:
    # heldout16's django_meta_whatsapp: the WhatsApp Business Management API's flows, media and the base URL are on
    # paths the catalogue leaves to the Graph host; a file that sends WhatsApp messages is WhatsApp's client there
    result = scan_snippet(
        """
        import requests

        GRAPH = "https://graph.facebook.com/v21.0"

        def send(phone_id, token, to, text):
            requests.post(f"{GRAPH}/{phone_id}/messages", json={"to": to, "text": {"body": text}})

        def create_flow(waba_id, name):
            return requests.post(f"{GRAPH}/{waba_id}/flows", json={"name": name})

        def upload(phone_id, file):
            return requests.post(f"{GRAPH}/{phone_id}/media", files={"file": file})
        """
    )
    assert services(result) == {"whatsapp_business"}
    assert ("user.contact.phone_number", "whatsapp_business") in flows(result)


def test_a_sign_in_beside_graph_calls_leaves_them_to_the_graph_api(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def login(code, page_id, text):
            token = requests.get("https://graph.facebook.com/v19.0/oauth/access_token", params={"code": code})
            requests.post(f"https://graph.facebook.com/v19.0/{page_id}/feed", data={"message": text})
        """
    )
    assert services(result) == {"facebook_login", "facebook_graph"}


def test_the_graph_sdk_beside_whatsapp_messages_stays_the_graph_api(scan_snippet) -> None:
    result = scan_snippet(
        """
        import facebook
        import requests

        def post(token, page_id, phone_id, to, text):
            facebook.GraphAPI(token).put_object(page_id, "feed", message=text)
            requests.post(f"https://graph.facebook.com/v19.0/{page_id}/photos", data={"caption": text})
            requests.post(f"https://graph.facebook.com/v19.0/{phone_id}/messages", json={"to": to})
        """
    )
    assert services(result) == {"facebook_graph", "whatsapp_business"}


def test_messenger_beside_whatsapp_stays_the_graph_api(scan_snippet) -> None:
    # an omnichannel bot: Messenger's Send API (`/me/messages`) is the Graph API's own path, not WhatsApp's
    result = scan_snippet(
        """
        import requests

        GRAPH = "https://graph.facebook.com/v21.0"

        def to_whatsapp(phone_id, to, text):
            requests.post(f"{GRAPH}/{phone_id}/messages", json={"to": to, "text": {"body": text}})

        def to_messenger(psid, text):
            requests.post(f"{GRAPH}/me/messages", json={"recipient": {"id": psid}, "message": {"text": text}})
        """
    )
    assert services(result) == {"whatsapp_business", "facebook_graph"}


def test_a_teams_webhook_and_outlooks_api_in_one_file_are_both_used(scan_snippet) -> None:
    # d674330's known limit: Outlook's REST API and the retired Teams connector webhooks share outlook.office.com;
    # a file that posts to a channel's webhook and sends mail through Outlook's API uses both
    result = scan_snippet(
        """
        import requests

        def notify(text):
            requests.post("https://outlook.office.com/webhook/abc/IncomingWebhook/def", json={"text": text})

        def mail(token, message):
            requests.post("https://outlook.office.com/api/v2.0/me/sendmail", json={"Message": message},
                          headers={"Authorization": f"Bearer {token}"})
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {("microsoft_teams", 5),
                                                                       ("microsoft_graph", 8)}
