// Every /api/v1 resource registers its OpenAPI paths when imported. The document route takes
// openapiDocument from here, so it always sees every resource.
import "./customers";
import "./contacts";
import "./tickets";
import "./assets";
import "./contact-assignments";
import "./contact-suggestions";
import "./org-mappings";
import "./sync";
import "./lifecycle";
import "./integration";
import "./workspace";
import "./api-keys";
import "./audit";

export { openapiDocument } from "~/lib/openapi.server";
