from django.db import migrations

# The two bodies of 000 §I; their rules are the defaults of DESIGN.md and can be
# changed by the secretariat.
BODIES = [
    ("GA", "Member General Assembly", [], 30),
    ("CM", "Chairman's Meeting", ["chairman_unit", "vice_chairman_unit"], 7),
]


def create_bodies(apps, schema_editor):
    Body = apps.get_model("meetings", "Body")
    for code, name, tiers, notice in BODIES:
        Body.objects.get_or_create(
            code=code, defaults={"name": name, "entitled_tiers": tiers, "min_notice_days": notice}
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(create_bodies, migrations.RunPython.noop)]
