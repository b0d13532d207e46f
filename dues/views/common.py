from django.core.paginator import Paginator

from alliance.roles import Role

FINANCE_READ = (Role.TREASURER, Role.SECRETARIAT)
FINANCE_WRITE = (Role.TREASURER,)
ANY_ROLE = Role.ALL
PAGE_SIZE = 50


def paginate(request, items, per_page=PAGE_SIZE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))
