"""Catalogue additions from audit14's catalogue gaps (calibre-web's metadata providers and Kobo store proxy, pgAdmin's
cloud wizard), by the vendors' documented API hosts and SDKs."""

from __future__ import annotations

from scanner.inventory import FileResult


def services(result: FileResult) -> set[str]:
    return {u.service for u in result.services}


def test_book_metadata_and_store_hosts_name_their_service(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def lookup(isbn, title, headers):
            requests.get("https://www.googleapis.com/books/v1/volumes", params={"q": "isbn:" + isbn})
            requests.get("https://comicvine.gamespot.com/api/search/", params={"query": title})
            requests.get("https://api.douban.com/v2/book/search", params={"q": title})
            requests.get("https://storeapi.kobo.com/v1/library/sync", headers=headers)
            requests.get("https://www.goodreads.com/search/index.xml", params={"q": title})
        """
    )
    assert services(result) == {"google_books", "comicvine", "douban", "kobo_store", "goodreads"}


def test_cloud_database_admin_apis(scan_snippet) -> None:
    result = scan_snippet(
        """
        from googleapiclient import discovery
        from azure.mgmt.rdbms.postgresql_flexibleservers import PostgreSQLManagementClient

        def create(credentials, sub):
            sql = discovery.build("sqladmin", "v1beta4", credentials=credentials)
            azure = PostgreSQLManagementClient(credentials, sub)
            return sql, azure
        """
    )
    assert {"google_cloud_sql", "azure_database"} <= services(result)


def test_links_and_other_google_apis_are_no_book_service(scan_snippet) -> None:
    result = scan_snippet(
        """
        HELP = "Find the book on https://www.goodreads.com/ or https://book.douban.com/"
        ICON = "https://www.googleapis.com/download/storage/v1/b/x/o/y"
        """
    )
    assert not services(result) & {"google_books", "goodreads", "douban"}
