"""Project configuration: settings, URLs and the WSGI/ASGI entry points."""

from urllib.parse import urlsplit


def install_pymysql(database_url: str) -> None:
    """Let Django's MySQL backend use PyMySQL (pure Python) when the database is MySQL/MariaDB."""
    if urlsplit(database_url).scheme.split("+")[0] not in {"mysql", "mariadb"}:
        return
    try:
        import pymysql
    except ImportError:
        # mysqlclient may be installed instead; Django reports it if neither is.
        return
    pymysql.install_as_MySQLdb()
