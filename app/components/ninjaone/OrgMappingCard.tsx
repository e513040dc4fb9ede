// Where organization mapping lives on the NinjaOne page: the Organization Mapping tab (the full
// review page, what the inbox notices link to) and the quick mapping panel over the Overview.
export const MAPPINGS_PAGE = "/settings/integrations/ninjaone/mappings";
export const MAP_PANEL = "/settings/integrations/ninjaone/map";
