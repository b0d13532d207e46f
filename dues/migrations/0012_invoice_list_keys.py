"""The invoice list's keys in its order, on PostgreSQL (issue 15): the index of (year, number)
with each invoice's id in its leaves, so a page's keys are read from the index alone. A deep
page (OFFSET 9,975) read 10,000 invoice rows for their ids through invoice_list_order; from
this index, none. Django's Index(include=) would warn on SQLite, which keeps the plain index."""

from django.db import migrations


def create_keys_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS invoice_list_keys ON dues_invoice (year, number) INCLUDE (id)"
    )


def drop_keys_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS invoice_list_keys")


class Migration(migrations.Migration):
    dependencies = [
        ("dues", "0011_payment_list_order"),
    ]

    operations = [
        migrations.RunPython(create_keys_index, drop_keys_index, elidable=False),
    ]
