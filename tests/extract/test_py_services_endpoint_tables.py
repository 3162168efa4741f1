"""A vendor's URL inside a table of another host's endpoints, handed to a client as data, is no use of that vendor
(audit14 #13: Kobo's support-chat URL on zopim.com among calibre-web's Kobo store endpoints read as Zendesk, with
DM201 and DM203)."""

from __future__ import annotations

from scanner.inventory import FileResult


def services(result: FileResult) -> set[str]:
    return {u.service for u in result.services}


def test_another_vendors_url_in_one_hosts_endpoint_table_is_no_use(scan_snippet) -> None:
    result = scan_snippet(
        """
        from flask import jsonify

        def native_resources():
            return {
                "library_sync": "https://storeapi.kobo.com/v1/library/sync",
                "categories_page": "https://www.kobo.com/ebooks/categories",
                "help_page": "https://www.kobo.com/help",
                "customer_care_live_chat": "https://v2.zopim.com/widget/livechat.html?key=abc",
            }

        def init():
            return jsonify({"Resources": native_resources()})
        """
    )
    assert "zendesk" not in services(result)
    assert "kobo_store" in services(result)


def test_a_table_of_many_vendors_keeps_each(scan_snippet) -> None:
    result = scan_snippet(
        """
        ENDPOINTS = {
            "payments": "https://api.stripe.com/v1/charges",
            "chat": "https://v2.zopim.com/widget/livechat.html",
            "mail": "https://api.sendgrid.com/v3/mail/send",
        }
        """
    )
    assert {"stripe", "zendesk", "sendgrid"} <= services(result)


def test_a_requested_url_of_another_vendor_stays_a_use(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        LINKS = {"a": "https://www.kobo.com/a", "b": "https://www.kobo.com/b", "c": "https://www.kobo.com/c"}

        def chat():
            return requests.get("https://v2.zopim.com/widget/livechat.html")
        """
    )
    assert "zendesk" in services(result)


def test_a_tables_host_is_read_without_its_user_and_port(scan_snippet) -> None:
    # the endpoints' user, password and port (`https://key:secret@storeapi.kobo.com:443/...`) are no part of the host
    result = scan_snippet(
        """
        RESOURCES = {
            "library_sync": "https://reader:s3cret@storeapi.kobo.com:443/v1/library/sync",
            "user_profile": "https://device:t0ken@storeapi.kobo.com/v1/user/profile",
            "help_page": "https://www.kobo.com/help",
            "customer_care_live_chat": "https://v2.zopim.com/widget/livechat.html?key=abc",
        }
        """
    )
    assert "zendesk" not in services(result)


def test_a_table_of_local_addresses_is_no_hosts_table(scan_snippet) -> None:
    # `localhost` is no one's domain: a vendor's URL beside the app's own local endpoints stays a use
    result = scan_snippet(
        """
        ENDPOINTS = {
            "api": "http://localhost:8000/api",
            "admin": "http://localhost:8000/admin",
            "docs": "http://localhost:8000/docs",
            "chat": "https://v2.zopim.com/widget/livechat.html",
        }
        """
    )
    assert "zendesk" in services(result)
