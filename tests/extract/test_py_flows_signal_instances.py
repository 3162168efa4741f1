"""A Django signal receiver's `instance` is a row of the model its `sender=` names (audit16 #22): `@receiver(post_save,
sender=Customer)` and `post_save.connect(subscribe, sender=User)` hand the receiver that model's row, so the
CRM or mailing-list sync it makes carries the row's e-mail and phone."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_receivers_instance_is_a_row_of_its_sender_model(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save
        from django.dispatch import receiver
        from .models import Customer

        User = get_user_model()

        @receiver(post_save, sender=Customer)
        def sync_customer(sender, instance, created, **kwargs):
            requests.post("https://api.hubapi.com/crm/v3/objects/contacts",
                          json={"properties": {"email": instance.email, "phone": instance.phone_number}})

        def subscribe(sender, instance, created, **kwargs):
            requests.post("https://us1.api.mailchimp.com/3.0/lists/abc/members", json={"email_address": instance.email})

        post_save.connect(subscribe, sender=User)
        """
    )
    assert flows(result) == {("user.contact.email", "hubspot", 12), ("user.contact.phone_number", "hubspot", 12),
                             ("user.contact.email", "mailchimp", 16)}


def test_a_receiver_with_no_sender_model_reads_no_row(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from django.db.models.signals import post_save
        from django.dispatch import receiver

        @receiver(post_save)
        def sync_any(sender, instance, created, **kwargs):
            requests.post("https://api.hubapi.com/crm/v3/objects/contacts", json={"properties": {"mail": instance.email}})

        @receiver(post_save, sender="crm.Customer")
        def sync_named(sender, instance, created, **kwargs):
            requests.post("https://api.hubapi.com/crm/v3/objects/contacts", json={"properties": {"mail": instance.email}})

        def later(sender, instance, **kwargs):
            requests.post("https://api.hubapi.com/crm/v3/objects/contacts", json={"properties": {"mail": instance.email}})

        post_save.connect(later)
        """
    )
    assert flows(result) == set()
