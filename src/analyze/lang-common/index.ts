export * from './package.js';
export * from './elf.js';
export * from './executable.js';
