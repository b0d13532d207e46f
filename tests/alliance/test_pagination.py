"""The one paginator (alliance.pagination): exact counts up to a threshold, PostgreSQL's
estimate past it, pages read by their keys, and numbered pages bounded at DEEPEST_ROW."""

import pytest
from django.db import connection
from django.test import RequestFactory

from alliance import pagination
from alliance.pagination import ListPaginator, count_rows, page_rows, paginate
from members.models import Member
from tests.members.factories import MemberFactory


@pytest.fixture
def members(db):
    return [MemberFactory(name=f"Member {n:03d}") for n in range(30)]


def ordered():
    return Member.objects.order_by("name", "pk")


def get(page=None):
    return RequestFactory().get("/", {"page": page} if page is not None else {})


def test_a_small_list_is_counted_exactly(members):
    assert count_rows(ordered()) == (30, False)


def test_past_the_threshold_the_count_is_the_planners_estimate_on_postgresql(members, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 10)
    count, estimated = count_rows(ordered())
    if connection.vendor == "postgresql":
        # Never below what was counted: at least the threshold and one.
        assert estimated and count >= 11
    else:
        assert (count, estimated) == (30, False)


def test_an_estimate_is_kept_for_the_same_query_and_a_count_is_not(
    members, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 10)
    first = count_rows(ordered())
    if connection.vendor == "postgresql":
        with django_assert_num_queries(0):
            assert count_rows(ordered()) == first
        # Another filter is another query, counted afresh (3 members: exact).
        assert count_rows(ordered().filter(name__in=["Member 001", "Member 002", "Member 003"])) == (3, False)
    else:
        with django_assert_num_queries(1):
            assert count_rows(ordered()) == (30, False)


def test_a_list_no_row_can_match_counts_none_without_a_query(members, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert count_rows(ordered().filter(pk__in=[])) == (0, False)


def test_a_first_page_is_read_in_one_query_unless_its_rows_carry_annotations(members):
    """Keys first for a deep page, or for rows with computed columns (the planner computed
    them for every row before the LIMIT); a plain first page needs no keys first."""
    from django.db.models import Count

    assert " IN (SELECT" not in str(page_rows(ordered(), 0, 10).query)
    assert " IN (SELECT" in str(page_rows(ordered(), 10, 20).query)
    annotated = ordered().annotate(contact_count=Count("contacts"))
    assert " IN (SELECT" in str(page_rows(annotated, 0, 10).query)
    assert [m.name for m in page_rows(annotated, 0, 3)] == ["Member 000", "Member 001", "Member 002"]


def test_a_deep_page_of_keys_alone_is_read_in_one_query(members):
    """Keys alone (``paginate(rows=)``) come from the order's index as they are: no keys of keys."""
    keys = ordered().values_list("pk", flat=True)

    assert " IN (SELECT" not in str(page_rows(keys, 10, 20).query)
    assert list(page_rows(keys, 10, 20)) == [m.pk for m in ordered()[10:20]]


def test_a_page_holds_its_rows_in_the_lists_order(members):
    page = paginate(get(2), ordered(), per_page=10)
    assert [m.name for m in page.object_list] == [f"Member {n:03d}" for n in range(10, 20)]
    assert page.number == 2 and page.paginator.num_pages == 3


def test_a_bad_or_too_large_page_number_gives_the_first_or_the_last_page(members):
    assert paginate(get("x"), ordered(), per_page=10).number == 1
    assert paginate(get(99), ordered(), per_page=10).number == 3


def test_numbered_pages_stop_at_the_deepest_row(members, monkeypatch):
    monkeypatch.setattr(pagination, "DEEPEST_ROW", 20)
    paginator = ListPaginator(ordered(), 5)
    assert (paginator.num_pages, paginator.last_page, paginator.bounded) == (6, 4, True)
    page = paginate(get(6), ordered(), per_page=5)
    assert page.number == 4
    assert [m.name for m in page.object_list] == [f"Member {n:03d}" for n in range(15, 20)]


def test_a_list_not_a_queryset_is_paged_as_django_does():
    page = paginate(get(2), list(range(30)), per_page=25)
    assert list(page.object_list) == list(range(25, 30)) and not page.paginator.bounded


def test_the_last_page_offered_says_why_no_later_page_is(client, secretariat_user, members, monkeypatch):
    monkeypatch.setattr(pagination, "DEEPEST_ROW", 10)
    client.force_login(secretariat_user)
    body = client.get("/members/", {"page": 9, "per_page": 25}).content.decode()
    assert "Page 1 of 2" in body and "Later pages are not shown" in body


def by_expression():
    from django.db.models.functions import Upper

    return Member.objects.order_by(Upper("name"), "pk")


def test_a_list_no_index_orders_is_counted_in_its_pages_query(
    members, monkeypatch, django_assert_num_queries
):
    """Sorted by an expression, the page's query finds every match anyway: it counts them too,
    exactly, even past the threshold where the count would otherwise be an estimate."""
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 10)
    with django_assert_num_queries(1):
        page = paginate(get(2), by_expression(), per_page=10)
        assert [m.name for m in page.object_list] == [f"Member {n:03d}" for n in range(10, 20)]
        assert (page.paginator.count, page.paginator.estimated, page.paginator.num_pages) == (30, False, 3)


@pytest.mark.parametrize("number", [None, "x"])
def test_such_a_list_without_a_page_number_counts_its_first_page_in_its_query(
    members, django_assert_num_queries, number
):
    with django_assert_num_queries(1):
        page = paginate(get(number), by_expression(), per_page=10)
        assert [m.name for m in page.object_list] == [f"Member {n:03d}" for n in range(10)]
        assert (page.number, page.paginator.count, page.paginator.estimated) == (1, 30, False)


def test_a_page_past_the_end_of_such_a_list_gives_its_last_page(members):
    page = paginate(get(9), by_expression(), per_page=10)
    assert page.number == 3 and [m.name for m in page.object_list][-1] == "Member 029"
    assert paginate(get("x"), by_expression(), per_page=10).number == 1
    assert list(paginate(get(), by_expression().filter(pk__in=[]), per_page=10).object_list) == []


def test_a_list_paged_by_its_keys_holds_the_rows_read_for_them_in_the_lists_order(
    members, django_assert_num_queries
):
    """``rows=``: the page's keys first, then its rows read (and computed) for those keys
    alone, in any order the reader returns them: the page keeps the list's order."""
    asked = []

    def rows(keys):
        asked.append(list(keys))
        return Member.objects.filter(pk__in=keys).order_by("-name")

    with django_assert_num_queries(3):  # the count, the keys, the rows
        page = paginate(get(2), ordered(), per_page=10, rows=rows)
        assert [m.name for m in page.object_list] == [f"Member {n:03d}" for n in range(10, 20)]
    assert asked == [[m.pk for m in page.object_list]]
    assert paginate(get(), ordered().filter(pk__in=[]), rows=rows).object_list == []
    assert len(asked) == 1


def _links(request, page) -> str:
    from django.template import Context, Template

    return Template("{% include 'partials/pagination.html' %}").render(
        Context({"page_obj": page, "request": request})
    )


def test_the_page_links_keep_the_filters_and_say_where_the_reader_is(members):
    request = RequestFactory().get("/", {"page": 2, "country": "TH", "q": "a&b"})
    html = _links(request, paginate(request, ordered(), per_page=10))

    assert html.count('class="page-link" href=') == 4
    assert 'href="?page=1&amp;country=TH&amp;q=a%26b">&laquo; first</a>' in html
    assert 'href="?page=1&amp;country=TH&amp;q=a%26b">previous</a>' in html
    assert '<span class="page-link">Page 2 of 3</span>' in html
    assert 'href="?page=3&amp;country=TH&amp;q=a%26b">next</a>' in html
    assert 'href="?page=3&amp;country=TH&amp;q=a%26b">last &raquo;</a>' in html
    assert "Later pages" not in html


def test_the_first_page_has_no_way_back_and_a_single_page_no_links(members):
    first = _links(get(), paginate(get(), ordered(), per_page=10))
    only = _links(get(), paginate(get(), ordered(), per_page=50))

    assert "first" not in first and "previous" not in first and "next</a>" in first
    assert only == ""


def test_an_estimated_count_is_given_as_about(members, monkeypatch):
    page = paginate(get(), ordered(), per_page=10)
    monkeypatch.setattr(page.paginator, "estimated", True)

    assert "Page 1 of about 3" in _links(get(), page)


def test_a_shaped_list_compiles_each_page_once_and_answers_as_the_orm_does(
    members, django_assert_num_queries
):
    """``shape``: the page's query compiled the first time only, and run each time after."""
    from alliance import prepared

    prepared._SHAPES.clear()
    built = []

    def items():
        built.append(1)
        return ordered()

    first = paginate(get(2), ordered(), per_page=10, shape=("test.members",))
    names = [m.name for m in first.object_list]
    with django_assert_num_queries(2):  # the count and the page, nothing compiled again
        again = paginate(get(2), ordered(), per_page=10, shape=("test.members",))
        assert [m.name for m in again.object_list] == names == [f"Member {n:03d}" for n in range(10, 20)]
    assert len([key for key in prepared._SHAPES if key[0][0] == "test.members"]) == 1
    assert [m.name for m in paginate(get(3), ordered(), per_page=10, shape=("test.members",))] == [
        f"Member {n:03d}" for n in range(20, 30)
    ]


def test_a_shaped_list_no_row_can_match_is_an_empty_page(members):
    page = paginate(get(), ordered().filter(pk__in=[]), shape=("test.none",))
    assert list(page.object_list) == [] and len(page.object_list) == 0


def test_shapes_are_forgotten_all_at_once_past_the_limit(members, monkeypatch):
    from alliance import prepared

    monkeypatch.setattr(prepared, "SHAPES_KEPT", 2)
    prepared._SHAPES.clear()
    for number in range(3):
        list(paginate(get(), ordered().filter(name__gte=f"Member {number:03d}"), shape=("test.kept", number)))
    assert len(prepared._SHAPES) == 1


def test_a_filters_shape_holds_its_values_and_none_when_refused(db):
    import django_filters

    from members.models import Member as Unit

    class Names(django_filters.FilterSet):
        name = django_filters.CharFilter()
        joined_on = django_filters.DateFilter()

        class Meta:
            model = Unit
            fields = ["name", "joined_on"]

    one = pagination.filter_shape("test.names", Names({"name": "Ana"}), "more")
    other = pagination.filter_shape("test.names", Names({"name": "Bo"}), "more")

    assert one[0] == "test.names" and one[-1] == "more" and one != other
    assert pagination.filter_shape("test.names", Names({"name": "Ana"}), "more") == one
    assert pagination.filter_shape("test.names", Names({"joined_on": "not a date"})) is None


def test_a_row_chosen_in_a_filter_is_in_the_shape_by_its_key(db):
    one, two = MemberFactory(name="Same"), MemberFactory(name="Same")

    assert pagination._shape_value(one) != pagination._shape_value(two)
    assert pagination._shape_value([one]) == (pagination._shape_value(one),)


@pytest.mark.postgres
def test_a_shaped_estimate_is_kept_under_its_shape(members, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 10)
    first = count_rows(ordered(), ("test.estimate",))
    with django_assert_num_queries(0):
        assert count_rows(ordered(), ("test.estimate",)) == first
    assert first[1]


def test_a_shaped_list_may_be_given_as_a_function_building_its_queryset(members):
    page = paginate(get(2), lambda: ordered(), per_page=10, shape=("test.built",))
    keyed = paginate(
        get(2),
        lambda: ordered(),
        per_page=10,
        shape=("test.built",),
        rows=lambda keys: Member.objects.filter(pk__in=keys),
    )

    assert [m.name for m in page.object_list] == [f"Member {n:03d}" for n in range(10, 20)]
    assert [m.name for m in keyed.object_list] == [f"Member {n:03d}" for n in range(10, 20)]


@pytest.mark.postgres
def test_once_its_count_is_estimated_and_its_page_compiled_a_shaped_list_is_not_built_again(
    members, monkeypatch, django_assert_num_queries
):
    """On PostgreSQL past the exact count: the filter set's queryset is not even built."""
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 10)
    built = []

    def items():
        built.append(1)
        return ordered()

    first = [m.name for m in paginate(get(2), items, per_page=10, shape=("test.lazy",)).object_list]
    with django_assert_num_queries(1):  # the page's rows alone
        again = paginate(get(2), items, per_page=10, shape=("test.lazy",))
        assert [m.name for m in again.object_list] == first
    assert len(built) == 1 and again.paginator.estimated


def test_a_function_building_the_list_is_paged_as_its_queryset_when_there_is_no_shape(members):
    """Filters refused give no shape (``filter_shape``): the list built at once, paged as ever."""
    plain = paginate(get(2), lambda: ordered(), per_page=10, shape=None)
    keyed = paginate(
        get(2), lambda: ordered(), per_page=10, rows=lambda keys: Member.objects.filter(pk__in=keys)
    )

    assert [m.name for m in plain.object_list] == [f"Member {n:03d}" for n in range(10, 20)]
    assert [m.name for m in keyed.object_list] == [f"Member {n:03d}" for n in range(10, 20)]
