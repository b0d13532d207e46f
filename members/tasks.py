"""Celery tasks of the members app: thin, take ids, harmless when run twice."""

from celery import shared_task

from members.services.certificates import certificate_render


@shared_task
def render_admission_documents(certificate_id: int) -> None:
    """Render the certificate and notification letter of a new member (after commit)."""
    certificate_render(certificate_id=certificate_id)
