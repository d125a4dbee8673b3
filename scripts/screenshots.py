"""Screenshots for the user guide (docs/guida-utente.md), taken from a running Trama with the demo data.

Usage (a throwaway database, never your real one; port 8765 keeps clear of `make run`):

    export DATABASE_URL=sqlite:////tmp/docs.sqlite3
    .venv/bin/python manage.py migrate -v0
    .venv/bin/python manage.py seed_demo --families 10 --seed 1
    DEBUG=1 TRAMA_DEMO_MODE=1 .venv/bin/python manage.py runserver 127.0.0.1:8765 --noreload &
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8765 --password trama-demo-2026 --story

It drives Debian's Chromium (/usr/bin/chromium) through Playwright; it never downloads a browser
(do not run `playwright install`). By default the pages are only read: the "new family" form is
filled in but not submitted. With --story the example family is registered and moved to
pre-assessment first, so that the dashboard, the list and the audit log show some work done (the
pictures in docs/img were taken that way, on a throwaway database).

The family portal's pictures (--only portal: 360 px, in Arabic and Chinese) need a font with Chinese
glyphs on the machine (apt-get install fonts-wqy-microhei), or Chinese comes out as empty boxes.

Chromium draws date fields in its own language: a Debian chromium without the chromium-l10n
package shows them as mm/dd/yyyy even on an Italian page.
"""

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WIDTH = 1280
HEIGHT = 800
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "img"
# The example of the guide: two parents and two children, the younger one target of the programme.
EXAMPLE_MEMBERS = [
    {"cognome": "Fontana", "nome": "Irene", "sesso": "F", "ruolo": "madre", "data_nascita": "1989-04-12",
     "partecipa_equipe": True},
    {"cognome": "Fontana", "nome": "Marco", "sesso": "M", "ruolo": "padre", "data_nascita": "1986-10-03"},
    {"cognome": "Fontana", "nome": "Giulia", "sesso": "F", "ruolo": "minore", "data_nascita": "2018-05-20",
     "target": True},
    {"cognome": "Fontana", "nome": "Luca", "sesso": "M", "ruolo": "minore", "data_nascita": "2012-09-01"},
]


class Shooter:
    def __init__(self, browser: Browser, base_url: str, password: str, out: Path):
        self.browser = browser
        self.base_url = base_url.rstrip("/")
        self.password = password
        self.out = out

    def page(self, username: str | None = None) -> Page:
        """A fresh browser context (its own cookies), logged in as `username` when given."""
        context = self.browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="it-IT",
                                           device_scale_factor=1)
        page = context.new_page()
        page.set_default_timeout(15000)
        if username:
            page.goto(f"{self.base_url}/account/accesso/")
            page.get_by_label("Nome utente").fill(username)
            page.get_by_label("Password").fill(self.password)
            page.get_by_role("button", name="Accedi").click()
            page.wait_for_url(f"{self.base_url}/")
        return page

    def shoot(self, page: Page, name: str, *, full_page: bool = True) -> None:
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready")
        path = self.out / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        print(f"  {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}"
              f" ({path.stat().st_size // 1024} KB)")

    def done(self, page: Page) -> None:
        page.context.close()

    # --- the pictures of the guide ------------------------------------------------------------
    def login(self) -> None:
        page = self.page()
        page.goto(f"{self.base_url}/account/accesso/")
        page.get_by_label("Nome utente").fill("casemanager")
        self.shoot(page, "01-accesso")
        self.done(page)

    def casemanager(self, *, story: bool) -> None:
        page = self.page("casemanager")

        # The new-family form, filled in as in the guide's example.
        page.goto(f"{self.base_url}/famiglie/nuova/")
        page.get_by_label("Nome del nucleo").fill("Famiglia Fontana")
        page.get_by_label("Comune di residenza").select_option(label="Comune di Seregno")
        for index, values in enumerate(EXAMPLE_MEMBERS):
            for field, value in values.items():
                locator = page.locator(f"[name='persone-{index}-{field}']")
                if field in {"sesso", "ruolo"}:
                    locator.select_option(value)
                elif field in {"target", "partecipa_equipe"}:
                    # Bootstrap Italia draws the box on the label, as a user sees and clicks it.
                    page.locator(f"label[for='id_persone-{index}-{field}']").click()
                else:
                    locator.fill(value)
        page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        self.shoot(page, "05-nuova-famiglia")
        if story:
            # Register it and start its path, so that the dashboard and the registro show real work.
            page.get_by_role("button", name="Registra la famiglia").click()
            page.wait_for_url("**/famiglie/*/")
            page.get_by_label("Motivazione").fill("Prima riunione d'équipe fissata con la famiglia.")
            page.get_by_role("button", name="Conferma il passaggio").click()
            page.wait_for_url("**/famiglie/*/")

        page.goto(f"{self.base_url}/")
        self.shoot(page, "02-scrivania-casemanager")

        page.get_by_role("link", name="Famiglie", exact=True).click()
        page.wait_for_url("**/famiglie/")
        self.shoot(page, "03-elenco-famiglie")

        # A family well along its path: its timeline shows several steps.
        page.goto(f"{self.base_url}/famiglie/?stato=in_corso")
        page.locator("#family-table tbody a").first.click()
        page.wait_for_url("**/famiglie/*/")
        self.shoot(page, "04-scheda-famiglia")
        self.done(page)

    def rt(self) -> None:
        page = self.page("rt")
        page.set_viewport_size({"width": WIDTH, "height": 1000})
        page.goto(f"{self.base_url}/registro-accessi/")
        # The newest entries are enough: creations list every field and make the full page very long.
        self.shoot(page, "06-registro-accessi", full_page=False)
        self.done(page)

    def duplicates(self) -> None:
        """The RT's possible duplicates (the demo's mother registered by two comuni) and their comparison."""
        page = self.page("rt")
        page.goto(f"{self.base_url}/famiglie/doppioni/")
        self.shoot(page, "13-possibili-doppioni", full_page=False)
        page.get_by_role("link", name="Confronta").first.click()
        page.wait_for_url("**/famiglie/doppioni/*/")
        page.set_viewport_size({"width": WIDTH, "height": 1250})
        self.shoot(page, "14-confronto-doppioni", full_page=False)
        self.done(page)

    def amministrativo(self) -> None:
        page = self.page("amministrativo")
        self.shoot(page, "07-scrivania-amministrativo")
        page.goto(f"{self.base_url}/interventi/budget/")
        self.shoot(page, "10-budget")
        self.done(page)

    def dispositivi(self) -> None:
        """The family with the demo's support-family pairing: its hours, and the matching suggestions."""
        page = self.page("casemanager")
        page.goto(f"{self.base_url}/famiglie/?stato=in_corso")
        page.locator("#family-table tbody a").first.click()
        page.wait_for_url("**/famiglie/*/")
        family_url = page.url
        page.goto(family_url + "interventi/")
        page.set_viewport_size({"width": WIDTH, "height": 1100})
        self.shoot(page, "08-interventi-famiglia", full_page=False)
        page.goto(family_url + "vicinanza/proponi/?bisogni=compiti&disponibilita=weekend")
        self.shoot(page, "09-vicinanza-proposte")
        self.done(page)

    def phone(self) -> None:
        """The staff menu on a phone (390 px): the menu button opens it off-canvas, with its groups."""
        page = self.page("casemanager")
        page.set_viewport_size({"width": 390, "height": 760})
        page.goto(f"{self.base_url}/")
        self.shoot(page, "11-telefono-scrivania", full_page=False)
        page.get_by_role("button", name="Mostra o nascondi il menu").click()
        page.locator("#main-nav .menu-wrapper").wait_for(state="visible")
        page.locator("#main-nav").get_by_role("button", name="Servizi").click()
        page.locator("#main-nav .dropdown-menu.show").wait_for(state="visible")
        page.wait_for_timeout(600)  # the menu slides in
        self.shoot(page, "12-telefono-menu", full_page=False)
        self.done(page)

    def portal(self) -> None:
        """The family portal on a 360 px phone in Arabic and in Chinese: the first page, the appointments and the
        satisfaction questionnaire, as the demo's parent (`genitore`) sees them."""
        for language, suffix in (("ar", "arabo"), ("zh-hans", "cinese")):
            context = self.browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1,
                                               locale=language)
            page = context.new_page()
            page.set_default_timeout(15000)
            page.goto(f"{self.base_url}/famiglia/accesso/")  # follows the browser's language (Accept-Language)
            page.fill("#id_username", "genitore")
            page.fill("#id_password", self.password)
            page.locator("main button[type=submit]").click()
            page.wait_for_url(f"{self.base_url}/famiglia/")
            # The parent's profile remembers Italian: they choose their language with the switcher at the top.
            page.select_option("#id_portal_language", language)
            page.locator(".langbar button").click()
            page.wait_for_url(f"{self.base_url}/famiglia/")
            self.shoot(page, f"13-portale-inizio-{suffix}", full_page=False)
            page.goto(f"{self.base_url}/famiglia/appuntamenti/")
            self.shoot(page, f"14-portale-appuntamenti-{suffix}", full_page=False)
            page.goto(f"{self.base_url}/famiglia/questionario/")
            page.locator("fieldset").first.scroll_into_view_if_needed()
            self.shoot(page, f"15-portale-questionario-{suffix}", full_page=False)
            context.close()


    def mediazione(self) -> None:
        """The family's version of the plan: the équipe's plan page with the Arabic translations of the Hassan
        family (SER-00001), and the parent's portal plan in Arabic on a phone (360 px). Sets the demo parent's
        portal language to Arabic (a write: only on a throwaway database)."""
        page = self.page("casemanager")
        page.goto(f"{self.base_url}/famiglie/?q=SER-00001")
        page.locator("#family-table tbody a").first.click()
        page.wait_for_url("**/famiglie/*/")
        page.goto(page.url + "progetto/")
        page.locator("article.card").first.scroll_into_view_if_needed()
        page.set_viewport_size({"width": WIDTH, "height": 900})
        page.locator("article.card").first.screenshot(path=str(self.out / "20-mediazione-progetto.png"))
        print(f"  {self.out / '20-mediazione-progetto.png'}")
        self.done(page)

        context = self.browser.new_context(viewport={"width": 360, "height": 740}, locale="it-IT",
                                           device_scale_factor=1)
        phone = context.new_page()
        phone.goto(f"{self.base_url}/famiglia/accesso/")
        phone.fill("#id_username", "genitore")
        phone.fill("#id_password", self.password)
        phone.locator("main button[type=submit]").click()
        phone.wait_for_url(f"{self.base_url}/famiglia/")
        phone.select_option("#id_portal_language", "ar")
        phone.locator("form.language button[type=submit]").click()
        phone.goto(f"{self.base_url}/famiglia/progetto/")
        self.shoot(phone, "21-mediazione-portale-ar", full_page=False)
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765", help="Trama with the demo data")
    parser.add_argument("--password", default=os.environ.get("TRAMA_DEMO_PASSWORD", "trama-demo-2026"),
                        help="the demo users' password (default: $TRAMA_DEMO_PASSWORD or trama-demo-2026)")
    parser.add_argument("--story", action="store_true",
                        help="also submit the example family and move it to pre-assessment (WRITES to the database: "
                             "only on a throwaway one), so that the pictures show some work done")
    parser.add_argument("--only", choices=["dispositivi", "phone", "doppioni", "portal", "mediazione"],
                        help="take only these pictures")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the PNG files go (docs/img)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium (never `playwright install`).", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            shooter = Shooter(browser, args.base_url, args.password, args.out)
            if args.only == "phone":
                shooter.phone()
                return 0
            if args.only == "doppioni":
                shooter.duplicates()
                return 0
            if args.only == "portal":
                shooter.portal()
                return 0
            if args.only == "mediazione":
                shooter.mediazione()
                return 0
            if args.only == "dispositivi":
                shooter.dispositivi()
                shooter.amministrativo()
                return 0
            shooter.login()
            shooter.casemanager(story=args.story)
            shooter.rt()
            shooter.duplicates()
            shooter.amministrativo()
            shooter.dispositivi()
            shooter.phone()
            shooter.portal()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
