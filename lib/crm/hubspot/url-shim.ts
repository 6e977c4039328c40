/**
 * The api-client's generated modules `require("url")` only for `URL`. Node has that module, a
 * browser bundle does not ("URL is not a constructor"), so the extension build aliases `url` to
 * this file, which hands out the platform's own classes.
 */
export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;
export default { URL, URLSearchParams };
