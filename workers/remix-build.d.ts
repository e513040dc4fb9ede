// wrangler.toml and the vitest config alias this to ./build/server/index.js (the Remix build).
declare module "virtual:remix-build" {
  import type { ServerBuild } from "@remix-run/cloudflare";
  const build: ServerBuild;
  export = build;
}
