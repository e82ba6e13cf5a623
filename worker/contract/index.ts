export * from './constants.ts';
export * from './common.ts';
export * from './visitors.ts';
export * from './events.ts';
export * from './identify.ts';
export * from './me.ts';
export * from './orders.ts';
export * from './customers.ts';
