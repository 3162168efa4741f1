"""SQL Server scripts (sqlcmd, column options, inline indexes) and other dialects' column options sqlglot does not read."""

from __future__ import annotations

import pytest

from scanner.extract.sql import extract_sql


def _read(text: str) -> tuple[set[tuple[str, str, int]], list[str]]:
    result, raw = extract_sql(text, "instawdb.sql", "tsql")
    return {(f.container, f.name, f.location.line) for f in raw}, [e.message for e in result.errors]


# microsoft/sql-server-samples AdventureWorks instawdb.sql, shortened: a ROWGUIDCOL column made sqlglot stop,
# and the whole Person table was lost
_PERSON = """CREATE TABLE [Person].[Person](
    [BusinessEntityID] [int] NOT NULL,
    [FirstName] [nvarchar](50) NOT NULL,
    [rowguid] uniqueidentifier ROWGUIDCOL NOT NULL CONSTRAINT [DF_Person_rowguid] DEFAULT (NEWID()),
    [LastName] [nvarchar](50) NOT NULL
) ON [PRIMARY];
GO
"""


@pytest.mark.parametrize(("text", "column", "line"), [
    pytest.param(_PERSON, "LastName", 5, id="rowguidcol"),
    pytest.param("CREATE TABLE dbo.Customers (Id int, MiddleName nvarchar(50) SPARSE NULL,\n"
                 "  Photo varbinary(max) FILESTREAM NULL);\n", "Photo", 2, id="sparse-filestream"),
    pytest.param("CREATE TABLE dbo.Members (Id int,\n  Email varchar(100) MASKED WITH (FUNCTION = 'email()') NULL,\n"
                 "  Phone varchar(12) MASKED WITH (FUNCTION = 'partial(1,\"XXXXXXX\",0)') NULL);\n", "Phone", 3,
                 id="masked"),
    pytest.param("CREATE TABLE dbo.Patients (Id int,\n  SSN char(11) COLLATE Latin1_General_BIN2 ENCRYPTED WITH "
                 "(COLUMN_ENCRYPTION_KEY = CEK1, ENCRYPTION_TYPE = Deterministic,\n"
                 "  ALGORITHM = 'AEAD_AES_256_CBC_HMAC_SHA_256') NOT NULL,\n  BirthDate date NULL);\n",
                 "BirthDate", 4, id="always-encrypted"),
])
def test_column_options_sqlglot_cannot_read_lose_no_table(text: str, column: str, line: int) -> None:
    columns, errors = _read(text)
    assert errors == []
    assert column in {name for _, name, _ in columns}
    assert (next(t for t, n, _ in columns if n == column), column, line) in columns


def test_a_column_named_like_an_option_is_a_column() -> None:
    # `sparse` after a comma is a column's name, not an option: it stays
    columns, errors = _read("CREATE TABLE dbo.m (Id int,\n  sparse bit,\n  rowguid uniqueidentifier ROWGUIDCOL);\n")
    assert errors == []
    assert {name for _, name, _ in columns} == {"Id", "sparse", "rowguid"}


def test_a_statement_wrong_for_another_reason_is_still_reported() -> None:
    columns, errors = _read("CREATE TABLE dbo.m (Id int ROWGUIDCOL,\n  Email varchar(50) NOT NOT NULL);\n")
    assert len(errors) == 1 and errors[0].startswith("SQL (tsql): ")


def test_sqlcmd_commands_are_not_sql() -> None:
    text = (':setvar SqlSamplesSourceDataPath "C:\\Samples\\AdventureWorks\\"\n:setvar DatabaseName "AdventureWorks"\n'
            ":on error exit\nGO\nCREATE TABLE dbo.Users (Email nvarchar(50));\nGO\n:r .\\more.sql\n"
            "CREATE TABLE dbo.Contacts (Phone nvarchar(25));\nGO\n")
    columns, errors = _read(text)
    assert errors == []
    assert columns == {("Users", "Email", 5), ("Contacts", "Phone", 8)}


def test_sqlcmd_lines_are_read_as_sqlcmd_only_in_tsql() -> None:
    from scanner.extract.sql_split import blank_noise

    text = ":setvar Db x\nCREATE TABLE t (a int);\n"
    assert blank_noise(text, "tsql") == "            \nCREATE TABLE t (a int);\n"
    assert blank_noise(text, "postgres") == text


@pytest.mark.parametrize("text", [
    pytest.param("CREATE TABLE dbo.m (Id int NOT NULL, Email nvarchar(50),\n  INDEX IX_m_Email NONCLUSTERED (Email));\n",
                 id="inline-index"),
    pytest.param("CREATE TABLE dbo.m (Id int NOT NULL, Email nvarchar(50),\n  INDEX IX_m_Id (Id) INCLUDE (Email));\n",
                 id="inline-index-include"),
])
def test_an_inline_index_is_no_column(text: str) -> None:
    columns, errors = _read(text)
    assert errors == []
    assert {name for _, name, _ in columns} == {"Id", "Email"}


def test_a_column_quoted_index_is_a_column() -> None:
    columns, _ = _read("CREATE TABLE dbo.m (Id int, [Index] int);\n")
    assert {name for _, name, _ in columns} == {"Id", "Index"}


@pytest.mark.parametrize(("dialect", "text"), [
    pytest.param("mysql", "CREATE TABLE p (id int, ssn varchar(11) COLUMN_FORMAT DYNAMIC STORAGE DISK,\n"
                          "  email varchar(50));", id="mysql-column-format"),
    pytest.param("mysql", "CREATE TABLE p (id int, home point NOT NULL SRID 4326,\n  email varchar(50));", id="mysql-spatial-srid"),
    pytest.param("mysql", "CREATE TABLE p (id int, area polygon,\n  email varchar(50));", id="mysql-spatial"),
    pytest.param("mysql", "CREATE TABLE p (id int, ssn varchar(11) ENGINE_ATTRIBUTE '{}',\n  email varchar(50));",
                 id="mysql-engine-attribute"),
    pytest.param("postgres", "CREATE TABLE p (id int, bio text COMPRESSION lz4 STORAGE EXTERNAL,\n  email text);",
                 id="postgres-compression-storage"),
    pytest.param("redshift", "CREATE TABLE p (id bigint identity(0,1), phone varchar(20) encode zstd distkey,\n"
                             "  email varchar(256) sortkey);", id="redshift-distkey-sortkey"),
    pytest.param("sqlite", "CREATE TABLE p (id INTEGER PRIMARY KEY ON CONFLICT REPLACE,\n"
                           "  email TEXT UNIQUE ON CONFLICT IGNORE);", id="sqlite-on-conflict"),
])
def test_other_dialects_column_options_lose_no_table(dialect: str, text: str) -> None:
    result, raw = extract_sql(text, "schema.sql", dialect)
    assert result.errors == []
    assert ("p", "email", 2) in {(f.container, f.name, f.location.line) for f in raw}


def test_a_mysql_spatial_column_keeps_its_type() -> None:
    _, raw = extract_sql("CREATE TABLE p (id int, home point NOT NULL SRID 4326);", "schema.sql", "mysql")
    assert {f.name: f.evidence for f in raw}["home"] == "home GEOMETRY(POINT)"
