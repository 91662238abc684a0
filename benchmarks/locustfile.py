"""Staff browsing the application (locust): the dashboard, the lists, a person's page and
the forms, as the demo committee's users. Used by ``benchmarks/load.py``."""

import random
import re

from locust import HttpUser, between, task

#: The demo's users (seed_demo): committee staff, the board head, grassroots staff.
USERS = ["canbo", "truongban", "coso.cs01", "coso.cs38"]
PASSWORD = "PhuLy@2024"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MEMBER = re.compile(r'href="/members/(\d+)/"')
CANDIDATE = re.compile(r'href="/candidates/(\d+)/"')


class Staff(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        page = self.client.get("/accounts/login/", name="log-in page")
        token = TOKEN.search(page.text).group(1)
        username = random.choice(USERS)
        with self.client.post(
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="log in",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"log-in failed for {username}")
        self.members = []
        self.candidates = []
        self.can_edit = username != "truongban"  # the board head reads, never edits

    @task(4)
    def dashboard(self):
        self.client.get("/dashboard/?year=2024&as_of=26/03/2024", name="dashboard")

    @task(1)
    def dashboard_json(self):
        self.client.get("/dashboard.json?year=2024&as_of=2024-03-26", name="dashboard JSON")

    @task(3)
    def member_list(self):
        page = self.client.get(f"/members/?page={random.randint(1, 5)}", name="member list")
        self.members = MEMBER.findall(page.text) or self.members

    @task(3)
    def candidate_list(self):
        page = self.client.get("/candidates/", name="candidate list")
        self.candidates = CANDIDATE.findall(page.text) or self.candidates

    @task(1)
    def candidate_board(self):
        self.client.get("/candidates/board/", name="candidate board")

    @task(3)
    def member_page(self):
        if self.members:
            self.client.get(f"/members/{random.choice(self.members)}/", name="member page")

    @task(2)
    def candidate_page(self):
        if self.candidates:
            pk = random.choice(self.candidates)
            self.client.get(f"/candidates/{pk}/", name="candidate page")

    @task(1)
    def candidate_form(self):
        if self.can_edit:
            self.client.get("/candidates/new/", name="candidate form")

    @task(1)
    def search(self):
        page = self.client.get("/members/", name="member list")
        token = TOKEN.search(page.text).group(1)
        self.client.post(
            "/members/",
            {"q": random.choice(["nguyen", "tran thi", "le van"]), "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/members/"},
            name="member search",
        )

    @task(1)
    def deadlines(self):
        self.client.get("/deadlines/?as_of=26/03/2024", name="deadlines")
