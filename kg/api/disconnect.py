"""Tell query routes when their client has gone away (issue 16, item 4).

Route handlers are plain ``def`` running in the thread pool, and a query waits there for a
worker process; nothing in that thread would notice that the client closed its connection.
:class:`DisconnectMiddleware` reads the request body first (``BodyLimitMiddleware``, outside
it, bounds its size), then watches the connection for ``http.disconnect`` while the route
runs, and sets a :class:`threading.Event` stored in the ASGI scope under :data:`DISCONNECTED`.
The query executor checks that event while the query waits or runs, and stops work no client
is waiting for any more.
"""

from __future__ import annotations

import threading

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: the ASGI scope key of the request's "client disconnected" event
DISCONNECTED = "kg.disconnected"
#: paths whose routes run queries (others are answered without waiting on a worker)
_WATCHED = ("/sparql", "/queries/", "/resource/")


class DisconnectMiddleware:
    """Set ``scope[DISCONNECTED]`` when the client of a query route disconnects."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(_WATCHED):
            await self.app(scope, receive, send)
            return
        gone = threading.Event()
        scope[DISCONNECTED] = gone
        body: list[Message] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                gone.set()
                return  # nobody to answer
            body.append(message)
            if not message.get("more_body", False):
                break
        left = anyio.Event()

        async def watch() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()
            left.set()

        async def replay() -> Message:
            if body:
                return body.pop(0)
            await left.wait()
            return {"type": "http.disconnect"}

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(watch)
            try:
                await self.app(scope, replay, send)
            finally:
                tasks.cancel_scope.cancel()


__all__ = ["DISCONNECTED", "DisconnectMiddleware"]
