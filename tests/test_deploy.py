"""The deployment files (deploy/) hold together: the KubeRay RayCluster and the docker-compose
cluster use the project's image, open Ray's ports, bound each pod's resources and keep every
process offline and on the same database and pseudonymisation key."""
from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _env(container: dict) -> dict:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container.get("env", [])}


def _ray_version() -> str:
    text = (REPO / "pyproject.toml").read_text()
    return text.split('"ray[data]==', 1)[1].split('"', 1)[0]


def test_the_raycluster_manifest_runs_the_project_image_with_ray_offline():
    manifest = yaml.safe_load((REPO / "deploy" / "raycluster.yaml").read_text())
    assert manifest["apiVersion"] == "ray.io/v1" and manifest["kind"] == "RayCluster"
    spec = manifest["spec"]
    assert spec["rayVersion"] == _ray_version()
    head = spec["headGroupSpec"]["template"]["spec"]["containers"][0]
    workers = [group["template"]["spec"]["containers"][0] for group in spec["workerGroupSpecs"]]
    assert {p["containerPort"] for p in head["ports"]} >= {6379, 8265, 10001}
    assert spec["headGroupSpec"]["rayStartParams"]["num-cpus"] == "0"
    for group in spec["workerGroupSpecs"]:
        assert 1 <= group["minReplicas"] <= group["replicas"] <= group["maxReplicas"]
    for container in [head, *workers]:
        assert container["image"] == head["image"] and "voc-engine" in container["image"]
        env = _env(container)
        assert OFFLINE.items() <= env.items()
        assert env["VOC_DATABASE_URL"]["secretKeyRef"]["key"] == "database-url"
        assert env["VOC_PSEUDONYM_KEY"]["secretKeyRef"]["key"] == "pseudonym-key"
        resources = container["resources"]
        assert resources["requests"] == resources["limits"]  # Ray counts the CPUs it is given
        assert set(resources["limits"]) == {"cpu", "memory"}


def test_the_compose_cluster_builds_the_dockerfile_with_ray_next_to_postgres():
    compose = yaml.safe_load((REPO / "deploy" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "ray-head", "ray-worker"}
    head, worker = services["ray-head"], services["ray-worker"]
    assert (REPO / "deploy" / head["build"]["context"] / "Dockerfile").is_file()
    assert head["build"]["args"]["EXTRAS"] == "ray"
    assert worker["image"] == head["image"]
    assert "--head" in head["command"][-1] and "--address=ray-head:6379" in worker["command"][-1]
    assert {"127.0.0.1:8265:8265", "127.0.0.1:10001:10001"} <= set(head["ports"])
    assert worker["deploy"]["resources"]["limits"]["cpus"] == "2"
    assert "--num-cpus=2" in worker["command"][-1]
    for service in (head, worker):
        env = service["environment"]
        assert OFFLINE.items() <= env.items()
        assert env["VOC_DATABASE_URL"].startswith("postgresql+psycopg2://") and "@postgres:5432/" in env["VOC_DATABASE_URL"]
        assert env["VOC_PSEUDONYM_KEY"]
    assert head["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])


def test_the_dockerfile_installs_the_extras_it_is_given():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert 'ARG EXTRAS=""' in dockerfile and '".${EXTRAS:+[$EXTRAS]}"' in dockerfile
