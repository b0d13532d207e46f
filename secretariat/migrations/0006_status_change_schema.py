"""Give the document and activity histories the one status-change schema (alliance.status):
renamed to *StatusChange with changed_by / changed_at, rows kept."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("secretariat", "0005_document_list_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="DocumentTransition", new_name="DocumentStatusChange"),
        migrations.RenameField(model_name="documentstatuschange", old_name="by", new_name="changed_by"),
        migrations.RenameField(model_name="documentstatuschange", old_name="at", new_name="changed_at"),
        migrations.AlterModelOptions(
            name="documentstatuschange",
            options={
                "ordering": ["changed_at", "id"],
                "verbose_name": "document status change",
                "verbose_name_plural": "document status changes",
            },
        ),
        migrations.AlterField(
            model_name="documentstatuschange",
            name="document",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="status_changes",
                to="secretariat.document",
                verbose_name="document",
            ),
        ),
        migrations.AlterField(
            model_name="documentstatuschange",
            name="changed_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="changed by",
            ),
        ),
        migrations.AlterField(
            model_name="documentstatuschange",
            name="changed_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="changed at"),
        ),
        migrations.RenameModel(old_name="ActivityTransition", new_name="ActivityStatusChange"),
        migrations.RenameField(model_name="activitystatuschange", old_name="by", new_name="changed_by"),
        migrations.RenameField(model_name="activitystatuschange", old_name="at", new_name="changed_at"),
        migrations.AlterModelOptions(
            name="activitystatuschange",
            options={
                "ordering": ["changed_at", "id"],
                "verbose_name": "activity status change",
                "verbose_name_plural": "activity status changes",
            },
        ),
        migrations.AlterField(
            model_name="activitystatuschange",
            name="activity",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="status_changes",
                to="secretariat.activity",
                verbose_name="activity",
            ),
        ),
        migrations.AlterField(
            model_name="activitystatuschange",
            name="changed_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="changed by",
            ),
        ),
        migrations.AlterField(
            model_name="activitystatuschange",
            name="changed_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="changed at"),
        ),
    ]
