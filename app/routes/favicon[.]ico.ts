// Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says; Core's icon is an SVG.
export const loader = () => new Response(null, { status: 301, headers: { Location: "/favicon.svg", "Cache-Control": "public, max-age=86400" } });
