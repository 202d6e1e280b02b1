# SPDX-License-Identifier: 0BSD
# two-loops: expect=raises RuntimeError
"""Mistake: an asyncio connection cached across per-worker event loops.

The Queue + polling pattern runs asyncio.run() in each worker: a new event
loop per task. A connection opened on the first loop belongs to it; cached
and used again by the second worker, on its own loop, it fails with

    RuntimeError: Task <…> got Future <…> attached to a different loop

Per-worker loops cannot share anything asynchronous: connections, locks,
asyncio queues. The fix (fixes/client_bound_to_first_loop.py) keeps one
long-lived loop, which can. To need no network, the file starts its own
server on 127.0.0.1.
"""

import asyncio
import queue
import socketserver
import threading
import tkinter as tk
import traceback


class Answer(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        for line in self.rfile:
            self.wfile.write(b"answer to " + line)


def start_server() -> int:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Answer)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


PORT = start_server()
connection = None  # MISTAKE: cached for every worker, but bound to the first one's loop


async def ask(question: str) -> str:
    global connection
    if connection is None:
        connection = await asyncio.open_connection("127.0.0.1", PORT)
    reader, writer = connection
    writer.write(question.encode() + b"\n")
    await writer.drain()
    return (await reader.readline()).decode().strip()


def work(job: int, results: queue.Queue) -> None:
    try:
        answer = asyncio.run(ask(f"question {job}"))  # a new event loop each time
    except Exception as exc:
        traceback.print_exc()
        answer = f"failed: {exc!r}"
    results.put(f"task {job}: {answer}")


def main() -> None:
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=60)
    results: queue.Queue = queue.Queue()
    jobs = [0]

    def on_ask() -> None:
        jobs[0] += 1
        threading.Thread(target=work, args=(jobs[0], results), daemon=True).start()

    def poll() -> None:
        while not results.empty():
            label.config(text=results.get_nowait())
        root.after(50, poll)

    tk.Button(root, text="Ask", command=on_ask).pack(padx=12, pady=(12, 4))
    label.pack(padx=12, pady=(4, 12))
    poll()
    root.mainloop()


if __name__ == "__main__":
    main()
