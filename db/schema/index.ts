export * from './sites.ts';
export * from './customers.ts';
export * from './visitors.ts';
export * from './sessions.ts';
export * from './events.ts';
export * from './products.ts';
export * from './orders.ts';
export * from './customer-stats.ts';
