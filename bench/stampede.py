"""Sends N GETs to a URL at once, each on a connection of its own opened for it, and prints how
the answers came back within TIMEOUT seconds (default: wait for all):

    RESULT statuses=200:500 answered=500 unanswered=0 p50_ms=310.2 p99_ms=331.0 seconds=0.33

Standard library only.
"""
import asyncio
import sys
import time
from collections import Counter
from urllib.parse import urlsplit


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def main(url: str, connections: int, timeout: float) -> None:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    request = f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode()
    started = time.monotonic()
    writers = []

    async def answer():
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        writers.append(writer)
        writer.write(request)
        status_line = await reader.readline()
        length = None
        while (header := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = header.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        # Like any HTTP client, stop at Content-Length rather than wait for the server to close.
        await (reader.readexactly(length) if length is not None else reader.read())
        # Close as a probe does: a sync server worker may otherwise wait on the idle connection.
        writer.close()
        status = status_line.split()[1].decode() if status_line else "closed"
        return status, (time.monotonic() - started) * 1000

    tasks = [asyncio.ensure_future(answer()) for _ in range(connections)]
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    seconds = time.monotonic() - started
    for task in pending:
        task.cancel()
    for writer in writers:
        writer.close()
    answers = [task.result() for task in done if not task.exception()]
    statuses = Counter(status for status, _ in answers)
    latencies = [latency for _, latency in answers]
    summary = ",".join(f"{status}:{count}" for status, count in sorted(statuses.items())) or "none"
    print(
        f"RESULT statuses={summary} answered={len(answers)} unanswered={len(pending)} "
        f"p50_ms={percentile(latencies, 0.5):.1f} p99_ms={percentile(latencies, 0.99):.1f} "
        f"seconds={seconds:.2f}"
    )


if __name__ == "__main__":
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else None
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), timeout))
