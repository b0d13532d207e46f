"""alliance.db.analyze: fresh planner statistics after bulk jobs, on PostgreSQL only."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.db import analyze
from members.models import Member
from secretariat.models import ParticipationFlag


def analyzed(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith("ANALYZE")]


def test_analyze_names_each_table_once_on_postgresql_and_does_nothing_elsewhere(db):
    with CaptureQueriesContext(connection) as ctx:
        analyze(Member, Member, ParticipationFlag.history.model)
    if connection.vendor == "postgresql":
        assert analyzed(ctx.captured_queries) == [
            'ANALYZE "members_member", "secretariat_historicalparticipationflag"'
        ]
    else:
        assert analyzed(ctx.captured_queries) == []
