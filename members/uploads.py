"""Checks on uploaded files: type by content (not by name) and size (membership issue)."""

import filetype

from members import conf, rules


def check_upload(upload) -> tuple[str, str, str]:
    """Return (problem, content_type, extension); ``problem`` is '' for an accepted file."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else None
    problem = rules.upload_problem(
        size=upload.size,
        content_type=content_type,
        max_mb=conf.max_upload_mb(),
        accepted=conf.ACCEPTED_UPLOADS,
    )
    return problem, content_type or "", conf.ACCEPTED_UPLOADS.get(content_type, "")
