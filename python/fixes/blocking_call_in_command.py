# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Fixed: the blocking call runs in a thread that feeds a queue.Queue.

The command only starts a thread and returns at once, so Tk keeps painting
and handling clicks; the Tk thread shows what arrives in the queue. (Inside a
coroutine, `await asyncio.to_thread(f)` or `loop.run_in_executor(None, f)`
does the same job.)
"""

import http.server
import queue
import threading
import time
import tkinter as tk
import urllib.request


class SlowHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(1)  # a slow server
        body = b"the server's answer"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass  # keep the terminal quiet


def start_server() -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/"


def sleep() -> str:
    time.sleep(1)
    return "slept 1 s"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return response.read().decode()


def in_thread(results: queue.Queue, function, *args) -> None:
    """Runs function(*args) in a worker thread; its result or error goes in the queue."""

    def work() -> None:
        try:
            results.put(function(*args))
        except Exception as exc:
            results.put(f"failed: {exc!r}")

    threading.Thread(target=work, daemon=True).start()


def main() -> None:
    url = start_server()
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=32)
    results: queue.Queue = queue.Queue()

    def on_sleep() -> None:
        label.config(text="sleeping…")
        in_thread(results, sleep)

    def on_fetch() -> None:
        label.config(text="fetching…")
        in_thread(results, fetch, url)

    def poll() -> None:
        while not results.empty():
            label.config(text=results.get_nowait())
        root.after(50, poll)

    tk.Button(root, text="Sleep", command=on_sleep).pack(padx=12, pady=(12, 4))
    tk.Button(root, text="Fetch", command=on_fetch).pack(padx=12, pady=4)
    label.pack(padx=12, pady=(4, 12))
    poll()
    root.mainloop()


if __name__ == "__main__":
    main()
