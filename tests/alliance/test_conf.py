"""Every ALLIANCE_* setting is declared in alliance/conf.py and checked at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from alliance import conf
from alliance.conf import check_settings


def _ids(errors) -> list[str]:
    return [error.id for error in errors]


def test_the_defaults_pass_the_check():
    assert check_settings() == []


def test_the_check_runs_with_manage_py_check(settings):
    settings.ALLIANCE_ARREARS_CEILING = 3
    with pytest.raises(SystemCheckError, match="ALLIANCE_ARREARS_CEILING"):
        call_command("check")


def test_a_mistyped_setting_name_is_an_error(settings):
    settings.ALLIANCE_ARREARS_CELING = True
    errors = check_settings()
    assert _ids(errors) == ["alliance.E002"]
    assert "ALLIANCE_ARREARS_CELING" in errors[0].msg


def test_a_renamed_setting_names_its_new_name(settings):
    settings.ALLIANCE_APPLY_RATE = "2/h"
    (error,) = check_settings()
    assert "ALLIANCE_MEMBERS_APPLY_RATE" in error.hint


def test_an_unknown_environment_variable_is_an_error(monkeypatch):
    monkeypatch.setenv("ALLIANCE_OUTBOX_BATCH", "10")
    errors = check_settings()
    assert _ids(errors) == ["alliance.E002"]
    assert "environment variable ALLIANCE_OUTBOX_BATCH" in errors[0].msg


def test_the_var_dir_variable_is_known(monkeypatch, tmp_path):
    monkeypatch.setenv("ALLIANCE_VAR_DIR", str(tmp_path))
    assert check_settings() == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ALLIANCE_DUES_JOINING_LATE_FRACTION", "1.5"),
        ("ALLIANCE_DUES_JOINING_LATE_FRACTION", "half"),
        ("ALLIANCE_DUES_CLOSING_DATE", (2, 30)),
        ("ALLIANCE_DUES_REMINDER_STAGES", (("closing", 0), ("closing", 7))),
        ("ALLIANCE_DUES_CURRENCY", "dollars"),
        ("ALLIANCE_MEETINGS_TERM_YEARS", 0),
        ("ALLIANCE_SECRETARIAT_BRIEFING_PERIOD_MONTHS", 5),
        ("ALLIANCE_SECRETARIAT_DOCUMENT_NUMBER_PATTERN", "ISA-{yeer}-{seq}"),
        ("ALLIANCE_OUTBOX_MAX_ATTEMPTS", "six"),
        ("ALLIANCE_MEMBERS_APPLY_RATE", "five an hour"),
    ],
)
def test_an_unusable_value_is_an_error(settings, name, value):
    setattr(settings, name, value)
    errors = check_settings()
    assert _ids(errors) == ["alliance.E001"]
    assert name in errors[0].msg


def test_a_bad_value_also_fails_where_it_is_read(settings):
    settings.ALLIANCE_SECRETARIAT_BRIEFING_PERIOD_MONTHS = 5
    from secretariat import conf as secretariat_conf

    with pytest.raises(ImproperlyConfigured, match="must divide 12"):
        secretariat_conf.briefing_period_months()


def test_a_setting_reads_its_declared_default_when_unset(settings):
    del settings.ALLIANCE_OUTBOX_BATCH_SIZE
    assert conf.OUTBOX_BATCH_SIZE.value() == conf.OUTBOX_BATCH_SIZE.default == 200


def test_every_setting_is_declared_with_the_alliance_prefix_and_an_app_or_project_name():
    apps = {"MEMBERS", "MEETINGS", "DUES", "SECRETARIAT"}
    project = {"LOGIN", "MAX", "OUTBOX", "SUBMISSION"}
    for name in conf.SETTINGS:
        assert name.startswith("ALLIANCE_")
        assert name.split("_")[1] in apps | project, name


def test_the_environment_overrides_a_default(monkeypatch):
    import environ

    monkeypatch.setenv("ALLIANCE_OUTBOX_BATCH_SIZE", "50")
    values = conf.from_environment(environ.Env())
    assert values["ALLIANCE_OUTBOX_BATCH_SIZE"] == 50
    assert values["ALLIANCE_MEMBERS_APPLY_RATE"] == "5/h"
