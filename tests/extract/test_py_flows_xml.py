"""XML documents built element by element (ElementTree's SubElement, the DOM's appendChild) carry what is set on
their parts."""

from __future__ import annotations


def test_an_xml_notice_carries_what_its_sub_elements_hold(scan_snippet) -> None:
    result = scan_snippet("""
        from urllib.request import Request, urlopen
        from xml.dom.minidom import Document
        from xml.etree.ElementTree import Element, SubElement, tostring

        API_URL = "https://airbrakeapp.com/notifier_api/v2/notices"


        class Handler:
            def __init__(self, api_key, api_url=API_URL):
                self.api_key = api_key
                self.api_url = api_url

            def emit(self, record):
                self._send(self._xml(record))

            def _xml(self, record):
                xml = Element("notice")
                SubElement(xml, "api-key").text = self.api_key
                request_xml = SubElement(xml, "request")
                SubElement(request_xml, "url").text = record.request.get_full_path()
                return tostring(xml)

            def _send(self, message):
                urlopen(Request(self.api_url, message), timeout=3)

            def dom(self, user):
                doc = Document()
                root = doc.createElement("profile")
                node = doc.createElement("email")
                node.appendChild(doc.createTextNode(user.email))
                root.appendChild(node)
                doc.appendChild(root)
                urlopen(API_URL, doc.toxml())

            def kept(self, user):
                log = Element("log")
                SubElement(log, "who").text = user.email
                return log
    """)
    flows = {(f.service, f.category, f.location.line) for f in result.flows}
    assert ("airbrake", "user.behavior.browsing_history", 15) in flows
    assert ("airbrake", "user.contact.email", 34) in flows
    # the handler's key is its account, not a datum; an element nothing sends is no flow
    assert {c for _, c, _ in flows} == {"user.behavior.browsing_history", "user.contact.email"}
    assert ("airbrake", "domain") in {(s.service, s.signal) for s in result.services}
