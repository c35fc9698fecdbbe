/*
 * Limits of the network view, in a module of their own so that the webview
 * bundles can import them without the LSP protocol library.
 */

/** Default top-N: readable as a picture and smooth to lay out, even for 10,000 documents. */
export const NETWORK_TOP_N = 150;
/** The most actors a network answer holds, whatever top-N asks. */
export const NETWORK_MAX_NODES = 500;
