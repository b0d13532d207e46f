"""Checks on uploaded files: type by content (not by name) and size (membership issue)."""

import filetype

from members import conf, rules


def check_upload(upload, *, accepted=None) -> tuple[str, str, str]:
    """Return (problem, content_type, extension); ``problem`` is '' for an accepted file.

    ``accepted`` maps content types to stored extensions; by default PDF, JPEG and PNG
    (membership issue). Other apps reuse this check for their own uploads.
    """
    accepted = conf.ACCEPTED_UPLOADS if accepted is None else accepted
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else None
    problem = rules.upload_problem(
        size=upload.size,
        content_type=content_type,
        max_mb=conf.max_upload_mb(),
        accepted=accepted,
    )
    return problem, content_type or "", accepted.get(content_type, "")
