"""Indexes of the directory (issue 15): its order (name, id), the member number's exact search,
and on PostgreSQL trigram indexes for its name searches (icontains compiles to
UPPER(column) LIKE UPPER(%s), so the indexes are on UPPER(column)). SQLite keeps a plain scan."""

import django.db.models.functions.text
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEXES = {
    "member_name_trgm": "name",
    "member_native_name_trgm": "native_name",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index, column in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {index} ON members_member USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0006_status_change_comment'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='member',
            name='members_member_name_idx',
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['name', 'id'], name='member_directory_order'),
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(django.db.models.functions.text.Upper('number'), name='member_number_upper'),
        ),
        # PostgreSQL only (CreateExtension does nothing elsewhere).
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
