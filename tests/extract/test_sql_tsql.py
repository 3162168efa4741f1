"""SQL Server scripts: sqlcmd's own commands and column options sqlglot does not read."""

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
