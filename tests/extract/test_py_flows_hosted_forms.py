"""A form the app writes for a gateway's hosted page (`<form action="{GATEWAY_URL}" method="post">` and hidden
inputs filled from an order) is posted there by the browser: what the inputs carry flows to that service
(issue 3: heldout14's PayFast checkout, where the fields are signed and rendered, not sent by an HTTP call)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str]]:
    return {(f.category, f.service) for f in result.flows}


def test_inputs_appended_to_a_gateway_form_flow_there(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django.shortcuts import render
        from shop.conf import PAYFAST_URL

        def checkout(request, order):
            fields = {
                "email_address": order.email,
                "name_first": order.first_name,
                "cell_number": order.phone,
            }
            html = f'<form action="{PAYFAST_URL}" method="post">'
            for key, value in fields.items():
                html += f'<input type="hidden" name="{key}" value="{value}">'
            html += "</form>"
            return render(request, "checkout.html", {"form": html})
        """
    )
    assert flows(result) == {("user.contact.email", "payfast"), ("user.name.first", "payfast"),
                             ("user.contact.phone_number", "payfast")}


def test_a_literal_action_url_names_the_gateway(scan_snippet) -> None:
    result = scan_snippet(
        """
        def pay_form(user):
            html = ('<form action="https://www.payfast.co.za/eng/process" method="post">'
                    f'<input name="email_address" value="{user.email}"></form>')
            return html
        """
    )
    assert flows(result) == {("user.contact.email", "payfast")}


def test_a_form_posting_to_the_apps_own_page_is_no_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django.urls import reverse

        def signup_form(user):
            html = f'<form action="{reverse("signup")}" method="post">'
            html += f'<input name="email" value="{user.email}">'
            return html
        """
    )
    assert flows(result) == set()
