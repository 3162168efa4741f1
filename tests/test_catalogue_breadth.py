"""Catalogue breadth: payment gateways from a broad list of common payment APIs, each by the API hosts
its developer docs give, and HIBP's Pwned Passwords API (heldout15). A host of the API names the gateway; the
vendor's website does not (no entry names it). Later sessions' breadth by category (help desks, SMS, Azure, audit
platforms, and session 18's common SaaS APIs across payments, messaging, CRM, identity, storage, LLMs and e-signature)."""

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


# Session 18's breadth: vendors of a broad list of common SaaS APIs (payments, SMS and voice, e-mail, marketing
# and CRM, contact enrichment, support desks, identity, storage and media, places, LLM APIs, e-signature, video and
# chat) that were not catalogued, each by the API hosts and SDK modules its developer docs give. A vendor's website
# on the same host as its API is no API call (only the documented API root is listed).
@pytest.mark.parametrize(("url", "expected"), [
    # payments
    ("https://sandbox.safaricom.co.ke/mpesa/stkpush/v1/processrequest", "mpesa_daraja"),
    ("https://api.conekta.io/orders", "conekta"),
    ("https://sandbox-api.openpay.mx/v1/mxxx/charges", "openpay"),
    ("https://api.culqi.com/v2/charges", "culqi"),
    ("https://sandbox.ebanxpay.com/ws/direct", "ebanx"),
    ("https://sandbox.dlocal.com/payments", "dlocal"),
    ("https://api.payplug.com/v1/payments", "payplug"),
    ("https://api.unzer.com/v1/payments/charges", "unzer"),
    ("https://api.payrexx.com/v1.0/Gateway/", "payrexx"),
    ("https://demo-api.vivapayments.com/checkout/v2/orders", "viva_wallet"),
    ("https://accept.paymob.com/api/auth/tokens", "paymob"),
    ("https://accept.paymob.com/v1/intention/", "paymob"),
    ("https://api.tap.company/v2/charges", "tap_payments"),
    ("https://secure.paytabs.sa/payment/request", "paytabs"),
    ("https://sandbox.monnify.com/api/v1/merchant/transactions/init-transaction", "monnify"),
    ("https://payment.zarinpal.com/pg/v4/payment/request.json", "zarinpal"),
    ("https://api.sandbox.payoneer.com/v4/programs/1/payees", "payoneer"),
    ("https://api.fastspring.com/accounts", "fastspring"),
    ("https://bitpay.com/invoices", "bitpay"),
    ("https://api.nowpayments.io/v1/invoice", "nowpayments"),
    # SMS and voice
    ("https://dysmsapi.aliyuncs.com/?Action=SendSms", "aliyun_sms"),
    ("https://sms.tencentcloudapi.com/", "tencent_cloud_sms"),
    ("https://acme.signalwire.com/api/laml/2010-04-01/Accounts/x/Messages.json", "signalwire"),
    ("https://api.kaleyra.io/v1/HXAP/messages", "kaleyra"),
    ("https://connect.routee.net/sms", "routee"),
    ("https://gatewayapi.com/rest/mtsms", "gatewayapi_com"),
    ("https://api.zenvia.com/v2/channels/sms/messages", "zenvia"),
    ("https://smsc.hubtel.com/v1/messages/send", "hubtel"),
    ("https://api.voximplant.com/platform_api/SendSmsMessage", "voximplant"),
    ("https://api.aircall.io/v1/contacts", "aircall"),
    ("https://dialpad.com/api/v2/sms", "dialpad_api"),
    ("https://sms.ru/sms/send", "sms_ru"),
    # e-mail, marketing, CRM, enrichment
    ("https://api.mailchannels.net/tx/v1/send", "mailchannels"),
    ("https://emailapi.netcorecloud.net/v5/mail/send", "netcore_email"),
    ("https://app.mailpace.com/api/v1/send", "mailpace"),
    ("https://api.smtp.com/v4/messages", "smtp_com"),
    ("https://api.useplunk.com/v1/send", "plunk_email"),
    ("https://api.aweber.com/1.0/accounts/1/lists/2/subscribers", "aweber"),
    ("https://api.sailthru.com/user", "sailthru"),
    ("https://api.emarsys.net/api/v2/contact", "emarsys"),
    ("https://r1-api.dotdigital.com/v2/contacts", "dotdigital"),
    ("https://api.moosend.com/v3/subscribers/x/subscribe.json", "moosend"),
    ("https://api.sender.net/v2/subscribers", "sendernet"),
    ("https://api.ap3api.com/v1/person/merge", "ortto"),
    ("https://campaigns.zoho.com/api/v1.1/json/listsubscribe", "zoho_campaigns"),
    ("https://api.getbase.com/v2/contacts", "zendesk_sell"),
    ("https://app.nimble.com/api/v1/contacts", "nimble_crm"),
    ("https://api.salesflare.com/contacts", "salesflare"),
    ("https://api.focus.teamleader.eu/contacts.add", "teamleader_focus"),
    ("https://acme.amocrm.ru/api/v4/leads", "amocrm"),
    ("https://acme.kommo.com/api/v4/contacts", "amocrm"),
    ("https://acme.retailcrm.ru/api/v5/customers/create", "retailcrm"),
    ("https://api.lusha.com/v2/person", "lusha"),
    ("https://api.snov.io/v1/get-emails-from-names", "snov_io"),
    ("https://api.rocketreach.co/v2/api/person/lookup", "rocketreach"),
    # support desks
    ("https://dev.dixa.io/v1/conversations", "dixa"),
    ("https://app.trengo.com/api/v2/tickets", "trengo"),
    ("https://api.helpshift.com/v1/acme/issues", "helpshift"),
    ("https://api.helpcrunch.com/v1/customers", "helpcrunch"),
    ("https://core-api.uk.plain.com/graphql/v1", "plain_support"),
    ("https://acme.zammad.com/api/v1/tickets", "zammad_cloud"),
    # identity
    ("https://st-prod-1234.aws.supertokens.io/recipe/signup", "supertokens"),
    ("https://acme-abc123.zitadel.cloud/oauth/v2/token", "zitadel_cloud"),
    ("https://12345.propelauthtest.com/api/backend/v1/user/email", "propelauth"),
    ("https://api.passage.id/v1/apps/x/users", "passage_identity"),
    ("https://acme.hanko.io/users", "hanko_cloud"),
    ("https://acme.authgear.cloud/oauth2/token", "authgear"),
    ("https://api.userfront.com/v0/users", "userfront"),
    # storage and media
    ("https://api2.transloadit.com/assemblies", "transloadit"),
    ("https://eapi.pcloud.com/uploadfile", "pcloud"),
    ("https://gateway.storjshare.io/bucket/key", "storj"),
    ("https://api.pinata.cloud/pinning/pinFileToIPFS", "pinata_cloud"),
    ("https://api.sirv.com/v2/files/upload", "sirv"),
    ("https://api.keycdn.com/zones.json", "keycdn"),
    ("https://api.uploadthing.com/v6/uploadFiles", "uploadthing"),
    # places
    ("https://api.foursquare.com/v3/places/search", "foursquare_places"),
    ("https://places-api.foursquare.com/places/search", "foursquare_places"),
    ("https://api.foursquare.com/v2/users/self", None),  # the legacy API's profile read by a Foursquare sign-in
    ("https://api.yelp.com/v3/businesses/search", "yelp_fusion"),
    ("https://api.postcodes.io/postcodes/SW1A1AA", "postcodes_io"),
    ("https://api.getaddress.io/find/SW1A1AA", "getaddress_io"),
    ("https://api.ideal-postcodes.co.uk/v1/postcodes/SW1A2AA", "ideal_postcodes"),
    # LLM APIs
    ("https://api.deepinfra.com/v1/openai/chat/completions", "deepinfra"),
    ("https://api.sambanova.ai/v1/chat/completions", "sambanova"),
    ("https://api.novita.ai/v3/openai/chat/completions", "novita_ai"),
    ("https://api.studio.nebius.ai/v1/chat/completions", "nebius_ai_studio"),
    ("https://api.upstage.ai/v1/solar/chat/completions", "upstage_ai"),
    ("https://api.minimax.io/v1/text/chatcompletion_v2", "minimax_ai"),
    ("https://qianfan.baidubce.com/v2/chat/completions", "baidu_qianfan"),
    ("https://ark.cn-beijing.volces.com/api/v3/chat/completions", "volcengine_ark"),
    ("https://api.writer.com/v1/chat", "writer_ai"),
    ("https://api.reka.ai/v1/chat", "reka_ai"),
    ("https://api.stepfun.com/v1/chat/completions", "stepfun"),
    ("https://api.lingyiwanwu.com/v1/chat/completions", "lingyiwanwu"),
    ("https://api.siliconflow.cn/v1/chat/completions", "siliconflow"),
    ("https://api.hyperbolic.xyz/v1/chat/completions", "hyperbolic_ai"),
    # e-signature, chat, video
    ("https://sign.zoho.com/api/v1/requests", "zoho_sign"),
    ("https://api.docuseal.com/submissions", "docuseal"),
    ("https://www.signwell.com/api/v1/documents", "signwell"),
    ("https://app.documenso.com/api/v1/documents", "documenso"),
    ("https://sandbox.esignlive.com/api/packages", "onespan_sign"),
    ("https://api.sandbox.signaturit.com/v3/signatures.json", "signaturit"),
    ("https://api.skribble.com/v2/signature-requests", "skribble"),
    ("https://signrequest.com/api/v1/signrequest-quick-create/", "signrequest_com"),
    ("https://chat.stream-io-api.com/users", "getstream_io"),
    ("https://api-ABCD-1234.sendbird.com/v3/users", "sendbird"),
    ("https://www.kaltura.com/api_v3/service/media/action/add", "kaltura"),
    ("https://api.vidyard.com/dashboard/v1/players", "vidyard"),
    ("https://livepeer.studio/api/asset/request-upload", "livepeer"),
    # the vendors' websites and docs, on an API's host or beside it: no API call
    ("https://bitpay.com/pricing", None),
    ("https://gatewayapi.com/pricing/", None),
    ("https://dialpad.com/features/", None),
    ("https://sms.ru/", None),
    ("https://www.signwell.com/pricing/", None),
    ("https://signrequest.com/en/", None),
    ("https://app.trengo.com/login", None),
    ("https://www.kaltura.com/", None),
    ("https://livepeer.studio/dashboard", None),
    ("https://amocrm.ru/", None),
])
def test_saas_breadth_by_api_hosts(rules: RuleSet, url: str, expected: str | None) -> None:
    assert url_service(url, rules.catalogue) == expected


@pytest.mark.parametrize(("qualified", "expected"), [
    ("conekta.Order.create", "conekta"),
    ("openpay.Customer.create", "openpay"),
    ("culqi.client.Culqi", "culqi"),
    ("payplug.Payment.create", "payplug"),
    ("bitpay.client.Client", "bitpay"),
    ("aliyunsdkdysmsapi.request.v20170525.SendSmsRequest.SendSmsRequest", "aliyun_sms"),
    ("alibabacloud_dysmsapi20170525.client.Client", "aliyun_sms"),
    ("tencentcloud.sms.v20210111.sms_client.SmsClient", "tencent_cloud_sms"),
    ("signalwire.rest.Client", "signalwire"),
    ("voximplant.apiclient.VoximplantAPI", "voximplant"),
    ("pepipost.pepipost_client.PepipostClient", "netcore_email"),
    ("aweber_api.AWeberAPI", "aweber"),
    ("sailthru.sailthru_client.SailthruClient", "sailthru"),
    ("basecrm.Client", "zendesk_sell"),
    ("retailcrm.v5", "retailcrm"),
    ("rocketreach.Gateway", "rocketreach"),
    ("zammad_py.ZammadAPI", "zammad_cloud"),
    ("supertokens_python.init", "supertokens"),
    ("propelauth_fastapi.init_auth", "propelauth"),
    ("passageidentity.Passage", "passage_identity"),
    ("transloadit.client.Transloadit", "transloadit"),
    ("pcloud.PyCloud", "pcloud"),
    ("yelpapi.YelpAPI", "yelp_fusion"),
    ("langchain_upstage.ChatUpstage", "upstage_ai"),
    ("qianfan.ChatCompletion", "baidu_qianfan"),
    ("volcenginesdkarkruntime.Ark", "volcengine_ark"),
    ("writerai.Writer", "writer_ai"),
    ("signaturit_sdk.signaturit_client.SignaturitClient", "signaturit"),
    ("stream_chat.StreamChat", "getstream_io"),
    ("sendbird_platform_sdk.api.user_api.UserApi", "sendbird"),
    ("KalturaClient.KalturaClient", "kaltura"),
    ("livepeer.Livepeer", "livepeer"),
    # a generic module name stays unclaimed: a project's own `stream` or `appbuilder` module
    ("stream.connect", None),
    ("appbuilder.add_view", None),
])
def test_saas_breadth_by_import_names(rules: RuleSet, qualified: str, expected: str | None) -> None:
    assert rules.catalogue.by_import(qualified) == expected
