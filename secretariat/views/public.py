"""The public notice page and its RSS/Atom feeds: issued public announcements and notices."""

from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from alliance.pagination import paginate
from secretariat import selectors
from secretariat.filters import PublicNoticeFilter

FEED_ITEMS = 20


def notice_list(request):
    """Anyone sees public notices; a signed-in member also sees members-only ones."""
    filterset = PublicNoticeFilter(request.GET, queryset=selectors.public_notices(request.user))
    page = paginate(request, filterset.qs)
    return render(
        request,
        "secretariat/notice_list.html",
        {"filter": filterset, "page_obj": page, "notices": page.object_list},
    )


def notice_detail(request, pk):
    notice = selectors.public_notice(request.user, pk)
    return render(
        request, "secretariat/notice_detail.html", {"notice": notice, "attachments": notice.attachments.all()}
    )


class NoticeFeed(Feed):
    title = _("Alliance notices and announcements")
    link = reverse_lazy("secretariat:notice_list")
    description = _("Public notices and announcements issued by the secretariat.")

    def items(self):
        return selectors.public_notices()[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.number} {item.title}"

    def item_description(self, item):
        return item.body

    def item_link(self, item):
        return reverse("secretariat:notice_detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.issued_at


class AtomNoticeFeed(NoticeFeed):
    feed_type = Atom1Feed
    subtitle = NoticeFeed.description
