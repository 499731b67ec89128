"""End to end in a real browser: the generated admin, as a superuser and as an organization's staff.

Headless Chromium from the system packages (``apt-get install chromium chromium-driver``; CI's
``.ci/run`` installs them) drives the billing admin of the generated project, served by
``runserver`` on 127.0.0.1 with its own SQLite file. Nothing is downloaded at test time. When a
step fails, a screenshot and the page's HTML are written to ``.artifacts/browser/`` (or
``$SCAFFOLD_ARTIFACTS/browser/``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO, project_python, run

pytestmark = pytest.mark.e2e

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

PASSWORD = "correct horse battery staple"
# Flags that work in this project's containers: no sandbox (root), no GPU, no network chatter.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)
OPEN_SEARCH = ".select2-container--open .select2-search__field"  # an open autocomplete's input
ARTIFACTS = Path(os.environ.get("SCAFFOLD_ARTIFACTS", REPO / ".artifacts")) / "browser"
# Two organizations with colliding invoice numbers; staff who administer only Acme.
SEED = """
import datetime
from django.contrib.auth.models import Permission
from accounts.models import User
from billing.models import Customer, Invoice
from tenancy.models import Membership, Organization

day = datetime.date(2026, 1, 15)
User.objects.create_superuser("root", "root@example.com", PASSWORD)
staff = User.objects.create_user("acme-admin", "staff@example.com", PASSWORD, is_staff=True)
staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="billing"))
for name in ("Acme", "Globex"):
    org = Organization.objects.create(name=name, slug=name.lower())
    first = Customer.objects.create(organization=org, name=f"{name} client 1", email="a@x.example")
    Customer.objects.create(organization=org, name=f"{name} client 2", email="b@x.example")
    for number in ("INV-0001", "INV-0002"):
        Invoice.objects.create(
            organization=org, number=number, customer=first, amount=100,
            issued_on=day, due_on=day,
        )
acme = Organization.objects.get(slug="acme")
Membership.objects.create(user=staff, organization=acme, role="admin")
"""


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


CHROMIUM = _binary("chromium", "chromium-browser", "/usr/lib/chromium/chromium")
CHROMEDRIVER = _binary("chromedriver", "/usr/lib/chromium/chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("SCAFFOLD_E2E_REQUIRE_ALL") == "1":
        raise RuntimeError("needs Chromium: apt-get install chromium chromium-driver")
    pytest.skip("Chromium or chromedriver is not installed", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(generated_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The generated project migrated, seeded and served on 127.0.0.1; yields its base URL."""
    database = tmp_path_factory.mktemp("browser") / "admin.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1"}
    seed = SEED.replace("PASSWORD", repr(PASSWORD))
    for command in (["migrate", "--noinput"], ["shell", "-c", seed]):
        result = run("python", "manage.py", *command, cwd=generated_project, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    port = _free_port()
    process = subprocess.Popen(
        [
            project_python(generated_project),
            *("manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"),
        ],
        cwd=generated_project,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            assert process.poll() is None, "runserver exited"
            assert time.monotonic() < deadline, "runserver did not start within 30 s"
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def browser(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[WebDriver]:
    """Headless Chromium with an empty profile; a screenshot and the HTML when the test fails."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    failures = request.session.testsfailed
    try:
        yield driver
    finally:
        if request.session.testsfailed > failures:  # this test's call failed
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(ARTIFACTS / f"{request.node.name}.png"))
            (ARTIFACTS / f"{request.node.name}.html").write_text(driver.page_source)
        driver.quit()


def wait_for(driver: WebDriver, css: str, timeout: float = 10) -> None:
    WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def log_in(driver: WebDriver, base: str, username: str) -> None:
    driver.get(f"{base}/admin/login/")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait_for(driver, "#user-tools")


def rows(driver: WebDriver) -> list[str]:
    """The changelist's rows, as their text."""
    return [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#result_list tbody tr")]


def autocomplete(driver: WebDriver, field: str, term: str) -> list[str]:
    """Open a field's autocomplete, type `term`; return the options offered."""
    driver.find_element(By.CSS_SELECTOR, f"#id_{field} + .select2 .select2-selection").click()
    driver.find_element(By.CSS_SELECTOR, OPEN_SEARCH).send_keys(term)
    options = ".select2-container--open .select2-results__option"
    try:
        WebDriverWait(driver, 10).until(
            lambda d: (
                d.find_elements(By.CSS_SELECTOR, options)
                and "Searching" not in d.find_elements(By.CSS_SELECTOR, options)[0].text
            )
        )
    except TimeoutException:
        return []
    return [option.text for option in driver.find_elements(By.CSS_SELECTOR, options)]


def choose(driver: WebDriver, field: str, term: str, text: str) -> None:
    """Pick `text` among a field's autocomplete results for `term`."""
    offered = autocomplete(driver, field, term)
    assert text in offered, offered
    for option in driver.find_elements(
        By.CSS_SELECTOR, ".select2-container--open .select2-results__option"
    ):
        if option.text == text:
            option.click()
            return


def fill_invoice(driver: WebDriver, number: str) -> None:
    driver.find_element(By.ID, "id_number").send_keys(number)
    driver.find_element(By.ID, "id_amount").send_keys("250.00")
    for field in ("issued_on", "due_on"):
        driver.find_element(By.ID, f"id_{field}").send_keys("2026-02-01")


def run_action(driver: WebDriver, row_text: str, action: str) -> str:
    """Tick the row whose text contains `row_text`, run `action`; return the messages shown."""
    for row in driver.find_elements(By.CSS_SELECTOR, "#result_list tbody tr"):
        if row_text in row.text:
            row.find_element(By.CSS_SELECTOR, "input.action-select").click()
            break
    else:
        raise AssertionError(f"no row with {row_text!r}")
    Select(driver.find_element(By.NAME, "action")).select_by_value(action)
    driver.find_element(By.CSS_SELECTOR, "button[name=index]").click()
    wait_for(driver, ".messagelist")
    return driver.find_element(By.CSS_SELECTOR, ".messagelist").text


def test_superuser_tells_organizations_apart_and_cannot_cross_them(
    server: str, browser: WebDriver
) -> None:
    log_in(browser, server, "root")

    browser.get(f"{server}/admin/billing/invoice/")
    header = browser.find_element(By.CSS_SELECTOR, "#result_list thead").text
    assert "ORGANIZATION" in header.upper()
    assert len([row for row in rows(browser) if "INV-0001" in row]) == 2

    browser.find_element(By.ID, "searchbar").send_keys("INV-0002\n")
    wait_for(browser, "#result_list")
    found = rows(browser)
    assert len(found) == 2 and any("Acme" in r for r in found) and any("Globex" in r for r in found)

    browser.get(f"{server}/admin/billing/invoice/")
    browser.find_element(By.LINK_TEXT, "Globex").click()
    wait_for(browser, "#result_list")
    assert rows(browser) and all("Globex" in row for row in rows(browser))

    # An Acme invoice for a Globex customer: a field error, nothing saved.
    browser.get(f"{server}/admin/billing/invoice/add/")
    choose(browser, "organization", "Acme", "Acme")
    # Superusers see each customer's organization beside its name.
    choose(browser, "customer", "client 2", "Globex client 2 · Globex")
    fill_invoice(browser, "INV-9001")
    browser.find_element(By.NAME, "_save").click()
    wait_for(browser, ".errorlist")
    assert "Select a customer of the same organization as this invoice." in browser.page_source

    # The same invoice for an Acme customer, picked through the autocomplete, saves.
    choose(browser, "customer", "Acme", "Acme client 2 · Acme")
    browser.find_element(By.NAME, "_save").click()
    wait_for(browser, ".messagelist .success")
    assert "INV-9001" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text

    # A transition as a bulk action: the service moves it, the messages report it.
    browser.get(f"{server}/admin/billing/invoice/?q=INV-9001")
    assert "Moved 1 invoice to sent: INV-9001." in run_action(browser, "INV-9001", "send_invoices")
    assert "Sent" in rows(browser)[0]
    assert "was not moved to sent" in run_action(browser, "INV-9001", "send_invoices")


def test_staff_see_and_reach_only_their_organization(server: str, browser: WebDriver) -> None:
    log_in(browser, server, "acme-admin")

    browser.get(f"{server}/admin/billing/invoice/")
    assert len(rows(browser)) >= 2
    assert "Globex" not in browser.page_source

    browser.find_element(By.ID, "searchbar").send_keys("INV-0001\n")
    wait_for(browser, "#result_list")
    assert len(rows(browser)) == 1

    browser.get(f"{server}/admin/billing/invoice/?status__exact=draft")
    assert rows(browser) and all("Draft" in row for row in rows(browser))

    browser.get(f"{server}/admin/billing/invoice/add/")
    assert [o.text for o in Select(browser.find_element(By.ID, "id_organization")).options] == [
        "---------",
        "Acme",
    ]
    assert sorted(autocomplete(browser, "customer", "client")) == ["Acme client 1", "Acme client 2"]
    browser.find_element(By.CSS_SELECTOR, OPEN_SEARCH).send_keys(Keys.ESCAPE)
    Select(browser.find_element(By.ID, "id_organization")).select_by_visible_text("Acme")
    choose(browser, "customer", "client 1", "Acme client 1")
    fill_invoice(browser, "INV-7001")
    browser.find_element(By.NAME, "_save").click()
    wait_for(browser, ".messagelist .success")

    browser.get(f"{server}/admin/billing/invoice/?q=INV-7001")
    assert "Moved 1 invoice to sent" in run_action(browser, "INV-7001", "send_invoices")
    # Voiding takes the owner role in the API, and so it does here.
    assert "takes the owner role" in run_action(browser, "INV-7001", "void_invoices")
    assert "Globex" not in browser.page_source
