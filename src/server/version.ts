/** The version the server reports (API health, Harbor metadata); the CLI's own. */
export const SERVER_VERSION = '0.1.0';
