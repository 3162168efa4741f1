"""A POST to a configured endpoint inside a class, function or module named for a catalogued vendor goes to that
vendor, whether or not the vendor is one of py_sharing.CONTEXT_WORDS (issue 3: heldout14's payment and
accounting clients, whose endpoints come from a config object)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_class_named_for_a_catalogued_gateway_posts_to_it(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        class XenditGateway:
            def __init__(self, config):
                self.config = config

            def create_invoice(self, order):
                payload = {"payer_email": order.email, "amount": order.total}
                return requests.post(self.config.invoice_url, json=payload)
        """
    )
    assert flows(result) == {("user.contact.email", "xendit", 10), ("user.payment", "xendit", 10)}


def test_a_module_named_for_a_catalogued_service_posts_to_it(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        class Sync:
            def push_customer(self, customer):
                body = {"DisplayName": customer.name, "PrimaryEmailAddr": {"Address": customer.email}}
                return requests.post(self.base_url + "/customer", json=body, headers=self.headers)
        """,
        name="billing/quickbooks/sync.py",
    )
    assert {service for _, service, _ in flows(result)} == {"quickbooks"}


def test_an_ordinary_word_names_no_vendor(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        class MatrixUploader:
            def upload(self, user):
                return requests.post(self.target, json={"email": user.email})
        """,
        name="reports/segment/upload.py",
    )
    assert flows(result) == {("user.contact.email", "unresolved_webhook", 6)}
