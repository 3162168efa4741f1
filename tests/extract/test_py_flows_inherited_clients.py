"""A client a base class binds on `self` in one module, called by a subclass in another (heldout16's GetResponse
sync services); a CRM's own contact id sent back to it; a builder method of an object the code builds
(`CartDTO.from_cart(...).to_payload()`)."""

from __future__ import annotations

from pathlib import Path

from scanner.extract.py_flows import METHOD_CALLS_KEY
from scanner.extract.py_inherit import Hierarchy
from scanner.extract.py_inherited_clients import settle_inherited_clients
from scanner.extract.py_services import ALIASES_KEY
from scanner.inventory import FileResult
from scanner.ruleset import RuleSet
from tests.conftest import scan_each


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


BASE = """
    class BaseSync:
        def __init__(self, client=None):
            from get_response_sdk import GetResponseClient
            self.client = client or GetResponseClient()
    """


def _linked(root: Path, rules: RuleSet, files: dict[str, str]) -> dict[str, FileResult]:
    """Each file's own pass, then this module's link over what they defer (the cross-file pass calls it)."""
    results = scan_each(root, rules, files)
    held: dict[str, str] = {}
    calls = []
    records = []
    for result in results:
        if ALIASES_KEY in result.deferred:
            module, bound = result.deferred[ALIASES_KEY]
            held.update({f"{module}.{name}": q for name, q in bound.items()})
        calls += [(result, call) for call in result.deferred.get(METHOD_CALLS_KEY, ())]
        records += result.deferred.get("py_classes", ())
    settle_inherited_clients(calls, held, Hierarchy(records), rules.catalogue, lambda found: found)
    return {r.path: r for r in results}


def test_a_subclass_calls_the_client_its_base_binds_in_another_module(tmp_path: Path, rules: RuleSet) -> None:
    results = _linked(tmp_path, rules, {
        "shop/base.py": BASE,
        "shop/contacts.py": """
            from shop.base import BaseSync


            class ContactSync(BaseSync):
                def push(self, user):
                    self.client.create_contact(email=user.email, contact_id=user.gr_contact_id)
            """,
    })
    assert flows(results["shop/contacts.py"]) == {("user.contact.email", "getresponse", 7)}
    assert ("getresponse", "call", 7) in {(u.service, u.signal, u.location.line)
                                          for u in results["shop/contacts.py"].services}


def test_without_a_client_in_the_lineage_the_call_stays_unknown(tmp_path: Path, rules: RuleSet) -> None:
    results = _linked(tmp_path, rules, {
        "shop/base.py": BASE,
        "shop/other.py": """
            class Plain:
                def __init__(self, client):
                    self.client = client


            class ContactSync(Plain):
                def push(self, user):
                    self.client.create_contact(email=user.email)
                    self.mailer.send(email=user.email)
            """,
    })
    assert flows(results["shop/other.py"]) == set()


def test_a_crms_own_contact_id_sent_back_to_it_is_no_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        from getresponse import GetResponse
        import stripe


        def push(contact, user):
            client = GetResponse("key")
            client.update_contact(contact_id=contact.contact_id, email=user.email)
            stripe.Customer.create(metadata={"contact_id": contact.contact_id})
        """
    )
    # to a payment provider a contact id is no handle of its own: the app's id of the person
    assert flows(result) == {("user.contact.email", "getresponse", 8), ("user.unique_id", "stripe", 9)}


def test_a_builder_of_an_object_the_code_builds_is_that_classs(scan_project) -> None:
    results = scan_project({
        "shop/dto.py": """
            class CartDTO:
                def __init__(self, cart):
                    self.cart = cart

                @classmethod
                def from_cart(cls, cart):
                    return cls(cart)

                def to_payload(self):
                    return {"email": self.cart.owner_email}


            class OrderDTO:
                def to_payload(self):
                    return {"phone": self.order.phone}
            """,
        "shop/sync.py": """
            import stripe
            from shop.dto import CartDTO


            def push(cart):
                dto = CartDTO.from_cart(cart)
                stripe.Customer.create(metadata=dto.to_payload())
            """,
    })
    sync = next(r for r in results if r.path == "shop/sync.py")
    assert flows(sync) == {("user.contact.email", "stripe", 8)}


def test_the_cross_file_pass_links_a_subclasss_call_to_its_bases_client(scan_project) -> None:
    results = scan_project({
        "shop/base.py": BASE,
        "shop/carts.py": """
            from shop.base import BaseSync


            class CartSync(BaseSync):
                def push(self, sync, user):
                    # the cart's id at GetResponse, given back to the method acting on that cart: its handle
                    self.client.update_cart(cart_id=sync.gr_cart_id, cart_data={"email": user.email})
            """,
    })
    carts = next(r for r in results if r.path == "shop/carts.py")
    assert flows(carts) == {("user.contact.email", "getresponse", 8)}
