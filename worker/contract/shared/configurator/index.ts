/**
 * The configurator's rule engine, written once: the `<crm-order-builder>` widget runs it for
 * instant feedback and the server runs the same module as the authority on every evaluation,
 * saved design and order. Pure code (no DOM, no Node), no dependencies.
 */
export * from './model.ts';
export * from './engine.ts';
export * from './check.ts';
export * from './preview.ts';
export { text, ENGINE_MESSAGES } from './messages.ts';
