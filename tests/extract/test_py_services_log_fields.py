"""A structured log's special field names (`logging.googleapis.com/trace`) are no use of Google Cloud Logging; the
client library and its API host are (issue 3, task 8)."""

from __future__ import annotations


def test_a_log_field_named_for_a_vendor_is_no_service(scan_snippet) -> None:
    result = scan_snippet(
        """
        import logging

        logger = logging.getLogger(__name__)

        def handle(request, user):
            logger.info("in", extra={"logging.googleapis.com/trace": request.headers.get("X-Cloud-Trace-Context")})
            entry = {"severity": "INFO"}
            entry["logging.googleapis.com/spanId"] = "x"
            return entry
        """
    )
    assert result.services == []


def test_the_logging_client_and_its_host_are_the_service(scan_snippet) -> None:
    result = scan_snippet(
        """
        import google.cloud.logging

        ENDPOINT = "logging.googleapis.com/v2/entries:write"

        def setup():
            google.cloud.logging.Client().setup_logging()
        """
    )
    assert {(u.service, u.location.line) for u in result.services} >= {
        ("google_cloud_logging", 2), ("google_cloud_logging", 4)}
