"""What the CI workflows and scripts/deploy.sh do, read from the files a province copies:
the GitHub workflow and the GitLab pipeline (scheduled rebuilds, which runs deploy, lean
checkouts, previews, their addresses and their removal, the check reported where the author of a pull or
merge request looks, the web editor's drafts included), and deploys that send only what changed (S3 by
content hash against the bucket's manifest, rsync by the record of its last deploy kept beside the
site, both planned by scripts/deploy_plan.py; rsync's full copy by size and time, which the
incremental build keeps)."""
from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from .conftest import BASE_DATA, REPO

DEPLOY = REPO / "scripts" / "deploy.sh"
GITHUB = REPO / ".github" / "workflows" / "publish.yml"
GITLAB = REPO / ".gitlab-ci.yml"


def github() -> dict:
    return yaml.safe_load(GITHUB.read_text(encoding="utf-8"))


def github_triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean true
    return workflow.get("on", workflow.get(True))


def gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def all_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def script_lines(job: dict, config: dict) -> list[str]:
    lines = []
    for part in ("before_script", "script"):
        value = job.get(part, config.get("default", {}).get(part, []))
        lines += value if isinstance(value, list) else [value]
    return [str(line) for line in lines]


# --- GitHub Actions -----------------------------------------------------------------------------


def test_github_rebuilds_daily_and_deploys_by_branch_not_by_event():
    workflow = github()
    on = github_triggers(workflow)
    assert on["schedule"] and on["schedule"][0]["cron"].split()[0:2] == ["15", "17"]  # 00:15 in Vietnam
    assert "workflow_dispatch" in on
    # one build per commit: pushes build the default branch, pull requests the others
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    build = workflow["jobs"]["build"]
    mode = next(step for step in build["steps"] if step.get("id") == "mode")
    # production whenever the run is on the default branch, whatever started it
    assert "DEFAULT_BRANCH" in mode["run"] and "schedule" in mode["run"]
    assert "event_name == 'push'" not in GITHUB.read_text(encoding="utf-8")
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "needs.build.outputs.mode == 'production'"
    publish = [step for step in build["steps"] if "scripts/publish.sh" in step.get("run", "")]
    assert len(publish) == 1 and "${{ steps.mode.outputs.mode }}" in publish[0]["run"]


def test_github_mode_step_picks_production_on_the_default_branch_only(tmp_path):
    """The mode step's shell, run for each trigger: schedule, manual run and push on main
    deploy; a manual run on another branch and a pull request preview."""
    mode = next(step for step in github()["jobs"]["build"]["steps"] if step.get("id") == "mode")
    cases = {("schedule", "refs/heads/main"): "production", ("workflow_dispatch", "refs/heads/main"): "production",
             ("push", "refs/heads/main"): "production", ("workflow_dispatch", "refs/heads/thu"): "preview",
             ("pull_request", "refs/pull/7/merge"): "preview"}
    for (event, ref), expected in cases.items():
        out = tmp_path / "out"
        out.write_text("")
        env = {**os.environ, "GITHUB_OUTPUT": str(out)}
        env.update({key: value.replace("${{ github.event_name }}", event).replace("${{ github.ref }}", ref)
                    .replace("${{ github.event.repository.default_branch }}", "main")
                    for key, value in mode["env"].items()})
        subprocess.run(["bash", "-c", mode["run"]], env=env, check=True, capture_output=True)
        assert f"mode={expected}" in out.read_text().splitlines(), (event, ref)


def test_github_checkout_is_shallow_and_nothing_is_installed_with_apt():
    workflow = github()
    checkouts = [step for step in all_steps(workflow) if str(step.get("uses", "")).startswith("actions/checkout")]
    assert checkouts and all(step.get("with", {}).get("fetch-depth", 1) == 1 for step in checkouts)
    assert not any("apt" in step.get("run", "") for step in all_steps(workflow))


def test_github_keeps_the_last_site_and_cache_for_an_incremental_build():
    steps = github()["jobs"]["build"]["steps"]
    cache = next(step for step in steps if str(step.get("uses", "")).startswith("actions/cache"))
    paths = cache["with"]["path"].split()
    assert "_site" in paths and ".cache" in paths
    # production and previews keep separate sites (drafts), each restoring the closest earlier one
    assert "steps.mode.outputs.mode" in cache["with"]["key"] and "github.run_id" in cache["with"]["key"]
    assert "steps.mode.outputs.mode" in cache["with"]["restore-keys"]


def test_github_preview_says_preview_gives_an_address_and_is_removed_with_its_branch():
    workflow = github()
    on = github_triggers(workflow)
    assert "delete" in on
    steps = workflow["jobs"]["build"]["steps"]
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["if"] == "steps.mode.outputs.mode == 'preview'"
    announce = next(step for step in steps if "artifact-url" in step.get("run", "") + str(step.get("env", "")))
    assert "BẢN XEM TRƯỚC" in announce["run"] and "ĐÃ ĐĂNG" not in announce["run"]
    assert "http://localhost:8000/" in announce["run"]  # the artifact works served, not from disk
    remove = workflow["jobs"]["remove-preview"]
    assert "github.event_name == 'delete'" in remove["if"]
    assert remove["permissions"]["actions"] == "write"
    assert "DELETE" in "".join(step.get("run", "") for step in remove["steps"])
    # the build never runs for a deleted branch
    assert "github.event_name != 'delete'" in workflow["jobs"]["build"]["if"]


def step(job: dict, name: str) -> dict:
    return next(s for s in job["steps"] if s.get("name") == name)


def run_step(run: str, env: dict, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """A step's shell as the runner runs it (bash -e), with the step's `env` given by the test."""
    proc = subprocess.run(["bash", "-e", "-c", run], cwd=cwd, capture_output=True, text=True, env={**os.environ, **env})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_github_previews_every_pull_request_the_web_editors_drafts_included(tmp_path):
    """Decap's editorial workflow opens a pull request from cms/<collection>/<slug>: nothing
    filters it out, and its preview is named by the folder rule of scripts/hooks/branch-folder.sh."""
    workflow = github()
    on = github_triggers(workflow)
    assert not (on["pull_request"] or {}).get("branches") and not (on["pull_request"] or {}).get("paths")
    assert "branches-ignore" not in (on["pull_request"] or {}) and "paths-ignore" not in (on["pull_request"] or {})
    name = step(workflow["jobs"]["build"], "Name the preview")
    out = tmp_path / "out"
    out.write_text("")
    run_step(name["run"], {"BRANCH": "cms/messages/thong-diep-1", "GITHUB_OUTPUT": str(out)})
    folder = subprocess.run([str(REPO / "scripts/hooks/branch-folder.sh"), "cms/messages/thong-diep-1"],
                            capture_output=True, text=True, check=True).stdout
    assert out.read_text().splitlines() == [f"name=xem-truoc-{folder}"]
    assert folder.startswith("cms-messages-thong-diep-1-")


def test_github_pull_request_shows_the_preview_address_and_the_run_summary_says_how_to_open_it(tmp_path):
    workflow = github()
    build = workflow["jobs"]["build"]
    assert build["outputs"]["preview-url"] == "${{ steps.upload.outputs.artifact-url }}"
    preview = workflow["jobs"]["preview"]
    assert preview["needs"] == "build" and preview["if"] == "needs.build.outputs.mode == 'preview'"
    assert preview["environment"] == {"name": "xem-truoc", "url": "${{ needs.build.outputs.preview-url }}"}
    announce = step(build, "Say where the preview is")
    summary = tmp_path / "summary.md"
    url = "https://github.com/so/cong-thi-dua/actions/runs/1/artifacts/2"
    proc = run_step(announce["run"], {"URL": url, "NAME": "xem-truoc-thu-nghiem", "GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### BẢN XEM TRƯỚC (chưa đăng)") and f"[xem-truoc-thu-nghiem]({url})" in text
    assert "python3 -m http.server 8000 --directory xem-truoc-thu-nghiem" in text
    assert proc.stdout.strip() == f"BẢN XEM TRƯỚC (chưa đăng): {url}"


def test_the_web_editor_finds_the_preview_link_of_a_draft_on_github(tmp_path):
    """Decap CMS shows beside a draft the target of the commit status of the draft branch's
    head whose name holds "deploy" (its default, without preview_context): the GitHub preview
    job writes such a status, linking to the preview (docs/web-editor.md says why GitLab has none)."""
    job = github()["jobs"]["preview"]
    assert job["permissions"] == {"statuses": "write"}
    (only,) = job["steps"]
    bin_dir, calls = tmp_path / "bin", tmp_path / "gh-calls"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{calls}"\n', encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    url = "https://github.com/so/cong-thi-dua/actions/runs/1/artifacts/2"
    run_step(only["run"], {"URL": url, "SHA": "abc123", "GITHUB_REPOSITORY": "so/cong-thi-dua",
                           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    args = calls.read_text(encoding="utf-8").splitlines()
    assert "repos/so/cong-thi-dua/statuses/abc123" in args and f"target_url={url}" in args
    context = next(arg.split("=", 1)[1] for arg in args if arg.startswith("context="))
    assert "deploy" in context and "state=success" in args
    assert only["env"]["SHA"].startswith("${{ github.event.pull_request.head.sha")  # the branch's commit, not the merge


# --- GitLab CI ----------------------------------------------------------------------------------


def test_gitlab_clone_is_shallow_and_nothing_is_installed_with_apt():
    config = gitlab()
    assert str(config["variables"]["GIT_DEPTH"]) == "1"
    text = GITLAB.read_text(encoding="utf-8")
    assert "apt-get" not in text


def test_gitlab_publishes_the_default_branch_incrementally_whatever_started_the_pipeline():
    config = gitlab()
    pages = config["pages"]
    # by branch: a push, a pipeline schedule (documented at the top) or a manual run on it
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "Pipeline schedules" in GITLAB.read_text(encoding="utf-8")
    workflow_rules = [rule.get("if", "") for rule in config.get("workflow", {}).get("rules", [])]
    assert not any("schedule" in rule or "web" in rule for rule in workflow_rules)
    assert any("publish.sh production" in line for line in script_lines(pages, config))
    for job in ("pages", "preview"):
        caches = config[job]["cache"]
        caches = caches if isinstance(caches, list) else [caches]
        paths = [path for cache in caches for path in cache["paths"]]
        assert ".cache/" in paths and any(path.startswith("public") for path in paths), job
    # production and each merge request keep their own site
    assert config["pages"]["cache"][0]["key"] != config["preview"]["cache"][0]["key"]


def test_gitlab_preview_has_an_address_is_members_only_and_stops_with_its_branch():
    config = gitlab()
    preview = config["preview"]
    artifacts = preview["artifacts"]
    assert artifacts["expose_as"] and all(path.endswith("/") for path in artifacts["paths"])
    assert artifacts["access"] == "developer"
    env = preview["environment"]
    assert env["url"].endswith("/index.html") and "$CI_JOB_ID" in env["url"]
    assert env["on_stop"] in config
    stop = config[env["on_stop"]]
    assert stop["environment"]["action"] == "stop" and stop["environment"]["name"] == env["name"]
    assert stop["variables"]["GIT_STRATEGY"] == "none"
    assert stop["rules"][0]["if"] == preview["rules"][0]["if"] and stop["rules"][0]["when"] == "manual"
    lines = " ".join(script_lines(preview, config))
    assert "BẢN XEM TRƯỚC" in lines and "ĐÃ ĐĂNG" not in lines


def test_gitlab_previews_every_merge_request_the_web_editors_drafts_included():
    config = gitlab()
    for job in ("preview", "stop-preview"):
        conditions = " ".join(rule.get("if", "") for rule in config[job]["rules"])
        assert conditions == '$CI_PIPELINE_SOURCE == "merge_request_event"', job  # no branch filter


@pytest.mark.parametrize("job,mode", [("preview", "preview"), ("pages", "production")])
def test_gitlab_job_run_as_gitlab_would_reports_the_check_to_the_merge_request(make_site, job, mode):
    """The job's script, variables and after_script, run in a checkout: a commit with an error
    fails with the JUnit report the merge request lists (artifacts:reports:junit, uploaded
    always) and leaves no public/ to pass for its preview; the fixed commit builds."""
    config = gitlab()
    spec = config[job]
    site = make_site(BASE_DATA)
    (site.root / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "publish.sh", site.root / "scripts" / "publish.sh")
    ci = {"CI_PROJECT_DIR": str(site.root), "CI_SERVER_URL": "https://git.tinh.gov.vn", "CI_JOB_ID": "42",
          "CI_PROJECT_PATH": "ban-tdkt/cong-thi-dua", "SITE_BUILDER": f"{sys.executable} -m site_builder.cli",
          "PYTHONUTF8": "1"}
    env = {**ci, **{k: os.path.expandvars(str(v).replace("$CI_PROJECT_DIR", str(site.root)))
                    for k, v in {**config["variables"], **spec.get("variables", {})}.items()}}
    env.pop("GITHUB_ACTIONS", None)
    report = site.root / spec["artifacts"]["reports"]["junit"]
    assert spec["artifacts"]["when"] == "always"

    def run(part: str, **extra) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-e", "-c", "\n".join(spec[part])], cwd=site.root, capture_output=True,
                              text=True, env={**{k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
                                              **env, **extra})

    good = (site.root / "content/plans/kh-tinh.md").read_text(encoding="utf-8")
    (site.root / "public").mkdir()  # as the cache restores it: an older site
    (site.root / "public" / "index.html").write_text("bản cũ", encoding="utf-8")
    site.write({"content/plans/kh-tinh.md": good.replace("date: 2021-09-21", "date: 2021-13-01")})
    failed = run("script")
    assert failed.returncode == 1 and "KHÔNG ĐĂNG" in failed.stdout
    failures = ET.parse(report).getroot().findall("./testsuite/testcase/failure")
    assert [f.text for f in failures] == [next(line for line in failed.stdout.splitlines()
                                               if line.startswith("content/plans/kh-tinh.md:6: 'date'"))]
    assert "không phải là ngày hợp lệ" in failures[0].text
    assert run("after_script", CI_JOB_STATUS="failed").returncode == 0
    assert not (site.root / "public").exists()

    site.write({"content/plans/kh-tinh.md": good})
    passed = run("script")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert ET.parse(report).getroot().get("failures") == "0"
    assert (site.root / "public" / "van-ban" / "kh-tinh" / "index.html").is_file()
    assert run("after_script", CI_JOB_STATUS="success").returncode == 0
    assert (site.root / "public" / "index.html").is_file()
    if mode == "preview":
        address = spec["environment"]["url"].replace("$CI_SERVER_URL", ci["CI_SERVER_URL"]).replace(
            "$CI_PROJECT_PATH", ci["CI_PROJECT_PATH"]).replace("$CI_JOB_ID", ci["CI_JOB_ID"])
        assert address in passed.stdout  # the log names the address the merge request links to


# --- deploys that send what changed -------------------------------------------------------------

FAKE_AWS = """#!{python}
# A stand-in for the aws CLI: a bucket is a folder, every call is logged as one JSON line.
import json, os, shutil, sys
from pathlib import Path
args = sys.argv[1:]
if args[:2] == ["--endpoint-url", args[1] if len(args) > 1 else ""]:
    args = args[2:]
bucket_root = Path(os.environ["FAKE_BUCKETS"])
uploaded = []
def local(url):
    assert url.startswith("s3://"), url
    return bucket_root / url[5:]
if args[:2] == ["s3", "cp"]:
    src, dest = args[2], args[3]
    if "--recursive" in args:
        for path in sorted(Path(src).rglob("*")):
            if path.is_file():
                target = local(dest) / path.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                uploaded.append(path.relative_to(src).as_posix())
    elif src.startswith("s3://"):
        if not local(src).is_file():
            sys.exit(1)
        shutil.copyfile(local(src), dest)
    else:
        local(dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, local(dest))
elif args[:2] == ["s3api", "delete-objects"]:
    bucket = args[args.index("--bucket") + 1]
    batch = json.loads(Path(args[args.index("--delete") + 1].removeprefix("file://")).read_text())
    for obj in batch["Objects"]:
        (bucket_root / bucket / obj["Key"]).unlink()
else:
    sys.exit(f"fake aws: unsupported {{args}}")
with open(os.environ["FAKE_AWS_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps({{"args": args, "uploaded": uploaded}}) + "\\n")
if uploaded and os.environ.get("FAKE_AWS_FAIL_AFTER_UPLOAD"):  # the connection lost after the copy
    sys.exit(1)
"""


@pytest.fixture
def fake_aws(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "aws").write_text(FAKE_AWS.format(python=sys.executable), encoding="utf-8")
    (bin_dir / "aws").chmod(0o755)
    buckets, log = tmp_path / "buckets", tmp_path / "aws-calls"
    buckets.mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "FAKE_BUCKETS": str(buckets),
           "FAKE_AWS_LOG": str(log), "S3_BUCKET": "cong-thong-tin", "S3_PREFIX": "thi-dua"}
    return env, buckets / "cong-thong-tin" / "thi-dua", log


def files_of(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in folder.rglob("*") if p.is_file()}


def deploy_s3(site_dir: Path, env: dict, log: Path) -> tuple[set[str], list[list[str]]]:
    """Deploy and return the paths uploaded (read back from the calls) and the calls."""
    log.write_text("")
    proc = subprocess.run(["bash", str(DEPLOY), "s3", str(site_dir)], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    records = [json.loads(line) for line in log.read_text().splitlines()]
    return {path for record in records for path in record["uploaded"]}, [record["args"] for record in records]


EDIT = ("content/plans/kh-tinh.md", "của Thủ tướng Chính phủ.", "của Thủ tướng Chính phủ, đã sửa.")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_s3_deploy_uploads_only_objects_whose_content_changed(make_site, fake_aws, tmp_path):
    env, bucket, log = fake_aws
    site = make_site(BASE_DATA)
    out = site.root / "site"
    site.run("build", check_exit=0)
    first = files_of(out)

    uploaded, calls = deploy_s3(out, env, log)
    assert not any(call[:2] == ["s3", "sync"] for call in calls)
    bucket_files = {p.relative_to(bucket).as_posix() for p in bucket.rglob("*") if p.is_file()}
    assert bucket_files == set(first) | {".site-builder-deploy.json"}

    assert uploaded == set(first)
    # nothing changed: nothing uploaded, nothing deleted (only the manifest is rewritten)
    uploaded, calls = deploy_s3(out, env, log)
    assert uploaded == set()
    assert not any(call[0] == "s3api" for call in calls)

    # one edit: exactly the files whose bytes changed go up
    path, old, new = EDIT
    text = (site.root / path).read_text(encoding="utf-8")
    assert old in text
    site.write({path: text.replace(old, new, 1)})
    site.run("build", check_exit=0)
    second = files_of(out)
    changed = {p for p in second if p not in first or first[p][1] != second[p][1]}
    assert changed and len(changed) < len(second) / 2
    uploaded, calls = deploy_s3(out, env, log)
    assert uploaded == changed
    for rel, (_mtime, data) in second.items():
        assert (bucket / rel).read_bytes() == data, rel

    # a cold build (new folder, every file new on disk) with the same content uploads nothing:
    # content hashes, not times, decide
    cold = tmp_path / "cold"
    shutil.copytree(out, cold)  # new modification times
    for p in cold.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(1, 1))
    uploaded, _calls = deploy_s3(cold, env, log)
    assert uploaded == set()

    # a page the site no longer has is deleted from the bucket
    gone = sorted(second)[0]
    (cold / gone).unlink()
    uploaded, calls = deploy_s3(cold, env, log)
    assert uploaded == set() and any(call[:2] == ["s3api", "delete-objects"] for call in calls)
    assert not (bucket / gone).exists()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_failed_s3_deploy_is_redone_by_the_next(make_site, fake_aws):
    """The upload fails after copying: the bucket's manifest marks what it sent unknown, so
    the next deploy sends those files again, even changed back to what was deployed before."""
    env, bucket, log = fake_aws
    site = make_site(BASE_DATA)
    out = site.root / "site"
    site.run("build", check_exit=0)
    first = files_of(out)
    deploy_s3(out, env, log)
    edit_and_build(site)
    changed = {p for p, (_t, data) in files_of(out).items() if p not in first or first[p][1] != data}
    proc = subprocess.run(["bash", str(DEPLOY), "s3", str(out)], capture_output=True, text=True,
                          env={**env, "FAKE_AWS_FAIL_AFTER_UPLOAD": "1"})
    assert proc.returncode != 0
    for rel in changed:  # the edit undone
        if rel in first:
            (out / rel).write_bytes(first[rel][1])
        else:
            (out / rel).unlink()
    uploaded, _calls = deploy_s3(out, env, log)
    assert uploaded == {p for p in changed if p in first}
    assert {rel: data for rel, (_t, data) in files_of(bucket).items() if rel != ".site-builder-deploy.json"} == \
        {rel: data for rel, (_t, data) in first.items()}


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_rsync_deploy_relies_on_the_times_the_incremental_build_keeps(make_site, tmp_path):
    """rsync skips files by size and time, without --checksum: that is right only because
    every file the incremental build does not change keeps its bytes and its time."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "rsync-calls"
    (bin_dir / "rsync").write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n', encoding="utf-8")
    (bin_dir / "rsync").chmod(0o755)
    env = {**os.environ, "RSYNC_DEST": "web@127.0.0.1:/srv/www/", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

    site = make_site(BASE_DATA)
    out = site.root / "site"
    site.run("build", check_exit=0)
    first = files_of(out)
    path, old, new = EDIT
    site.write({path: (site.root / path).read_text(encoding="utf-8").replace(old, new, 1)})
    site.run("build", check_exit=0)
    second = files_of(out)
    same_bytes = [p for p in second if p in first and first[p][1] == second[p][1]]
    assert same_bytes and len(same_bytes) < len(second)
    moved = [p for p in same_bytes if first[p][0] != second[p][0]]
    assert moved == [], "\n".join(moved)

    proc = subprocess.run(["bash", str(DEPLOY), "rsync", str(out)], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    args = calls.read_text(encoding="utf-8").split()
    assert "-rlt" in args and "--checksum" not in args and "-c" not in args


# --- rsync with a record of the last deploy: the real rsync, to a local folder --------------------


def real_rsync() -> str:
    """The installed rsync; CI installs it (.ci/run), so there a missing one fails the test."""
    found = shutil.which("rsync")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("rsync is not installed (.ci/run installs it)")
        pytest.skip("needs rsync")
    return found


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def deploy_rsync(site_dir: Path, dest: Path, env: dict | None = None, **extra: str) -> tuple[int, str]:
    """Deploy with scripts/deploy.sh's rsync method; (regular files rsync transferred, in all
    its runs, read from its --stats; the output)."""
    proc = subprocess.run(["bash", str(DEPLOY), "rsync", str(site_dir)], capture_output=True, text=True,
                          env={**(env or os.environ), "RSYNC_DEST": f"{dest}/", **extra})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    counts = re.findall(r"^Number of regular files transferred: ([\d,.]+)", proc.stdout, flags=re.M)
    return sum(int(re.sub(r"[,.]", "", n)) for n in counts), proc.stdout


def records(site_dir: Path) -> list[Path]:
    return sorted(site_dir.parent.glob(f".{site_dir.name}.deployed-*.json"))


def edit_and_build(site) -> None:
    path, old, new = EDIT
    text = (site.root / path).read_text(encoding="utf-8")
    assert old in text
    site.write({path: text.replace(old, new, 1)})
    site.run("build", check_exit=0)


def test_rsync_deploy_sends_only_what_changed_since_the_last_deploy(make_site, tmp_path):
    real_rsync()
    site = make_site(BASE_DATA)
    out, dest = site.root / "site", tmp_path / "www"
    site.run("build", check_exit=0)
    first = contents(out)

    # first deploy: no record, the whole tree; then the record, beside the site folder
    sent, log = deploy_rsync(out, dest)
    assert sent == len(first) and "the whole site is sent" in log
    assert contents(dest) == first
    (record,) = records(out)
    assert set(json.loads(record.read_text(encoding="utf-8"))["files"]) == set(first)

    # nothing changed: rsync is not even started
    sent, log = deploy_rsync(out, dest)
    assert sent == 0 and "0 to upload, 0 to delete" in log and "Number of files" not in log

    # one edit, an incremental build: exactly the files whose bytes changed are sent
    edit_and_build(site)
    second = contents(out)
    changed = {p for p in second if first.get(p) != second[p]}
    assert changed and len(changed) < len(second) / 2
    sent, log = deploy_rsync(out, dest)
    assert sent == len(changed), log
    assert f"{len(changed)} to upload" in log
    assert contents(dest) == second

    # a page the site no longer has, with its folder: removed from the server, folder and all
    page = next(p for p in sorted(second) if p.endswith("/index.html") and p.count("/") >= 2)
    shutil.rmtree(out / Path(page).parent)
    sent, _ = deploy_rsync(out, dest)
    assert sent == 0
    assert contents(dest) == contents(out) and folders(dest) == folders(out)

    # another destination has its own record: its first deploy sends everything
    sent, _ = deploy_rsync(out, tmp_path / "mirror")
    assert sent == len(contents(out)) and len(records(out)) == 2

    # DEPLOY_FULL=1: the whole tree again, which also removes what the server got by hand
    (dest / "by-hand.html").write_text("x", encoding="utf-8")
    _sent, log = deploy_rsync(out, dest, DEPLOY_FULL="1")
    assert "the whole site is sent" in log and not (dest / "by-hand.html").exists()


def test_a_failed_rsync_deploy_is_redone_by_the_next(make_site, tmp_path):
    """rsync fails after copying (a network cut, a full disk): the record is not replaced, and
    every path of that deploy is sent again next time, even a file changed back meanwhile to
    what the last good deploy held."""
    rsync = real_rsync()
    site = make_site(BASE_DATA)
    out, dest = site.root / "site", tmp_path / "www"
    site.run("build", check_exit=0)
    first = contents(out)
    deploy_rsync(out, dest)
    (record,) = records(out)
    deployed = record.read_bytes()

    edit_and_build(site)
    changed = {p for p, data in contents(out).items() if first.get(p) != data}
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "rsync").write_text(f'#!/bin/sh\n"{rsync}" "$@"\nexit 23\n', encoding="utf-8")
    (bin_dir / "rsync").chmod(0o755)
    failing = {**os.environ, "RSYNC_DEST": f"{dest}/", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", str(DEPLOY), "rsync", str(out)], capture_output=True, text=True, env=failing)
    assert proc.returncode != 0
    assert record.read_bytes() != deployed  # not the new record: this deploy's paths marked unknown
    assert all(json.loads(record.read_text(encoding="utf-8"))["files"][p][0] == "" for p in changed)

    # the edit is undone (the site as the last good deploy had it, with new times)
    for rel in changed:
        if rel in first:
            (out / rel).write_bytes(first[rel])
        else:
            (out / rel).unlink()
    sent, _ = deploy_rsync(out, dest)
    assert sent == len([p for p in changed if p in first])
    assert contents(dest) == first


def test_the_workflows_keep_the_rsync_record_with_the_site(tmp_path):
    """A workflow that deploys with rsync keeps the record deploy.sh writes beside its site
    folder in its cache: otherwise each run would start without it and send the whole tree."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "rsync").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")  # the record is what is looked at
    (bin_dir / "rsync").chmod(0o755)
    env = {**os.environ, "RSYNC_DEST": "web@may-chu.tinh.gov.vn:/var/www/thi-dua/",
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    github_cache = next(s for s in github()["jobs"]["build"]["steps"] if str(s.get("uses", "")).startswith("actions/cache"))
    kept = {"_site": github_cache["with"]["path"].split(),
            "public": [path.rstrip("/") for cache in gitlab()["pages"]["cache"] for path in cache["paths"]]}
    for folder, paths in kept.items():
        site_dir = tmp_path / folder
        (site_dir / "van-ban").mkdir(parents=True)
        (site_dir / "van-ban" / "index.html").write_text("x", encoding="utf-8")
        proc = subprocess.run(["bash", str(DEPLOY), "rsync", str(site_dir)], capture_output=True, text=True, env=env)
        assert proc.returncode == 0, proc.stderr
        (record,) = records(site_dir)
        name = record.relative_to(tmp_path).as_posix()
        assert any(fnmatch.fnmatchcase(name, path) for path in paths), (name, paths)
