"""Catalogue gaps heldout16 (seen since session 15) showed, by the vendors' documented SDKs and hosts: GetResponse's
PyPI SDKs (`get_response_sdk`, `getresponse`), Worldpay's Business Gateway and Worldpay Online hosts, and Authy's
form helpers as its docs load them from cdnjs."""

from __future__ import annotations

from scanner.inventory import FileResult


def services(result: FileResult) -> set[str]:
    return {u.service for u in result.services}


def test_getresponse_sdk_clients_are_getresponse(scan_snippet) -> None:
    result = scan_snippet(
        """
        from get_response_sdk import GetResponseClient

        def sync(contact, api_key):
            client = GetResponseClient()
            client.create_profile(api_key=api_key, email=contact.email)
        """
    )
    assert services(result) == {"getresponse"}
    assert scan_snippet("import getresponse\n").services[0].service == "getresponse"


def test_a_middlewares_get_response_is_no_getresponse(scan_snippet) -> None:
    result = scan_snippet(
        """
        class Middleware:
            def __init__(self, get_response):
                self.get_response = get_response

            def __call__(self, request):
                return self.get_response(request)
        """
    )
    assert services(result) == set()


def test_worldpay_hosted_payment_page_url(scan_snippet) -> None:
    result = scan_snippet(
        """
        from urllib.parse import urlencode

        def build_payment_url(inst_id, cart_id, total, test_mode=False):
            if test_mode:
                base = "https://secure-test.worldpay.com/wcc/purchase?"
            else:
                base = "https://secure.worldpay.com/wcc/purchase?"
            return base + urlencode({"instId": inst_id, "cartId": cart_id, "amount": total})
        """
    )
    assert services(result) == {"worldpay"}


def test_worldpays_website_is_no_worldpay_api(scan_snippet) -> None:
    assert services(scan_snippet('HELP = "https://www.worldpay.com/en/contact"\n')) == set()


def test_authys_form_helpers_from_cdnjs_are_authy_other_libraries_stay_cdnjs(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django import forms

        class AuthyForm(forms.Form):
            token = forms.CharField()

            class Media:
                css = {"all": ("//cdnjs.cloudflare.com/ajax/libs/authy-forms.css/2.0/form.authy.min.css",)}
                js = ("//cdnjs.cloudflare.com/ajax/libs/authy-forms.js/2.0/form.authy.min.js",
                      "//cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js")
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {
        ("twilio_authy", 8), ("twilio_authy", 9), ("cloudflare", 10)}
