import datetime

from django.db import transaction

from dues import conf
from dues.models import ArrearsPublication
from dues.selectors import arrears_rows


@transaction.atomic
def arrears_publish(*, on: datetime.date, by, show_amounts: bool | None = None) -> ArrearsPublication:
    """Publish the list of members in arrears as of ``on`` (001 §IV.7), frozen as published.

    Names and years owed; amounts only where the setting allows them: it is a
    ceiling, so ``show_amounts`` can withhold amounts but never publish them
    against it. Earlier lists are kept (withdrawn from the public page), never deleted.
    """
    allowed = conf.public_arrears_show_amounts()
    show_amounts = allowed if show_amounts is None else bool(show_amounts) and allowed
    entries = [
        {
            "member": row["member"].name,
            "number": row["member"].number,
            "country": str(row["member"].country.code),
            "years": row["years"],
            "amount": str(row["outstanding"]) if show_amounts else "",
        }
        for row in arrears_rows(on=on)
    ]
    from django.utils import timezone

    ArrearsPublication.objects.filter(withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    return ArrearsPublication.objects.create(
        published_on=on, show_amounts=show_amounts, entries=entries, published_by=by
    )
