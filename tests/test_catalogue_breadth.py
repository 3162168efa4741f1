"""Catalogue breadth: payment gateways from a broad list of common payment APIs, each by the API hosts
its developer docs give, and HIBP's Pwned Passwords API (heldout15). A host of the API names the gateway; the
vendor's website does not (no entry names it)."""

from __future__ import annotations

import pytest

from scanner.extract.urls import url_service
from scanner.ruleset import RuleSet


@pytest.mark.parametrize(("url", "expected"), [
    ("https://sandboxapi.rapyd.net/v1/payments", "rapyd"),
    ("https://ws.bluesnap.com/services/2/transactions", "bluesnap"),
    ("https://api.2checkout.com/rest/6.0/orders/", "twocheckout"),
    ("https://www3.moneris.com/gateway2/servlet/MpgRequest", "moneris"),
    ("https://api.helcim.com/v2/payment/purchase", "helcim"),
    ("https://api.test.paysafe.com/paymenthub/v1/payments", "paysafe"),
    ("https://secure.ccavenue.com/transaction/transaction.do?command=initiateTransaction", "ccavenue"),
    ("https://www.instamojo.com/api/1.1/payment-requests/", "instamojo"),
    ("https://ws.sandbox.pagseguro.uol.com.br/v2/checkout", "pagseguro"),
    ("https://test.trustly.com/api/1", "trustly"),
    ("https://openapi.alipay.com/gateway.do", "alipay"),
    # Have I Been Pwned's Pwned Passwords range API (heldout15's django-pwned), beside its breach API
    ("https://api.pwnedpasswords.com/range/5BAA6", "have_i_been_pwned"),
    # the vendors' websites and docs: no API call
    ("https://www.rapyd.net/developers/", None),
    ("https://www.bluesnap.com/pricing", None),
    ("https://www.instamojo.com/pricing/", None),
    ("https://developer.moneris.com/", None),
    ("https://www.trustly.com/", None),
])
def test_payment_gateways_by_their_api_hosts(rules: RuleSet, url: str, expected: str | None) -> None:
    assert url_service(url, rules.catalogue) == expected


@pytest.mark.parametrize(("qualified", "expected"), [
    ("alipay.AliPay", "alipay"),
    ("alipay.aop.api.DefaultAlipayClient.DefaultAlipayClient", "alipay"),
    ("twocheckout.Charge.authorize", "twocheckout"),
    ("instamojo_wrapper.Instamojo", "instamojo"),
    ("payments.alipay_view", None),  # a project's own module named for the gateway is no import of its SDK
])
def test_payment_sdks_by_their_import_names(rules: RuleSet, qualified: str, expected: str | None) -> None:
    assert rules.catalogue.by_import(qualified) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://acme.ladesk.com/api/v3/tickets", "liveagent"),
    ("https://acme.kayako.com/api/v1/cases.json", "kayako"),
    ("https://acme.happyfox.com/api/1.1/json/tickets/", "happyfox"),
    ("https://acme.gladly.com/api/v1/customer-profiles", "gladly"),
    ("https://acme.reamaze.io/api/v1/conversations", "reamaze"),
    ("https://api.groovehq.com/v1/tickets", "groove"),
    ("https://acme.freshservice.com/api/v2/tickets", "freshservice"),
    ("https://textbelt.com/text", "textbelt"),
    ("https://el.cloud.unifonic.com/rest/SMS/messages", "unifonic"),
    ("https://api.semaphore.co/api/v4/messages", "semaphore_sms"),
    ("https://api.smsglobal.com/v2/sms/", "smsglobal"),
    # a host that only contains a vendor's domain, and Textbelt's website beside its API
    ("https://ladesk.com.example-mirror.io/api", None),
    ("https://textbelt.com/", None),
])
def test_help_desks_and_sms_apis_by_their_api_hosts(rules: RuleSet, url: str, expected: str | None) -> None:
    assert url_service(url, rules.catalogue) == expected


@pytest.mark.parametrize(("qualified", "expected"), [
    ("azure.communication.email.EmailClient", "azure_communication_email"),
    ("azure.communication.sms.SmsClient", "azure_communication_sms"),
    ("azure.communication.identity.CommunicationIdentityClient", None),  # no message leaves through it
])
def test_azure_communication_services_by_the_sdks_module(rules: RuleSet, qualified: str, expected: str | None) -> None:
    assert rules.catalogue.by_import(qualified) == expected
