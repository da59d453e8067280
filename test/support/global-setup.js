// Jest globalSetup: the PostgreSQL decision, then the console built for the browser tests.
const postgresGlobalSetup = require('./postgres-global-setup');
const buildConsoleWhenStale = require('./console-global-setup');

module.exports = async function globalSetup() {
  buildConsoleWhenStale();
  await postgresGlobalSetup();
};
