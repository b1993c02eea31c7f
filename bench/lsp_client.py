"""A minimal LSP client over stdio, written for timing: plain JSON, no conversion layer, and every
message from the server stamped with `time.perf_counter()` the moment it is read."""
from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

SERVER_COMMAND = [sys.executable, "-m", "shapelens", "server"]


class Server:
    """A `shapelens server` subprocess and the JSON-RPC conversation with it."""

    def __init__(self, process: asyncio.subprocess.Process, spawned: float):
        self.process = process
        self.spawned = spawned  # perf_counter() just before the process was started
        self.published: list[tuple[float, dict]] = []  # (arrival, publishDiagnostics params)
        self.logs: list[str] = []
        self._ids = itertools.count(1)
        self._responses: dict[int, asyncio.Future] = {}
        self._arrived = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, root: Path, options: dict | None = None) -> Server:
        spawned = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            *SERVER_COMMAND, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL)  # nobody reads it: a full pipe would block the server
        server = cls(process, spawned)
        await server.request("initialize", {
            "processId": None, "rootUri": root.as_uri(), "capabilities": {}, "clientInfo": {"name": "shapelens-bench"},
            "initializationOptions": options})
        server.notify("initialized", {})
        return server

    async def stop(self) -> None:
        await self.request("shutdown", None)
        self.notify("exit", None)
        await asyncio.wait_for(self.process.wait(), 10)
        self._reader.cancel()

    # ---- JSON-RPC ----------------------------------------------------------------------------

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> float:
        """Send a notification; returns when it was written (perf_counter)."""
        self._send({"method": method, "params": params})
        return time.perf_counter()

    async def request(self, method: str, params: Any) -> Any:
        id_ = next(self._ids)
        self._responses[id_] = future = asyncio.get_running_loop().create_future()
        self._send({"id": id_, "method": method, "params": params})
        message = await future
        if "error" in message:
            raise RuntimeError(f"{method}: {message['error']}")
        return message.get("result")

    async def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = 0
            while (line := await stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if not line:
                return  # the server exited
            message = json.loads(await stream.readexactly(length))
            arrival = time.perf_counter()
            if "id" in message and "method" not in message:
                self._responses.pop(message["id"]).set_result(message)
            elif "id" in message:  # a request from the server (e.g. registerCapability)
                self._send({"id": message["id"], "result": None})
            elif message["method"] == "textDocument/publishDiagnostics":
                self.published.append((arrival, message["params"]))
                self._arrived.set()
            elif message["method"] == "window/logMessage":
                self.logs.append(message["params"]["message"])

    # ---- documents -----------------------------------------------------------------------------

    async def publication(self, uri: str, version: int, timeout: float) -> tuple[float, dict] | None:
        """The first publishDiagnostics of `uri` at `version` (arrival time, params), or None if
        none came within `timeout` seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            for arrival, params in self.published:
                if params["uri"] == uri and params.get("version") == version:
                    return arrival, params
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), max(deadline - time.perf_counter(), 0))
            except asyncio.TimeoutError:
                return None

    def rss_mb(self) -> float:
        """The server's resident memory now (Linux)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc status")


class Document:
    """An open document whose every version is sent whole (the server asks for full sync)."""

    def __init__(self, server: Server, path: Path, text: str):
        self.server, self.uri, self.text, self.version = server, path.as_uri(), text, 1
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.uri, "languageId": "python", "version": 1, "text": text}})

    def change(self, text: str) -> float:
        self.text, self.version = text, self.version + 1
        return self.server.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri, "version": self.version},
            "contentChanges": [{"text": text}]})

    def save(self) -> float:
        return self.server.notify("textDocument/didSave", {"textDocument": {"uri": self.uri}})

    async def published(self, timeout: float) -> tuple[float, dict] | None:
        return await self.server.publication(self.uri, self.version, timeout)

    async def hover(self, line: int, character: int) -> Any:
        return await self.server.request("textDocument/hover", {
            "textDocument": {"uri": self.uri}, "position": {"line": line, "character": character}})

    async def code_actions(self, diagnostic: dict) -> Any:
        return await self.server.request("textDocument/codeAction", {
            "textDocument": {"uri": self.uri}, "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]}})
