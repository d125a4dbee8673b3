"""The OpenAPI document and its browsable page: /api/v1/openapi.json (JSON), /api/v1/openapi.yaml (YAML) and
/api/v1/docs/ (Swagger UI, vendored from npm under static/vendor/swagger-ui, no CDN).

The page runs under the strict CSP: no inline script or style; its start-up script is served by the same view
(``?script``, drf-spectacular's split view), the bundle and the stylesheet from our static files."""

from drf_spectacular.renderers import OpenApiJsonRenderer2, OpenApiYamlRenderer
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer


class _OneFormat(SpectacularAPIView):
    """The document in one format, whatever the client's Accept header or ?format= say (the URL's suffix
    decides); not itself one of the API's operations."""

    def perform_content_negotiation(self, request, force=False):
        renderer = self.renderer_classes[0]()
        return renderer, renderer.media_type

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OpenApiJson(_OneFormat):
    renderer_classes = [OpenApiJsonRenderer2]  # application/json


class OpenApiYaml(_OneFormat):
    renderer_classes = [OpenApiYamlRenderer]  # application/vnd.oai.openapi


class ApiDocs(SpectacularSwaggerSplitView):
    """Swagger UI over /api/v1/openapi.json; its errors (a 405...) answer in JSON like the rest of the API."""

    template_name = "api/docs.html"
    url_name = "api_openapi"
    title = "Trama API"

    def get_renderers(self):
        return super().get_renderers() if self.request.method == "GET" else [JSONRenderer()]
