#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests the installed flatpak of Orderwatch: `flatpak run`, the sandbox, the portals.

Run by `build-aux/dev test --flatpak` after build-aux/flatpak-offline has installed the app
into $FLATPAK_USER_DIR, under Xvfb ($DISPLAY). Each test gets a temporary HOME with its
XDG_* directories and its own session bus, started here with the environment its portals
need. Prints TAP and a closing "N passed, N failed" line; exits 1 if any test failed.
A test that cannot run fails with the reason: none is skipped.

  tests/flatpak/test-flatpak.py [NAME...]   only the tests whose names contain NAME"""
import configparser
import http.server
import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback

APP_ID = "io.github.orderwatch.Orderwatch"
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.environ.get("ORDERWATCH_FLATPAK_OUT") or os.path.join(TOP, "_build-flatpak")
SCREENSHOTS = os.path.join(OUT, "screenshots")
PORTALS = "/usr/share/xdg-desktop-portal/portals"
PYTHON = "/usr/bin/python3"   # the one with python3-dbusmock
DAY = 86400


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise Failure(f"timed out after {timeout} s waiting for {what}")


class Session:
    """A temporary home and a private session bus, as a desktop session would have them."""

    def __init__(self, name, desktop="GNOME", portals=None):
        self.name = name
        self.home = tempfile.mkdtemp(prefix=f"ow-flatpak-{name}-")
        self.procs = []
        runtime = os.path.join(self.home, "run")
        os.makedirs(runtime, mode=0o700)
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "XDG_DATA_HOME": os.path.join(self.home, ".local", "share"),
            "XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
            "XDG_STATE_HOME": os.path.join(self.home, ".local", "state"),
            "XDG_RUNTIME_DIR": runtime,
            "XDG_CURRENT_DESKTOP": desktop,
            "DISPLAY": os.environ["DISPLAY"],
            "FLATPAK_USER_DIR": os.environ["FLATPAK_USER_DIR"],
            "LANG": "C.UTF-8",
            "GDK_BACKEND": "x11",
            "GSK_RENDERER": "cairo",
            "GTK_A11Y": "none",
            "NO_AT_BRIDGE": "1",
        }
        if "XAUTHORITY" in os.environ:
            self.env["XAUTHORITY"] = os.environ["XAUTHORITY"]
        if portals is not None:
            # xdg-desktop-portal reads its backends' *.portal files from here.
            directory = os.path.join(self.home, "portals")
            os.makedirs(directory)
            for name in portals:
                shutil.copy(os.path.join(PORTALS, name), directory)
            self.env["XDG_DESKTOP_PORTAL_DIR"] = directory
        # The bus starts services (the portals) with its own environment: this one.
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                                     "--print-address=1"], env=self.env, text=True,
                                    stdout=subprocess.PIPE, stderr=self.log("dbus"),
                                    start_new_session=True)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.bus.stdout.readline().strip()
        self.var = os.path.join(self.home, ".var", "app", APP_ID)

    def log(self, name):
        return open(os.path.join(self.home, name + ".log"), "a")

    def spawn(self, args, log=None, **kwargs):
        proc = subprocess.Popen(args, env=self.env, stdout=self.log(log or "spawn"),
                                stderr=subprocess.STDOUT, **kwargs)
        self.procs.append(proc)
        return proc

    def run(self, args, input=None, timeout=60, env=None):
        full_env = dict(self.env, **(env or {}))
        return subprocess.run(args, env=full_env, input=input, capture_output=True, text=True,
                              timeout=timeout)

    def orderwatch(self, *args, input=None, env=None, expect=0, hang_retries=0):
        """`flatpak run --command=orderwatch APP ARGS`, the CLI inside the sandbox.

        @hang_retries: for libsecret 0.20.5 (Debian 12, so the runtime made here) which
        subscribes to the Secret portal's Response only after RetrieveSecret returned and
        hangs when the answer came first (GNOME/libsecret#58, fixed in 0.21.4, which the
        GNOME runtime has): a run that hangs is retried, and each retry is reported."""
        flatpak_env = [f"--env={k}={v}" for k, v in (env or {}).items()]
        argv = ["flatpak", "run", "--command=orderwatch", *flatpak_env, APP_ID, *args]
        for attempt in range(hang_retries + 1):
            try:
                result = self.run(argv, input=input,
                                  timeout=10 if attempt < hang_retries else 60)
                break
            except subprocess.TimeoutExpired:
                if attempt == hang_retries:
                    raise Failure(f"orderwatch {' '.join(args)} hung")
                print(f"# orderwatch {' '.join(args)} hung (libsecret 0.20.5's portal race, "
                      "GNOME/libsecret#58): retrying")
        if expect is not None and result.returncode != expect:
            raise Failure(f"orderwatch {' '.join(args)} exited {result.returncode}, not {expect}:"
                          f"\n{result.stdout}{result.stderr}")
        return result

    def gdbus(self, *args):
        return self.run(["gdbus", "call", "--session", *args], timeout=30)

    def has_name(self, name):
        result = self.gdbus("--dest", "org.freedesktop.DBus", "--object-path",
                            "/org/freedesktop/DBus", "--method",
                            "org.freedesktop.DBus.NameHasOwner", name)
        return result.returncode == 0 and "true" in result.stdout

    def app_action(self, action):
        return self.gdbus("--dest", APP_ID, "--object-path",
                          "/" + APP_ID.replace(".", "/"), "--method",
                          "org.gtk.Actions.Activate", action, "[]", "{}")

    def close(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        # The bus and the services it started share its process group.
        try:
            os.killpg(self.bus.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.bus.wait()


# Helpers

def windows(session):
    """(id, title) of every named top-level window on the display."""
    out = session.run(["xwininfo", "-root", "-tree"]).stdout
    found = []
    for line in out.splitlines():
        parts = line.strip().split(" ", 1)
        if len(parts) == 2 and parts[0].startswith("0x") and parts[1].startswith('"'):
            found.append((parts[0], parts[1].split('"')[1]))
    return found


def window_titled(session, title):
    for wid, name in windows(session):
        if name == title:
            geometry = session.run(["xwininfo", "-id", wid]).stdout
            if "IsViewable" in geometry:
                return wid
    return None


def add_order(session, *args):
    return int(session.orderwatch("add", *args).stdout.strip())


def shipped_order(session, number="8100000000000077", item="Wireless earbuds"):
    """An AliExpress order shipped long ago: Buyer Protection ends soon, disputes are open."""
    return add_order(session, "--marketplace", "aliexpress", "--order", number, "--item", item,
                     "--store", "Sound Store", "--amount", "19.99", "--currency", "USD",
                     "--placed", "2026-09-01T10:00:00Z", "--paid", "2026-09-01T10:05:00Z",
                     "--shipped", "2026-09-03T08:00:00Z")


def deadline(session, order_id, kind):
    listed = json.loads(session.orderwatch("deadlines", "--json", "--all").stdout)
    for entry in listed:
        if entry["order_id"] == order_id and entry["kind"] == kind:
            return entry
    raise Failure(f"no {kind} deadline for order {order_id} in {listed}")


def iso_to_epoch(text):
    import datetime
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def epoch_to_iso(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def notify_calls(log_path):
    """The Notify calls python-dbusmock's notification_daemon template logged."""
    try:
        with open(log_path) as f:
            return [line for line in f if " Notify " in line]
    except FileNotFoundError:
        return []


def start_notification_server(session):
    log_path = os.path.join(session.home, "notify.log")
    session.spawn([PYTHON, "-m", "dbusmock", "--session", "-t", "notification_daemon",
                   "-l", log_path], log="dbusmock")
    wait_for(lambda: session.has_name("org.freedesktop.Notifications"), 30,
             "the test notification server")
    return log_path


# Tests

def test_cli(session):
    """add, list, deadlines and export inside the sandbox; the data in ~/.var/app."""
    first = add_order(session, "--marketplace", "aliexpress", "--order", "8123456789",
                      "--item", "USB-C cable", "--amount", "4.99", "--currency", "USD",
                      "--paid", "2026-11-30T10:00:00Z", "--processing-days", "7")
    second = shipped_order(session)
    check(second == first + 1, f"ids {first}, {second}")
    listed = json.loads(session.orderwatch("list", "--json").stdout)
    numbers = sorted(o["order_number"] for o in listed)
    check(numbers == ["8100000000000077", "8123456789"], f"list --json: {numbers}")
    text = session.orderwatch("list").stdout
    check("USB-C cable" in text and "Wireless earbuds" in text, "list: " + text)
    ship_by = deadline(session, first, "ship_by")
    check(ship_by["due"].startswith("2026-12-07"), f"ship_by due {ship_by['due']}")
    exported = json.loads(session.orderwatch("export", "--format", "json").stdout)
    orders = exported["orders"] if isinstance(exported, dict) else exported
    check(len(orders) == 2, f"export has {len(orders)} orders")
    csv = session.orderwatch("export", "--format", "csv").stdout
    check(csv.splitlines()[0].startswith("marketplace,order_number") or
          "order_number" in csv.splitlines()[0], "csv header: " + csv.splitlines()[0])
    ics = session.orderwatch("export", "--format", "ics").stdout
    check(ics.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in ics, "ics: " + ics[:200])
    # Mails through GMime and libxml2 inside the sandbox; --dry-run writes nothing (the
    # newsletter in the mailbox makes the exit status 1).
    mbox = os.path.join(TOP, "tests", "fixtures", "email", "orders.mbox")
    with open(mbox, encoding="utf-8") as f:
        review = session.orderwatch("import", "-", "--dry-run", input=f.read(), expect=1).stdout
    check(review.startswith("2 orders found: 2 new, 0 updated, 0 unchanged; 1 mail not "
                            "understood"), "import --dry-run: " + review[:200])

    db = os.path.join(session.var, "data", "orderwatch", "orderwatch.db")
    check(os.path.isfile(db), f"no database at {db}")
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
    check(count == 2, f"{count} orders in {db}")
    check(not os.path.exists(os.path.join(session.home, ".local", "share", "orderwatch")),
          "the sandbox wrote into the host's ~/.local/share")
    # Written inside the sandbox, to a file the app may write.
    session.orderwatch("export", "--format", "json", "--output",
                       os.path.join(session.var, "data", "orders.json"))
    check(os.path.getsize(os.path.join(session.var, "data", "orders.json")) > 100,
          "export --output wrote nothing")


def test_window(session):
    """The window appears; its screenshot is saved."""
    shipped_order(session)
    add_order(session, "--marketplace", "aliexpress", "--order", "8123456790",
              "--item", "Desk lamp", "--paid", "2026-11-28T10:00:00Z")
    started = time.monotonic()
    app = session.spawn(["flatpak", "run", APP_ID], log="app")
    wid = wait_for(lambda: window_titled(session, "Orderwatch"), 60, "the Orderwatch window")
    shown = time.monotonic() - started
    time.sleep(1.5)  # the list and the order's page draw in the frames after the first
    os.makedirs(SCREENSHOTS, exist_ok=True)
    png = os.path.join(SCREENSHOTS, "flatpak-window.png")
    result = session.run(["import", "-window", wid, png])
    check(result.returncode == 0 and os.path.getsize(png) > 10000,
          "screenshot failed: " + result.stderr)
    print(f"# window after {shown:.1f} s; screenshot {png}")
    check(session.app_action("quit").returncode == 0, "app.quit over D-Bus failed")
    app.wait(30)
    check(app.returncode == 0, f"the app exited {app.returncode}")


def reminder_setup(session):
    order_id = shipped_order(session)
    protection = deadline(session, order_id, "protection_end")
    due = iso_to_epoch(protection["due"])
    # 20 hours before the end: the one-day reminder is due.
    return order_id, protection, epoch_to_iso(due - 20 * 3600)


def test_notification(session):
    """`orderwatch check` in the sandbox: portal, GTK backend, the test notification server."""
    log_path = start_notification_server(session)
    order_id, protection, now = reminder_setup(session)
    due = json.loads(session.orderwatch("check", "--dry-run", "--json", "--now", now).stdout)
    notices = [n for n in due["notices"] if n["id"] == f"order-{order_id}-protection_end"]
    check(len(notices) == 1, f"check --dry-run: {due}")
    result = session.orderwatch("check", "--now", now)
    print("# " + result.stdout.strip().replace("\n", "\n# "))
    check("sent" in result.stdout.splitlines()[-1], "check says: " + result.stdout)
    calls = wait_for(lambda: [c for c in notify_calls(log_path) if "Protection" in c or
                              "protection" in c], 30, "the Notify call for the reminder")
    call = calls[0]
    check(notices[0]["title"] in call, f"title {notices[0]['title']!r} not in {call}")
    # The body as the server got it (markup-escaped by the GTK backend, if at all).
    body_start = notices[0]["body"].split(":")[0].replace("“", "").replace("”", "")
    check(body_start.split("(")[0].strip() in call.replace("“", "").replace("”", ""),
          f"body {notices[0]['body']!r} not in {call}")
    for label in ("Open order", "Open dispute", "Remind me tomorrow"):
        check(label in call, f"button {label!r} missing: {call}")
    # What the portal's GTK backend sent, for the log.
    print("# " + call.strip()[:400])


def test_notification_no_portal(session):
    """No notification portal answers: check says so instead of "1 reminder sent"."""
    start_notification_server(session)
    order_id, protection, now = reminder_setup(session)
    result = session.orderwatch("check", "--now", now)
    print("# " + result.stdout.strip().replace("\n", "\n# "))
    last = result.stdout.strip().splitlines()[-1]
    check("sent" not in last.split(";")[0] or "not" in last, "check claims delivery: " + last)
    check("portal" in result.stdout, "check does not say why: " + result.stdout)


def test_background(session):
    """Run in background asks the Background portal; its autostart entry runs --background."""
    app = session.spawn(["flatpak", "run", APP_ID], log="app")
    wait_for(lambda: window_titled(session, "Orderwatch"), 60, "the Orderwatch window")
    result = session.run(["flatpak", "run", "--command=gsettings", APP_ID, "set", APP_ID,
                          "run-in-background", "true"])
    check(result.returncode == 0, "gsettings set failed: " + result.stderr)
    autostart = os.path.join(session.home, ".config", "autostart", APP_ID + ".desktop")
    wait_for(lambda: os.path.isfile(autostart), 30, "the portal's autostart entry " + autostart)
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(autostart)
    exec_line = entry["Desktop Entry"]["Exec"]
    print("# Exec=" + exec_line)
    argv = shlex.split(exec_line)
    check(argv[:2] == ["flatpak", "run"] and "--command=orderwatch" in argv and
          APP_ID in argv and argv[-1] == "--background", "Exec=" + exec_line)
    check(not os.path.exists(os.path.join(session.var, "config", "autostart")),
          "the app wrote an autostart entry of its own inside the sandbox")
    check(session.app_action("quit").returncode == 0, "app.quit failed")
    app.wait(30)

    # What the desktop runs at login.
    started = session.spawn(argv, log="autostarted")
    wait_for(lambda: session.has_name(APP_ID), 60, "the background instance on the bus")
    time.sleep(2)
    check(started.poll() is None, "the background instance exited")
    check(window_titled(session, "Orderwatch") is None, "--background opened a window")
    check(session.app_action("quit").returncode == 0, "app.quit failed")
    started.wait(30)
    check(started.returncode == 0, f"the background instance exited {started.returncode}")


class Fake17track(http.server.BaseHTTPRequestHandler):
    tokens = []

    def do_POST(self):
        Fake17track.tokens.append(self.headers.get("17token"))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"code": 0, "data": {"accepted": [], "rejected": []}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def key_round_trip(session, key):
    """Stores the key with the CLI inside the sandbox, then has `refresh` send it."""
    stored = session.orderwatch("key", "set", input=key + "\n", hang_retries=6)
    print("# " + stored.stdout.strip())
    status = session.orderwatch("key", "status", hang_retries=6).stdout.strip()
    print("# " + status)
    server = http.server.HTTPServer(("127.0.0.1", 0), Fake17track)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        Fake17track.tokens = []
        add_order(session, "--marketplace", "ebay", "--order", "27-11111-22222",
                  "--shipped", "2026-11-20T10:00:00Z", "--tracking", "1Z999AA10123456784",
                  "--provider", "17track")
        session.orderwatch("refresh", env={"ORDERWATCH_17TRACK_URL":
                                           f"http://127.0.0.1:{server.server_port}"},
                           expect=None, hang_retries=6)
    finally:
        server.shutdown()
    check(key in Fake17track.tokens, f"17TRACK got tokens {Fake17track.tokens}, not the key")
    return stored.stdout, status


def test_secret_portal(session):
    """The 17TRACK key through the Secret portal (gnome-keyring), no org.freedesktop.secrets."""
    permissions = session.run(["flatpak", "info", "--show-permissions", APP_ID]).stdout
    check("org.freedesktop.secrets" not in permissions, "the app may talk to the keyring: "
          + permissions)
    # A login keyring, unlocked, as a GNOME session has it.
    keyring = session.run(["gnome-keyring-daemon", "--unlock", "--components=secrets",
                           "--daemonize"], input="test-password")
    check(keyring.returncode == 0, "gnome-keyring-daemon: " + keyring.stderr)
    wait_for(lambda: session.has_name("org.freedesktop.secrets"), 30, "gnome-keyring")
    stored, status = key_round_trip(session, "TESTKEY-portal-0123456789")
    check("keyring" in stored and "keyring" in status, stored + status)
    # libsecret's file backend: encrypted with the secret the portal handed out.
    keyfile = os.path.join(session.var, "data", "keyrings", "default.keyring")
    check(os.path.isfile(keyfile), f"no {keyfile}: the Secret portal was not used")
    with open(keyfile, "rb") as f:
        check(b"TESTKEY-portal" not in f.read(), "the key is stored in clear")


def test_secret_none(session):
    """No Secret portal: the key is kept in a file of the app's, and the app says where."""
    stored, status = key_round_trip(session, "TESTKEY-file-0123456789")
    path = os.path.join("~", ".var", "app", APP_ID, "config", "orderwatch")
    check("17track-api-key" in stored and "17track-api-key" in status, stored + status)
    keyfile = os.path.join(session.var, "config", "orderwatch", "17track-api-key")
    check(os.path.isfile(keyfile), f"no {keyfile}")
    check(os.stat(keyfile).st_mode & 0o077 == 0, "the key file is readable by others")


def test_bundle(session):
    """The bundle a user would download installs and runs (last: it replaces the app)."""
    bundle = os.path.join(OUT, "orderwatch.flatpak")
    check(os.path.isfile(bundle), f"no {bundle}")
    result = session.run(["flatpak", "--user", "uninstall", "-y", "--noninteractive", APP_ID],
                         timeout=120)
    check(result.returncode == 0, "flatpak uninstall: " + result.stdout + result.stderr)
    result = session.run(["flatpak", "--user", "install", "-y", "--noninteractive",
                          "--bundle", bundle], timeout=120)
    check(result.returncode == 0, "flatpak install --bundle: " + result.stdout + result.stderr)
    info = session.run(["flatpak", "--user", "info", APP_ID]).stdout
    print("# " + " ".join(line.strip() for line in info.splitlines()
                          if line.strip().startswith(("Origin", "Commit", "Runtime"))))
    add_order(session, "--order", "8100000000000099", "--item", "From the bundle")
    check("From the bundle" in session.orderwatch("list").stdout, "list after install")


# name, function, the desktop, the portal backends (None: every installed one)
TESTS = [
    ("cli", test_cli, "GNOME", None),
    ("window", test_window, "GNOME", None),
    ("notification", test_notification, "GNOME", ["gtk.portal", "gnome.portal"]),
    ("notification-no-portal", test_notification_no_portal, "GNOME", []),
    ("background", test_background, "GNOME", ["gtk.portal", "gnome.portal"]),
    ("secret-portal", test_secret_portal, "GNOME", None),
    ("secret-none", test_secret_none, "GNOME", ["gtk.portal", "gnome.portal"]),
    ("bundle", test_bundle, "GNOME", None),
]


def main():
    wanted = sys.argv[1:]
    selected = [t for t in TESTS if not wanted or any(w in t[0] for w in wanted)]
    tools = ("flatpak", "dbus-daemon", "xwininfo", "import", "gdbus", "gnome-keyring-daemon",
             "/usr/libexec/xdg-desktop-portal")
    missing = [t for t in tools if not shutil.which(t)]
    missing += [v for v in ("DISPLAY", "FLATPAK_USER_DIR") if v not in os.environ]
    print(f"1..{len(selected)}")
    passed = failed = 0
    for number, (name, function, desktop, portals) in enumerate(selected, 1):
        started = time.monotonic()
        session = None
        ok = False
        try:
            if missing:
                raise Failure("missing: " + ", ".join(missing))
            session = Session(name, desktop, portals)
            function(session)
            ok = True
        except Exception as e:
            detail = str(e) if isinstance(e, Failure) else traceback.format_exc()
            print("# " + detail.strip().replace("\n", "\n# "))
        finally:
            if session is not None:
                session.close()
        took = f"({time.monotonic() - started:.1f} s)"
        if ok:
            passed += 1
            print(f"ok {number} /flatpak/{name} {took}")
            shutil.rmtree(session.home, ignore_errors=True)
        else:
            failed += 1
            print(f"not ok {number} /flatpak/{name} {took}")
            if session is not None:
                print(f"# the home, the bus's and the services' logs: {session.home}")
    print(f"Flatpak: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
