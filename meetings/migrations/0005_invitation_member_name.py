from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_member_names(apps, schema_editor):
    Invitation = apps.get_model("meetings", "Invitation")
    Member = apps.get_model("members", "Member")
    Invitation.objects.filter(member__isnull=False).update(
        member_name=Subquery(Member.objects.filter(pk=OuterRef("member_id")).values("name")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0004_contests'),
        ('members', '0007_directory_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalinvitation',
            name='member_name',
            field=models.CharField(blank=True, editable=False, max_length=255, verbose_name="member's name"),
        ),
        migrations.AddField(
            model_name='invitation',
            name='member_name',
            field=models.CharField(blank=True, editable=False, max_length=255, verbose_name="member's name"),
        ),
        migrations.RunPython(copy_member_names, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='invitation',
            index=models.Index(condition=models.Q(('member__isnull', False)), fields=['meeting', 'member_name', 'id'], name='invitation_sheet_order'),
        ),
    ]
