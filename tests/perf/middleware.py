"""The benchmark's query counter: gunicorn runs with DEBUG=False, so Django keeps no query log."""

from django.db import connection


def count_queries(get_response):
    """Put the number of SQL statements a request ran in its ``X-Bench-Queries`` header."""

    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Bench-Queries"] = str(count)
        return response

    return middleware
