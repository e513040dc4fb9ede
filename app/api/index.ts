// Every /api/v1 resource module registers its OpenAPI paths when imported.
import "./assets";
