export * from './canonical.js';
export * from './errors.js';
export * from './headers.js';
export * from './metadata.js';
export * from './sign-request.js';
export * from './signature.js';
export * from './secrets.js';
