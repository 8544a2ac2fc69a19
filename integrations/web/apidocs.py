"""The OpenAPI pages, /docs (Swagger UI) and /redoc, from vendored assets: they work with no network.

FastAPI's own pages load Swagger UI and ReDoc from a CDN; offline that is a blank page. The files are
in static/apidocs/ (versions and licences in its README.md) and served under /static/apidocs/.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, Response

SWAGGER = "/static/apidocs/swagger-ui-5.35.0"
REDOC_FILE = Path(__file__).parent / "static" / "apidocs" / "redoc-2.5.2" / "redoc.standalone.js"
REDOC_LOGO = b'"https://cdn.redoc.ly/redoc/logo-mini.svg"'


@lru_cache(maxsize=1)
def _redoc_js() -> bytes:
    # ReDoc's footer shows Redocly's logo from their CDN (and hides it when that fails): no request at all.
    return REDOC_FILE.read_bytes().replace(REDOC_LOGO, b'""')


def mount(app: FastAPI) -> None:
    """Adds /docs and /redoc; create the app with docs_url=None and redoc_url=None. /static is mounted by
    the candidate page (integrations/web/candidate.py)."""
    title = f"{app.title} — API"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url, title=title,
                                   swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{SWAGGER}/swagger-ui.css",
                                   swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
                                   oauth2_redirect_url="/docs/oauth2-redirect")

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc/redoc.standalone.js", include_in_schema=False)
    def redoc_js() -> Response:
        return Response(_redoc_js(), media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=app.openapi_url, title=title, redoc_js_url="/redoc/redoc.standalone.js",
                              redoc_favicon_url=f"{SWAGGER}/favicon-32x32.png", with_google_fonts=False)
