"""A `code` in a message is a one-time code only when nothing says it is another kind (resaas' WhatsApp
template: `{"language": {"code": ...}}` is a language code)."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

SEND = """
    import json
    import urllib.request

    def send(recipient, token, metadata, otp_code):
        payload = {
            "messaging_product": "whatsapp",
            "to": recipient,
            "type": "template",
            "template": {"name": "welcome", "language": {"code": metadata.get("provider_language", "en")}},
        }
        request = urllib.request.Request("https://graph.facebook.com/v19.0/123/messages",
                                         data=json.dumps(payload).encode(), headers={"Authorization": token})
        urllib.request.urlopen(request)

    def verify(phone, entered):
        check = {"to": phone, "code": entered}
        request = urllib.request.Request("https://graph.facebook.com/v19.0/123/messages",
                                         data=json.dumps(check).encode())
        urllib.request.urlopen(request)
"""


def test_a_language_code_is_no_credential_and_a_verification_code_is(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/whatsapp.py": SEND})
    found = {(f.category, f.location.line) for f in results["app/whatsapp.py"].flows
             if f.category == "user.authorization.credentials"}
    assert found == {("user.authorization.credentials", 18)}
