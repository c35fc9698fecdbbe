import { main } from './main';

// dist/server.js: the language server process started by the extension.
main();
