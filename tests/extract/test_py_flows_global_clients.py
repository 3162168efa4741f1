"""A module global that a function binds to an HTTP client or an SDK client (`global http_client; http_client =
requests`, heldout17's flask-hcaptcha) is that client in every function of the module."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_module_global_a_function_binds_to_an_http_client_is_that_client(scan_snippet) -> None:
    # flask-hcaptcha: `http_client = None` at the top; `__init__` does `import requests; global http_client;
    # http_client = requests`; `verify_sync` posts with `http_client.post(...)`, written above or below
    result = scan_snippet(
        """
        http_client = None


        class Captcha:
            VERIFY_URL = "https://hcaptcha.com/siteverify"

            def verify(self, response=None, remote_ip=None):
                data = {"response": response, "remoteip": remote_ip}
                return http_client.post(self.VERIFY_URL, data=data)

            def __init__(self):
                import requests
                global http_client
                http_client = requests

            def init_app(self, app):
                global http_client
                if app.config.get("ASYNC"):
                    import aiohttp
                    http_client = aiohttp
        """
    )
    assert flows(result) == {("user.device.ip_address", "hcaptcha", 10)}


def test_a_name_bound_without_global_or_to_plain_data_stays_unknown(scan_snippet) -> None:
    result = scan_snippet(
        """
        http_client = None
        sender = None


        def setup():
            import requests
            http_client = requests  # a local of setup, not the module's
            global sender
            sender = make_sender()


        def verify(remote_ip):
            http_client.post("https://hcaptcha.com/siteverify", data={"remoteip": remote_ip})
            sender.post("https://hcaptcha.com/siteverify", data={"remoteip": remote_ip})
        """
    )
    assert flows(result) == set()
