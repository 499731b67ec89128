"""Page-number pagination with a ceiling on the page size a caller may ask for."""

from rest_framework.pagination import PageNumberPagination


class DefaultPagination(PageNumberPagination):
    """Pages of 25 by default; `?page_size=` may ask for up to 100."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
