# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Mistake: a blocking call inside a button command.

The most common freeze of all, and asyncio has nothing to do with it: a
command runs on the Tk thread, so while time.sleep() or a synchronous HTTP
request waits, Tk cannot repaint or handle a click. The window freezes for
as long as the call takes. To need no network, the file starts its own slow
server on 127.0.0.1. The fix (fixes/blocking_call_in_command.py) moves the
call to a thread that feeds a queue.Queue.
"""

import http.server
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


def main() -> None:
    url = start_server()
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=32)

    def on_sleep() -> None:
        label.config(text="sleeping…")  # never seen: Tk paints when idle
        time.sleep(1)  # MISTAKE: the Tk thread sleeps, the window freezes
        label.config(text="slept 1 s")

    def on_fetch() -> None:
        with urllib.request.urlopen(url) as response:  # MISTAKE: waits on the Tk thread
            label.config(text=response.read().decode())

    tk.Button(root, text="Sleep", command=on_sleep).pack(padx=12, pady=(12, 4))
    tk.Button(root, text="Fetch", command=on_fetch).pack(padx=12, pady=4)
    label.pack(padx=12, pady=(4, 12))
    root.mainloop()


if __name__ == "__main__":
    main()
