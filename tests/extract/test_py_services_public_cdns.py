"""Public script CDNs are recipients as Google Fonts is: the visitor's browser sends them its IP address and user
agent (audit12 #24: jsDelivr and unpkg were not reported beside Google Fonts and cdnjs)."""

from __future__ import annotations

PAGE = """
    <html><head>
    <link href="https://fonts.googleapis.com/css?family=Roboto" rel="stylesheet">
    <script src="https://cdn.jsdelivr.net/npm/redoc@next/bundles/redoc.standalone.js"></script>
    <script src="https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js"></script>
    <script src="https://unpkg.com/htmx.org@1.9.12"></script>
    <script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
    <link rel="stylesheet" href="https://stackpath.bootstrapcdn.com/bootstrap/4.5.2/css/bootstrap.min.css">
    <script src="https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js"></script>
    <script src="https://unpkg.com/@daily-co/daily-js"></script>
    <script src="/static/js/app.js"></script>
    </head><body></body></html>
    """


def test_public_cdns_a_page_loads_from_are_recipients(scan_snippet) -> None:
    result = scan_snippet(PAGE, name="templates/base.html")
    assert {(u.service, u.location.line) for u in result.services} == {
        ("google_fonts", 3), ("jsdelivr", 4), ("cloudflare", 5), ("unpkg", 6), ("jquery_cdn", 7), ("bootstrapcdn", 8),
        ("google_hosted_libraries", 9),
        ("daily", 10)}  # a vendor's SDK on a CDN: the longer prefix names the vendor
