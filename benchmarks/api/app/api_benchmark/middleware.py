"""Report how many SQL queries a request made, in an `X-Bench-Queries` response header."""

from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest
from django.http import HttpResponse


class QueryCountMiddleware:
    """Count the queries of each request (with DEBUG off, through an execute wrapper)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        statements: list[str] = []

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(len(statements))
        return response
