"""SQL in Python strings passed to the calls that run it contributes fields at the Python file's lines."""

from __future__ import annotations

import pytest

from scanner.inventory import FileResult


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            'def save(cur, u):\n    cur.execute("INSERT INTO users (email, phone) VALUES (%s, %s)", (u.email, u.phone))\n',
            {("users", "email", "user.contact.email", 2), ("users", "phone", "user.contact.phone_number", 2)},
            id="insert-one-line"),
        pytest.param(
            'SCHEMA = None\n\ndef setup(conn):\n    conn.executescript("""\n'
            '        CREATE TABLE patients (\n            id integer primary key,\n'
            '            date_of_birth date\n        );\n    """)\n',
            {("patients", "date_of_birth", "user.demographic.date_of_birth", 7)},
            id="create-table-multiline"),
        pytest.param(
            'from sqlalchemy import text\n\nq = text("SELECT email FROM customers WHERE id = :id")\n',
            {("customers", "email", "user.contact.email", 3)},
            id="sqlalchemy-text"),
        pytest.param(
            'class DataLayer:\n'
            '    async def execute_query(self, query, params=None):\n'
            '        return await self.pool.fetch(query, *params.values())\n\n'
            '    async def create_user(self, user):\n'
            '        query = """\n'
            '        INSERT INTO "User" (identifier, email)\n'
            '        VALUES ($1, $2)\n'
            '        """\n'
            '        return await self.execute_query(query, {"identifier": user.identifier})\n',
            {("User", "identifier", "user.unique_id", 7), ("User", "email", "user.contact.email", 7)},
            id="chainlit-variable-to-own-wrapper"),
        pytest.param(
            'async def create(connection, user):\n'
            '    sql = "INSERT INTO customer (full_name, phone) VALUES ($1, $2)"\n'
            '    return await connection.fetch(sql, user.name, user.phone)\n',
            {("customer", "full_name", "user.name", 2), ("customer", "phone", "user.contact.phone_number", 2)},
            id="variable-to-driver"),
        pytest.param(
            'async def update(self, user):\n'
            '    if user.new:\n'
            '        query = """INSERT INTO users ("identifier", "metadata") VALUES (:identifier, :metadata)"""\n'
            '        await self.execute_sql(query=query, parameters={})\n'
            '    else:\n'
            '        query = """UPDATE users SET "phone" = :phone WHERE "identifier" = :identifier"""\n'
            '        await self.execute_sql(query=query, parameters={})\n',
            # one field per column in a file: `identifier` again at line 6 is the same column; a JSON blob on a
            # person's row is their data (LABELING.md, session 12)
            {("users", "identifier", "user.unique_id", 3), ("users", "metadata", "user.content", 3),
             ("users", "phone", "user.contact.phone_number", 6)},
            id="chainlit-sqlalchemy-keyword-each-assignment"),
        pytest.param(
            'def save(cur, u):\n    cur.execute(INSERT_PATIENT, (u.dob,))\n    cur.execute(INSERT_PATIENT, (u.dob,))\n\n'
            'INSERT_PATIENT = "INSERT INTO patients (date_of_birth) VALUES (%s)"\n',
            {("patients", "date_of_birth", "user.demographic.date_of_birth", 5)},
            id="module-constant-below-run-twice-read-once"),
        pytest.param(
            'def load(db, user_id):\n    return db.run_sql("SELECT email, phone FROM members WHERE id = %s", user_id)\n',
            {("members", "email", "user.contact.email", 2), ("members", "phone", "user.contact.phone_number", 2)},
            id="literal-to-own-wrapper"),
        pytest.param(  # a wrapper named for SQL given an ALTER that adds a column (audit17 #01, sql helper's request)
            'from django.db import migrations\n\nops = [\n'
            '    migrations.RunSQL("ALTER TABLE shop_patient ADD COLUMN date_of_birth date"),\n]\n',
            {("shop_patient", "date_of_birth", "user.demographic.date_of_birth", 4)},
            id="runsql-alter-table-add-column"),
    ],
)
def test_embedded_sql_fields(scan_snippet, source: str, expected: set) -> None:
    result = scan_snippet(source)
    got = {(f.container, f.name, f.category, f.location.line) for f in result.fields if f.kind.startswith("sql")}
    assert {g for g in got if g[1] != "id"} == expected  # a person table's id is an identifier: classification policy


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('LABEL = "SELECT email FROM customers"\n', id="string-not-run"),
        pytest.param('def f(log):\n    log.info("INSERT INTO users (email) VALUES (1)")\n', id="logged-not-run"),
        pytest.param('def f(cur, sql):\n    cur.execute(sql)\n', id="not-a-literal"),
        pytest.param('def f(cur):\n    cur.execute("this is not sql at all")\n', id="not-sql"),
        # a function named for queries given plain text: a search or an API's query, not SQL
        pytest.param('def f(api):\n    api.query("update email preferences set by the user")\n', id="query-of-prose"),
        pytest.param('def f(index):\n    q = "select email from the address book"\n    return index.search_query(q)\n',
                     id="query-of-prose-in-variable"),
        pytest.param('def f(api):\n    return api.query("users")\n', id="query-of-a-name"),
        pytest.param('def f(db):\n    db.run_query("alter table settings")\n', id="alter-adding-nothing"),
        # a name that held SQL and was given something else since, or SQL a call that runs none is given
        pytest.param('def f(cur, u):\n    sql = "INSERT INTO users (email) VALUES (%s)"\n    sql = build(u)\n'
                     '    cur.execute(sql)\n', id="variable-reassigned"),
        pytest.param('def f(cur, u, statements):\n    sql = "INSERT INTO users (email) VALUES (%s)"\n'
                     '    sql, params = build(u)\n    cur.execute(sql, params)\n    for sql in statements:\n'
                     '        cur.execute(sql)\n', id="variable-unpacked-or-looped-over"),
        pytest.param('def f(log):\n    sql = "INSERT INTO users (email) VALUES (1)"\n    log.info(sql)\n',
                     id="variable-logged-not-run"),
        pytest.param('SQL = "INSERT INTO users (email) VALUES (1)"\n\ndef f(cur, SQL):\n    cur.execute(SQL)\n',
                     id="constant-shadowed-by-a-parameter"),
    ],
)
def test_strings_not_run_as_sql_are_ignored(scan_snippet, source: str) -> None:
    result = scan_snippet(source)
    assert [f for f in result.fields if f.kind.startswith("sql")] == []
    assert result.errors == []


EMAIL, PHONE = "user.contact.email", "user.contact.phone_number"


def sql_rows(result: FileResult) -> set[tuple[str, str, str, int]]:
    """(table, column, kind, line) of the SQL fields, the surrogate `id` aside; reading them raised no error."""
    assert result.errors == []
    got = {(f.container, f.name, f.kind, f.location.line) for f in result.fields if f.kind.startswith("sql")}
    return {g for g in got if g[1] != "id"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # mlflow's auth migration: three statements name user_role_assignments.user_id; it is one column
        pytest.param(
            'def migrate(conn, uid):\n'
            '    conn.execute(text("SELECT email FROM members WHERE role_id = :r AND email != :e"))\n'
            '    conn.execute(text("SELECT id FROM members WHERE email = :e"))\n'
            '    conn.execute(text("INSERT INTO members (email, phone) VALUES (:e, :p)"))\n'
            '    conn.execute(text("SELECT email FROM contacts"))\n',
            {("members", "email", "sql_query", 2), ("members", "phone", "sql_query", 4), ("contacts", "email", "sql_query", 5)},
            id="one-field-per-column-per-file"),
        pytest.param(
            'def load(cur):\n    cur.execute("SELECT email FROM users")\n\n'
            'def setup(cur):\n    cur.execute("CREATE TABLE users (email text)")\n',
            {("users", "email", "sql_table", 5)},
            id="a-definition-wins-over-a-query"),
        pytest.param(
            'class UserRepo:\n    BY_EMAIL = "SELECT phone FROM users WHERE email = %s"\n\n'
            '    def find(self, cur, email):\n        cur.execute(self.BY_EMAIL, (email,))\n',
            {("users", "phone", "sql_query", 2), ("users", "email", "sql_query", 2)},
            id="class-attribute-through-self"),
        pytest.param(
            'def find(cur, email):\n    cur.execute(Queries.BY_EMAIL, (email,))\n\n'
            'class Queries:\n    BY_EMAIL: str = "SELECT phone FROM users WHERE email = %s"\n',
            {("users", "phone", "sql_query", 5), ("users", "email", "sql_query", 5)},
            id="class-attribute-through-its-class"),
        pytest.param(
            'def find(cur, cols, schema, email):\n'
            '    cur.execute(f"SELECT {cols}, phone FROM {schema}.users WHERE email = %s", (email,))\n',
            {("users", "phone", "sql_query", 2), ("users", "email", "sql_query", 2)},
            id="f-string-literal-parts"),
        pytest.param(
            'def find(cur, table, email):\n'
            '    sql = f"""\n        SELECT phone\n        FROM {table}\n        WHERE email = %s\n    """\n'
            '    cur.execute(sql, (email,))\n',
            {("", "phone", "sql_query", 3), ("", "email", "sql_query", 5)},
            id="f-string-table-placeholder-in-a-variable"),
        pytest.param(
            'def find(cur, cols, uid):\n'
            '    cur.execute("SELECT {}, phone FROM users WHERE id = {{x}}".format(cols))\n'
            '    cur.execute("SELECT email FROM members WHERE id = %s" % uid)\n',
            {("users", "phone", "sql_query", 2), ("members", "email", "sql_query", 3)},
            id="format-and-percent"),
        # schemachange: an f-string held in a variable, run through dedent(); a held template's .format(); .strip()
        pytest.param(
            'from textwrap import dedent\n\nclass Session:\n    def record(self, table, user):\n'
            '        query = f"""\\\n            INSERT INTO {table} (\n                INSTALLED_BY,\n                EMAIL\n'
            '            ) VALUES (%s, %s)\n        """\n        self.execute_snowflake_query(dedent(query), user)\n',
            {("", "INSTALLED_BY", "sql_query", 7), ("", "EMAIL", "sql_query", 8)},
            id="dedent-of-an-f-string-variable"),
        pytest.param(
            'SQL = "SELECT phone FROM {table} WHERE email = %s"\n\ndef find(cur, t, e):\n'
            '    cur.execute(SQL.format(table=t).strip(), (e,))\n    cur.execute(SQL.strip())\n',
            {("", "phone", "sql_query", 1), ("", "email", "sql_query", 1)},
            id="format-of-a-held-template"),
        # %-formatting: %s and %(name)s are the template's fields, %%s the driver's parameter left after it
        pytest.param(
            'def find(cur, table, e):\n'
            '    cur.execute("SELECT phone FROM %s WHERE email = %%s" % table, (e,))\n'
            '    cur.execute("SELECT %(cols)s, birth_date FROM %(schema)s.members" % {"cols": "a", "schema": "s"})\n',
            {("", "phone", "sql_query", 2), ("", "email", "sql_query", 2), ("members", "birth_date", "sql_query", 3)},
            id="percent-fields-are-placeholders"),
        # a table rebuilt under a temporary name (mautrix, synapse, Airflow's SQLite migrations) is the final table
        pytest.param(
            'async def upgrade_v13(conn):\n'
            '    await conn.execute("""CREATE TABLE new_contact (\n        email TEXT,\n        phone TEXT\n    )""")\n'
            '    await conn.execute("INSERT INTO new_contact (email, phone) SELECT email, phone FROM contact")\n'
            '    await conn.execute("DROP TABLE contact")\n'
            '    await conn.execute("ALTER TABLE new_contact RENAME TO contact")\n',
            {("contact", "email", "sql_table", 3), ("contact", "phone", "sql_table", 4)},
            id="rebuilt-table-takes-its-final-name"),
        # a rename of a table the file does not create moves nothing
        pytest.param(
            'def migrate(cur):\n    cur.execute("SELECT email FROM users")\n    cur.execute("ALTER TABLE users RENAME TO members")\n',
            {("users", "email", "sql_query", 2)},
            id="rename-of-another-files-table"),
        # Django's RunSQL takes a list of statements; reverse_sql undoes them and is not read
        pytest.param(
            'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = [\n'
            '        migrations.RunSQL(\n            sql=["CREATE TABLE legacy (email varchar(254))",\n'
            '                 "INSERT INTO legacy (email) SELECT email FROM members"],\n'
            '            reverse_sql=["CREATE TABLE gone (phone text)"],\n        ),\n    ]\n',
            {("legacy", "email", "sql_table", 6), ("members", "email", "sql_query", 7)},
            id="runsql-list"),
    ],
)
def test_embedded_sql_across_strings(scan_snippet, source: str, expected: set) -> None:
    assert sql_rows(scan_snippet(source)) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('class Labels:\n    HELP = "SELECT email FROM customers"\n', id="class-attribute-not-run"),
        pytest.param('class Repo:\n    def __init__(self, sql):\n        self.sql = sql\n\n'
                     '    def run(self, cur):\n        cur.execute(self.sql)\n', id="instance-attribute-from-a-parameter"),
        pytest.param('class A:\n    Q = "SELECT email FROM users"\n\nclass B:\n    def run(self, cur):\n'
                     '        cur.execute(self.Q)\n', id="another-class-attribute"),
        pytest.param('def f(cur, col):\n    cur.execute(f"SELECT {col} FROM users")\n', id="f-string-column-placeholder"),
        pytest.param('def f(log, email):\n    log.info(f"SELECT email FROM users WHERE email = {email}")\n',
                     id="f-string-logged-not-run"),
        pytest.param('from textwrap import dedent\n\ndef f(cur, sql):\n    cur.execute(dedent(sql).strip())\n',
                     id="dedent-of-a-parameter"),
        pytest.param('def f(cur, q):\n    cur.execute(q.format(table="users"))\n', id="format-of-a-parameter"),
    ],
)
def test_formatted_or_class_strings_not_run_as_sql_give_nothing(scan_snippet, source: str) -> None:
    result = scan_snippet(source)
    assert [f for f in result.fields if f.kind.startswith("sql")] == []
    assert result.errors == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # isso: a static method returns the table's f-string; the caller names the table
        pytest.param(
            'class Comments:\n    @staticmethod\n    def create_table_query(table_name):\n'
            '        return f"""\n            CREATE TABLE IF NOT EXISTS {table_name} (\n'
            '                remote_addr VARCHAR,\n                email VARCHAR\n            );\n        """\n\n'
            '    def __init__(self, db):\n        db.execute(Comments.create_table_query("comments"))\n',
            {("comments", "remote_addr", "sql_table", 6), ("comments", "email", "sql_table", 7)},
            id="static-builder-with-a-literal-table"),
        pytest.param(
            'def insert_sql(table, *, schema="public"):\n    """The INSERT for one table."""\n'
            '    return f"INSERT INTO {schema}.{table} (email, phone) VALUES (%s, %s)"\n\n'
            'def save(cur, u):\n    cur.execute(insert_sql("members"), (u.email, u.phone))\n'
            '    cur.execute(insert_sql(table="leads"), (u.email, u.phone))\n',
            {("members", "email", "sql_query", 3), ("members", "phone", "sql_query", 3),
             ("leads", "email", "sql_query", 3), ("leads", "phone", "sql_query", 3)},
            id="module-builder-called-for-two-tables"),
        pytest.param(
            'class Repo:\n    def select(self):\n        return "SELECT phone FROM users WHERE email = %s"\n\n'
            '    def find(self, cur, e):\n        cur.execute(self.select(), (e,))\n',
            {("users", "phone", "sql_query", 3), ("users", "email", "sql_query", 3)},
            id="method-builder-through-self"),
        # a name the call does not give as a literal stays a hole: columns without a table
        pytest.param(
            'def q(table):\n    return f"SELECT phone FROM {table}"\n\ndef f(cur, t):\n    cur.execute(q(t))\n',
            {("", "phone", "sql_query", 2)},
            id="builder-with-a-variable-table"),
    ],
)
def test_statements_built_by_a_function_of_the_file(scan_snippet, source: str, expected: set) -> None:
    assert sql_rows(scan_snippet(source)) == expected


@pytest.mark.parametrize(
    "source",
    [
        # a builder that is never run, and a function that does more than return a string, give nothing
        pytest.param('def q(table):\n    return f"SELECT email FROM {table}"\n\ndef f(log):\n    log.info(q("users"))\n',
                     id="builder-not-run"),
        pytest.param('def q(table):\n    s = f"SELECT email FROM {table}"\n    return s.lower()\n\n'
                     'def f(cur):\n    cur.execute(q("users"))\n', id="not-a-bare-return"),
    ],
)
def test_builders_not_run_or_not_plain_give_nothing(scan_snippet, source: str) -> None:
    result = scan_snippet(source)
    assert [f for f in result.fields if f.kind.startswith("sql")] == []


_REVISION = (
    'import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "0002"\ndown_revision = "0001"\n\n\n'
    'def upgrade():\n'
    '    op.execute("UPDATE members SET email = lower(email) WHERE phone IS NULL")\n'
    '    op.execute("CREATE TABLE legacy_contacts (fax text)")\n')


def test_a_data_migrations_queries_are_no_collection_but_its_ddl_is(scan_project) -> None:
    # fides: 26 UPDATE/INSERT/DELETE rows of Alembic data migrations were reported beside the models they touch; the
    # DDL is the revision's history, replayed with the others (test_py_migration_sql_history)
    results = scan_project({"app/migrations/versions/0002_lowercase.py": _REVISION})
    got = {(f.container, f.name, f.kind) for r in results for f in r.fields}
    assert got == {("legacy_contacts", "fax", "migration")}


@pytest.mark.parametrize("name", ["app/jobs.py", "app/versions/lowercase.py"])
def test_the_same_statements_outside_a_migration_are_read(scan_snippet, name: str) -> None:
    source = _REVISION.replace("from alembic import op", "from app.db import op") if "versions" in name else _REVISION
    result = scan_snippet(source, name=name)
    got = {(f.container, f.name) for f in result.fields if f.kind.startswith("sql")}
    assert got == {("members", "email"), ("members", "phone"), ("legacy_contacts", "fax")}


def test_mysql_statements_with_backquoted_names_are_read_not_dropped(scan_snippet) -> None:
    # LinkedIn iris-style MySQL: PostgreSQL, the default, cannot read backquoted names (a CREATE became an opaque
    # command, an INSERT an error), so these strings gave nothing and said nothing; pymysql's `%s` parameters stay
    # values. A method of a call's result (`conn.cursor().execute`) runs SQL too.
    result = scan_snippet(
        'def add(conn, destination):\n'
        '    cursor = conn.cursor()\n'
        '    cursor.execute("INSERT INTO `incident_emails` (`email`, `plan_name`) VALUES (%s, %s)", (destination, "p"))\n'
        '    cursor.execute("CREATE TABLE `contacts` (`id` bigint, `phone` varchar(32)) ENGINE=InnoDB")\n'
        '    cursor.execute("INSERT INTO members (fax) VALUES (%(fax)s) ON DUPLICATE KEY UPDATE `active` = TRUE", {})\n'
        '    conn.cursor().execute("INSERT INTO users (email) VALUES (%s)", ("a",))\n'
        '    log.info("copy `contacts` (`phone`) later")\n')
    assert sql_rows(result) == {("incident_emails", "email", "sql_query", 3), ("contacts", "phone", "sql_table", 4),
                                ("members", "fax", "sql_query", 5), ("users", "email", "sql_query", 6)}


_TSQL = (
    'def setup(cursor):\n'
    '    cursor.execute("CREATE TABLE [dbo].[Patients] ([Email] nvarchar(100), [Phone] nvarchar(20))")\n'
    '    cursor.execute("SELECT TOP 10 fax FROM members")\n')


def test_sql_in_strings_is_read_in_the_configured_dialect(rules) -> None:
    # `--dialect tsql` (or `dialect = "tsql"`): PostgreSQL, the default, reads neither bracketed names nor TOP
    from scanner.extract.python import extract_python

    _, raw = extract_python(_TSQL, "app/db.py", rules.classifier, rules.catalogue, dialect="tsql")
    assert {(r.container, r.name, r.kind, r.location.line) for r in raw if r.kind.startswith("sql")} == {
        ("dbo.Patients", "Email", "sql_table", 2), ("dbo.Patients", "Phone", "sql_table", 2),
        ("members", "fax", "sql_query", 3)}


def test_without_a_configured_dialect_strings_are_read_as_before(rules) -> None:
    from scanner.extract.python import extract_python

    _, raw = extract_python(_TSQL, "app/db.py", rules.classifier, rules.catalogue)
    assert [r for r in raw if r.kind.startswith("sql")] == []


def test_a_migrations_sql_is_read_in_the_configured_dialect(rules) -> None:
    # T-SQL's bracketed names in an Alembic revision's SQL: the dropped column leaves the replay
    from scanner.extract.py_migrations import DEFERRED_KEY
    from scanner.extract.python import extract_python

    source = ('from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n'
              '    op.execute("ALTER TABLE [dbo].[members] DROP COLUMN [fax]")\n')
    result, _ = extract_python(source, "alembic/versions/b2.py", rules.classifier, rules.catalogue, dialect="tsql")
    ops = [(op.op, op.container, op.name) for f in result.deferred.get(DEFERRED_KEY, ()) for op in f.ops]
    assert ops == [("remove", "members", "fax")]


def _project_rows(tmp_path, rules, files: dict[str, str]) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """The (file, container, name) of every field the scan and its project pass report for these files."""
    import textwrap

    from scanner.config import Config
    from scanner.discover import Source, kind_of
    from scanner.extract.project import finalize
    from scanner.scan import scan_file

    results = []
    for name, body in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        results.append(scan_file(Source(name, path, kind_of(name) or "python"), rules))
    return {(f.location.path, f.container, f.name) for r in finalize(results, rules, Config(root=tmp_path))
            for f in r.fields}


def test_a_query_on_a_table_the_projects_sql_creates_is_no_second_row(tmp_path, rules) -> None:
    # audit16 #03 (kinto's user_principals): schema.sql creates the columns, store.py's queries name them again
    files = {
        "sql/schema.sql": "CREATE TABLE members (\n    id integer primary key,\n    email text,\n    phone_number text\n);\n",
        "store.py": """
            from sqlalchemy import text

            def add(conn, email, phone):
                conn.execute(text("INSERT INTO members (email, phone_number, nickname) VALUES (:e, :p, :n)"))
            """,
    }
    rows = _project_rows(tmp_path, rules, files)
    assert {("sql/schema.sql", "members", "email"), ("sql/schema.sql", "members", "phone_number")} <= rows
    assert {r for r in rows if r[0] == "store.py" and r[2] in ("email", "phone_number")} == set()
    assert ("store.py", "members", "nickname") in rows  # a column the DDL does not create stays the query's


def test_a_query_on_a_table_a_python_migration_creates_is_no_second_row(tmp_path, rules) -> None:
    # sql helper's request (maubot's upgrade tables): v01.py's CREATE TABLE creates the columns, client.py's INSERT
    # names them again; a column the DDL does not create (homeserver) stays the query's, the DDL's rows stay
    files = {
        "app/db/upgrade/v01.py": '''
            async def upgrade_v1(conn):
                await conn.execute("""CREATE TABLE client (
                    id TEXT PRIMARY KEY, access_token TEXT NOT NULL, displayname TEXT NOT NULL, email TEXT
                )""")
            ''',
        "app/db/client.py": """
            async def insert(db, values):
                q = "INSERT INTO client (id, email, homeserver_email) VALUES ($1, $2, $3)"
                await db.execute(q, *values)
            """,
    }
    rows = _project_rows(tmp_path, rules, files)
    assert ("app/db/upgrade/v01.py", "client", "email") in rows
    assert ("app/db/client.py", "client", "email") not in rows
    assert ("app/db/client.py", "client", "homeserver_email") in rows


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # audit18 #09: the table placeholder names the table through a helper of the file given a literal,
        # or through a class constant handed to it
        pytest.param(
            'class Handler:\n    TABLE_NAME = "users"\n\n    def _get_table_name(self, base_name):\n'
            '        return f"{self.project}.{base_name}"\n\n    def create(self, db):\n'
            '        db.execute_query(f"CREATE TABLE IF NOT EXISTS {self._get_table_name(Handler.TABLE_NAME)} '
            '(email TEXT, bio TEXT)")\n'
            '        db.execute_query(f"CREATE TABLE {self._get_table_name(\'messages\')} (content JSONB)")\n',
            {("users", "email", "sql_table", 8), ("users", "bio", "sql_table", 8),
             ("messages", "content", "sql_table", 9)},
            id="builder-call-in-the-placeholder"),
        pytest.param(
            'TABLE = "members"\n\nclass Repo:\n    TABLE = "accounts"\n\n    def f(self, cur):\n'
            '        cur.execute(f"SELECT phone FROM {TABLE}")\n        cur.execute(f"SELECT email FROM {self.TABLE}")\n',
            {("members", "phone", "sql_query", 7), ("accounts", "email", "sql_query", 8)},
            id="constants-in-the-placeholder"),
        pytest.param(
            'from app.db import table_name\n\ndef f(cur):\n    cur.execute(f"SELECT phone FROM {table_name(\'users\')}")\n',
            {("users", "phone", "sql_query", 4)},
            id="a-table-name-function-given-a-literal"),
    ],
)
def test_a_placeholder_the_file_names_is_that_name(scan_snippet, source: str, expected: set) -> None:
    assert sql_rows(scan_snippet(source)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # what the file does not say stays a hole: another function's call, a non-name string, `!r`, a builder's
        # own parameter (never the caller's variable of that name), a function not named for tables
        pytest.param('from x import pick\n\ndef f(cur):\n    cur.execute(f"SELECT phone FROM {pick(\'users\')}")\n',
                     {("", "phone", "sql_query", 4)}, id="unknown-function"),
        pytest.param('COLS = "email, phone"\n\ndef f(cur):\n    cur.execute(f"SELECT {COLS} FROM users")\n',
                     set(), id="constant-not-a-name"),
        pytest.param('T = "users"\n\ndef f(cur):\n    cur.execute(f"SELECT phone FROM {T!r}")\n',
                     {("", "phone", "sql_query", 4)}, id="repr-conversion"),
        pytest.param('def q(table):\n    return f"SELECT phone FROM {table}"\n\n'
                     'def f(cur, t):\n    table = "users"\n    cur.execute(q(t))\n',
                     {("", "phone", "sql_query", 2)}, id="builder-parameter-not-read-from-the-caller"),
    ],
)
def test_a_placeholder_the_file_does_not_name_stays_a_hole(scan_snippet, source: str, expected: set) -> None:
    assert sql_rows(scan_snippet(source)) == expected
