"""Speed targets of the busiest pages, on the demo clinic (`make bench`).

Not part of `make test`: timings depend on the machine. Each page is fetched once to
warm up, then ten times; the median must stay under its target.
"""

import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import RehabPlan
from staff.models import User

pytestmark = pytest.mark.django_db

TARGET_MS = {
    "physician dashboard": 500,
    "patient chart (longest stroke plan)": 500,
    "plan page": 400,
    "clinic overview": 500,
    "change history": 800,
    "access log": 200,
}


def pages():
    plan = (
        RehabPlan.objects.filter(status="active", template__phase_rule="stroke")
        .order_by("start_date")
        .first()
    )
    return {
        "physician dashboard": reverse("home"),
        "patient chart (longest stroke plan)": reverse("patient_detail", args=[plan.patient_id]),
        "plan page": reverse("plan_detail", args=[plan.pk]),
        "clinic overview": reverse("clinic_overview"),
        "change history": reverse("patient_history", args=[plan.patient_id]),
        "access log": reverse("patient_access_log", args=[plan.patient_id]),
    }


def test_pages_meet_their_speed_targets(demo_data, capsys):
    client = Client()
    client.force_login(User.objects.get(username="dr.rao"))
    report, slow = [], []
    for name, url in pages().items():
        assert client.get(url).status_code == 200
        timings = []
        for _ in range(10):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        report.append(f"{name:40} {median:7.1f} ms  (target {TARGET_MS[name]} ms, "
                      f"{len(queries)} queries)")  # fmt: skip
        if median > TARGET_MS[name]:
            slow.append(name)
    with capsys.disabled():
        print("\n" + "\n".join(report))
    assert not slow, f"slower than their targets: {slow}"
