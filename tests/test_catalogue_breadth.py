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


# Session 16: identity platforms, CRMs and engagement platforms, analytics, video and routing APIs from broad lists of
# common SaaS APIs, each by the hosts its developer docs give; the vendors' websites name nothing
@pytest.mark.parametrize(("url", "expected"), [
    ("https://auth.pingone.com/abc/as/token", "ping_identity"),
    ("https://api.pingone.eu/v1/environments/abc/users", "ping_identity"),
    ("https://console.jumpcloud.com/api/systemusers", "jumpcloud"),
    ("https://oauth.id.jumpcloud.com/oauth2/token", "jumpcloud"),
    ("https://acme.kinde.com/oauth2/token", "kinde"),
    ("https://acme-1234.projects.oryapis.com/admin/identities", "ory_network"),
    ("https://api.loginradius.com/identity/v2/auth/login", "loginradius"),
    ("https://acme.logto.app/oidc/token", "logto_cloud"),
    ("https://acme.bitrix24.com/rest/1/key/crm.contact.add.json", "bitrix24"),
    ("https://acme.agilecrm.com/dev/api/contacts", "agile_crm"),
    ("https://app.nutshell.com/api/v1/json", "nutshell"),
    ("https://services.leadconnectorhq.com/contacts/", "highlevel"),
    ("https://api.lessannoyingcrm.com/v2/", "less_annoying_crm"),
    ("https://api.clevertap.com/1/upload", "clevertap"),
    ("https://in1.api.clevertap.com/1/upload", "clevertap"),
    ("https://api-02.moengage.com/v1/customer/APPID", "moengage"),
    ("https://api.leanplum.com/api?action=track", "leanplum"),
    ("https://api.exponea.com/track/v2/projects/x/customers", "bloomreach_engagement"),
    ("https://api.pirsch.io/api/v1/hit", "pirsch"),
    ("https://api.perfalytics.com/track", "freshpaint"),
    ("https://api.wistia.com/v1/medias.json", "wistia"),
    ("https://api.jwplayer.com/v2/sites/x/media/", "jw_player"),
    ("https://ws.api.video/videos", "api_video"),
    ("https://cms.api.brightcove.com/v1/accounts/1/videos", "brightcove"),
    ("https://api.100ms.live/v2/rooms", "hms_100ms"),
    ("https://api.dyte.io/v2/meetings", "dyte"),
    ("http://api.positionstack.com/v1/forward?query=x", "positionstack"),
    ("https://api.openrouteservice.org/v2/directions/driving-car", "openrouteservice"),
    ("https://graphhopper.com/api/1/route?point=1,2", "graphhopper"),
    # the vendors' websites and docs
    ("https://www.pingidentity.com/en/platform.html", None),
    ("https://jumpcloud.com/pricing", None),
    ("https://www.nutshell.com/pricing", None),
    ("https://www.gohighlevel.com/", None),
    ("https://www.moengage.com/", None),
    ("https://wistia.com/pricing", None),
    ("https://graphhopper.com/maps/", None),
    ("https://docs.api.video/", None),
])
def test_session16_breadth_by_api_hosts(rules: RuleSet, url: str, expected: str | None) -> None:
    assert url_service(url, rules.catalogue) == expected


@pytest.mark.parametrize(("qualified", "expected"), [
    ("kinde_sdk.KindeApiClient", "kinde"),
    ("ory_client.api.identity_api.IdentityApi", "ory_network"),
    ("jcapiv2.GraphApi", "jumpcloud"),
    ("fast_bitrix24.Bitrix", "bitrix24"),
    ("jwplatform.v1.Client", "jw_player"),
    ("apivideo.AuthenticatedApiClient", "api_video"),
    ("openrouteservice.Client", "openrouteservice"),
    ("app.openrouteservice_view", None),  # the project's own module named for the vendor
    ("kinde.models", None),
])
def test_session16_breadth_by_import_names(rules: RuleSet, qualified: str, expected: str | None) -> None:
    assert rules.catalogue.by_import(qualified) == expected


# audit16 #07 and #14: crowd-work platforms, Libravatar, Heroku's Platform API and Bugzilla, by their documented API
# surfaces; the vendors' own pages name nothing
@pytest.mark.parametrize(("url", "expected"), [
    ("https://mturk-requester.us-east-1.amazonaws.com", "amazon_mechanical_turk"),
    ("https://workersandbox.mturk.com/mturk/externalSubmit", "amazon_mechanical_turk"),
    ("https://api.prolific.com/api/v1/submissions/", "prolific"),
    ("https://app.prolific.com/submissions/complete?cc=ABC", "prolific"),
    ("https://toloka.dev/api/v1/tasks", "toloka"),
    ("https://api.upwork.com/graphql", "upwork"),
    ("https://seccdn.libravatar.org/avatar/abc?s=64", "libravatar"),
    ("https://api.heroku.com/apps/x/config-vars", "heroku"),
    ("https://bugzilla.redhat.com/xmlrpc.cgi", "bugzilla"),
    ("https://www.mturk.com/", None),
    ("https://www.prolific.com/pricing", None),
    ("https://toloka.ai/", None),
    ("https://www.heroku.com/pricing", None),
])
def test_audit16_platforms_by_their_api_hosts(rules: RuleSet, url: str, expected: str | None) -> None:
    assert url_service(url, rules.catalogue) == expected


def test_audit16_sdks(rules: RuleSet) -> None:
    catalogue = rules.catalogue
    assert catalogue.by_call("boto3.client", "mturk") == "amazon_mechanical_turk"
    assert catalogue.by_import("bugzilla.Bugzilla") == "bugzilla"
    assert catalogue.by_import("libravatar.libravatar_url") == "libravatar"
    assert catalogue.by_import("heroku3.from_key") == "heroku"
    assert catalogue.by_import("toloka.client.TolokaClient") == "toloka"
    assert catalogue.by_import("toloka") is None  # (a project's own `toloka` module names nothing)
    assert catalogue.by_call("boto3.client", "mturk-sandbox") is None
