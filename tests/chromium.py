"""Headless Chromium driven over the DevTools protocol with a stdlib-only WebSocket client.

Used by the browser tests (layout at phone and desktop widths, console errors) and by
docs/screenshots.py. Chromium is Debian's `chromium` package: apt-get install -y chromium.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = "headless Chromium is not installed: run `apt-get install -y chromium` (Debian) to run the browser tests"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
]
MEASURE = """JSON.stringify({
  scrollWidth: Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0),
  clientWidth: document.documentElement.clientWidth,
  height: document.documentElement.scrollHeight
})"""


@dataclass
class Page:
    """What a loaded page showed: its widths, and the errors in its console."""

    scroll_width: int
    client_width: int
    height: int
    errors: list[str] = field(default_factory=list)

    @property
    def scrolls_sideways(self) -> bool:
        return self.scroll_width > self.client_width


class WebSocket:
    """Just enough of RFC 6455 for DevTools: masked text frames out, (fragmented) text frames in."""

    def __init__(self, url: str, timeout: float = 30) -> None:
        host_port, _, path = url.removeprefix("ws://").partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(1)
        if b" 101 " not in response.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"DevTools refused the WebSocket: {response[:80]!r}")

    def send(self, text: str) -> None:
        data = text.encode()
        mask = os.urandom(4)
        length = len(data)
        if length < 126:
            header = struct.pack("!BB", 0x81, 0x80 | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, length)
        masked = bytes(byte ^ mask[i % 4] for i, byte in enumerate(data))
        self.sock.sendall(header + mask + masked)

    def receive(self) -> str:
        message = b""
        while True:
            first, second = self._exactly(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._exactly(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._exactly(8))[0]
            payload = self._exactly(length)
            if first & 0x0F in (0x1, 0x0):
                message += payload
                if first & 0x80:
                    return message.decode()

    def _exactly(self, count: int) -> bytes:
        chunks, left = [], count
        while left:
            chunk = self.sock.recv(min(left, 1 << 20))
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.sock.close()


class Chromium:
    """One headless browser with one tab; `load` opens a file at a width and measures it."""

    def __init__(self) -> None:
        if not CHROMIUM.exists() or not shutil.which(str(CHROMIUM)):
            raise FileNotFoundError(INSTALL_HINT)
        self.profile = tempfile.TemporaryDirectory(prefix="briefer-chromium-", ignore_cleanup_errors=True)
        command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={self.profile.name}", "about:blank"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.socket = WebSocket(self._browser_url())
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)

    def _browser_url(self, wait: float = 20) -> str:
        marker = Path(self.profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if marker.exists() and len(lines := marker.read_text().split()) == 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.close()
        raise RuntimeError("Chromium did not start its DevTools endpoint")

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {event} within {timeout}s")
            self.events.append(json.loads(self.socket.receive()))

    def load(self, path: Path, width: int, height: int = 800) -> Page:
        """Open `path` in a viewport `width` CSS pixels wide (a phone below 600) and measure it."""
        mobile = width < 600
        self.call(
            "Emulation.setDeviceMetricsOverride", True, width=width, height=height, deviceScaleFactor=1, mobile=mobile
        )
        self.events.clear()
        self.call("Page.navigate", True, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        value = self.call("Runtime.evaluate", True, expression=MEASURE, returnByValue=True)["result"]["value"]
        sizes = json.loads(value)
        return Page(sizes["scrollWidth"], sizes["clientWidth"], sizes["height"], self._errors())

    def _viewport(self, width: int, height: int) -> None:
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
        self.call("Emulation.setDeviceMetricsOverride", True, **metrics)

    def _errors(self) -> list[str]:
        errors = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Log.entryAdded" and params["entry"]["level"] == "error":
                errors.append(params["entry"]["text"])
            elif event.get("method") == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                errors.append(" ".join(str(arg.get("value", "")) for arg in params["args"]))
            elif event.get("method") == "Runtime.exceptionThrown":
                errors.append(params["exceptionDetails"].get("text", "exception"))
        return errors

    def screenshot(self, path: Path, width: int, target: Path) -> None:
        """A PNG of the whole page at `width`, saved as `target`."""
        page = self.load(path, width)
        height = max(page.height, 1)
        mobile = width < 600
        self.call(
            "Emulation.setDeviceMetricsOverride", True, width=width, height=height, deviceScaleFactor=1, mobile=mobile
        )
        shot = self.call("Page.captureScreenshot", True, format="png", captureBeyondViewport=True)
        target.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        if hasattr(self, "socket"):
            self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
