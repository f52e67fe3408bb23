export * from './roles.js';
export * from './password-rules.js';
