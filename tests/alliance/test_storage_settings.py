"""Object storage replaces the file system by settings alone (issue 10 §6)."""

import json
import subprocess

from tests.live import PYTHON, ROOT, embedded_env

PROBE = """
from members.models import Member
storage = Member._meta.get_field("logo").storage
print(storage.__class__.__name__, storage.bucket_name, storage.endpoint_url, storage.location)
"""


def test_an_s3_compatible_bucket_is_chosen_by_the_environment(tmp_path):
    options = {
        "bucket_name": "alliance-private",
        "endpoint_url": "https://objects.example",
        "location": "prod",
    }
    env = embedded_env(
        tmp_path,
        FILE_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        FILE_STORAGE_OPTIONS=json.dumps(options),
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )

    probe = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert probe.returncode == 0, probe.stderr[-1500:]
    assert probe.stdout.split()[-4:] == ["S3Storage", "alliance-private", "https://objects.example", "prod"]


def test_an_empty_database_url_means_the_embedded_sqlite_database(tmp_path):
    probe = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", "from django.db import connection; print(connection.vendor)"],
        cwd=ROOT,
        env=embedded_env(tmp_path, DATABASE_URL=""),
        capture_output=True,
        text=True,
    )

    assert probe.returncode == 0, probe.stderr[-1500:]
    assert probe.stdout.split()[-1] == "sqlite"
