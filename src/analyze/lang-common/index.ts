export * from './package.js';
