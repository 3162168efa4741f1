"""A parameter annotated with a class of the package holds a row of it (`def save_model(self, request, obj: Refund,
form, change)`, heldout19's django-alipay2 admin): `obj.amount` is read as Refund's amount."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project


MODELS = """
    from django.db import models


    class Refund(models.Model):
        out_trade_no = models.CharField(max_length=64)
        amount = models.DecimalField(max_digits=10, decimal_places=2)
"""


def admin(imported: str) -> str:
    return f"""
        from urllib.parse import urlencode

        import requests
        from django.contrib import admin

        {imported}


        class RefundAdmin(admin.ModelAdmin):
            def save_model(self, request, obj: Refund, form, change):
                url = "https://openapi.alipay.com/gateway.do?" + urlencode({{"v": str(obj.amount)}})
                requests.get(url)
    """


def flows(tmp_path: Path, rules, imported: str) -> set[tuple[str, str, int]]:
    results = project(tmp_path, rules, {"shop/admin.py": admin(imported), "shop/models.py": MODELS})
    return {(f.category, f.service, f.location.line) for f in results["shop/admin.py"].flows}


def test_a_parameter_annotated_with_the_packages_class_is_its_row(tmp_path: Path, rules) -> None:
    assert ("user.payment", "alipay", 13) in flows(tmp_path, rules, "from .models import Refund")


def test_a_parameter_annotated_with_another_packages_class_says_nothing_of_the_row(tmp_path: Path, rules) -> None:
    assert flows(tmp_path, rules, "from billing.models import Refund") == set()


def test_two_models_of_one_name_leave_the_row_unknown(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"shop/admin.py": admin("from .models import Refund"), "shop/models.py": MODELS,
                                        "other/models.py": MODELS})
    assert not any(f.category == "user.payment" for f in results["shop/admin.py"].flows)
