"""GET /media/<sha256>.<ext>?e=…&s=…: a photo for a platform that only takes URLs, served
only with a valid, unexpired signature (see bot.delivery.media)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.delivery.media import MediaStore


def media_routes(media: MediaStore) -> list[Route]:
    async def serve(request: Request) -> Response:
        name = request.path_params["name"]
        ok = await media.verify(name, request.query_params.get("e", ""),
                                request.query_params.get("s", ""))
        found = await media.file_for(name) if ok else None
        if found is None:
            return PlainTextResponse("forbidden", status_code=403)
        path, content_type = found
        return FileResponse(path, media_type=content_type,
                            headers={"X-Content-Type-Options": "nosniff",
                                     "Cache-Control": "private, max-age=3600"})

    return [Route("/media/{name}", serve, methods=["GET"])]
