// Every /api/v1 resource module, imported for its OpenAPI registrations.
import "./org-mappings";
