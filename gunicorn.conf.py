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


def post_worker_init(worker):
    """Keep the garbage collector off the objects every request shares, and run it less often.

    A worker holds ~100,000 objects once Django is loaded (URLconf, models, templates, the
    translation catalogues) that live as long as it does: frozen, no collection walks them
    again. Requests make short-lived objects by the thousand (a list page's rows, its
    queries); the young generation collected every 10,000 allocations instead of 700 cut a
    list page's time spent collecting from ~0.5 ms to ~0.2 ms in the issue 15 bench.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
