"""The five departments of the secretariat (000 §I)."""

from django.db import migrations

DEPARTMENTS = [
    ("liaison", "Liaison", "Relations with member countries and liaison offices."),
    ("development", "Development", "Recruiting members and developing the alliance's work."),
    ("membership", "Membership", "Applications, member files and member services."),
    ("public-relations", "Public Relations", "Announcements, publicity and the public site."),
    ("event-planning", "Event Planning", "Planning and running the alliance's activities."),
]


def create(apps, schema_editor):
    Department = apps.get_model("secretariat", "Department")
    for order, (code, name, description) in enumerate(DEPARTMENTS, start=1):
        Department.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("secretariat", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
