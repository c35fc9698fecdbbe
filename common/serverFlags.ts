/*
 * How the language server's process is started: the VS Code client forks it
 * with these flags, the benchmark spawns it with them, and the README gives
 * them to other editors. In a module of its own so that the client bundle
 * takes the flags without the server's code.
 */

/**
 * V8 flags for the server's process. The thread that answers requests holds
 * the workspace index, hundreds of MB for a big folder; with V8's small
 * initial old generation, building it triggers one full collection after
 * another, each marking the whole index again on V8's helper threads.
 * Starting the old generation at 400 MB took a warm start of 10,000
 * documents from about 7.6 s to 6.0 s with the same peak memory (alternating
 * runs); cold, the difference was inside the machine's noise. It is a
 * threshold, not an allocation, so a small folder's server stays small. The
 * analysis threads do not take it (server/src/lsp/heapFlags.ts).
 */
export const SERVER_V8_FLAGS: readonly string[] = ['--initial-old-space-size=400'];
