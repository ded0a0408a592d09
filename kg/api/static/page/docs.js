// Starts Swagger UI on /docs (issue 17). A file, not an inline script, so the page keeps the
// strict Content-Security-Policy; no validator badge, which would call validator.swagger.io.
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  window.kgSwagger = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    layout: "BaseLayout",
    presets: [SwaggerUIBundle.presets.apis],
  });
})();
