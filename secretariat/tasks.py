from celery import shared_task

from secretariat import services


@shared_task
def recompute_participation_flags() -> int:
    """Raise or update participation flags (003 第九条); harmless when run twice (no status changes)."""
    return services.participation_recompute()
