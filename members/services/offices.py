"""Liaison offices: the countries they cover and their officers."""

from django.db import transaction

from alliance.history import save_by
from members import errors
from members.errors import MembershipError
from members.models import LiaisonOffice


@transaction.atomic
def liaison_office_save(
    *,
    office: LiaisonOffice | None = None,
    name: str,
    countries: list[str],
    officers=(),
    director=None,
    email: str = "",
    address: str = "",
    is_active: bool = True,
    by,
) -> LiaisonOffice:
    """Create or update a liaison office (001 §II.3: the office of the applicant's country reviews first)."""
    if not countries:
        raise MembershipError(str(errors.OFFICE_NEEDS_COUNTRY))
    others = LiaisonOffice.objects.filter(is_active=True).exclude(pk=office.pk if office else None)
    for other in others:
        taken = {c.code for c in other.countries} & set(countries)
        if taken and is_active:
            raise MembershipError(
                str(errors.COUNTRY_TAKEN % {"country": ", ".join(sorted(taken)), "office": other.name})
            )
    office = office or LiaisonOffice()
    office.name = name.strip()
    office.countries = list(countries)
    office.director = director
    office.email = email
    office.address = address
    office.is_active = is_active
    save_by(office, by)
    office.officers.set(officers)
    return office
