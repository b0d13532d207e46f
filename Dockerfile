# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=alliance.settings
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
      fonts-dejavu-core fonts-wqy-microhei fonts-thai-tlwg gettext curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# The same build script CI runs (DEBUG off, so the static manifest exists).
RUN bin/build \
    && useradd --system --uid 1000 alliance && mkdir -p /app/var/private /app/var/beat && chown -R alliance /app/var
USER alliance
EXPOSE 8000
# Address, workers and logging come from gunicorn.conf.py (PORT, WEB_CONCURRENCY).
# Migrations are not run here: docker-compose.yml runs them once per deploy.
CMD ["gunicorn", "alliance.wsgi"]
