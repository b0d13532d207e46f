"""The deployment files say what the README promises (issue 10 §5, §6)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_migrations_run_once_per_deploy_before_web_worker_and_beat():
    services = compose()

    assert services["migrate"]["command"] == "python manage.py migrate --noinput"
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert "migrate" not in str(services[name]["command"]), name
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_the_image_and_ci_build_with_the_same_script():
    dockerfile = (ROOT / "Dockerfile").read_text()
    ci = (ROOT / ".ci" / "run").read_text()

    assert "RUN bin/build" in dockerfile
    assert "DEBUG=True" not in dockerfile
    assert "\nbin/build\n" in ci
    assert "DEBUG=False" in (ROOT / "bin" / "build").read_text()


def test_web_runs_gunicorn_with_the_shared_configuration():
    services = compose()

    assert services["web"]["command"] == "gunicorn alliance.wsgi"
    assert 'CMD ["gunicorn", "alliance.wsgi"]' in (ROOT / "Dockerfile").read_text()
    assert (ROOT / "gunicorn.conf.py").exists()


def test_each_gunicorn_worker_freezes_what_it_loaded_and_collects_young_objects_less_often():
    import gc
    import runpy

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    threshold = gc.get_threshold()
    try:
        config["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (10_000, 10, 10)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
