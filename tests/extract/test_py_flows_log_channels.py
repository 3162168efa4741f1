"""Logs as a channel to a third party (audit16 #18): Sentry's default logging integration makes an error record an
event, and a vendor's log handler ships the records it takes; what a logging call formats in is a flow there."""

from __future__ import annotations

from scanner.inventory import FileResult

VIEWS = """
    import logging

    logger = logging.getLogger(__name__)

    def charge(user):
        logger.info("charging %s", user.email)
        logger.warning("slow charge for %s", user.phone_number)
        try:
            pass
        except Exception:
            logger.exception("charge failed for %s (%s)", user.email, user.get_full_name())
        logger.error("refund requested by %s", user.email)
        logging.debug("done %s", user.email)
    """


def flows(results: list[FileResult]) -> set[tuple[str, str, str, int]]:
    return {(f.category, f.service, r.path, f.location.line) for r in results for f in r.flows}


def test_sentrys_default_logging_integration_sends_error_records(scan_project) -> None:
    results = scan_project({"app/settings.py": "import sentry_sdk\nsentry_sdk.init(dsn='x')\n", "app/views.py": VIEWS})
    assert flows(results) == {("user.contact.email", "sentry", "app/views.py", 12),
                              ("user.name", "sentry", "app/views.py", 12),
                              ("user.contact.email", "sentry", "app/views.py", 13)}
    assert {(u.service, u.location.line) for r in results for u in r.services if r.path == "app/views.py"} \
        == {("sentry", 12), ("sentry", 13)}


def test_a_vendors_log_handler_ships_the_records_it_takes(scan_project) -> None:
    logging_dict = """
        LOGGING = {"version": 1, "handlers": {"rollbar": {"class": "rollbar.logger.RollbarHandler", "level": "WARNING"}},
                   "root": {"handlers": ["rollbar"]}}
        """
    shop = """
        import logging
        from logging.handlers import SysLogHandler

        log = logging.getLogger("shop")
        log.addHandler(SysLogHandler(address=("logs3.papertrailapp.com", 12345)))

        def signup(user):
            log.warning("new signup %s", user.email)
        """
    results = scan_project({"app/settings.py": logging_dict, "app/views.py": VIEWS, "app/shop.py": shop})
    assert flows(results) == {("user.contact.phone_number", "rollbar", "app/views.py", 8),
                              ("user.contact.email", "rollbar", "app/views.py", 12),
                              ("user.name", "rollbar", "app/views.py", 12),
                              ("user.contact.email", "rollbar", "app/views.py", 13),
                              ("user.contact.email", "rollbar", "app/shop.py", 9),
                              ("user.contact.email", "papertrail", "app/shop.py", 9)}
    assert ("papertrail", 6) in {(u.service, u.location.line) for r in results for u in r.services}


def test_logs_reach_no_vendor_that_does_not_read_them(scan_project) -> None:
    off = "import sentry_sdk\nsentry_sdk.init(dsn='x', default_integrations=False)\n"
    silent = """
        import logging
        import sentry_sdk
        from sentry_sdk.integrations.logging import LoggingIntegration

        sentry_sdk.init(dsn="x", integrations=[LoggingIntegration(level=logging.INFO, event_level=None)])
        """
    assert flows(scan_project({"app/settings.py": off, "app/views.py": VIEWS})) == set()
    assert flows(scan_project({"app/settings.py": silent, "app/views.py": VIEWS})) == set()
    assert flows(scan_project({"app/views.py": VIEWS})) == set()
    # a reusable package's own set-up (its AppConfig.ready) takes its own package's records, not another's
    own = "import sentry_sdk\n\ndef ready():\n    sentry_sdk.init(dsn='x')\n"
    assert flows(scan_project({"dj_sentry/apps.py": own, "app/views.py": VIEWS})) == set()
