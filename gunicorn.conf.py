"""gunicorn's settings, read from the working directory by `gunicorn alliance.wsgi`.

One place for the image's CMD, docker-compose.yml and bin/prod-smoke: the
address comes from HOST and PORT, the number of workers from WEB_CONCURRENCY.
"""

import os

bind = [f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
# PDF rendering (certificates, reports) can take a few seconds on a busy host.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
