"""The preview's web server (tornado, on the loopback address only).

``GET /`` serves the current :class:`~egovnb.publish.preview.Page` with a small script added
before ``</body>``: the served copy only, the published page stays free of scripts. The script
long-polls ``GET /version?since=N``, which answers as soon as a render newer than N is done (or
after :data:`POLL_SECONDS` with the same number), and reloads the page when the number moved.

One thread renders (renders never overlap; saves that come during a render give one more
render after it), one watches the inputs (:func:`egovnb.publish.preview.watch_inputs`); the
tornado loop only serves.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
from pathlib import Path

POLL_SECONDS = 25
HOST = "127.0.0.1"
# Added to the served copy of the page only. It asks for the next version and reloads when it
# changed; on a lost connection (the preview stopped) it tries again every second.
RELOAD_SCRIPT = """<script>
(function () {
  var version = %d;
  function poll() {
    fetch("/version?since=" + version, {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (t) { if (parseInt(t, 10) !== version) { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>
"""


class _Rendering:
    """What is served before the first render is done (it reloads itself when it is)."""

    version = 0
    body = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>egovnb preview</title>\n'
            "</head>\n<body>\n<p>Rendering the report…</p>\n</body>\n</html>\n")


RENDERING = _Rendering()


def served(page) -> bytes:
    """The page as served: its HTML with the reload script before ``</body>``."""
    script = RELOAD_SCRIPT % page.version
    body = page.body
    at = body.rfind("</body>")
    body = body[:at] + script + body[at:] if at >= 0 else body + script
    return body.encode("utf-8")


class PreviewState:
    """The page now served, and a way to wait for the next one (on the tornado loop)."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.page = None
        self._changed = asyncio.Condition()

    def publish(self, page) -> None:
        """Serve ``page`` from now on (called from the render thread)."""
        async def notify():
            self.page = page
            async with self._changed:
                self._changed.notify_all()

        if self.loop.is_running():
            asyncio.run_coroutine_threadsafe(notify(), self.loop)
        else:  # the preview is stopping: nobody waits
            self.page = page

    async def wait_newer(self, since: int, timeout: float) -> int:
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(
                    lambda: self.page is not None and self.page.version != since), timeout)
            except asyncio.TimeoutError:
                pass
        return self.page.version if self.page is not None else 0


def make_app(state: PreviewState):
    import tornado.web

    class PageHandler(tornado.web.RequestHandler):
        def get(self):
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.write(served(state.page or RENDERING))

    class VersionHandler(tornado.web.RequestHandler):
        async def get(self):
            try:
                since = int(self.get_argument("since", "0"))
            except ValueError:
                since = 0
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "text/plain")
            self.write(str(await state.wait_newer(since, POLL_SECONDS)))

    class NoIcon(tornado.web.RequestHandler):
        def get(self):
            self.set_status(204)

    return tornado.web.Application([(r"/", PageHandler), (r"/version", VersionHandler), (r"/favicon.ico", NoIcon)])


def serve(params_path: Path, port: int, *, ready=None, stop: threading.Event | None = None) -> None:
    """Serve the preview of ``params_path`` on http://127.0.0.1:``port``/ until interrupted (or
    ``stop`` is set). ``ready(port)`` is called once listening (port 0: a free one is chosen)."""
    from egovnb.publish.preview import Previewer, watch_inputs

    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        # `kill` stops the preview as Ctrl-C does: its kernels and zygote stopped, its folder removed.
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    previewer = Previewer(params_path)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    state = PreviewState(loop)
    app = make_app(state)
    from tornado.httpserver import HTTPServer
    from tornado.netutil import bind_sockets

    sockets = bind_sockets(port, address=HOST)  # port 0: the one the system chose is read back
    server = HTTPServer(app)
    server.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    changed = threading.Event()
    changed.set()  # the first render

    def render_loop():
        while not stop.is_set():
            if not changed.wait(0.2):
                continue
            changed.clear()
            page = previewer.render()
            state.publish(page)
            print(f"{'rendered' if page.ok else 'problems shown'} in {page.seconds:.2f} s (version {page.version})",
                  file=sys.stderr, flush=True)

    threads = [threading.Thread(target=render_loop, name="egovnb-preview-render", daemon=True),
               threading.Thread(target=watch_inputs, args=(previewer.params_path, changed, stop),
                                name="egovnb-preview-watch", daemon=True)]
    for thread in threads:
        thread.start()

    async def until_stopped():
        while not stop.is_set():
            await asyncio.sleep(0.1)

    if ready is not None:
        ready(port)
    try:
        loop.run_until_complete(until_stopped())
    finally:
        stop.set()
        server.stop()
        for thread in threads:
            thread.join(timeout=30)
        previewer.close()
        loop.close()
