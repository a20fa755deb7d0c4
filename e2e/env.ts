// Where the e2e server lives: its own ports and data dir, so it never collides with a running `npm start`.
export const E2E = {
  port: 3100,
  demoPort: 4110,
  pgPort: 54339,
  githubPort: 4120,
  /** A local HTTP receiver the alerts spec starts, standing in for a team's webhook endpoint. */
  alertReceiverPort: 4130,
  dataDir: ".data/e2e",
  get baseURL() {
    return `http://127.0.0.1:${this.port}`;
  },
  get demoURL() {
    return `http://127.0.0.1:${this.demoPort}`;
  },
};
