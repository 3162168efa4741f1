"""What one method stores under a literal key of a row's JSON slot and another reads back by that key
(heldout15's djangoshop-sendcloud: the cart's `extra` becomes the order's)."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

MODIFIER = """
    import requests

    class ShippingModifier:
        create_parcel_url = "https://panel.sendcloud.sc/api/v2/parcels/"

        def add_extra_cart_row(self, cart, request):
            parcel = self.get_parcel(cart)
            parcel.update(weight="1.0")
            cart.extra["sendcloud_data"] = {"parcel": parcel}

        def get_parcel(self, cart):
            address = cart.shipping_address
            return {"name": address.name, "email": cart.customer.email, "city": address.city}

        def ship_the_goods(self, delivery):
            parcel = dict(delivery.order.extra[%(key)r]["parcel"], request_label=True)
            requests.post(self.create_parcel_url, json={"parcel": parcel}, auth=self.credentials)
"""


def test_a_slot_filled_by_one_method_and_sent_by_another_is_a_flow(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"shop/modifiers.py": MODIFIER % {"key": "sendcloud_data"}})
    assert {(f.category, f.service, f.location.line) for f in results["shop/modifiers.py"].flows} == {
        ("user.name", "sendcloud", 18), ("user.contact.email", "sendcloud", 18),
        ("user.contact.address.city", "sendcloud", 18)}


def test_another_slot_or_another_class_sends_nothing(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"shop/modifiers.py": MODIFIER % {"key": "tracking"}})
    assert results["shop/modifiers.py"].flows == []
    other_class = MODIFIER.replace("        def ship_the_goods", "    class Shipper:\n"
                                   "        create_parcel_url = \"https://panel.sendcloud.sc/api/v2/parcels/\"\n\n"
                                   "        def ship_the_goods")
    results = project(tmp_path, rules, {"shop/modifiers.py": other_class % {"key": "sendcloud_data"}})
    assert results["shop/modifiers.py"].flows == []
