"""Files a Django model stores go to the default storage the settings name (audit17 #05): a personal FileField's or
ImageField's datum flows to that provider, at the field."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

MODELS = """
    from django.conf import settings
    from django.db import models


    class Profile(models.Model):
        user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        avatar = models.ImageField(upload_to="avatars/")
        passport_scan = models.FileField(upload_to="kyc/")
        contract = models.FileField(upload_to="c/", storage=private_storage)
"""


def stored(tmp_path: Path, rules, settings: str) -> set[tuple[str, str, int]]:
    results = project(tmp_path, rules, {"proj/settings.py": settings, "accounts/models.py": MODELS})
    return {(f.category, f.service, f.location.line) for f in results["accounts/models.py"].flows}


def test_a_models_files_flow_to_the_default_storage_the_settings_name(tmp_path: Path, rules) -> None:
    assert stored(tmp_path, rules, """
        STORAGES = {"default": {"BACKEND": "storages.backends.s3boto3.S3Boto3Storage"},
                    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    """) == {("user.content.self_image", "aws_s3", 8), ("user.government_id.passport_number", "aws_s3", 9)}
    # a settings class of one deployment (django-configurations, froide's HerokuPostmarkS3)
    assert {s for _, s, _ in stored(tmp_path / "b", rules, """
        class HerokuS3(Base):
            DEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
    """)} == {"aws_s3"}


def test_static_files_on_a_provider_send_no_models_files_there(tmp_path: Path, rules) -> None:
    assert stored(tmp_path, rules, """
        STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                    "staticfiles": {"BACKEND": "storages.backends.s3boto3.S3StaticStorage"}}
        STATICFILES_STORAGE = "storages.backends.s3boto3.S3StaticStorage"
    """) == set()
