# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
"""Fixed: one long-lived event loop owns the connection, and every task uses it.

The loop runs in its own thread for the life of the window, so the connection
opened by the first task is still on the right loop for the second.
Tasks are submitted with run_coroutine_threadsafe(); each answer is put in a
queue.Queue from the loop thread and the Tk thread polls it. To need no
network, the file starts its own server on 127.0.0.1.
"""

import asyncio
import queue
import socketserver
import threading
import tkinter as tk


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
connection = None  # opened once, used only on the one loop below


async def ask(question: str) -> str:
    global connection
    if connection is None:
        connection = await asyncio.open_connection("127.0.0.1", PORT)
    reader, writer = connection
    writer.write(question.encode() + b"\n")
    await writer.drain()
    return (await reader.readline()).decode().strip()


async def close_connection() -> None:
    if connection is not None:
        connection[1].close()
        await connection[1].wait_closed()


def run_loop(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    loop.run_forever()  # until stop()
    loop.run_until_complete(close_connection())
    loop.close()


def main() -> None:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=run_loop, args=(loop,))
    thread.start()
    root = tk.Tk()
    label = tk.Label(root, text="idle", width=60)
    results: queue.Queue = queue.Queue()
    jobs = [0]

    def on_ask() -> None:
        jobs[0] += 1
        job = jobs[0]
        future = asyncio.run_coroutine_threadsafe(ask(f"question {job}"), loop)
        # Runs in the loop thread: the queue only, never Tk.
        future.add_done_callback(lambda done: results.put(f"task {job}: {done.result()}"))

    def poll() -> None:
        while not results.empty():
            label.config(text=results.get_nowait())
        root.after(50, poll)

    def close() -> None:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()  # safe: the loop thread never waits for Tk
        root.destroy()

    tk.Button(root, text="Ask", command=on_ask).pack(padx=12, pady=(12, 4))
    label.pack(padx=12, pady=(4, 12))
    root.protocol("WM_DELETE_WINDOW", close)
    poll()
    root.mainloop()


if __name__ == "__main__":
    main()
