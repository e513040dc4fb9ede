// Bulk Contact Association: what its page and server helpers share (safe for the browser bundle).
export const CONTACT_ASSOCIATION_PAGE = "/settings/integrations/ninjaone/contacts";
export const CONFIDENCE_FILTERS = [
  { value: "", label: "Any confidence" },
  { value: "80", label: "High (80% or more)" },
  { value: "50", label: "50% or more" },
  { value: "1", label: "With a suggestion" },
] as const;
