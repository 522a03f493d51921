"""The local web page in a real browser: headless Chromium driven by WebDriver (Debian's
chromium-driver, selenium from PyPI) against `rolefit serve` on a free loopback port.

A person pastes a posting, uploads two resumes (a text file and a DOCX made here), submits, and
gets the ranked report with the evidence marked; a form without a resume shows the server's
message. Run by tests/web/run.sh (from .ci/run). Without chromium or chromedriver the tests skip
with a message, except in CI (CI set and not "false"), where they fail.

ROLEFIT_BIN names the binary (default target/debug/rolefit); ROLEFIT_PAGE_SCREENSHOT, when set,
is where the page with its report is saved as a PNG (README's docs/page.png).
"""

import os
import re
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "fixtures/postings/desktop-support-technician.txt"
STRONG = ROOT / "fixtures/resumes/strong-mid.txt"
WEAK = ROOT / "fixtures/resumes/partial-mid.txt"


def in_ci():
    return os.environ.get("CI", "") not in ("", "false")


def need(what, found):
    if found:
        return found
    if in_ci():
        pytest.fail(f"CI: {what} is missing (.ci/run installs it)")
    pytest.skip(f"{what} is not installed (apt-get install chromium chromium-driver)")


def docx(path, text):
    """A minimal DOCX: one paragraph per line of `text`."""
    paras = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in text.splitlines()
    )
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{paras}'
            "</w:body></w:document>",
        )


@pytest.fixture(scope="module")
def server():
    binary = Path(os.environ.get("ROLEFIT_BIN", ROOT / "target/debug/rolefit"))
    assert binary.exists(), f"{binary} is missing: cargo build first"
    proc = subprocess.Popen(
        [str(binary), "serve", "--addr", "127.0.0.1:0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The server says where it listens on standard error; the rest of its log is drained so
    # that it never blocks on a full pipe.
    found = threading.Event()
    url = []
    lines = []

    def read():
        for line in proc.stderr:
            lines.append(line)
            m = re.search(r"(127\.0\.0\.1:\d+)", line)
            if m and not url:
                url.append(f"http://{m.group(1)}")
                found.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        assert found.wait(60), f"no address on stderr: {''.join(lines)}"
        yield url[0]
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    need("chromium", shutil.which("chromium") or shutil.which("chromium-browser"))
    driver_path = need("chromedriver", shutil.which("chromedriver"))
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600"]:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('profile')}")
    # The Debian driver, named: selenium must not look for one to download.
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver, what, timeout=60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: what(d))


def test_paste_upload_submit_shows_the_ranked_report_with_marked_evidence(
    server, browser, tmp_path
):
    from selenium.webdriver.common.by import By

    strong = tmp_path / "strong-candidate.docx"
    docx(strong, STRONG.read_text())
    weak = tmp_path / "weaker-candidate.txt"
    weak.write_text(WEAK.read_text())

    browser.get(server + "/")
    assert browser.title.startswith("rolefit")
    # Typed into the text area as a person would paste it.
    browser.find_element(By.ID, "posting-text").send_keys(POSTING.read_text())
    # Two rounds of the file picker: the page keeps both.
    files = browser.find_element(By.ID, "resume-files")
    files.send_keys(str(weak))
    files.send_keys(str(strong))
    listed = browser.find_element(By.ID, "resume-list").text
    assert "weaker-candidate.txt" in listed and "strong-candidate.docx" in listed, listed
    browser.find_element(By.ID, "submit").click()

    wait(browser, lambda d: d.find_element(By.ID, "result").is_displayed())
    assert browser.find_element(By.ID, "error").is_displayed() is False
    frame = browser.find_element(By.ID, "report")
    browser.switch_to.frame(frame)
    try:
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#summary tr"))
        rows = browser.find_elements(By.CSS_SELECTOR, "#summary tr")[1:]
        names = [r.find_elements(By.TAG_NAME, "td")[3].text for r in rows]
        scores = [float(r.find_elements(By.TAG_NAME, "td")[1].text) for r in rows]
        # Ranked: the stronger resume (the DOCX, read from its XML) first.
        assert names == ["strong-candidate.docx", "weaker-candidate.txt"], names
        assert scores[0] > scores[1], scores
        # The evidence is highlighted: a known concept marked in the strong resume's text.
        section = browser.find_element(By.CSS_SELECTOR, "section.doc")
        assert section.find_element(By.TAG_NAME, "h2").text == "strong-candidate.docx"
        marks = section.find_elements(By.CSS_SELECTOR, ".text mark")
        titles = [m.get_attribute("title") for m in marks]
        assert any(t.startswith("Active Directory ·") for t in titles), titles
        ad = next(m for m in marks if m.get_attribute("title").startswith("Active Directory ·"))
        assert ad.text == "Active Directory"
        # Marks are painted (the report's own CSS applies inside the frame).
        assert ad.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "")
    finally:
        browser.switch_to.default_content()
    shot = os.environ.get("ROLEFIT_PAGE_SCREENSHOT")
    if shot:
        browser.save_screenshot(shot)

    # The summary's link to the second resume brings its section to the top of the window,
    # though the frame is as tall as the report and has nothing to scroll itself.
    browser.switch_to.frame(frame)
    browser.find_elements(By.CSS_SELECTOR, "#summary a")[1].click()
    browser.switch_to.default_content()
    top = """const f = document.getElementById('report');
        const s = f.contentDocument.querySelectorAll('section.doc')[1];
        return f.getBoundingClientRect().top + s.getBoundingClientRect().top;"""
    wait(browser, lambda d: abs(d.execute_script(top)) < 40)
    assert browser.execute_script("return window.scrollY") > 500


def test_a_form_without_a_resume_shows_the_server_message(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    browser.find_element(By.ID, "posting-text").send_keys("Desktop support: Active Directory.")
    browser.find_element(By.ID, "submit").click()
    error = browser.find_element(By.ID, "error")
    wait(browser, lambda d: error.is_displayed())
    assert "no resume" in error.text, error.text
    assert browser.find_element(By.ID, "result").is_displayed() is False


def test_pasted_hostile_resume_stays_text(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
    browser.find_element(By.ID, "resume-text").send_keys("Active Directory, ServiceNow. " + hostile)
    browser.find_element(By.ID, "submit").click()
    wait(browser, lambda d: d.find_element(By.ID, "result").is_displayed())
    browser.switch_to.frame(browser.find_element(By.ID, "report"))
    try:
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "section.doc .text"))
        text = browser.find_element(By.CSS_SELECTOR, "section.doc .text")
        assert hostile in text.text
        assert not browser.find_elements(By.CSS_SELECTOR, "section.doc img, section.doc script")
        assert browser.title != "pwned"
    finally:
        browser.switch_to.default_content()
    assert browser.title != "pwned"
