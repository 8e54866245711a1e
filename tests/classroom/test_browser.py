"""A real headless browser (Debian's chromium through its chromedriver) joins as a team, places
the bet, plays a turn, and sees its own numbers and no other seat's hidden ones. Skipped where
chromium or its driver is not installed (``.ci/run`` installs them where apt and root allow)."""

import re
import shutil

import pytest

from game.classroom.room import Room
from tests.classroom.helpers import lesson, served, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed"
)


@pytest.fixture
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=420,900"):
        options.add_argument(arg)
    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    except Exception as exc:  # a driver that cannot start the browser here: skip, say why
        pytest.skip(f"chromium could not be started: {exc}")
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def text_of(browser, element_id: str) -> str:
    """The text of the element with this id now ("" while the page is loading or reloading: an
    element found just before a reload is stale by the time it is read)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        return browser.find_element(By.ID, element_id).text
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


def test_a_browser_team_bets_plays_a_turn_and_sees_only_its_own_seat(tmp_path, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    sc = lesson("the_shield", 4)
    room = Room.create(tmp_path / "c", sc, 1, 12, False,
                       ["human", "ai:baseline", "ai:hawk", "ai:copycat"])
    team = room.teams[0]
    with served(room) as url:
        browser.get(url + "/")
        field = browser.find_element(By.ID, "code")
        field.send_keys(team.code.lower() + Keys.ENTER)  # typed as a student might, then Enter
        wait_for(lambda: text_of(browser, "me") == team.name, 30)

        browser.find_element(By.LINK_TEXT, "Bet").click()
        browser.find_element(By.CSS_SELECTOR, "input[name=choice][value='2']").click()
        browser.find_element(By.ID, "placebet").click()
        wait_for(lambda: text_of(browser, "betplaced"), 30)
        assert room.answers[team.key].bet == 2

        browser.find_element(By.LINK_TEXT, "Back to the turn").click()
        reach = browser.find_element(By.ID, "reach")
        reach.clear()
        reach.send_keys("1.5")
        browser.find_element(By.ID, "submit").click()
        # The only team: handing in plays the turn, and the page comes back on turn 2.
        wait_for(lambda: text_of(browser, "turn") == "2", 60)
        assert room.turn == 1
        assert room.records[0][0].orders.spend[0, team.seat, 0] == 1.5
        page = browser.page_source  # read while the host still serves (the page may poll)
        assert "no reports yet" not in text_of(browser, "wires").lower()

    w = room.group_world(0)
    own = re.search(r'<tr id="own">(.*?)</tr>', page, flags=re.S).group(1)
    assert f"{w.reach[0, team.seat]:.2f}" in own and f"{w.shield[0, team.seat]:.2f}" in own
    seen = {f"{w.seen_reach[0, team.seat, j]:.2f}" for j in range(w.n)}
    seen |= {f"{w.seen_shield[0, team.seat, j]:.2f}" for j in range(w.n)}
    public = {f"{x:.2f}" for x in (*w.economy[0], *w.standing[0])}
    hidden = {
        f"{arr[0, j]:.2f}"
        for j in range(w.n)
        if j != team.seat
        for arr in (w.reach, w.shield, w.hardening, w.tech, w.support)
    } - seen - public
    assert hidden
    assert not hidden & set(re.findall(r"\d+\.\d\d(?!\d)", page))
    assert "expansionist" not in page.lower()
